// Answers the `layerwise/relayGraph` request (relay-graph-protocol.ts): the relay graph of the
// workspace, or of one file and the files it pairs with, drawn as SVG for an editor's webview and
// returned as data for its text list.
import { buildRelayGraph } from '../graph/build';
import { layoutGraph } from '../graph/layout';
import { renderSvg } from '../graph/svg';
import type { Workspace } from '../engine/workspace';
import type { RelayGraphResult } from './relay-graph-protocol';

/**
 * `path` is the file-system path of the document asked for, already converted from its URI;
 * without one the graph covers every file the workspace holds (opened or indexed).
 */
export async function relayGraphResult(ws: Workspace, path?: string): Promise<RelayGraphResult> {
  const graph = buildRelayGraph(ws, path === undefined ? undefined : [path]);
  const svg = renderSvg(await layoutGraph(graph), { theme: 'vscode' });
  return { svg, graph };
}
