// The language server through the real protocol: spawns `node dist/server.js --stdio` (built by
// `npm test` / `npm run build`) and checks each feature the way an editor would use it.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent, Position,
} from 'vscode-languageserver-types';
import { fileUri, LspClient, type ReceivedDiagnostics } from '../support/lsp-client';

const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

// Line numbers (0-based) are part of the expectations below; keep them in sync.
const MAIN = [
  'events {}', //                                 0
  'http {', //                                    1
  '    include conf.d/*.conf;', //                2
  '    server {', //                              3
  '        listen 80;', //                        4
  '        server_name example.test;', //         5
  '        proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;', // 6 inherited
  '        location / {', //                      7
  '            proxy_pass http://backend;', //    8
  '            ', //                              9  completion: http > server > location
  '        }', //                                 10
  '        location /api/ {', //                  11
  '            proxy_passs http://backend;', //   12 unknown directive (did you mean proxy_pass)
  '        }', //                                 13
  '        location /x/ {', //                    14
  '            proxy_pass http://backend extra;', // 15 wrong argument count
  '        }', //                                 16
  '    }', //                                     17
  '}', //                                         18
  'stream {', //                                  19
  '    upstream ssh_pool {', //                   20
  '        server 127.0.0.1:22;', //              21
  '    }', //                                     22
  '    server {', //                              23
  '        listen 9000;', //                      24
  '        proxy_pass ssh_pool;', //              25
  '        add_header X-Relay stream;', //        26 HTTP (L7) directive in a stream (L4) server
  '        ', //                                  27 completion: stream > server
  '    }', //                                     28
  '}', //                                         29
  '',
].join('\n');
const UPSTREAMS = 'upstream backend { server 127.0.0.1:8080; }\n';

const range = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const pos = (line: number, character: number): Position => ({ line, character });

/** Rule id and range of each diagnostic, in document order. */
function summary(d: ReceivedDiagnostics): { code: unknown; range: Diagnostic['range'] }[] {
  return [...d.diagnostics]
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((x) => ({ code: x.code, range: x.range }));
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function labels(result: CompletionItem[] | CompletionList | null): string[] {
  const items = !result ? [] : Array.isArray(result) ? result : result.items;
  return items.map((i) => i.label);
}

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((s) => [s, ...flatten(s.children ?? [])]);
}

function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return (c as MarkupContent).value;
}

