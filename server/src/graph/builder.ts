// Collects nodes and hops while the dialect extractors walk their files: one node per id, hop ids
// that stay stable for the same input, and for each item the source ranges that decide which
// findings it carries (attach.ts).
import { posix } from 'node:path';
import type { Range } from '../engine/syntax';
import type { GraphHop, GraphNode, HopFinding, RelayGraph, SourceRef } from './model';

/** Ranges a finding must overlap (`ranges`) or, failing that, lie inside (`scopes`) to be about an item. */
export interface Anchors {
  ranges?: SourceRef[];
  scopes?: SourceRef[];
}

export interface Anchored {
  item: { findings: HopFinding[] };
  ranges: SourceRef[];
  scopes: SourceRef[];
}

export type NodeInput = Omit<GraphNode, 'findings'>;
export type HopInput = Omit<GraphHop, 'id' | 'findings'>;

export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly hops = new Map<string, GraphHop>();
  readonly anchored: Anchored[] = [];
  /** The group new nodes get unless they name one (set by an extractor to its config's folder). */
  group: string | undefined;
  private readonly anchorOf = new Map<object, Anchored>();

  /** `base` is the folder ids are made relative to, so ids do not depend on where the files are. */
  constructor(readonly base: string) {}

  /** A path as ids and labels show it: relative to the base folder, `/` separated. */
  rel(path: string): string {
    const p = path.replace(/\\/g, '/');
    const r = posix.relative(this.base, p);
    return r && !r.startsWith('..') ? r : p;
  }

  /** The group of nodes read from a config file: its folder relative to the base. */
  groupOf(path: string): string {
    return posix.dirname(this.rel(path));
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Adds a node, or returns the one already there with that id (its anchors grow). */
  node(input: NodeInput, anchors: Anchors = {}): GraphNode {
    const known = this.nodes.get(input.id);
    if (known) {
      this.anchor(known, anchors);
      return known;
    }
    const group = input.group ?? this.group;
    const node: GraphNode = { ...input, ...(group === undefined ? {} : { group }), findings: [] };
    if (!node.source) delete node.source;
    if (node.detail === undefined) delete node.detail;
    this.nodes.set(node.id, node);
    this.anchor(node, input.source ? { ...anchors, ranges: [input.source, ...(anchors.ranges ?? [])] } : anchors);
    return node;
  }

  /** Adds a hop; a hop equal in endpoints, kind, protocol, port and label to one already there is merged into it. */
  hop(input: HopInput, anchors: Anchors = {}): GraphHop {
    const stem = `${input.from}->${input.to}#${input.kind}`;
    for (let n = 1; ; n++) {
      const id = n === 1 ? stem : `${stem}#${n}`;
      const known = this.hops.get(id);
      if (!known) {
        const hop: GraphHop = { id, ...input, findings: [] };
        for (const k of Object.keys(hop) as (keyof GraphHop)[]) if (hop[k] === undefined) delete hop[k];
        this.hops.set(id, hop);
        this.anchor(hop, input.source ? { ...anchors, ranges: [input.source, ...(anchors.ranges ?? [])] } : anchors);
        return hop;
      }
      if (known.protocol === input.protocol && known.port === input.port && known.label === input.label && known.layer === input.layer) {
        this.anchor(known, input.source ? { ...anchors, ranges: [input.source, ...(anchors.ranges ?? [])] } : anchors);
        return known;
      }
    }
  }

  private anchor(item: GraphNode | GraphHop, anchors: Anchors): void {
    let a = this.anchorOf.get(item);
    if (!a) {
      a = { item, ranges: [], scopes: [] };
      this.anchorOf.set(item, a);
      this.anchored.push(a);
    }
    a.ranges.push(...(anchors.ranges ?? []));
    a.scopes.push(...(anchors.scopes ?? []));
  }

  finish(files: string[]): RelayGraph {
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const nodes = [...this.nodes.values()].sort(byId);
    const hops = [...this.hops.values()].sort(byId);
    for (const item of [...nodes, ...hops]) item.findings.sort(compareFindings);
    return { base: this.base, nodes, hops, files: [...files].sort() };
  }
}

function compareFindings(a: HopFinding, b: HopFinding): number {
  return a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}

/** The range of a line-only part of a directive: from its name to its last argument (not its body). */
export function headRange(d: { nameRange: Range; args: { range: Range }[] }): Range {
  const last = d.args[d.args.length - 1];
  return { start: d.nameRange.start, end: last ? last.range.end : d.nameRange.end };
}

/** The folder shared by all paths (the base of ids and labels). */
export function commonFolder(paths: readonly string[]): string {
  if (!paths.length) return '/';
  const dirs = paths.map((p) => posix.dirname(p.replace(/\\/g, '/')).split('/'));
  const first = dirs[0];
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && i < d.length && d[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join('/') || '/';
}
