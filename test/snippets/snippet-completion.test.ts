// Relay snippets in the server's completion: only where they fit, and not for a client that shows
// the extension's contributed snippets itself.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import type { LanguageId, Position } from '../../server/src/engine/syntax';
import { RELAY_SNIPPETS } from '../../server/src/features/snippet-catalogue';
import { snippetCompletions } from '../../server/src/features/snippet-completion';
import { instantiateSnippet } from '../../server/src/features/snippet-text';
import { fileUri, LspClient } from '../support/lsp-client';
import { memoryWorkspace } from '../support/memory-host';

const prefixesOf = (l: LanguageId, context?: string) => RELAY_SNIPPETS.filter((s) => s.language === l && (!context || s.context === context)).map((s) => s.prefix).sort();

/** Completion at the `|` of `text` (removed before parsing). */
function offered(path: string, marked: string, language: LanguageId, snippetSupport = true): CompletionItem[] {
  const at = marked.indexOf('|');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  const pos: Position = { line: before.length - 1, character: before[before.length - 1].length };
  const ws = memoryWorkspace({ [path]: text }, language);
  return snippetCompletions(ws.get(path)!, pos, ws, { snippetSupport });
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label).sort();

describe('nginx snippets follow the block the cursor is in', () => {
  const conf = (inner: string) => `events {}\nhttp {\n    server_tokens off;\n${inner}\n}\n`;

  it('offers http snippets in http, stream snippets in stream', () => {
    expect(labels(offered('/etc/nginx/nginx.conf', conf('    |'), 'nginx'))).toEqual(prefixesOf('nginx', 'http'));
    const stream = 'events {}\nstream {\n    rel|\n}\n';
    expect(labels(offered('/etc/nginx/nginx.conf', stream, 'nginx'))).toEqual(prefixesOf('nginx', 'stream'));
  });

  it('offers nothing inside a server, a location or a map, nor in argument position', () => {
    expect(offered('/etc/nginx/nginx.conf', conf('    server {\n        |\n    }'), 'nginx')).toEqual([]);
    expect(offered('/etc/nginx/nginx.conf', conf('    map $a $b {\n        |\n    }'), 'nginx')).toEqual([]);
    expect(offered('/etc/nginx/nginx.conf', conf('    server_names_hash_bucket_size |'), 'nginx')).toEqual([]);
  });

  it('wraps a snippet in its block at the top of a full config that lacks that block', () => {
    const items = offered('/etc/nginx/nginx.conf', 'events {}\nhttp {\n}\n|\n', 'nginx');
    expect(labels(items)).toEqual(prefixesOf('nginx', 'stream'));
    const tcp = items.find((i) => i.label === 'relay-l4-proxy-tcp')!;
    const edit = tcp.textEdit as { newText: string };
    expect(edit.newText.startsWith('stream {\n\t# L4 reverse proxy')).toBe(true);
    expect(edit.newText.endsWith('\n}')).toBe(true);
  });

  it('offers every snippet in a fragment whose context nothing tells, and follows a declared one', () => {
    expect(labels(offered('/srv/new.conf', '|', 'nginx'))).toEqual(prefixesOf('nginx'));
    expect(labels(offered('/srv/l4.conf', '# layerwise: context=stream\n|', 'nginx'))).toEqual(prefixesOf('nginx', 'stream'));
  });

  it('replaces the typed prefix, dashes included, and describes the pattern', () => {
    const item = offered('/etc/nginx/nginx.conf', conf('    relay-l7|'), 'nginx').find((i) => i.label === 'relay-l7-proxy')!;
    expect(item.kind).toBe(15);
    expect(item.insertTextFormat).toBe(2);
    expect(item.detail).toMatch(/L7 reverse proxy/);
    expect(item.textEdit).toMatchObject({ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 12 } } });
    expect((item.textEdit as { newText: string }).newText).toContain('${4:192.0.2.10:8080}');
    expect((item.documentation as { value: string }).value).toContain('proxy_pass http://192.0.2.10:8080;');
  });

  it('inserts the defaults as plain text for a client without snippet support', () => {
    const item = offered('/etc/nginx/nginx.conf', conf('    |'), 'nginx', false).find((i) => i.label === 'relay-l7-proxy')!;
    expect(item.insertTextFormat).toBe(1);
    const body = RELAY_SNIPPETS.find((s) => s.prefix === 'relay-l7-proxy')!.body;
    expect((item.textEdit as { newText: string }).newText).toBe(instantiateSnippet(body));
  });
});

describe('OpenSSH snippets go where they capture no following settings', () => {
  it('ssh_config: at the end, or before another Host, but not inside a section with settings below', () => {
    const all = prefixesOf('ssh_config');
    expect(labels(offered('/home/u/.ssh/config', '|', 'ssh_config'))).toEqual(all);
    expect(labels(offered('/home/u/.ssh/config', 'Host a\n    User x\n|\n', 'ssh_config'))).toEqual(all);
    expect(labels(offered('/home/u/.ssh/config', 'Host a\n|\n# note\nHost b\n    User y\n', 'ssh_config'))).toEqual(all);
    expect(offered('/home/u/.ssh/config', 'Host a\n|\n    User x\n', 'ssh_config')).toEqual([]);
  });

  it('sshd_config: Match snippets after the global settings, not before them', () => {
    const all = prefixesOf('sshd_config');
    expect(labels(offered('/etc/ssh/sshd_config', 'PasswordAuthentication no\n|\n', 'sshd_config'))).toEqual(all);
    expect(offered('/etc/ssh/sshd_config', '|\nPasswordAuthentication no\n', 'sshd_config')).toEqual([]);
  });
});

describe('OpenVPN snippets are whole files', () => {
  it('offers them in a file with no option yet, and nowhere else', () => {
    expect(labels(offered('/etc/openvpn/server.conf', '# new\nrelay|', 'openvpn'))).toEqual(prefixesOf('openvpn'));
    expect(offered('/etc/openvpn/server.conf', 'dev tun\n|', 'openvpn')).toEqual([]);
  });
});

describe('snippet completion over the protocol (dist/server.js)', () => {
  const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'layerwise-snippet-lsp-')));
  const clients: LspClient[] = [];
  afterAll(() => {
    for (const c of clients) c.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const labelsAt = async (initializationOptions: unknown): Promise<CompletionItem[]> => {
    const client = LspClient.start({ serverPath: SERVER, cwd: dir });
    clients.push(client);
    await client.initialize({
      workspaceFolders: [dir], initializationOptions,
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    const uri = fileUri(join(dir, 'sshd_config'));
    await client.open(uri, 'PermitRootLogin no\nrelay-\n', 'sshd_config');
    const result = await client.completion<CompletionItem[] | CompletionList | null>(uri, { line: 1, character: 6 });
    return !result ? [] : Array.isArray(result) ? result : result.items;
  };

  it('offers the relay snippets to an editor that does not show them itself', async () => {
    const items = (await labelsAt(undefined)).filter((i) => i.kind === 15);
    expect(items.map((i) => i.label).sort()).toEqual(prefixesOf('sshd_config'));
    expect(items.every((i) => i.insertTextFormat === 2 && typeof i.detail === 'string')).toBe(true);
  });

  it('leaves them out when the client shows the contributed snippets (VS Code)', async () => {
    const items = await labelsAt({ snippets: 'client' });
    expect(items.filter((i) => i.kind === 15 || String(i.label).startsWith('relay-'))).toEqual([]);
    expect(items.length).toBeGreaterThan(0); // keywords are still completed
  });
});
