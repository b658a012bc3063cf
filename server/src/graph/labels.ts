// The texts every renderer draws, so the SVG, Mermaid and DOT pictures say the same thing.
import { LAYERS } from '../engine/layers';
import { isBroken, type GraphHop, type GraphNode, type HopFinding, type TlsMode } from './model';

const TLS_TEXT: Record<TlsMode, string> = {
  terminate: 'TLS terminated',
  passthrough: 'TLS passed through',
  reencrypt: 'TLS re-encrypted',
  originate: 'TLS to the upstream',
};

/** First line of a hop's label: `L4 tcp :5432`. */
export function hopHeadline(h: GraphHop): string {
  return `L${h.layer} ${h.protocol}${h.port === undefined ? '' : ` :${h.port}`}`;
}

/** Second line: what the hop is for and how TLS is handled, when either is known. */
export function hopNote(h: GraphHop): string | undefined {
  const parts = [h.label, h.tls && TLS_TEXT[h.tls]].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : undefined;
}

/** The lines of a hop's label, a broken hop's first line marked so colour is not the only sign. */
export function hopLines(h: GraphHop): string[] {
  const head = isBroken(h) ? `\u26a0 ${hopHeadline(h)}` : hopHeadline(h);
  const note = hopNote(h);
  return note ? [head, note] : [head];
}

const MAX_DETAIL = 48;

/** The lines of a node's box: its label and a shortened detail line. */
export function nodeLines(n: GraphNode): string[] {
  const head = isBroken(n) ? `\u26a0 ${n.label}` : n.label;
  if (!n.detail) return [head];
  return [head, n.detail.length > MAX_DETAIL ? `${n.detail.slice(0, MAX_DETAIL - 1)}\u2026` : n.detail];
}

/** One line per finding: `error nginx/l7-in-stream: message`. */
export function findingLines(findings: readonly HopFinding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`);
}

/** Hover text of a hop: what it is, the layer's reminder, then its findings. */
export function hopTitle(h: GraphHop, from: GraphNode, to: GraphNode): string {
  const note = hopNote(h);
  const head = `${from.label} \u2192 ${to.label}: ${hopHeadline(h)}${note ? ` (${note})` : ''}, ${h.kind}`;
  return [head, `L${h.layer} ${LAYERS[h.layer].name}: ${LAYERS[h.layer].check}`, ...findingLines(h.findings)].join('\n');
}

/** Hover text of a node: its label and full detail, then its findings. */
export function nodeTitle(n: GraphNode): string {
  return [n.detail ? `${n.label} (${n.detail})` : n.label, ...findingLines(n.findings)].join('\n');
}
