// Small helpers shared by the extension-host tests.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'layerwise.layerwise';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  return ext;
}

export function workspaceUri(relPath: string): vscode.Uri {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(root, ...relPath.split('/'));
}

/** Polls until `fn` returns a truthy value; throws with `what` after `ms`. */
export async function waitFor<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, ms = 30_000, every = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export async function openDoc(relPath: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relPath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The rule id of a diagnostic (the code may be a string or { value, target }). */
export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code ?? '');
}

/** Diagnostics of a document once Layerwise has published some. */
export function diagnosticsOf(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  return waitFor(`diagnostics of ${doc.uri.fsPath}`, () => {
    const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => String(x.source ?? '').startsWith('Layerwise'));
    return d.length ? d : undefined;
  }, 60_000);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/** The 1-based line number of the first line matching `re` (as an editor shows it), 0-based for the API. */
export function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matching ${re} in ${doc.uri.fsPath}`);
}
