// Activation in the real extension host. The "activates on its own" tests each need a host in
// which nothing has activated the extension yet: e2e.sh runs them one per host (grep); the main
// run leaves out every test whose title says "(own host)".
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { extension, openDoc, waitFor } from './support';

const LANGUAGES = ['nginx', 'ssh_config', 'sshd_config', 'openvpn'];

/** One file per language, opened in a fresh host; the .conf is placed by its content. */
const FIRST_FILE: Record<string, string> = {
  nginx: 'examples/nginx/l4-proxy/fixed/nginx.conf',
  ssh_config: 'examples/ssh/bastion/fixed/ssh_config',
  sshd_config: 'examples/ssh/reverse-tunnel/fixed/sshd_config',
  openvpn: 'examples/openvpn/fixed/mission-control.ovpn',
  'openvpn (.conf placed by content)': 'unlabelled/gateway.conf',
};

suite('activation', () => {
  test('the manifest gives every language a configuration and an explicit activation event', () => {
    const pkg = extension().packageJSON as { activationEvents: string[]; contributes: { languages: { id: string; configuration?: string }[] } };
    const ids = pkg.contributes.languages.map((l) => l.id).sort();
    assert.deepStrictEqual(ids, [...LANGUAGES].sort());
    for (const l of pkg.contributes.languages) {
      assert.ok(l.configuration, `${l.id} has a language configuration`);
      assert.ok(pkg.activationEvents.includes(`onLanguage:${l.id}`), `onLanguage:${l.id} is declared`);
    }
    assert.ok(!pkg.activationEvents.includes('*'), 'no start-up activation');
  });

  test('the manifest describes every setting and declares limited support in untrusted workspaces', () => {
    const pkg = extension().packageJSON as {
      contributes: { configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> } };
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: string } };
    };
    const settings = Object.entries(pkg.contributes.configuration.properties);
    assert.ok(settings.length > 0);
    for (const [key, spec] of settings) assert.ok(spec.description || spec.markdownDescription, `${key} has a description`);
    assert.strictEqual(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
    assert.ok(pkg.capabilities?.untrustedWorkspaces?.description);
  });

  for (const [language, file] of Object.entries(FIRST_FILE)) {
    test(`activates on its own for ${language} (own host)`, async () => {
      const ext = extension();
      // Let the freshly loaded window settle, so the figure is the extension's and not the start-up's.
      await new Promise((r) => setTimeout(r, 2_000));
      assert.strictEqual(ext.isActive, false, 'nothing activated the extension before this test');
      const t0 = Date.now();
      const doc = await openDoc(file);
      await waitFor('activation', () => ext.isActive, 30_000, 5);
      const ms = Date.now() - t0;
      const expected = language.split(' ')[0];
      await waitFor(`language ${expected}`, () => doc.languageId === expected || vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.uri.toString() && d.languageId === expected));
      console.log(`activation (exthost, ${language}): ${ms} ms from opening ${file}`);
    });
  }
});
