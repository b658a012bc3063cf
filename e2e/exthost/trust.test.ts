// Restricted mode: e2e.sh opens a folder whose nginx.conf includes one file inside the folder and
// one outside it, in a VS Code where workspace trust is on and nothing is trusted. The extension
// must run (it declares limited support) and its server must not read the outside file.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { diagnosticsOf, extension, lineOf, openDoc, ruleOf, waitFor } from './support';

suite('untrusted workspace (own host)', () => {
  test('the extension runs, and reads no include outside the workspace folder', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'this window is in restricted mode');
    const doc = await openDoc('nginx.conf');
    await waitFor('activation', () => extension().isActive);
    const outside = lineOf(doc, /include \/.*outside/);
    const inside = lineOf(doc, /include inside\.conf/);
    const missing = await waitFor('include-not-found', async () => {
      const d = (await diagnosticsOf(doc)).filter((x) => ruleOf(x) === 'nginx/include-not-found');
      return d.length ? d : undefined;
    });
    assert.deepStrictEqual(missing.map((d) => d.range.start.line), [outside], 'only the outside include is unreadable');
    assert.ok(inside !== outside);
  });
});
