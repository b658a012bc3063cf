// Builds relay graphs from in-memory files and finds nodes and hops by readable keys.
import { expect } from 'vitest';
import type { LanguageId } from '../../server/src/engine/syntax';
import { buildRelayGraph } from '../../server/src/graph/build';
import type { GraphHop, GraphNode, RelayGraph } from '../../server/src/graph/model';
import { memoryWorkspace } from '../support/memory-host';

export interface Picture {
  graph: RelayGraph;
  node(id: string): GraphNode;
  /** The hop between two node ids (one of a kind when several join them). */
  hop(from: string, to: string, kind?: string): GraphHop;
  hopsFrom(from: string): GraphHop[];
  rules(item: { findings: { rule: string }[] }): string[];
}

export function picture(files: Record<string, string>, options: { language?: LanguageId; paths?: string[] } = {}): Picture {
  const ws = memoryWorkspace(files, options.language);
  const graph = buildRelayGraph(ws, options.paths);
  return {
    graph,
    node(id) {
      const n = graph.nodes.find((x) => x.id === id);
      expect(n, `node ${id} among ${graph.nodes.map((x) => x.id).join(', ')}`).toBeDefined();
      return n!;
    },
    hop(from, to, kind) {
      const h = graph.hops.find((x) => x.from === from && x.to === to && (!kind || x.kind === kind));
      expect(h, `hop ${from} -> ${to} among ${graph.hops.map((x) => x.id).join(', ')}`).toBeDefined();
      return h!;
    },
    hopsFrom: (from) => graph.hops.filter((h) => h.from === from),
    rules: (item) => [...new Set(item.findings.map((f) => f.rule))].sort(),
  };
}
