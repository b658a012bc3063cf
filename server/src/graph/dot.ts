// The relay graph in Graphviz DOT: `dot -Tsvg` or `dot -Tpng` draws it; one cluster per config
// folder, broken hops red and dashed with the findings as tooltips.
import { dot as q } from './escape';
import { findingLines, hopLines, nodeLines, nodeTitle } from './labels';
import { isBroken, type GraphNode, type NodeKind, type RelayGraph } from './model';
import { nodesByGroup } from './groups';

const SHAPES: Record<NodeKind, string> = {
  client: 'oval',
  'vpn-client': 'oval',
  listener: 'parallelogram',
  socks: 'parallelogram',
  'upstream-group': 'hexagon',
  subnet: 'cylinder',
  host: 'box',
  target: 'box',
  'upstream-server': 'box',
  'vpn-server': 'box3d',
};

const RED = '#cf222e';

function nodeStmt(n: GraphNode, indent: string): string {
  const attrs = [`label=${q(nodeLines(n).join('\n'))}`, `shape=${SHAPES[n.kind]}`, `tooltip=${q(nodeTitle(n))}`];
  if (isBroken(n)) attrs.push(`color=${q(RED)}`, `fontcolor=${q(RED)}`, 'penwidth=2');
  return `${indent}${q(n.id)} [${attrs.join(', ')}];`;
}

export function renderDot(graph: RelayGraph): string {
  const out = ['digraph relay_paths {', '  rankdir=LR;', '  node [fontname="monospace", fontsize=11, style="rounded"];', '  edge [fontname="monospace", fontsize=10];'];
  let i = 0;
  for (const [group, nodes] of nodesByGroup(graph)) {
    if (!group) {
      for (const n of nodes) out.push(nodeStmt(n, '  '));
      continue;
    }
    out.push(`  subgraph cluster_${++i} {`, `    label=${q(group)};`);
    for (const n of nodes) out.push(nodeStmt(n, '    '));
    out.push('  }');
  }
  for (const h of graph.hops) {
    const attrs = [`label=${q(hopLines(h).join('\n'))}`];
    if (h.bidirectional) attrs.push('dir=both');
    if (isBroken(h)) attrs.push(`color=${q(RED)}`, `fontcolor=${q(RED)}`, 'style=dashed', 'penwidth=2');
    if (h.findings.length) attrs.push(`tooltip=${q(findingLines(h.findings).join('\n'))}`);
    out.push(`  ${q(h.from)} -> ${q(h.to)} [${attrs.join(', ')}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
