// The LSP server: documents in, engine calls, results out. No analysis happens here.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type Diagnostic, type InitializeParams, DiagnosticSeverity,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIALECTS } from './dialects/index';
import { detectLanguage } from './engine/detect';
import { layerLabel } from './engine/layers';
import type { Finding, RuleSetting } from './engine/rules';
import type { LanguageId } from './engine/syntax';
import { Workspace, type SourceFile } from './engine/workspace';
import { quickFixes } from './features/code-actions';
import { snippetCompletions } from './features/snippet-completion';
import { relayCodeLenses } from './features/code-lens';
import { RELAY_GRAPH_REQUEST, type RelayGraphParams } from './features/relay-graph-protocol';
import { relayGraphResult } from './features/relay-graph-request';
import { nodeHost } from './node-host';
import { collectYoungGeneration } from './idle-gc';
import { tuneGcForAnalysis } from './gc-tuning';

tuneGcForAnalysis(); // before any analysis: see gc-tuning.ts
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// An untrusted workspace (the client says so at start) reads no file outside its folders.
let trusted = true;
const ws = new Workspace(nodeHost({ allowedRoots: () => (trusted ? undefined : workspaceFolders) }), DIALECTS);
const LANGUAGES = new Set<string>(['nginx', 'ssh_config', 'sshd_config', 'openvpn']);
/** Workspace indexing stops after this many files, to keep start-up bounded in huge folders. */
const MAX_INDEXED_FILES = 5000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

let workspaceFolders: string[] = [];
let canPullConfiguration = false;
/** Relay snippets in completion: off when the client shows the extension's own (VS Code). */
let offerSnippets = true;
let snippetSupport = false;

function pathOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** URIs of paths already converted: a large file's findings name the same few paths hundreds of times. */
const uris = new Map<string, string>();

function uriOf(path: string): string {
  let uri = uris.get(path);
  if (uri === undefined) {
    if (uris.size >= 1000) uris.clear();
    uri = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? pathToFileURL(path).href : path;
    uris.set(path, uri);
  }
  return uri;
}

function sync(doc: TextDocument): SourceFile | undefined {
  const lang = LANGUAGES.has(doc.languageId) ? (doc.languageId as LanguageId) : undefined;
  return ws.setFile(pathOf(doc.uri), doc.getText(), lang ?? detectLanguage(pathOf(doc.uri), doc.getText()));
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: `Layerwise ${layerLabel(f.layer)}`,
    message: f.message,
    data: { layer: f.layer },
    relatedInformation: f.related?.map((r) => ({ location: { uri: uriOf(r.path), range: r.range }, message: r.message })),
  };
}

// ---- diagnostics: analysed on the next turn of the event loop -----------------------------------

const pending = new Map<string, NodeJS.Immediate>();
const latestFindings = new Map<string, Finding[]>();

function validate(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  const file = sync(doc);
  const findings = file ? ws.analyze(file.path) : [];
  latestFindings.set(uri, findings);
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: findings.map(toDiagnostic) }).then(collectWhenIdle, () => {});
}

/**
 * Once diagnostics are written and no analysis waits: drop the indexes the analyses shared (a
 * request rebuilds what it needs), then collect the young generation (see idle-gc.ts), which then
 * keeps only the trees and findings.
 */
let collectScheduled = false;
function collectWhenIdle(): void {
  // Re-checking several documents writes several notifications: one collection serves them all.
  if (collectScheduled) return;
  collectScheduled = true;
  setImmediate(() => {
    collectScheduled = false;
    if (pending.size) return;
    ws.forgetDerived();
    collectYoungGeneration();
  });
}

/**
 * Analyses once the messages already received have been handled: a burst of edits that arrive
 * together costs one analysis, and a single edit is answered without any added delay.
 */
function schedule(uri: string): void {
  if (pending.has(uri)) return;
  pending.set(uri, setImmediate(() => {
    pending.delete(uri);
    validate(uri);
    revalidateOthers(uri);
  }));
}

/** Runs a scheduled analysis now, so that requests see the current findings. */
function flush(uri: string): void {
  const p = pending.get(uri);
  if (!p) return;
  clearImmediate(p);
  pending.delete(uri);
  validate(uri);
}

/**
 * Other open documents may depend on the changed one (includes, cross-file rules). They are
 * re-checked once typing pauses, so that they never delay the document being edited.
 */
const OTHERS_DELAY_MS = 300;
let othersTimer: NodeJS.Timeout | undefined;
let othersChanged = new Set<string>();
function revalidateOthers(changed: string): void {
  othersChanged.add(changed);
  clearTimeout(othersTimer);
  othersTimer = setTimeout(() => {
    const changedNow = othersChanged;
    othersChanged = new Set();
    for (const doc of documents.all()) if (!changedNow.has(doc.uri) && !pending.has(doc.uri)) validate(doc.uri);
  }, OTHERS_DELAY_MS);
}

// ---- workspace index ------------------------------------------------------------------------------

