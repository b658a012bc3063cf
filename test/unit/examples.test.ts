// The bundled examples: each broken one gets exactly the rules its header names; fixed ones get none.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const NGINX_CHECK = resolve(ROOT, '..', 'shared', 'oracles', 'nginx-check');

/** The real nginx's verdict on an example (see ../shared/oracles). */
function nginxAccepts(path: string): boolean {
  const r = spawnSync('bash', [NGINX_CHECK, path], { encoding: 'utf8' });
  if (r.status === 2 || r.status === null) throw new Error(`nginx oracle failed on ${path}: ${r.stderr}`);
  return r.status === 0;
}

interface JsonFile {
  path: string;
  findings: { rule: string; severity: string }[];
}

describe('layerwise lint examples/', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', 'examples'], { cwd: ROOT, encoding: 'utf8' });
  const files: JsonFile[] = JSON.parse(r.stdout || '{"files":[]}').files;

  it('finds broken and fixed examples, and exits 1 because the broken ones have errors', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(files.filter((f) => f.path.includes('/broken/')).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.path.includes('/fixed/')).length).toBe(files.filter((f) => f.path.includes('/broken/')).length);
  });

  for (const f of files) {
    if (f.path.includes('/broken/')) {
      it(`${f.path} gets the rules its header expects`, () => {
        const expected = [...readFileSync(join(ROOT, f.path), 'utf8').matchAll(/layerwise-expect:\s*(.*)$/gm)].flatMap((m) => m[1].trim().split(/\s+/));
        expect(expected.length).toBeGreaterThan(0);
        expect([...new Set(f.findings.map((x) => x.rule))].sort()).toEqual([...new Set(expected)].sort());
        if (f.findings.some((x) => x.severity === 'error') && f.path.includes('/nginx/')) expect(nginxAccepts(join(ROOT, f.path))).toBe(false);
      });
    } else if (f.path.includes('/fixed/')) {
      it(`${f.path} gets no finding, and the real daemon accepts it`, () => {
        expect(f.findings).toEqual([]);
        if (f.path.includes('/nginx/')) expect(nginxAccepts(join(ROOT, f.path))).toBe(true);
      });
    }
  }
});
