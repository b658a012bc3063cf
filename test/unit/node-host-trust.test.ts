// Workspace trust: an untrusted workspace must not make the language server read files outside
// its folders. Checked on the file host itself, then end to end through the built server.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globBase, isUnderAny, nodeHost } from '../../server/src/node-host';
import { fileUri, LspClient } from '../support/lsp-client';

const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

let top: string;
let ws: string;
let outside: string;

beforeAll(() => {
  top = realpathSync(mkdtempSync(join(tmpdir(), 'layerwise-trust-')));
  ws = join(top, 'ws');
  outside = join(top, 'outside');
  mkdirSync(join(ws, 'conf.d'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(ws, 'conf.d', 'a.conf'), 'server_tokens off;\n');
  writeFileSync(join(outside, 'secret.conf'), 'server_tokens on;\n');
  symlinkSync(join(outside, 'secret.conf'), join(ws, 'conf.d', 'link.conf'));
  // A sibling whose name starts like the workspace folder is still outside it.
  mkdirSync(join(top, 'ws-other'));
  writeFileSync(join(top, 'ws-other', 'b.conf'), 'x;\n');
});

afterAll(() => {
  if (top) rmSync(top, { recursive: true, force: true });
});

describe('file host confined to folders', () => {
  it('reads everything when no folders are given (a trusted workspace, the CLI)', () => {
    const host = nodeHost();
    expect(host.readFile(join(outside, 'secret.conf'))).toBe('server_tokens on;\n');
    expect(host.glob(join(outside, '*.conf'))).toEqual([join(outside, 'secret.conf')]);
  });

  it('reads inside the folders and nothing outside them', () => {
    const host = nodeHost({ allowedRoots: () => [ws] });
    expect(host.readFile(join(ws, 'conf.d', 'a.conf'))).toBe('server_tokens off;\n');
    expect(host.readFile(join(outside, 'secret.conf'))).toBeUndefined();
    expect(host.readFile(join(top, 'ws-other', 'b.conf'))).toBeUndefined();
    expect(host.readFile(join(ws, 'conf.d', '..', '..', 'outside', 'secret.conf'))).toBeUndefined();
  });

  it('does not follow a symbolic link that leads out of the folders', () => {
    const host = nodeHost({ allowedRoots: () => [ws] });
    expect(host.readFile(join(ws, 'conf.d', 'link.conf'))).toBeUndefined();
    expect(host.glob(join(ws, 'conf.d', '*.conf'))).toEqual([join(ws, 'conf.d', 'a.conf')]);
  });

  it('does not list folders outside, even ones that contain the workspace', () => {
    const host = nodeHost({ allowedRoots: () => [ws] });
    expect(host.glob(join(outside, '*.conf'))).toEqual([]);
    expect(host.glob(join(top, '**', '*.conf'))).toEqual([]);
  });

  it('asks for the folders on every read, so trust granted later takes effect', () => {
    let roots: string[] | undefined = [ws];
    const host = nodeHost({ allowedRoots: () => roots });
    expect(host.readFile(join(outside, 'secret.conf'))).toBeUndefined();
    roots = undefined;
    expect(host.readFile(join(outside, 'secret.conf'))).toBe('server_tokens on;\n');
  });

  it('places paths by their real location', () => {
    expect(isUnderAny(join(ws, 'conf.d', 'a.conf'), [ws])).toBe(true);
    expect(isUnderAny(ws, [ws])).toBe(true);
    expect(isUnderAny(join(ws, 'missing.conf'), [ws])).toBe(false);
    expect(isUnderAny(join(top, 'ws-other', 'b.conf'), [ws])).toBe(false);
    expect(isUnderAny(join(outside, 'secret.conf'), [])).toBe(false);
  });

  it('resolves a folder list once, and a new list afresh', () => {
    // A folder given through a symbolic link is placed by its target; the target is looked up
    // when a list is first used, so a new list (new workspace folders) sees a moved link.
    const link = join(top, 'ws-link');
    symlinkSync(ws, link);
    try {
      const roots = [link];
      const file = join(ws, 'conf.d', 'a.conf');
      const other = join(top, 'ws-other', 'b.conf');
      expect(isUnderAny(file, roots)).toBe(true);
      rmSync(link);
      symlinkSync(join(top, 'ws-other'), link);
      expect(isUnderAny(file, roots)).toBe(true);
      expect(isUnderAny(other, roots)).toBe(false);
      expect(isUnderAny(file, [link])).toBe(false);
      expect(isUnderAny(other, [link])).toBe(true);
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('finds the fixed folder part of a glob', () => {
    expect(globBase('/etc/nginx/conf.d/*.conf')).toBe('/etc/nginx/conf.d');
    expect(globBase('/etc/nginx/**/x.conf')).toBe('/etc/nginx');
    expect(globBase('/*.conf')).toBe('/');
    expect(globBase('/srv/{a,b}/x.conf')).toBe('/srv');
  });
});

describe('language server in an untrusted workspace (dist/server.js)', () => {
  const mainText = () => `events {}\nhttp {\n    include ${join(outside, 'secret.conf')};\n    include conf.d/a.conf;\n}\n`;

  async function includeFindings(trusted: boolean | undefined): Promise<string[]> {
    const main = join(ws, 'nginx.conf');
    writeFileSync(main, mainText());
    const client = LspClient.start({ serverPath: SERVER, cwd: ws, timeoutMs: 10_000 });
    try {
      await client.initialize({ workspaceFolders: [ws], initializationOptions: trusted === undefined ? undefined : { trusted } });
      const d = await client.open(fileUri(main), mainText());
      return d.diagnostics.filter((x) => x.code === 'nginx/include-not-found').map((x) => `${x.range.start.line}`);
    } finally {
      client.dispose();
    }
  }

  it('does not read an include outside the workspace folders', async () => {
    // Line 2 includes the outside file: unreadable, so reported missing; line 3 stays readable.
    expect(await includeFindings(false)).toEqual(['2']);
  });

  it('reads it when the workspace is trusted, or when the client says nothing about trust', async () => {
    expect(await includeFindings(true)).toEqual([]);
    expect(await includeFindings(undefined)).toEqual([]);
  });
});
