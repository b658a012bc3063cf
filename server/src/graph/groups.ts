// Endpoints by the config folder they come from, for renderers that draw one box per folder.
import type { GraphNode, RelayGraph } from './model';

/** [folder, endpoints] pairs sorted by folder; '' holds endpoints with no folder of their own. */
export function nodesByGroup(graph: RelayGraph): [string, GraphNode[]][] {
  const groups = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) {
    const g = n.group === undefined || n.group === '.' ? '' : n.group;
    const list = groups.get(g);
    if (list) list.push(n);
    else groups.set(g, [n]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
