// What the editor's views ask the built server (dist/server.js) over stdio: code lenses that open
// the Relay paths view, and the relay graph behind it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-types';
import { escapeHtml } from '../../client/src/views/relay-paths-html';
import type { RelayGraph } from '../../server/src/graph/model';
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

interface RelayGraphAnswer {
  svg: string;
  graph: RelayGraph;
}

it('answers layerwise/relayGraph for a document: the hops, the broken one, and a themeless SVG', async () => {
  const answer = await client.request<RelayGraphAnswer>('layerwise/relayGraph', { uri: fileUri(BASTION) });
  const { graph, svg } = answer;
  expect(graph.files).toContain(BASTION);
  expect(graph.hops.length).toBeGreaterThan(0);
  const broken = graph.hops.filter((h) => h.findings.some((f) => f.severity === 'error' || f.severity === 'warning'));
  expect(broken.length).toBeGreaterThan(0);
  const proxyJumpLine = readFileSync(BASTION, 'utf8').split('\n').findIndex((l) => l.includes('ProxyJump ops@bastoin'));
  expect(broken.some((h) => h.source?.path === BASTION && h.source.range.start.line === proxyJumpLine)).toBe(true);
  // Every hop is drawn, with its id and line, and no colour of its own.
  for (const h of graph.hops) expect(svg).toContain(`data-id="${escapeHtml(h.id)}"`);
  expect(svg).toMatch(/class="lw-hop [^"]*broken"/);
  expect(svg).toContain(`data-line="${proxyJumpLine}"`);
  expect(svg).not.toMatch(/<style|#[0-9a-fA-F]{6}\b|fill="#|stroke="#/);
});

it('answers layerwise/relayGraph for the whole workspace with every dialect in it', async () => {
  const { graph } = await client.request<RelayGraphAnswer>('layerwise/relayGraph', {});
  const kinds = new Set(graph.hops.map((h) => h.kind));
  for (const k of ['jump', 'vpn-tunnel', 'stream-proxy']) expect(kinds).toContain(k);
  expect(graph.files.some((f) => f.endsWith('nginx.conf'))).toBe(true);
  expect(graph.files.some((f) => f.endsWith('server.conf'))).toBe(true);
});
