// The editor features through the real `vscode` API, served by the packaged extension's language
// server: diagnostics, hover, completion, definition and code actions, in all four languages.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_START_FLAGS } from '../../server/src/start-flags';
import { diagnosticsOf, extension, hoverText, lineOf, openDoc, ruleOf, waitFor } from './support';

async function hoverAt(doc: vscode.TextDocument, line: number, character: number): Promise<string> {
  return waitFor(`hover at ${line}:${character}`, async () => {
    const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));
    return h?.length ? hoverText(h) : undefined;
  });
}

async function completionLabels(doc: vscode.TextDocument, pos: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Replaces a line's text in memory (never saved) and returns the position at its end. */
async function setLine(doc: vscode.TextDocument, line: number, text: string): Promise<vscode.Position> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, doc.lineAt(line).range, text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  return new vscode.Position(line, text.length);
}

suite('editor features through the vscode API', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the extension is active once a config is open', async () => {
    await openDoc('examples/nginx/l4-proxy/broken/nginx.conf');
    await waitFor('activation', () => extension().isActive);
  });

  test('the language server runs with its V8 start flags', async () => {
    const server = path.join(extension().extensionPath, 'dist', 'server.js');
    // Its command line, read from /proc: the Node.js arguments come before the script.
    const argv = await waitFor('the language server process', () => {
      for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
          if (args.includes(server)) return args;
        } catch {
          // the process ended meanwhile
        }
      }
      return undefined;
    });
    const before = argv.slice(0, argv.indexOf(server));
    for (const flag of SERVER_START_FLAGS) assert.ok(before.includes(flag), `${flag} in ${before.join(' ')}`);
  });

  const broken: [string, string, string[]][] = [
    ['nginx', 'examples/nginx/l4-proxy/broken/nginx.conf', ['nginx/l7-in-stream', 'nginx/syntax']],
    ['ssh_config', 'examples/ssh/bastion/broken/ssh_config', ['ssh/proxyjump-unknown-host', 'ssh/proxyjump-ignored', 'ssh/shadowed-setting']],
    ['sshd_config', 'examples/ssh/reverse-tunnel/broken/sshd_config', ['sshd/forwarding-setting-ineffective']],
    ['openvpn', 'examples/openvpn/broken/server.conf', ['openvpn/route-without-iroute', 'openvpn/pushed-route-overlaps-pool', 'openvpn/forwarding-needs-host']],
  ];
  for (const [language, file, rules] of broken) {
    test(`diagnostics with rule ids and layers: ${language}`, async () => {
      const doc = await openDoc(file);
      assert.strictEqual(doc.languageId, language);
      const diags = await diagnosticsOf(doc);
      const got = diags.map(ruleOf);
      for (const r of rules) assert.ok(got.includes(r), `${r} among ${got.join(', ')}`);
      // The example names the rules it expects in its header.
      const expected = /layerwise-expect:\s*(.+)/.exec(doc.getText())?.[1].trim().split(/\s+/) ?? [];
      assert.ok(expected.length, 'the example lists its expected rules');
      for (const r of expected) assert.ok(got.includes(r), `${r} (from layerwise-expect) among ${got.join(', ')}`);
      for (const d of diags) assert.match(String(d.source), /^Layerwise L[1-7] /, 'the source names the layer');
    });
  }

  test('fixed examples have no errors', async () => {
    for (const file of ['examples/nginx/l4-proxy/fixed/nginx.conf', 'examples/ssh/bastion/fixed/ssh_config', 'examples/openvpn/fixed/server.conf']) {
      const doc = await openDoc(file);
      await new Promise((r) => setTimeout(r, 500));
      const errors = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepStrictEqual(errors.map((d) => `${ruleOf(d)}: ${d.message}`), [], file);
    }
  });

  test('hover names the layer: nginx, ssh_config, sshd_config, openvpn', async () => {
    const cases: [string, RegExp, RegExp][] = [
      ['examples/nginx/l4-proxy/fixed/nginx.conf', /^\s*listen 5432;/, /`listen` — \*\*L4 transport\*\*/],
      ['examples/ssh/bastion/broken/ssh_config', /^\s*ProxyJump /, /`ProxyJump` — \*\*L4 transport\*\*/],
      ['examples/ssh/reverse-tunnel/broken/sshd_config', /^\s*DisableForwarding /, /DisableForwarding.*\*\*L\d [a-z]+\*\*/],
      ['examples/openvpn/fixed/server.conf', /^dev tun/, /`dev` — \*\*L\d [a-z]+\*\*/],
    ];
    for (const [file, line, expected] of cases) {
      const doc = await openDoc(file);
      const l = lineOf(doc, line);
      const col = doc.lineAt(l).firstNonWhitespaceCharacterIndex + 2;
      const text = await hoverAt(doc, l, col);
      assert.match(text, expected, `${file}:${l + 1}\n${text.slice(0, 300)}`);
    }
  });

  test('completion in a stream server offers stream directives and no HTTP-only ones', async () => {
    const doc = await openDoc('unlabelled/edge.conf');
    const l = lineOf(doc, /^\s*proxy_timeout /);
    const labels = await completionLabels(doc, await setLine(doc, l, '        '));
    for (const w of ['proxy_pass', 'proxy_timeout', 'proxy_connect_timeout', 'listen']) assert.ok(labels.includes(w), `${w} offered`);
    const httpOnly = ['proxy_set_header', 'proxy_http_version', 'add_header', 'location', 'proxy_redirect', 'root', 'rewrite'];
    assert.deepStrictEqual(httpOnly.filter((h) => labels.includes(h)), [], 'HTTP-only directives offered in a stream server');
    const http = await openDoc('examples/nginx/l7-reverse-proxy/fixed/nginx.conf');
    const hl = lineOf(http, /^\s*proxy_set_header X-Forwarded-For/);
    const httpLabels = await completionLabels(http, await setLine(http, hl, '            '));
    assert.ok(httpLabels.includes('proxy_set_header'), 'proxy_set_header is offered in an http location');
  });

  test('completion offers the relay snippets', async () => {
    const doc = await openDoc('scratch/empty.nginx');
    const labels = await completionLabels(doc, new vscode.Position(0, 0));
    const relay = labels.filter((l) => l.startsWith('relay-'));
    assert.ok(relay.length > 0, `no relay- snippet among ${labels.length} items`);
  });

  test('go to definition: nginx upstream, ssh jump host', async () => {
    const nginx = await openDoc('examples/nginx/l4-proxy/fixed/nginx.conf');
    const use = lineOf(nginx, /^\s*proxy_pass db;/);
    const decl = lineOf(nginx, /^\s*upstream db \{/);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', nginx.uri, new vscode.Position(use, nginx.lineAt(use).text.indexOf('db')));
    const lines = defs.map((d) => ('targetRange' in d ? d.targetRange : d.range).start.line);
    assert.ok(lines.includes(decl), `definition of "db" at line ${decl + 1}, got ${lines.map((x) => x + 1)}`);

    const ssh = await openDoc('examples/ssh/bastion/fixed/ssh_config');
    const jump = lineOf(ssh, /^\s*ProxyJump /);
    const host = lineOf(ssh, /^Host bastion\b/);
    const col = ssh.lineAt(jump).text.search(/bastion/);
    assert.ok(col > 0, 'the fixed bastion example jumps through "bastion"');
    const sdefs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', ssh.uri, new vscode.Position(jump, col + 1));
    const slines = sdefs.map((d) => ('targetRange' in d ? d.targetRange : d.range).start.line);
    assert.ok(slines.includes(host), `definition of the jump host at line ${host + 1}, got ${slines.map((x) => x + 1)}`);
  });

  test('a quick fix from the code actions repairs the finding', async () => {
    const doc = await openDoc('examples/ssh/bastion/broken/ssh_config');
    const diag = (await diagnosticsOf(doc)).find((d) => ruleOf(d) === 'ssh/proxyjump-unknown-host');
    assert.ok(diag, 'ssh/proxyjump-unknown-host is reported');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to bastion');
    assert.ok(fix?.edit, `"Change to bastion" among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(fix.isPreferred, 'the only suggestion is the preferred fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(diag.range.start.line).text, /ProxyJump ops@bastion:2222/);
    await waitFor('the finding to go away', () => !vscode.languages.getDiagnostics(doc.uri).some((d) => ruleOf(d) === 'ssh/proxyjump-unknown-host'));
  });
});