describe('language server over stdio (dist/server.js)', () => {
  let dir: string;
  let mainPath: string;
  let upPath: string;
  let uri: string;
  let client: LspClient;
  let opened: ReceivedDiagnostics;
  let latest: ReceivedDiagnostics;

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'layerwise-lsp-')));
    mkdirSync(join(dir, 'conf.d'));
    mainPath = join(dir, 'nginx.conf');
    upPath = join(dir, 'conf.d', 'up.conf');
    writeFileSync(mainPath, MAIN);
    writeFileSync(upPath, UPSTREAMS);
    uri = fileUri(mainPath);
    // Throws "dist/server.js does not exist: build it first (npm run build)" when it is missing.
    client = LspClient.start({ serverPath: SERVER, cwd: dir, timeoutMs: 10_000 });
  });

  afterAll(() => {
    client?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('initializes with the advertised capabilities', async () => {
    const result = await client.initialize({ workspaceFolders: [dir] });
    expect(result.serverInfo?.name).toBe('layerwise-language-server');
    const caps = result.capabilities as Record<string, unknown>;
    expect(caps.textDocumentSync).toBe(2); // incremental
    expect(caps).toMatchObject({
      hoverProvider: true, definitionProvider: true, documentSymbolProvider: true, foldingRangeProvider: true,
      completionProvider: expect.any(Object), codeActionProvider: expect.any(Object),
    });
  });

  it('publishes the known problems of an opened document with rule ids and ranges', async () => {
    opened = await client.open(uri, MAIN);
    expect(opened.version).toBe(1);
    expect(summary(opened)).toEqual([
      { code: 'nginx/unknown-directive', range: range(12, 12, 12, 23) },
      { code: 'nginx/wrong-arg-count', range: range(15, 38, 15, 43) },
      { code: 'nginx/l7-in-stream', range: range(26, 8, 26, 18) },
    ]);
    for (const d of opened.diagnostics) {
      expect(d.severity).toBe(1);
      expect(d.source).toMatch(/^Layerwise L\d /);
      expect(messageOf(d).length).toBeGreaterThan(10);
    }
    expect(messageOf(opened.diagnostics.find((d) => d.code === 'nginx/unknown-directive')!)).toContain('Did you mean "proxy_pass"');
  });

  it('republishes without the problem an incremental change fixes', async () => {
    // Delete " extra" (line 15, characters 37..43): proxy_pass then has its one argument.
    const { version, diagnostics } = await client.change(uri, [{ range: range(15, 37, 15, 43), text: '' }]);
    latest = await diagnostics;
    expect(latest.version).toBe(version);
    expect(summary(latest)).toEqual([
      { code: 'nginx/unknown-directive', range: range(12, 12, 12, 23) },
      { code: 'nginx/l7-in-stream', range: range(26, 8, 26, 18) },
    ]);
  });

  it('hovers a directive with its name and OSI layer', async () => {
    const l7 = await client.hover<Hover | null>(uri, pos(6, 12)); // proxy_set_header
    expect(hoverText(l7)).toContain('proxy_set_header');
    expect(hoverText(l7)).toContain('L7 application');
    expect(l7?.range).toEqual(range(6, 8, 6, 24));

    const l4 = await client.hover<Hover | null>(uri, pos(24, 10)); // listen in stream > server
    expect(hoverText(l4)).toContain('listen');
    expect(hoverText(l4)).toContain('L4 transport');
    expect(hoverText(l4).startsWith('`listen`')).toBe(true);
  });

  it('completes only stream directives inside stream > server', async () => {
    const got = labels(await client.completion<CompletionItem[] | CompletionList | null>(uri, pos(27, 8)));
    expect(got).toEqual(expect.arrayContaining(['proxy_pass', 'listen', 'proxy_timeout']));
    for (const http of ['proxy_set_header', 'location', 'add_header']) expect(got).not.toContain(http);
  });

  it('completes http proxy directives inside http > server > location', async () => {
    const got = labels(await client.completion<CompletionItem[] | CompletionList | null>(uri, pos(9, 12)));
    expect(got).toEqual(expect.arrayContaining(['proxy_set_header', 'proxy_pass', 'add_header']));
    expect(got).not.toContain('proxy_timeout');
  });

  it('goes to the upstream defined in an included file', async () => {
    const defs = await client.definition<Location[] | Location | null>(uri, pos(8, 32)); // "backend" in http://backend
    const list = !defs ? [] : Array.isArray(defs) ? defs : [defs];
    expect(list).toEqual([{ uri: fileUri(upPath), range: range(0, 9, 0, 16) }]);
  });

  it('goes to a stream upstream in the same file', async () => {
    const defs = await client.definition<Location[] | null>(uri, pos(25, 22)); // ssh_pool
    expect(defs).toEqual([{ uri, range: range(20, 13, 20, 21) }]);
  });

  it('lists the server and the upstream as document symbols', async () => {
    const symbols = flatten((await client.documentSymbol<DocumentSymbol[]>(uri)) ?? []);
    const names = symbols.map((s) => s.name);
    expect(names).toContain('server example.test');
    expect(names).toContain('upstream ssh_pool');
    expect(names).toContain('http');
    expect(names).toContain('stream');
    const server = symbols.find((s) => s.name === 'server example.test')!;
    expect(server.range.start).toEqual(pos(3, 4));
    expect(server.range.end.line).toBe(17);
    expect(server.children?.map((c) => c.name)).toEqual(expect.arrayContaining(['location /', 'location /api/', 'location /x/']));
  });

  it('offers a did-you-mean quick fix for the unknown directive', async () => {
    const diag = latest.diagnostics.find((d) => d.code === 'nginx/unknown-directive')!;
    expect(diag).toBeDefined();
    const actions = await client.codeAction<CodeAction[]>(uri, diag.range, [diag]);
    expect(actions.length).toBeGreaterThan(0);
    const fix = actions.find((a) => a.edit?.changes?.[uri]?.some((e) => e.newText === 'proxy_pass'));
    expect(fix, JSON.stringify(actions)).toBeDefined();
    expect(fix!.kind).toBe('quickfix');
    expect(fix!.edit!.changes![uri]).toEqual([{ range: range(12, 12, 12, 23), newText: 'proxy_pass' }]);

    // Applying it (as the editor would, incrementally) clears the diagnostic.
    const { version, diagnostics } = await client.change(uri, fix!.edit!.changes![uri].map((e) => ({ range: e.range, text: e.newText })));
    latest = await diagnostics;
    expect(latest.version).toBe(version);
    expect(summary(latest)).toEqual([{ code: 'nginx/l7-in-stream', range: range(26, 8, 26, 18) }]);
  });

  it('shuts down and exits with code 0', async () => {
    expect(await client.shutdown()).toBe(0);
  });
});

describe('LSP test client', () => {
  it('fails with a clear message when the server bundle is missing', () => {
    expect(() => LspClient.start({ serverPath: '/nonexistent/dist/server.js' })).toThrow(/does not exist: build it first \(npm run build\)/);
  });

  it('times out a request to a server that never answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerwise-hang-'));
    const script = join(dir, 'hang.js');
    writeFileSync(script, 'process.stdin.resume();\n');
    const client = LspClient.start({ serverPath: script });
    try {
      await expect(client.initialize({ timeoutMs: 300 })).rejects.toThrow(/request initialize: no answer within 300 ms/);
    } finally {
      client.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
