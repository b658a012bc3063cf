// The views the extension adds: the Layers tree, the Relay paths webview and the command that
// opens it (run from the palette, the Layers view's title bar and the server's code lenses).
import { commands, Uri, type ExtensionContext } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SHOW_RELAY_PATHS_COMMAND } from '../../../server/src/features/code-lens';
import { registerLayersView } from './layers-tree';
import { RelayPathsPanel } from './relay-paths-panel';

/**
 * `layerwise.showRelayPaths` takes an optional document (URI string or Uri, as a code lens or a
 * menu passes it) and an optional 0-based line to bring into view; without a document it uses
 * the active editor when it shows one of our languages, else the whole workspace.
 */
function showRelayPaths(client: BaseLanguageClient, doc?: unknown, line?: unknown): void {
  const uri = doc instanceof Uri ? doc.toString() : typeof doc === 'string' ? doc : RelayPathsPanel.activeDocument();
  RelayPathsPanel.show(client, uri, typeof line === 'number' ? line : undefined);
}

export function registerViews(context: ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    ...registerLayersView(),
    commands.registerCommand(SHOW_RELAY_PATHS_COMMAND, (doc?: unknown, line?: unknown) => showRelayPaths(client, doc, line)),
    commands.registerCommand('layerwise.showRelayPathsForWorkspace', () => RelayPathsPanel.show(client)),
  );
}
