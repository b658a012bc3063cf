// The laid-out relay graph as SVG. `standalone` carries its own colours (light, and dark through
// prefers-color-scheme) for a README or a CI artefact; `vscode` carries none, only classes and
// data attributes, so a webview styles it with the editor's theme variables and opens the line
// behind a click. Every node and hop has a <title> (hover text, and what a screen reader reads).
import { posix } from 'node:path';
import { xml } from './escape';
import { hopLines, hopTitle, nodeLines, nodeTitle } from './labels';
import { METRICS } from './layout';
import { isBroken, type GraphNode, type LaidOutGraph, type LaidOutHop, type LaidOutNode, type SourceRef } from './model';

export interface SvgOptions {
  theme: 'standalone' | 'vscode';
}

const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

const STANDALONE_STYLE = `
.lw-graph { font-family: ${FONT}; }
.lw-background { fill: #ffffff; }
.lw-node rect { fill: #f6f8fa; stroke: #57606a; stroke-width: 1; }
.lw-kind-client rect, .lw-kind-vpn-client rect { fill: #ddf4ff; }
.lw-kind-listener rect, .lw-kind-socks rect { fill: #fff8c5; }
.lw-kind-subnet rect { fill: #dafbe1; }
.lw-kind-vpn-server rect, .lw-kind-upstream-group rect { fill: #fbefff; }
.lw-node text { fill: #1f2328; }
.lw-node .lw-detail { fill: #59636e; }
.lw-caption { fill: #59636e; font-style: italic; }
.lw-hop path { fill: none; stroke: #6e7781; stroke-width: 1.4; }
.lw-hop .lw-label-bg { fill: #ffffff; opacity: 0.9; }
.lw-hop text { fill: #424a53; }
.lw-arrowhead { fill: #6e7781; }
.lw-hop.broken path { stroke: #cf222e; stroke-width: 2; stroke-dasharray: 6 3; }
.lw-hop.broken text, .lw-node.broken text.lw-label { fill: #cf222e; }
.lw-node.broken rect { stroke: #cf222e; stroke-width: 2; }
.lw-arrowhead-broken { fill: #cf222e; }
@media (prefers-color-scheme: dark) {
  .lw-background { fill: #0d1117; }
  .lw-node rect { fill: #161b22; stroke: #8b949e; }
  .lw-kind-client rect, .lw-kind-vpn-client rect { fill: #0c2d6b; }
  .lw-kind-listener rect, .lw-kind-socks rect { fill: #3b2e00; }
  .lw-kind-subnet rect { fill: #033a16; }
  .lw-kind-vpn-server rect, .lw-kind-upstream-group rect { fill: #3c1e70; }
  .lw-node text { fill: #e6edf3; }
  .lw-node .lw-detail { fill: #9198a1; }
  .lw-caption { fill: #9198a1; }
  .lw-hop path { stroke: #8b949e; }
  .lw-hop .lw-label-bg { fill: #0d1117; }
  .lw-hop text { fill: #c9d1d9; }
  .lw-arrowhead { fill: #8b949e; }
  .lw-hop.broken path { stroke: #ff7b72; }
  .lw-hop.broken text, .lw-node.broken text.lw-label { fill: #ff7b72; }
  .lw-node.broken rect { stroke: #ff7b72; }
  .lw-arrowhead-broken { fill: #ff7b72; }
}`;

const n1 = (v: number) => String(Math.round(v * 10) / 10);

function dataAttrs(id: string, source: SourceRef | undefined, graph: LaidOutGraph, opts: SvgOptions): string {
  let out = ` data-id="${xml(id)}"`;
  if (source) {
    const path = opts.theme === 'vscode' || !graph.base ? source.path : posix.relative(graph.base, source.path);
    out += ` data-path="${xml(path)}" data-line="${source.range.start.line}"`;
  }
  return out;
}

function nodeSvg(n: LaidOutNode, graph: LaidOutGraph, opts: SvgOptions): string {
  const [head, detail] = nodeLines(n);
  const cls = `lw-node lw-kind-${n.kind}${isBroken(n) ? ' broken' : ''}`;
  const rx = n.kind === 'client' || n.kind === 'vpn-client' ? n.height / 2 : n.kind === 'subnet' ? 10 : 4;
  const cx = n1(n.x + n.width / 2);
  const lh = METRICS.labelSize * METRICS.lineHeight;
  const top = n.y + METRICS.padY + METRICS.labelSize;
  const lines = [`<text class="lw-label" x="${cx}" y="${n1(top)}" text-anchor="middle" font-size="${METRICS.labelSize}" font-weight="bold">${xml(head)}</text>`];
  if (detail) lines.push(`<text class="lw-detail" x="${cx}" y="${n1(top + lh)}" text-anchor="middle" font-size="${METRICS.detailSize}">${xml(detail)}</text>`);
  return [
    `<g class="${cls}"${dataAttrs(n.id, n.source, graph, opts)} tabindex="0" role="img" aria-label="${xml(nodeTitle(n).replace(/\n/g, '. '))}">`,
    `<title>${xml(nodeTitle(n))}</title>`,
    `<rect x="${n1(n.x)}" y="${n1(n.y)}" width="${n1(n.width)}" height="${n1(n.height)}" rx="${n1(rx)}"/>`,
    ...lines,
    '</g>',
  ].join('');
}

