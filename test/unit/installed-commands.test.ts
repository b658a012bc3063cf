// The commands npm installs from package.json's `bin` map must do the same as the built entry
// points: `layerwise` lints and `layerwise-language-server --stdio` answers LSP.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { LspClient } from '../support/lsp-client';
import { SERVER_START_FLAGS } from '../../server/src/start-flags';

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

  // The command runs the server in a child Node.js started with the start flags; /proc shows it.
  it.runIf(process.platform === 'linux')('layerwise-language-server starts the server with its V8 start flags and passes its exit status on', async () => {
    const launcher = LspClient.start({ serverPath: join(ROOT, bin['layerwise-language-server']), cwd: ROOT, timeoutMs: 10_000 });
    try {
      await launcher.initialize({ workspaceFolders: [] });
      const servers = childrenOf(launcher.child.pid!);
      expect(servers).toHaveLength(1);
      const argv = readFileSync(`/proc/${servers[0]}/cmdline`, 'utf8').split('\0').filter(Boolean);
      expect(argv.slice(1, 1 + SERVER_START_FLAGS.length)).toEqual(SERVER_START_FLAGS);
      expect(argv.slice(-2)).toEqual([join(ROOT, 'dist', 'server.js'), '--stdio']);
      expect(await launcher.shutdown()).toBe(0);
    } finally {
      launcher.dispose();
    }
  });

  it.runIf(process.platform === 'linux')('layerwise-language-server ends the server when it is terminated', async () => {
    const launcher = LspClient.start({ serverPath: join(ROOT, bin['layerwise-language-server']), cwd: ROOT, timeoutMs: 10_000 });
    try {
      await launcher.initialize({ workspaceFolders: [] });
      const [server] = childrenOf(launcher.child.pid!);
      const exited = new Promise<number | null>((resolve) => launcher.child.on('exit', (code) => resolve(code)));
      launcher.child.kill('SIGTERM');
      expect(await exited).not.toBe(0);
      await expect.poll(() => existsSync(`/proc/${server}`), { timeout: 5_000 }).toBe(false);
    } finally {
      launcher.dispose();
    }
  });
});

/** Process ids whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      // Field 4 of /proc/PID/stat is the parent's id; the command name before it is in parentheses.
      return Number(readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]) === pid;
    } catch {
      return false; // the process ended meanwhile
    }
  }).map(Number);
}