/** Loads the workspace's config files so that includes and cross-file rules work without opening them. */
function indexWorkspace(): void {
  let budget = MAX_INDEXED_FILES;
  const visit = (dir: string, depth: number) => {
    if (budget <= 0 || depth > 12) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (budget <= 0) return;
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(p, depth + 1);
      } else if (e.isFile() && /(\.conf|\.nginx|\.ovpn|ssh_config|sshd_config|\/config|sites-(available|enabled)\/[^/]+)$/.test(p)) {
        budget--;
        if (!ws.get(p)) ws.load(p);
      }
    }
  };
  for (const folder of workspaceFolders) visit(folder, 0);
}

// ---- settings ------------------------------------------------------------------------------------

function applySettings(raw: unknown): void {
  const rules = (raw as { rules?: Record<string, string> } | undefined)?.rules ?? {};
  const settings: Record<string, RuleSetting> = {};
  for (const [id, level] of Object.entries(rules)) {
    if (level === 'off' || level === 'info' || level === 'warning' || level === 'error' || level === 'hint') settings[id] = level;
  }
  ws.settings = settings;
}

async function pullSettings(): Promise<void> {
  if (!canPullConfiguration) return;
  try {
    applySettings(await connection.workspace.getConfiguration('layerwise'));
  } catch {
    // The client may not answer configuration requests; defaults apply.
  }
}

// ---- protocol ------------------------------------------------------------------------------------

connection.onInitialize((params: InitializeParams) => {
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => pathOf(f.uri));
  if (!workspaceFolders.length && params.rootUri) workspaceFolders = [pathOf(params.rootUri)];
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  offerSnippets = (params.initializationOptions as { snippets?: unknown } | undefined)?.snippets !== 'client';
  snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
  trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
  applySettings(params.initializationOptions);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['$', '/', ' '] },
      definitionProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: {},
    },
    serverInfo: { name: 'layerwise-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  await pullSettings();
  indexWorkspace();
  for (const doc of documents.all()) schedule(doc.uri);
});

connection.onDidChangeConfiguration(async (change) => {
  if (canPullConfiguration) await pullSettings();
  else applySettings((change.settings as { layerwise?: unknown } | undefined)?.layerwise);
  for (const doc of documents.all()) schedule(doc.uri);
});

connection.onDidChangeWatchedFiles((change) => {
  for (const c of change.changes) {
    const path = pathOf(c.uri);
    if (!documents.get(c.uri)) ws.invalidate(path);
  }
  for (const doc of documents.all()) schedule(doc.uri);
});

// Opening a document also fires onDidChangeContent, which schedules its first analysis.
documents.onDidChangeContent((e) => schedule(e.document.uri));
documents.onDidClose((e) => {
  clearImmediate(pending.get(e.document.uri));
  pending.delete(e.document.uri);
  latestFindings.delete(e.document.uri);
  // Keep the file known (read back from disk) for the other files' cross-file rules.
  ws.invalidate(pathOf(e.document.uri));
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function fileFor(uri: string): SourceFile | undefined {
  const doc = documents.get(uri);
  return doc ? sync(doc) : undefined;
}

connection.onHover((p) => {
  const file = fileFor(p.textDocument.uri);
  return file ? ws.dialect(file.language)?.hover(file, p.position, ws) ?? null : null;
});

connection.onCompletion((p) => {
  const file = fileFor(p.textDocument.uri);
  if (!file) return [];
  const items = ws.dialect(file.language)?.complete(file, p.position, ws) ?? [];
  return offerSnippets ? [...items, ...snippetCompletions(file, p.position, ws, { snippetSupport })] : items;
});

connection.onDefinition((p) => {
  const file = fileFor(p.textDocument.uri);
  if (!file) return [];
  return (ws.dialect(file.language)?.definition(file, p.position, ws) ?? []).map((x) => ({ uri: uriOf(x.path), range: x.range }));
});

connection.onDocumentSymbol((p) => {
  const file = fileFor(p.textDocument.uri);
  return file ? ws.dialect(file.language)?.symbols(file) ?? [] : [];
});

connection.onFoldingRanges((p) => {
  const file = fileFor(p.textDocument.uri);
  return file ? ws.dialect(file.language)?.folding(file) ?? [] : [];
});

connection.onCodeAction((p) => {
  const file = fileFor(p.textDocument.uri);
  if (!file) return [];
  flush(p.textDocument.uri);
  const findings = latestFindings.get(p.textDocument.uri) ?? ws.analyze(file.path);
  const wanted = new Set(p.context.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`));
  const relevant = findings.filter((f) => wanted.has(`${f.rule}@${f.range.start.line}:${f.range.start.character}`));
  return quickFixes(relevant, uriOf, toDiagnostic);
});

connection.onCodeLens((p) => {
  const file = fileFor(p.textDocument.uri);
  return file ? relayCodeLenses(p.textDocument.uri, file.language, file.parse.tree) : [];
});

connection.onRequest(RELAY_GRAPH_REQUEST, async (p: RelayGraphParams) => {
  if (p.uri) {
    const doc = documents.get(p.uri);
    if (doc) sync(doc);
  }
  return relayGraphResult(ws, p.uri ? pathOf(p.uri) : undefined);
});

documents.listen(connection);
connection.listen();
