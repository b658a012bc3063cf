// Places the relay graph left to right with dagre (a layered layout): each connected piece is laid
// out on its own and the pieces are stacked top to bottom, so unrelated setups never cross each
// other. docs/graph-layout.md says why dagre, with the figures.
import dagre from '@dagrejs/dagre';
import { hopLines, nodeLines } from './labels';
import type { GraphHop, GraphNode, LaidOutGraph, LaidOutHop, LaidOutNode, RelayGraph } from './model';

/** Text metrics of the drawing (a monospace font keeps widths predictable). */
export const METRICS = {
  labelSize: 12,
  detailSize: 11,
  hopSize: 11,
  /** Width of one character as a share of the font size, for monospace fonts. */
  charWidth: 0.62,
  lineHeight: 1.35,
  padX: 10,
  padY: 7,
  margin: 16,
  pieceGap: 28,
};

const textWidth = (text: string, size: number) => [...text].length * size * METRICS.charWidth;

export function nodeSize(n: GraphNode): { width: number; height: number } {
  const [head, detail] = nodeLines(n);
  const width = Math.max(textWidth(head, METRICS.labelSize), detail ? textWidth(detail, METRICS.detailSize) : 0) + 2 * METRICS.padX;
  const height = METRICS.labelSize * METRICS.lineHeight + (detail ? METRICS.detailSize * METRICS.lineHeight : 0) + 2 * METRICS.padY;
  return { width: Math.ceil(width), height: Math.ceil(height) };
}

export function hopLabelSize(h: GraphHop): { width: number; height: number } {
  const lines = hopLines(h);
  return {
    width: Math.ceil(Math.max(...lines.map((l) => textWidth(l, METRICS.hopSize))) + 8),
    height: Math.ceil(lines.length * METRICS.hopSize * METRICS.lineHeight + 4),
  };
}

/** Connected pieces of the graph, each in id order, ordered by their first node id. */
export function pieces(graph: RelayGraph): Piece[] {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const h of graph.hops) {
    const a = find(h.from);
    const b = find(h.to);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groups = new Map<string, Piece>();
  for (const n of graph.nodes) {
    const r = find(n.id);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { nodes: [], hops: [] }));
    g.nodes.push(n);
  }
  for (const h of graph.hops) groups.get(find(h.from))?.hops.push(h);
  return [...groups.values()].sort((a, b) => (a.nodes[0].id < b.nodes[0].id ? -1 : 1));
}

const round = (v: number) => Math.round(v * 10) / 10;

function layoutPiece(piece: Piece): { nodes: LaidOutNode[]; hops: LaidOutHop[]; width: number; height: number } {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 22, ranksep: 64, edgesep: 14, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of piece.nodes) g.setNode(n.id, nodeSize(n));
  for (const h of piece.hops) g.setEdge(h.from, h.to, { ...hopLabelSize(h), labelpos: 'c' }, h.id);
  dagre.layout(g);
  const nodes = piece.nodes.map((n): LaidOutNode => {
    const v = g.node(n.id);
    return { ...n, x: round(v.x - v.width / 2), y: round(v.y - v.height / 2), width: v.width, height: v.height };
  });
  const hops = piece.hops.map((h): LaidOutHop => {
    const e = g.edge({ v: h.from, w: h.to, name: h.id });
    return { ...h, points: e.points.map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) })), labelAt: { x: round(e.x ?? 0), y: round(e.y ?? 0) } };
  });
  const info = g.graph();
  return { nodes, hops, width: info.width ?? 0, height: info.height ?? 0 };
}

/** How many endpoints a picture holds at most: beyond that a layout takes seconds and nobody can read it. */
export const MAX_DRAWN_NODES = 400;

type Piece = { nodes: GraphNode[]; hops: GraphHop[] };

/** The first `limit` nodes of a piece in breadth-first order from its first node, with the hops between them. */
function cut(piece: Piece, limit: number): Piece {
  const next = new Map<string, string[]>();
  for (const h of piece.hops) {
    next.set(h.from, [...(next.get(h.from) ?? []), h.to]);
    next.set(h.to, [...(next.get(h.to) ?? []), h.from]);
  }
  const kept = new Set<string>([piece.nodes[0].id]);
  for (const id of kept) {
    for (const n of (next.get(id) ?? []).sort()) {
      if (kept.size >= limit) break;
      kept.add(n);
    }
    if (kept.size >= limit) break;
  }
  return { nodes: piece.nodes.filter((n) => kept.has(n.id)), hops: piece.hops.filter((h) => kept.has(h.from) && kept.has(h.to)) };
}

/**
 * Positions for every node, hop polyline and hop label; deterministic for the same graph. A graph
 * of more than `maxNodes` endpoints is drawn in part (whole pieces first) and `omitted` says so.
 */
export function layoutGraphSync(graph: RelayGraph, maxNodes = MAX_DRAWN_NODES): LaidOutGraph {
  const out: LaidOutGraph = { nodes: [], hops: [], files: graph.files, width: 0, height: 0 };
  if (graph.base !== undefined) out.base = graph.base;
  let y = METRICS.margin;
  const drawn: Piece[] = [];
  let room = maxNodes;
  for (const piece of pieces(graph)) {
    if (room <= 0) break;
    const p = piece.nodes.length <= room ? piece : cut(piece, room);
    drawn.push(p);
    room -= p.nodes.length;
  }
  const left = { nodes: graph.nodes.length - drawn.reduce((n, p) => n + p.nodes.length, 0), hops: graph.hops.length - drawn.reduce((n, p) => n + p.hops.length, 0) };
  if (left.nodes || left.hops) out.omitted = left;
  const captions: { text: string; x: number; y: number }[] = [];
  let lastCaption = '';
  for (const piece of drawn) {
    // A caption names the config folders of a piece, once for a run of pieces from the same ones.
    const caption = [...new Set(piece.nodes.map((n) => n.group).filter((g): g is string => !!g && g !== '.'))].sort().join(' + ');
    if (caption && caption !== lastCaption) {
      y += METRICS.labelSize;
      captions.push({ text: caption, x: METRICS.margin, y });
      out.width = Math.max(out.width, Math.ceil(textWidth(caption, METRICS.labelSize) + 2 * METRICS.margin));
      y += METRICS.padY;
    }
    lastCaption = caption;
    const p = layoutPiece(piece);
    const dx = METRICS.margin;
    for (const n of p.nodes) out.nodes.push({ ...n, x: round(n.x + dx), y: round(n.y + y) });
    for (const h of p.hops) out.hops.push({ ...h, points: h.points.map((q) => ({ x: round(q.x + dx), y: round(q.y + y) })), labelAt: { x: round(h.labelAt.x + dx), y: round(h.labelAt.y + y) } });
    out.width = Math.max(out.width, Math.ceil(p.width + 2 * METRICS.margin));
    y += p.height + METRICS.pieceGap;
  }
  if (captions.length) out.captions = captions;
  out.height = Math.ceil(Math.max(y - METRICS.pieceGap + METRICS.margin, 2 * METRICS.margin) + (out.omitted ? 2 * METRICS.detailSize : 0));
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  out.nodes.sort(byId);
  out.hops.sort(byId);
  return out;
}

export async function layoutGraph(graph: RelayGraph, maxNodes = MAX_DRAWN_NODES): Promise<LaidOutGraph> {
  return layoutGraphSync(graph, maxNodes);
}
