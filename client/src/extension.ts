// The VS Code side: start the Layerwise language server, and give `.conf` files whose name says
// nothing the language their content shows (nginx, OpenSSH or OpenVPN).
import * as path from 'node:path';
import { languages, workspace, type ExtensionContext, type TextDocument } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { detectLanguage } from '../../server/src/engine/detect';
import { SERVER_START_FLAGS } from '../../server/src/start-flags';
import { registerViews } from './views/index';

let client: LanguageClient | undefined;

const OURS = new Set(['nginx', 'ssh_config', 'sshd_config', 'openvpn']);
/** Language ids VS Code gives files it cannot place; only these are re-assigned. */
const UNPLACED = new Set(['plaintext', 'properties', 'ini', 'conf', 'apacheconf', 'unknown']);

async function placeByContent(doc: TextDocument): Promise<void> {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return;
  if (OURS.has(doc.languageId) || !UNPLACED.has(doc.languageId)) return;
  if (!/\.(conf|cfg|ovpn)$|\/ccd\/[^/.]+$/.test(doc.uri.path)) return;
  const lang = detectLanguage(doc.uri.path, doc.getText());
  if (lang && lang !== doc.languageId) await languages.setTextDocumentLanguage(doc, lang);
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_START_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_START_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...OURS].map((language) => ({ language })),
    synchronize: { configurationSection: 'layerwise' },
    // Asked at every start: an untrusted workspace confines the server to its folders.
    // `snippets: 'client'`: VS Code shows the contributed relay snippets, so the server does not.
    initializationOptions: () => ({ trusted: workspace.isTrusted, snippets: 'client' }),
  };
  context.subscriptions.push(workspace.onDidOpenTextDocument((doc) => void placeByContent(doc)));
  for (const doc of workspace.textDocuments) void placeByContent(doc);
  client = new LanguageClient('layerwise', 'Layerwise', serverOptions, clientOptions);
  registerViews(context, client);
  context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
