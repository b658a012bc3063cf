// What the editor's views ask the built server (dist/server.js) over stdio: code lenses that open
// the Relay paths view, and the relay graph behind it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-types';
import { fileUri, LspClient } from '../support/lsp-client';

const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));
const BASTION = join(EXAMPLES, 'ssh/bastion/broken/ssh_config');

let client: LspClient;

beforeAll(async () => {
  client = LspClient.start({ serverPath: SERVER, cwd: EXAMPLES });
  const init = await client.initialize({ workspaceFolders: [EXAMPLES] });
  expect(init.capabilities.codeLensProvider).toEqual({});
});

afterAll(async () => {
  await client?.shutdown();
});

it('puts a "Show relay paths" lens on every Host line of an opened ssh_config', async () => {
  const text = readFileSync(BASTION, 'utf8');
  await client.open(fileUri(BASTION), text, 'ssh_config');
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: fileUri(BASTION) } });
  const hostLines = text.split('\n').flatMap((l, i) => (/^Host /.test(l) ? [i] : []));
  expect(hostLines.length).toBeGreaterThan(1);
  expect(lenses.map((l) => l.range.start.line)).toEqual(hostLines);
  for (const l of lenses) expect(l.command).toEqual({ title: 'Show relay paths', command: 'layerwise.showRelayPaths', arguments: [fileUri(BASTION), l.range.start.line] });
});

it('answers no lenses for a document it does not know', async () => {
  const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: 'file:///nowhere/nginx.conf' } });
  expect(lenses).toEqual([]);
});
