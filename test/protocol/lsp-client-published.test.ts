// The test client's `keepPublished: false`: the bench's long edit loop keeps only each document's
// latest diagnostics, and a wait that accepts past ones still finds them.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from '../support/lsp-client';

const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

describe('LspClient keepPublished: false', () => {
  const client = LspClient.start({ serverPath: SERVER, timeoutMs: 15_000, keepPublished: false });
  afterAll(() => client.dispose());

  it('keeps the latest publishDiagnostics of each document only', async () => {
    await client.initialize({});
    const a = 'untitled:a.conf';
    const b = 'untitled:b.conf';
    await client.open(a, 'http {\n  server { listen 80; }\n}\n', 'nginx', 1);
    await client.open(b, 'stream {\n  server { listen 53; proxy_set_header Host x; }\n}\n', 'nginx', 1);
    const { diagnostics } = await client.change(a, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  bogus_directive;\n' }]);
    const latest = await diagnostics;
    expect(latest.diagnostics.some((d) => d.code === 'nginx/unknown-directive')).toBe(true);
    expect(client.published.map((d) => [d.uri, d.version])).toEqual([[b, 1], [a, 2]]);
    expect(await client.waitForDiagnostics(a, { includePast: true })).toBe(latest);
  });
});
