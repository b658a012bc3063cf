// `layerwise graph` and the by-layer section of `layerwise lint --format text`.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runCli } from '../support/cli';

const run = runCli;

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'layerwise-graph-'));
  mkdirSync(join(dir, 'tunnel'));
  writeFileSync(join(dir, 'tunnel', 'ssh_config'), 'Host relay\n    HostName 203.0.113.20\n    RemoteForward 0.0.0.0:8080 127.0.0.1:3000\n');
  writeFileSync(join(dir, 'tunnel', 'sshd_config'), 'GatewayPorts no\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a config\n');
});

describe('layerwise graph', () => {
  it('prints Mermaid by default, with the bind the server really uses marked broken', () => {
    const r = run(['graph', join(dir, 'tunnel')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('"⚠ localhost:8080<br/>relay, GatewayPorts no (asked 0.0.0.0)"');
    expect(r.stdout).toMatch(/linkStyle \d+(,\d+)* stroke:#cf222e/);
  });

  it('prints each format it offers', () => {
    const svg = run(['graph', '--format', 'svg', join(dir, 'tunnel')]);
    expect(svg.code).toBe(0);
    expect(svg.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*class="lw-graph lw-theme-standalone"/);
    expect(svg.stdout).toContain('@media (prefers-color-scheme: dark)');
    expect(svg.stdout.trimEnd().endsWith('</svg>')).toBe(true);
    const dot = run(['graph', '--format', 'dot', join(dir, 'tunnel')]);
    expect(dot.stdout).toMatch(/^digraph relay_paths \{\n  rankdir=LR;/);
    expect(dot.stdout).toContain('style=dashed');
    const json = JSON.parse(run(['graph', '--format', 'json', join(dir, 'tunnel')]).stdout);
    expect(json.files).toEqual([join(dir, 'tunnel', 'ssh_config'), join(dir, 'tunnel', 'sshd_config')]);
    const listener = json.nodes.find((n: { kind: string }) => n.kind === 'listener');
    expect(listener).toMatchObject({ label: 'localhost:8080', source: { path: join(dir, 'tunnel', 'ssh_config'), range: { start: { line: 2 } } } });
  });

  it('draws examples/ the way the golden test has it', () => {
    const r = run(['graph', 'examples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'test', 'graph', 'golden', 'examples.mmd'), 'utf8'));
  });

  it('matches the Mermaid blocks of the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toEqual([run(['graph', 'examples/ssh/reverse-tunnel']).stdout, run(['graph', 'examples']).stdout]);
  });

  it('refuses bad arguments with exit 2 and a clear message', () => {
    const bad = run(['graph', '--format', 'png', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('layerwise: unknown --format "png"; use mermaid, svg, dot or json.\n');
    const none = run(['graph']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no PATH given. Example: layerwise graph examples/');
    const missing = run(['graph', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope: no such file or directory.');
    const nothing = run(['graph', join(dir, 'notes.txt')]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('no nginx, ssh_config, sshd_config or OpenVPN files');
  });

  it('is described in --help', () => {
    const r = run(['--help']);
    expect(r.stdout).toContain('layerwise graph [options] PATH...');
    expect(r.stdout).toContain('graph: mermaid, svg, dot or json (default: mermaid)');
  });
});

describe('layerwise lint --format text, by layer', () => {
  it('lists the findings again by layer from the bottom up, with each layer\'s reminder and counts', () => {
    const r = run(['lint', '--no-color', 'examples/openvpn/broken']);
    expect(r.code).toBe(1);
    const section = r.stdout.slice(r.stdout.indexOf('By layer, bottom up:'));
    expect(section).toMatch(/^By layer, bottom up:\n\nL3 network  3 findings \(1 error, 1 warning, 1 info\)\n  Addresses, routes and name resolution: is there a path to the peer\?\n/);
    const headers = [...section.matchAll(/^L(\d) /gm)].map((m) => Number(m[1]));
    expect(headers).toEqual([3, 4, 6]);
    expect(section).toContain('  error   examples/openvpn/broken/mission-control.ovpn:6:7  openvpn/pairing-transport');
    // Every finding of the per-file listing appears once in the layer section.
    const listed = r.stdout.slice(0, r.stdout.indexOf('By layer')).match(/^ {2}\d+:\d+ /gm)!.length;
    expect(section.match(/^ {2}(error|warning|info|hint) /gm)!.length).toBe(listed);
  });

  it('has no layer section when there is nothing to report, nor in JSON', () => {
    const ok = run(['lint', '--no-color', 'examples/ssh/bastion/fixed']);
    expect(ok.stdout).not.toContain('By layer');
    const json = run(['lint', '--format', 'json', 'examples/openvpn/broken']);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });
});
