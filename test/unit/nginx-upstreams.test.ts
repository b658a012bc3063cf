// The upstream blocks of a configuration by name (configUpstreams), which every relay rule and
// editor feature that follows a target to its upstream shares: names compared without regard to
// case as nginx does, the family each block serves, blocks in files read only for an include, and
// nothing from another configuration.
import { describe, expect, it } from 'vitest';
import { analyzeContext } from '../../server/src/dialects/nginx/analysis';
import { configUpstreams, writtenNames } from '../../server/src/dialects/nginx/upstreams';
import type { Finding } from '../../server/src/engine/rules';
import { Workspace } from '../../server/src/engine/workspace';
import { DIALECTS } from '../../server/src/dialects/index';
import { memoryHost } from '../support/memory-host';

/** A workspace over `files` (its host reads them all) with only `loaded` set as files of it. */
function workspace(files: Record<string, string>, loaded = Object.keys(files)): Workspace {
  const ws = new Workspace(memoryHost(files), DIALECTS);
  for (const p of loaded) ws.setFile(p, files[p], 'nginx');
  return ws;
}

/** The upstreams a file's configuration has, as `name: file:line, ...` per family. */
function upstreamsSeenFrom(ws: Workspace, path: string): Record<'http' | 'stream', string[]> {
  const ctx = analyzeContext(ws.get(path)!, ws, undefined);
  const show = (family: 'http' | 'stream') => [...configUpstreams(ctx, family)].map(([name, blocks]) => `${name}: ${blocks.map((b) => `${b.file.path}:${b.node.range.start.line + 1}`).join(', ')}`);
  return { http: show('http'), stream: show('stream') };
}

const rule = (ws: Workspace, path: string, id: string): Finding[] => ws.analyze(path).filter((f) => f.rule === id);

describe('configUpstreams', () => {
  it('groups blocks by lower-cased name, per family, with blocks of included fragments and of files read only for an include', () => {
    const files = {
      '/ws/nginx.conf': 'events {}\nhttp {\n  upstream App { server 192.0.2.1:80; }\n  include /ws/http.d/*.conf;\n  server { listen 80; location / { proxy_pass http://app; } }\n}\nstream {\n  include /ws/stream.d/db.conf;\n}\n',
      '/ws/http.d/more.conf': 'upstream app { server 192.0.2.2:80; }\nupstream cache { server 192.0.2.3:80; }\n',
      '/ws/stream.d/db.conf': 'upstream DB { server 192.0.2.4:5432; }\nserver { listen 5432; proxy_pass db; }\n',
      '/other/nginx.conf': 'events {}\nhttp { upstream elsewhere { server 192.0.2.9:80; } }\n',
    };
    // db.conf is not loaded: its blocks come from the copy read for the include.
    const ws = workspace(files, ['/ws/nginx.conf', '/ws/http.d/more.conf', '/other/nginx.conf']);
    expect(upstreamsSeenFrom(ws, '/ws/nginx.conf')).toEqual({
      http: ['app: /ws/nginx.conf:3, /ws/http.d/more.conf:1', 'cache: /ws/http.d/more.conf:2'],
      stream: ['db: /ws/stream.d/db.conf:1'],
    });
    expect(upstreamsSeenFrom(ws, '/other/nginx.conf')).toEqual({ http: ['elsewhere: /other/nginx.conf:2'], stream: [] });
  });

  it('keeps the names as written for suggestions, each spelling once', () => {
    const ws = workspace({ '/ws/nginx.conf': 'events {}\nhttp {\n  upstream App { server 192.0.2.1; }\n  upstream app { server 192.0.2.2; }\n  upstream api { server 192.0.2.3; }\n}\n' });
    const ctx = analyzeContext(ws.get('/ws/nginx.conf')!, ws, undefined);
    expect([...writtenNames(configUpstreams(ctx, 'http'))]).toEqual(['App', 'app', 'api']);
  });
});

describe('rules that follow a target to its upstream match its name without regard to case', () => {
  it('upstream-keepalive-unused finds the keepalive of an upstream written with capitals', () => {
    const ws = workspace({ '/ws/nginx.conf': 'events {}\nhttp {\n  upstream Backend {\n    server 192.0.2.1:8080;\n    keepalive 8;\n  }\n  server { listen 80; location / { proxy_pass http://backend; } }\n}\n' });
    const found = rule(ws, '/ws/nginx.conf', 'nginx/upstream-keepalive-unused');
    expect(found).toHaveLength(1);
    expect(found[0].range.start.line).toBe(6);
  });

  it('tls-scheme-port-mismatch reads the ports of an upstream written with capitals', () => {
    const ws = workspace({ '/ws/nginx.conf': 'events {}\nhttp {\n  upstream Web { server 192.0.2.1:80; }\n  server { listen 80; location / { proxy_pass https://web; } }\n}\n' });
    const found = rule(ws, '/ws/nginx.conf', 'nginx/tls-scheme-port-mismatch');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('upstream "web", whose servers use port 80');
  });

});
