// The CLI as a process: dist/cli.js starts from a V8 code cache and exits as soon as its output is
// written. Neither may change what it prints: output larger than a pipe holds arrives whole, a
// missing or unusable cache only means a normal compile, and a reader that leaves early is no error.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, ROOT } from '../support/cli';

let dir: string;
let big: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'layerwise-cli-process-'));
  // Every server has a wrong argument count: several hundred KB of JSON, far more than a pipe buffer.
  big = join(dir, 'big.conf');
  const servers = Array.from({ length: 2000 }, (_, i) => `    server {\n        listen ${10000 + i};\n        gzip on off;\n    }\n`);
  writeFileSync(big, `events {}\nhttp {\n${servers.join('')}}\n`);
});

/** dist/cli.js and its bundle copied to a fresh folder, with or without the shipped cache. */
function copyOfDist(withCache: boolean): string {
  const copy = mkdtempSync(join(dir, 'dist-'));
  for (const f of readdirSync(join(ROOT, 'dist'))) {
    if (f === 'cli.js' || f === 'cli-bundle.js' || (withCache && /^cli-bundle\.[0-9a-f]+\.cache$/.test(f))) copyFileSync(join(ROOT, 'dist', f), join(copy, f));
  }
  return copy;
}

function runIn(cliPath: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the CLI process', () => {
  it('writes a report larger than a pipe holds in full, then exits with its status', () => {
    const r = runIn(CLI, ['lint', '--format', 'json', big]);
    expect(r.stdout.length).toBeGreaterThan(256 * 1024);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const findings = JSON.parse(r.stdout).files[0].findings.filter((f: { rule: string }) => f.rule === 'nginx/wrong-arg-count');
    expect(findings).toHaveLength(2000);
    expect(r.code).toBe(1);
  });

  it('prints the same without its code cache, and with one V8 rejects', () => {
    const expected = runIn(CLI, ['lint', '--format', 'json', 'examples']);
    expect(expected.code).toBe(1);

    const temp = mkdtempSync(join(dir, 'tmp-'));
    const bare = copyOfDist(false);
    expect(runIn(join(bare, 'cli.js'), ['lint', '--format', 'json', 'examples'], { TMPDIR: temp })).toEqual(expected);
    // That run left a cache in the temp directory; the next one starts from it.
    const [cacheDir] = readdirSync(temp).filter((f) => f.startsWith('layerwise-code-cache-'));
    expect(readdirSync(join(temp, cacheDir))).toHaveLength(1);
    expect(runIn(join(bare, 'cli.js'), ['lint', '--format', 'json', 'examples'], { TMPDIR: temp })).toEqual(expected);

    const damaged = copyOfDist(true);
    const [cacheFile] = readdirSync(damaged).filter((f) => f.endsWith('.cache'));
    const bytes = readFileSync(join(damaged, cacheFile));
    bytes.fill(7, 0, 64);
    writeFileSync(join(damaged, cacheFile), bytes);
    const temp2 = mkdtempSync(join(dir, 'tmp-'));
    expect(runIn(join(damaged, 'cli.js'), ['lint', '--format', 'json', 'examples'], { TMPDIR: temp2 })).toEqual(expected);
    // Rejected, so a cache of its own was made.
    expect(readdirSync(temp2).filter((f) => f.startsWith('layerwise-code-cache-'))).toHaveLength(1);
  });

  it('stops quietly when the reader leaves early', () => {
    // pipefail: the status is the CLI's own (1: the report has errors), not head's.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" lint --format json "${big}" | head -c 100 >/dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});
