// The bundled examples: each broken one gets exactly the rules its header names; fixed ones get none.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli';
import { ORACLES, runOracle } from '../support/oracles';

const TLS = resolve(ORACLES, 'test', 'nginx', 'tls');
const scratch = mkdtempSync(join(tmpdir(), 'layerwise-examples-'));

/**
 * The real nginx's verdict on an example (see ../shared/oracles). Example certificates under
 * /etc/nginx/tls/ are swapped for the oracle's test pair, since nginx loads them at -t time.
 */
function nginxAccepts(path: string): boolean {
  const text = readFileSync(path, 'utf8');
  let target = path;
  if (text.includes('/etc/nginx/tls/')) {
    target = join(scratch, `${path.split('/').slice(-3, -1).join('-')}-${basename(path)}`);
    writeFileSync(target, text.replace(/\/etc\/nginx\/tls\/[\w.-]+\.key/g, join(TLS, 'test-only.key')).replace(/\/etc\/nginx\/tls\/[\w.-]+\.crt/g, join(TLS, 'test-only.crt')));
  }
  return runOracle('nginx', [target]).valid;
}

interface JsonFile {
  path: string;
  language: string;
  findings: { rule: string; severity: string; message: string }[];
}

describe('layerwise lint examples/', () => {
  const r = runCli(['lint', '--format', 'json', 'examples']);
  const files: JsonFile[] = JSON.parse(r.stdout || '{"files":[]}').files;

  it('finds broken and fixed examples, and exits 1 because the broken ones have errors', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(files.filter((f) => f.path.includes('/broken/')).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.path.includes('/fixed/')).length).toBe(files.filter((f) => f.path.includes('/broken/')).length);
  });

  for (const f of files) {
    if (f.path.includes('/broken/')) {
      it(`${f.path} gets the rules its header expects`, () => {
        const expected = [...readFileSync(join(ROOT, f.path), 'utf8').matchAll(/layerwise-expect:\s*(.*)$/gm)].flatMap((m) => m[1].replace(/\(.*\)/, '').trim().split(/\s+/));
        expect(expected.length).toBeGreaterThan(0);
        // `none`: the file is part of a broken set, but the finding belongs to another of its files.
        const rules = expected[0] === 'none' ? [] : expected;
        expect([...new Set(f.findings.map((x) => x.rule))].sort()).toEqual([...new Set(rules)].sort());
        // Findings that say nginx refuses the file must be right about it.
        const refused = f.findings.some((x) => x.severity === 'error' && /nginx refuses/.test(x.message));
        if (refused && f.path.includes('/nginx/')) expect(nginxAccepts(join(ROOT, f.path))).toBe(false);
      });
    } else if (f.path.includes('/fixed/')) {
      it(`${f.path} gets no finding, and the real daemon accepts it`, () => {
        expect(f.findings).toEqual([]);
        const abs = join(ROOT, f.path);
        if (f.language === 'nginx') expect(nginxAccepts(abs)).toBe(true);
        else if (f.language === 'ssh_config') expect(runOracle('ssh', [abs]).errors).toEqual([]);
        else if (f.language === 'sshd_config') expect(runOracle('sshd', [abs]).errors).toEqual([]);
        // ccd files hold options openvpn accepts only for a connected client; the server is checked.
        else if (f.language === 'openvpn' && !f.path.includes('/ccd/')) expect(runOracle('openvpn', [abs]).errors).toEqual([]);
      });
    }
  }
});
