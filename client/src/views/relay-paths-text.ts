// The Relay paths view as text: one line per hop and per endpoint, the accessible equivalent of the
// picture ("L4 tcp 443: client → upstream app (broken: ...)"). Free of the vscode module.
import { hopHeadline } from '../../../server/src/graph/labels';
import { isBroken, type GraphHop, type GraphNode, type HopFinding, type RelayGraph, type SourceRef } from '../../../server/src/graph/model';

export interface RelayTextItem {
  /** The node's or hop's id, the same as the picture's data-id. */
  id: string;
  kind: 'hop' | 'node';
  /** The whole line as read out: what it is, then "(broken: ...)" when something breaks it. */
  text: string;
  /** What it is, without the problems. */
  what: string;
  /** The error and warning messages attached, joined; empty when none. */
  problems: string;
  broken: boolean;
  /** The line that creates it; absent for endpoints only implied (the client). */
  source?: SourceRef;
}

function problems(findings: readonly HopFinding[]): string {
  const shown = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  // Messages are sentences; end each one so that they read as a run of sentences.
  return shown.map((f) => (/[.!?]$/.test(f.message) ? f.message : `${f.message}.`)).join(' ');
}

function nodeName(n: GraphNode | undefined, id: string): string {
  if (!n) return id;
  return n.detail ? `${n.label} (${n.detail})` : n.label;
}

export function hopWhat(h: GraphHop, nodes: ReadonlyMap<string, GraphNode>): string {
  const arrow = h.bidirectional ? '↔' : '→';
  const what = h.label ? `, ${h.label}` : '';
  return `${hopHeadline(h)}: ${nodeName(nodes.get(h.from), h.from)} ${arrow} ${nodeName(nodes.get(h.to), h.to)}${what}`;
}

export function nodeWhat(n: GraphNode): string {
  return `${nodeName(n, n.id)}, ${n.kind.replaceAll('-', ' ')}`;
}

function item(kind: RelayTextItem['kind'], x: GraphHop | GraphNode, what: string): RelayTextItem {
  const broken = isBroken(x);
  const found = broken ? problems(x.findings) : '';
  return { id: x.id, kind, text: broken ? `${what} (broken: ${found})` : what, what, problems: found, broken, source: x.source };
}

/** The hops in the graph's order, then the endpoints from the public side inwards. */
export function relayTextItems(graph: RelayGraph): { hops: RelayTextItem[]; nodes: RelayTextItem[] } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const hops = graph.hops.map((h) => item('hop', h, hopWhat(h, byId)));
  const nodes = [...graph.nodes]
    .sort((a, b) => a.side - b.side || a.label.localeCompare(b.label))
    .map((n) => item('node', n, nodeWhat(n)));
  return { hops, nodes };
}

/**
 * The node or hop created by a given line (a code lens asks to show its own line): one whose
 * source starts on that line, else the narrowest one whose source spans it.
 */
export function itemAtLine(graph: RelayGraph, path: string, line: number): string | undefined {
  const items: { id: string; source?: SourceRef }[] = [...graph.hops, ...graph.nodes];
  const inFile = items.filter((i) => i.source?.path === path);
  const exact = inFile.find((i) => i.source!.range.start.line === line);
  if (exact) return exact.id;
  const span = (s: SourceRef) => s.range.end.line - s.range.start.line;
  const around = inFile
    .filter((i) => i.source!.range.start.line <= line && line <= i.source!.range.end.line)
    .sort((a, b) => span(a.source!) - span(b.source!));
  return around[0]?.id;
}

/** Where clicking the node or hop with this id should go. */
export function sourceOf(graph: RelayGraph, id: string): SourceRef | undefined {
  return graph.hops.find((h) => h.id === id)?.source ?? graph.nodes.find((n) => n.id === id)?.source;
}
