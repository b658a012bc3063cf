// The relay graph as a Mermaid flowchart (GitHub and most wikis draw ```mermaid blocks): left to
// right, one box per config folder, broken nodes and hops in red with a warning sign.
import { mermaid as esc } from './escape';
import { hopLines, nodeLines } from './labels';
import { isBroken, type GraphNode, type NodeKind, type RelayGraph } from './model';
import { nodesByGroup } from './groups';

const SHAPES: Record<NodeKind, [string, string]> = {
  client: ['(["', '"])'],
  'vpn-client': ['(["', '"])'],
  listener: ['[/"', '"/]'],
  socks: ['[/"', '"/]'],
  'upstream-group': ['{{"', '"}}'],
  subnet: ['[("', '")]'],
  host: ['["', '"]'],
  target: ['["', '"]'],
  'upstream-server': ['["', '"]'],
  'vpn-server': ['[["', '"]]'],
};

function nodeLine(n: GraphNode, id: string): string {
  const [open, close] = SHAPES[n.kind];
  return `${id}${open}${nodeLines(n).map(esc).join('<br/>')}${close}`;
}

export function renderMermaid(graph: RelayGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i + 1}`]));
  const out = ['flowchart LR'];
  let sub = 0;
  for (const [group, nodes] of nodesByGroup(graph)) {
    const indent = group ? '    ' : '  ';
    if (group) out.push(`  subgraph g${++sub}["${esc(group)}"]`, '    direction LR');
    for (const n of nodes) out.push(indent + nodeLine(n, ids.get(n.id)!));
    if (group) out.push('  end');
  }
  const brokenLinks: number[] = [];
  graph.hops.forEach((h, i) => {
    const arrow = h.bidirectional ? '<-->' : '-->';
    out.push(`  ${ids.get(h.from)} ${arrow}|"${hopLines(h).map(esc).join('<br/>')}"| ${ids.get(h.to)}`);
    if (isBroken(h)) brokenLinks.push(i);
  });
  const brokenNodes = graph.nodes.filter(isBroken).map((n) => ids.get(n.id)!);
  if (brokenNodes.length) out.push('  classDef broken stroke:#cf222e,stroke-width:2px,color:#cf222e', `  class ${brokenNodes.join(',')} broken`);
  if (brokenLinks.length) out.push(`  linkStyle ${brokenLinks.join(',')} stroke:#cf222e,stroke-width:2px,stroke-dasharray:6 3,color:#cf222e`);
  return out.join('\n') + '\n';
}
