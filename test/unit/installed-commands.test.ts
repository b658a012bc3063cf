// The commands npm installs from package.json's `bin` map must do the same as the built entry
// points: `layerwise` lints and `layerwise-language-server --stdio` answers LSP.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { LspClient } from '../support/lsp-client';

const bin: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin;

describe('installed commands', () => {
  it('layerwise lint reports a broken example and exits 1', () => {
    const r = spawnSync(process.execPath, [join(ROOT, bin.layerwise), 'lint', 'examples/nginx/l4-proxy/broken'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('nginx/l7-in-stream');
    expect(r.status).toBe(1);
  });

  it('layerwise exits 0 on a clean file and 2 on a bad command', () => {
    const ok = spawnSync(process.execPath, [join(ROOT, bin.layerwise), 'lint', 'examples/nginx/l4-proxy/fixed'], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('No findings');
    const bad = spawnSync(process.execPath, [join(ROOT, bin.layerwise), 'frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });

  let client: LspClient | undefined;
  afterAll(() => client?.dispose());

  it('layerwise-language-server --stdio initializes', async () => {
    client = LspClient.start({ serverPath: join(ROOT, bin['layerwise-language-server']), cwd: ROOT, timeoutMs: 10_000 });
    const result = await client.initialize({ workspaceFolders: [] });
    expect(result.serverInfo?.name).toBe('layerwise-language-server');
  });
});
