// The relay graph as JSON, for scripts: the model as is (see model.ts), paths absolute.
import type { RelayGraph } from './model';

export function renderJson(graph: RelayGraph): string {
  return JSON.stringify(graph, null, 2) + '\n';
}
