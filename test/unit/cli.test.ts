// The CLI contract: formats, exit codes, and clear errors for bad input.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../support/cli';

const run = runCli;

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'layerwise-cli-'));
  mkdirSync(join(dir, 'conf.d'));
  writeFileSync(join(dir, 'nginx.conf'), 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n');
  writeFileSync(join(dir, 'conf.d', 'site.conf'), 'server {\n    listen 80;\n    gzip on off;\n}\n');
  writeFileSync(join(dir, 'ok.conf'), 'events {}\nhttp { server { listen 8080; } }\n');
  writeFileSync(join(dir, 'notes.txt'), 'just some text\n');
});

describe('layerwise lint', () => {
  it('prints one JSON object with the documented fields and exits 1 on errors', () => {
    const r = run(['lint', '--format', 'json', join(dir, 'conf.d', 'site.conf'), join(dir, 'nginx.conf')]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['files']);
    const site = out.files.find((f: { path: string }) => f.path.endsWith('site.conf'));
    expect(site.language).toBe('nginx');
    expect(site.findings).toEqual([{
      rule: 'nginx/wrong-arg-count', severity: 'error', layer: 4, line: 3, column: 13, endLine: 3, endColumn: 16,
      message: expect.stringContaining('"gzip" takes 1 argument but has 2'),
    }]);
  });

  it('checks an included fragment in the context of its includer', () => {
    // Alone, `server` at the top of a file would be fine in http; here the includer proves it.
    writeFileSync(join(dir, 'conf.d', 'loc.conf'), 'location / { return 204; }\n');
    const r = run(['lint', '--format', 'json', dir]);
    const loc = JSON.parse(r.stdout).files.find((f: { path: string }) => f.path.endsWith('loc.conf'));
    expect(loc.findings.map((f: { rule: string }) => f.rule)).toEqual(['nginx/not-allowed-here']);
  });

  it('exits 0 when nothing is an error', () => {
    const r = run(['lint', join(dir, 'ok.conf')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No findings in 1 file');
  });

  it('groups text output by file and shows the layer', () => {
    const r = run(['lint', '--no-color', join(dir, 'conf.d', 'site.conf')]);
    expect(r.stdout).toMatch(/site\.conf \(nginx\)\n\s+3:13\s+error\s+L4 transport\s+"gzip" takes 1 argument/);
  });

  it('writes valid SARIF 2.1.0', () => {
    const r = run(['lint', '--format', 'sarif', join(dir, 'conf.d', 'site.conf')]);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('Layerwise');
    const result = run0.results[0];
    expect(result.ruleId).toBe('nginx/wrong-arg-count');
    expect(run0.tool.driver.rules[result.ruleIndex].id).toBe('nginx/wrong-arg-count');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 3, startColumn: 13, endLine: 3, endColumn: 16 });
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/.*site\.conf$/);
  });

  it('lets --rule change or silence a rule', () => {
    const off = run(['lint', '--format', 'json', '--rule', 'nginx/wrong-arg-count=off', join(dir, 'conf.d', 'site.conf')]);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).files[0].findings).toEqual([]);
    const warn = run(['lint', '--format', 'json', '--rule', 'nginx/wrong-arg-count=warning', join(dir, 'conf.d', 'site.conf')]);
    expect(warn.code).toBe(0);
    expect(JSON.parse(warn.stdout).files[0].findings[0].severity).toBe('warning');
  });

  it('honours --language and says which files it skipped', () => {
    const skipped = run(['lint', join(dir, 'notes.txt')]);
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toContain('notes.txt: not recognised');
    const forced = run(['lint', '--language', 'nginx', '--format', 'json', join(dir, 'notes.txt')]);
    expect(JSON.parse(forced.stdout).files[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['nginx/unknown-directive', 'nginx/syntax']);
  });

  it('reads standard input for the PATH -, named by --stdin-filename when given', () => {
    const broken = 'events {}\nhttp {\n    server {\n        listen 80;\n        gzip on off;\n    }\n}\n';
    const piped = run(['lint', '--no-color', '-'], dir, broken);
    expect(piped.code).toBe(1);
    expect(piped.stdout).toMatch(/^<stdin> \(nginx\)\n\s+5:17\s+error\s+L4 transport\s+"gzip" takes 1 argument/);
    const named = run(['lint', '--format', 'json', '--stdin-filename', '/home/u/.ssh/config', '-'], dir, 'Host tunnel\n  RemoteForward 0.0.0.0:8080 localhost:80\n');
    const [file] = JSON.parse(named.stdout).files;
    expect(file.path).toBe('/home/u/.ssh/config');
    expect(file.language).toBe('ssh_config');
    expect(file.findings.map((f: { rule: string }) => f.rule)).toEqual(['ssh/remote-forward-bind']);
    const unnamed = run(['lint', '--stdin-filename', 'x.conf', join(dir, 'ok.conf')]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain('--stdin-filename names standard input, given as the PATH "-"');
    const empty = run(['lint', ''], dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('an empty PATH was given');
  });

  it('skips a binary file, even with --language, but reads a config in a legacy encoding', () => {
    const bin = join(dir, 'blob.conf');
    writeFileSync(bin, Buffer.from([0x7b, 0x00, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x0a, 0xff, 0xfe]));
    for (const args of [['lint', bin], ['lint', '--language', 'nginx', bin]]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('blob.conf: binary content (it holds NUL bytes), not a config file; skipped.');
    }
    // Latin-1 bytes in a comment: not binary, linted as usual.
    const latin1 = join(dir, 'latin1.conf');
    writeFileSync(latin1, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nevents {}\nhttp { server { listen 8080; } }\n')]));
    expect(run(['lint', latin1]).code).toBe(0);
  });

  it('shows control characters quoted from a file as escapes, never raw', () => {
    const esc = join(dir, 'esc.conf');
    writeFileSync(esc, 'http {\n  serv\x1b[31mer_tokens off;\n}\n');
    const r = run(['lint', '--no-color', esc]);
    expect(r.stdout).toContain('Unknown directive "serv\\u001b[31mer_tokens"');
    expect(r.stdout).not.toContain('\x1b');
  });

  it('exits 2 with a clear message for usage and I/O errors', () => {
    const missing = run(['lint', join(dir, 'nope.conf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.conf: no such file or directory/);
    const format = run(['lint', '--format', 'xml', dir]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format "xml"');
    expect(run(['frobnicate']).code).toBe(2);
    expect(run(['lint']).stderr).toContain('no PATH given');
    expect(run(['lint', '--bogus', dir]).code).toBe(2);
  });
});
