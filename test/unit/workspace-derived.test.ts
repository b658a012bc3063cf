// Workspace.derived: indexes shared while the files stay as they are, dropped on every change and
// on forgetDerived, and rebuilt on the next use; analyses give the same findings either way.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { analyzeContext } from '../../server/src/dialects/nginx/analysis';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost } from '../support/memory-host';

const KEY = {};

function workspace(files: Record<string, string> = {}): Workspace {
  return new Workspace(memoryHost(files), DIALECTS);
}

describe('Workspace.derived', () => {
  it('builds once while the files stay the same', () => {
    const ws = workspace();
    let builds = 0;
    const a = ws.derived(KEY, () => ({ n: ++builds }));
    const b = ws.derived(KEY, () => ({ n: ++builds }));
    expect(b).toBe(a);
    expect(builds).toBe(1);
  });

  it('keeps values of other keys apart', () => {
    const ws = workspace();
    expect(ws.derived({}, () => 1)).toBe(1);
    expect(ws.derived({}, () => 2)).toBe(2);
  });

  it('drops what it built when a file is set, removed or invalidated', () => {
    const ws = workspace();
    let builds = 0;
    const build = () => ++builds;
    ws.derived(KEY, build);
    ws.setFile('/etc/nginx/nginx.conf', 'events {}\n', 'nginx');
    expect(ws.derived(KEY, build)).toBe(2);
    ws.removeFile('/etc/nginx/nginx.conf');
    expect(ws.derived(KEY, build)).toBe(3);
    ws.invalidate('/etc/nginx/other.conf');
    expect(ws.derived(KEY, build)).toBe(4);
    // Setting the same text again is no change.
    ws.setFile('/etc/nginx/a.conf', 'events {}\n', 'nginx');
    expect(ws.derived(KEY, build)).toBe(5);
    ws.setFile('/etc/nginx/a.conf', 'events {}\n', 'nginx');
    expect(ws.derived(KEY, build)).toBe(5);
  });

  it('drops everything on forgetDerived, without changing the generation', () => {
    const ws = workspace();
    let builds = 0;
    ws.derived(KEY, () => ++builds);
    const generation = ws.generation;
    ws.forgetDerived();
    expect(ws.derived(KEY, () => ++builds)).toBe(2);
    expect(ws.generation).toBe(generation);
  });

  it('keeps a value built while a file was read from disk', () => {
    const ws = workspace({ '/etc/nginx/inc.conf': 'gzip on;\n' });
    let builds = 0;
    const build = () => {
      builds++;
      ws.load('/etc/nginx/inc.conf');
      return builds;
    };
    expect(ws.derived(KEY, build)).toBe(1);
    expect(ws.derived(KEY, build)).toBe(1);
    expect(builds).toBe(1);
  });

  it('derivedOf keeps one value per file', () => {
    const ws = workspace();
    const a = ws.setFile('/a.conf', 'events {}\n', 'nginx')!;
    const b = ws.setFile('/b.conf', 'events {}\n', 'nginx')!;
    let builds = 0;
    const va = ws.derivedOf(KEY, a, () => `a${++builds}`);
    const vb = ws.derivedOf(KEY, b, () => `b${++builds}`);
    expect([va, vb]).toEqual(['a1', 'b2']);
    expect(ws.derivedOf(KEY, a, () => 'again')).toBe('a1');
    ws.forgetDerived();
    expect(ws.derivedOf(KEY, a, () => 'again')).toBe('again');
  });

  it('an nginx context is shared until forgotten, and findings do not depend on it', () => {
    const path = '/etc/nginx/nginx.conf';
    const text = 'events {}\nhttp {\n  upstream app { server 127.0.0.1:8080; keepalive 8; }\n  server {\n    listen 80;\n    location / { proxy_pass http://app; }\n  }\n}\n';
    const ws = workspace();
    const file = ws.setFile(path, text, 'nginx')!;
    const first = ws.analyze(path);
    expect(first.map((f) => f.rule)).toContain('nginx/upstream-keepalive-unused');
    const ctx = analyzeContext(file, ws);
    expect(analyzeContext(file, ws)).toBe(ctx);
    ws.forgetDerived();
    expect(analyzeContext(file, ws)).not.toBe(ctx);
    expect(ws.analyze(path)).toEqual(first);
  });
});
