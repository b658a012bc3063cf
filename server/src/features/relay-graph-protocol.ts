// The `layerwise/relayGraph` request as both ends see it: its name, parameters and result.
// Kept apart from the handler so that the client imports no analysis code.
import type { RelayGraph } from '../graph/model';

export const RELAY_GRAPH_REQUEST = 'layerwise/relayGraph';

export interface RelayGraphParams {
  /** Limit the graph to this document and the files it pairs with; absent means the workspace. */
  uri?: string;
}

export interface RelayGraphResult {
  /** SVG with CSS classes and data-* attributes and no colours of its own (theme 'vscode'). */
  svg: string;
  graph: RelayGraph;
}