function hopSvg(h: LaidOutHop, nodes: Map<string, GraphNode>, graph: LaidOutGraph, opts: SvgOptions): string {
  const broken = isBroken(h);
  const cls = `lw-hop lw-hopkind-${h.kind} lw-layer-${h.layer} lw-proto-${h.protocol}${broken ? ' broken' : ''}`;
  const d = h.points.map((p, i) => `${i ? 'L' : 'M'}${n1(p.x)} ${n1(p.y)}`).join(' ');
  const arrow = broken ? 'lw-arrow-broken' : 'lw-arrow';
  const ends = `${h.bidirectional ? ` marker-start="url(#${arrow}-start)"` : ''} marker-end="url(#${arrow})"`;
  const lines = hopLines(h);
  const lh = METRICS.hopSize * METRICS.lineHeight;
  const w = Math.max(...lines.map((l) => [...l].length)) * METRICS.hopSize * METRICS.charWidth + 8;
  const hgt = lines.length * lh + 4;
  const top = h.labelAt.y - hgt / 2;
  const title = hopTitle(h, nodes.get(h.from)!, nodes.get(h.to)!);
  return [
    `<g class="${cls}"${dataAttrs(h.id, h.source, graph, opts)} tabindex="0" role="img" aria-label="${xml(title.replace(/\n/g, '. '))}">`,
    `<title>${xml(title)}</title>`,
    `<path d="${d}"${ends}/>`,
    `<rect class="lw-label-bg" x="${n1(h.labelAt.x - w / 2)}" y="${n1(top)}" width="${n1(w)}" height="${n1(hgt)}" rx="3"/>`,
    ...lines.map((l, i) => `<text x="${n1(h.labelAt.x)}" y="${n1(top + 2 + METRICS.hopSize + i * lh)}" text-anchor="middle" font-size="${METRICS.hopSize}">${xml(l)}</text>`),
    '</g>',
  ].join('');
}

function markers(): string {
  const one = (id: string, cls: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="${cls}" d="M0 0L10 5L0 10z"/></marker>` +
    `<marker id="${id}-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="${cls}" d="M10 0L0 5L10 10z"/></marker>`;
  return `<defs>${one('lw-arrow', 'lw-arrowhead')}${one('lw-arrow-broken', 'lw-arrowhead lw-arrowhead-broken')}</defs>`;
}

export function renderSvg(graph: LaidOutGraph, opts: SvgOptions = { theme: 'standalone' }): string {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const broken = graph.hops.filter(isBroken).length;
  const left = graph.omitted;
  const summary = `${graph.nodes.length} endpoints, ${graph.hops.length} hops, ${broken} broken${left ? `; ${left.nodes} more endpoints and ${left.hops} more hops not drawn (too many for one picture)` : ''}`;
  const w = Math.max(graph.width, 2 * METRICS.margin);
  const h = Math.max(graph.height, 2 * METRICS.margin);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="lw-graph lw-theme-${opts.theme}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="group" aria-labelledby="lw-graph-title lw-graph-desc"${opts.theme === 'standalone' ? ` font-family="${xml(FONT)}"` : ''}>`,
    `<title id="lw-graph-title">Relay paths</title>`,
    `<desc id="lw-graph-desc">${xml(summary)}. Public side on the left, private side on the right.</desc>`,
  ];
  if (opts.theme === 'standalone') out.push(`<style>${STANDALONE_STYLE}\n</style>`, `<rect class="lw-background" width="${w}" height="${h}"/>`);
  out.push(markers());
  if (left) out.push(`<text class="lw-note" x="${METRICS.margin}" y="${h - 6}" font-size="${METRICS.detailSize}">${xml(`${left.nodes} more endpoints and ${left.hops} more hops are not drawn: too many for one picture.`)}</text>`);
  if (graph.captions?.length) out.push('<g class="lw-captions">', ...graph.captions.map((c) => `<text class="lw-caption" x="${n1(c.x)}" y="${n1(c.y)}" font-size="${METRICS.labelSize}">${xml(c.text)}</text>`), '</g>');
  out.push('<g class="lw-hops">', ...graph.hops.map((x) => hopSvg(x, nodes, graph, opts)), '</g>');
  out.push('<g class="lw-nodes">', ...graph.nodes.map((n) => nodeSvg(n, graph, opts)), '</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}
