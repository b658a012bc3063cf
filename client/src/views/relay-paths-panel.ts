// The Relay paths webview panel: asks the language server for the relay graph, shows it with its
// text list (relay-paths-html.ts), opens the line behind a clicked node or hop, and refreshes
// when diagnostics change (debounced, and only while visible).
import {
  languages, Range, Uri, ViewColumn, window, workspace,
  type Disposable, type WebviewPanel,
} from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  RELAY_GRAPH_REQUEST, type RelayGraphParams, type RelayGraphResult,
} from '../../../server/src/features/relay-graph-protocol';
import type { RelayGraph } from '../../../server/src/graph/model';
import { debounce } from './debounce';
import { makeNonce, relayListHtml, relayPathsPage } from './relay-paths-html';
import { itemAtLine, relayTextItems, sourceOf } from './relay-paths-text';

export const RELAY_PATHS_VIEW_TYPE = 'layerwise.relayPaths';
const OUR_LANGUAGES = new Set(['nginx', 'ssh_config', 'sshd_config', 'openvpn']);

type FromWebview = { type: 'ready' } | { type: 'open'; id: string } | { type: 'whole' };

/** A path as the server reports it (file-system path, or a URI for unsaved documents). */
function uriOfPath(path: string): Uri {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? Uri.file(path) : Uri.parse(path);
}

export class RelayPathsPanel implements Disposable {
  private static current: RelayPathsPanel | undefined;
  private graph: RelayGraph | undefined;
  private ready = false;
  private stale = true;
  /** Asked to show a given line once the graph is there (from a code lens). */
  private pendingLine: number | undefined;
  private generation = 0;
  private disposed = false;
  private readonly disposables: Disposable[] = [];
  private readonly refreshSoon = debounce(() => void this.refresh(), 400);

  /** Opens the panel (or brings it forward) for a document, or for the workspace when `uri` is absent. */
  static show(client: BaseLanguageClient, uri?: string, line?: number): void {
    const editorColumn = window.activeTextEditor?.viewColumn ?? ViewColumn.One;
    let panel = RelayPathsPanel.current;
    if (!panel) {
      const webview = window.createWebviewPanel(RELAY_PATHS_VIEW_TYPE, 'Relay paths', { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        retainContextWhenHidden: false,
        localResourceRoots: [],
      });
      panel = RelayPathsPanel.current = new RelayPathsPanel(webview, client, editorColumn);
    } else {
      panel.webview.reveal(undefined, true);
    }
    panel.uri = uri;
    panel.pendingLine = line;
    panel.stale = true;
    void panel.refresh();
  }

  private uri: string | undefined;

  private constructor(
    private readonly webview: WebviewPanel,
    private readonly client: BaseLanguageClient,
    private readonly editorColumn: ViewColumn,
  ) {
    webview.webview.html = relayPathsPage({ nonce: makeNonce(), cspSource: webview.webview.cspSource });
    this.disposables.push(
      webview.onDidDispose(() => this.dispose()),
      webview.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
      webview.onDidChangeViewState(() => {
        if (webview.visible && this.stale) void this.refresh();
      }),
      languages.onDidChangeDiagnostics(() => {
        this.stale = true;
        if (webview.visible) this.refreshSoon();
      }),
      { dispose: this.refreshSoon.dispose },
    );
  }

  private receive(m: FromWebview): void {
    if (m.type === 'ready') {
      // The page (re)loaded: it has nothing yet.
      this.ready = true;
      this.stale = true;
      void this.refresh();
    } else if (m.type === 'open') {
      void this.open(m.id);
    } else if (m.type === 'whole') {
      this.uri = undefined;
      this.pendingLine = undefined;
      void this.refresh();
    }
  }

  private async open(id: string): Promise<void> {
    const source = this.graph && sourceOf(this.graph, id);
    if (!source) return;
    const { start, end } = source.range;
    await window.showTextDocument(uriOfPath(source.path), {
      viewColumn: this.editorColumn,
      selection: new Range(start.line, start.character, end.line, end.character),
    });
  }

  private scopeText(): string {
    return this.uri ? `${workspace.asRelativePath(Uri.parse(this.uri))} and the files it pairs with` : 'Whole workspace';
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    const asked = ++this.generation;
    this.stale = false;
    const params: RelayGraphParams = this.uri ? { uri: this.uri } : {};
    let result: RelayGraphResult;
    try {
      result = await this.client.sendRequest<RelayGraphResult>(RELAY_GRAPH_REQUEST, params);
    } catch (e) {
      if (asked !== this.generation) return;
      const why = e instanceof Error ? e.message : String(e);
      void this.webview.webview.postMessage({ type: 'error', message: `The relay graph could not be built: ${why}` });
      return;
    }
    if (asked !== this.generation) return;
    this.graph = result.graph;
    const items = relayTextItems(result.graph);
    const labels: Record<string, string> = {};
    for (const item of [...items.hops, ...items.nodes]) labels[item.id] = item.text;
    const brokenHops = items.hops.filter((i) => i.broken).length;
    const brokenNodes = items.nodes.filter((i) => i.broken).length;
    const hops = items.hops.length;
    await this.webview.webview.postMessage({
      type: 'update',
      svg: result.svg,
      list: relayListHtml(items),
      labels,
      scope: this.scopeText(),
      scoped: this.uri !== undefined,
      summary: `${hops} ${hops === 1 ? 'hop' : 'hops'}, ${brokenHops || 'none'} broken`
        + (brokenNodes ? `; ${brokenNodes} ${brokenNodes === 1 ? 'endpoint' : 'endpoints'} with problems` : ''),
      broken: brokenHops + brokenNodes,
    });
    if (this.pendingLine !== undefined && this.uri) {
      const id = itemAtLine(result.graph, Uri.parse(this.uri).fsPath, this.pendingLine);
      this.pendingLine = undefined;
      if (id) await this.webview.webview.postMessage({ type: 'focus', id });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (RelayPathsPanel.current === this) RelayPathsPanel.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.webview.dispose();
  }

  /** The document to scope a command without arguments to: the active editor when it is one of ours. */
  static activeDocument(): string | undefined {
    const doc = window.activeTextEditor?.document;
    return doc && OUR_LANGUAGES.has(doc.languageId) ? doc.uri.toString() : undefined;
  }
}
