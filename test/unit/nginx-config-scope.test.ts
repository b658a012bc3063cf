// Names (maps, upstreams, variables) resolve only within one configuration: a file plus the files
// joined to it by `include`. Two unrelated configs in one workspace must not see each other's
// definitions, whichever was loaded first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import type { Finding } from '../../server/src/engine/rules';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost } from '../support/memory-host';

type Files = Record<string, string>;

/** Findings of `path` in a workspace where `order` lists the files in load order. */
function findingsOf(files: Files, order: string[], path: string): Finding[] {
  const ws = new Workspace(memoryHost(files), DIALECTS);
  for (const p of order) ws.setFile(p, files[p], 'nginx');
  return ws.analyze(path).filter((f) => f.rule.startsWith('nginx/'));
}

const brief = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.range.start.line}:${f.range.start.character} ${f.message} ${(f.related ?? []).map((r) => `${r.path}:${r.range.start.line}`).join(',')}`).sort();

/**
 * Each file's findings are the same alone and beside the other config, loaded in either order;
 * `bAlone` lists rules `b` must report on its own, so the case cannot pass with the rule silent.
 */
function expectIndependent(a: Files, b: Files, bAlone: string[] = []): void {
  for (const [p, text] of Object.entries(b)) {
    const rules = new Set(findingsOf({ [p]: text }, [p], p).map((f) => f.rule));
    for (const rule of bAlone) expect(rules.has(rule), `${p} alone reports ${rule}`).toBe(true);
  }
  const files = { ...a, ...b };
  const [aPaths, bPaths] = [Object.keys(a), Object.keys(b)];
  for (const [own, other] of [
    [aPaths, bPaths],
    [bPaths, aPaths],
  ]) {
    const alone = Object.fromEntries(own.map((p) => [p, brief(findingsOf(Object.fromEntries(own.map((q) => [q, files[q]])), own, p))]));
    for (const order of [
      [...own, ...other],
      [...other, ...own],
    ]) {
      for (const p of own) expect(brief(findingsOf(files, order, p)), `${p} loaded as ${order.join(', ')}`).toEqual(alone[p]);
    }
  }
}

const example = (which: string) => readFileSync(`examples/nginx/sni-router/${which}/nginx.conf`, 'utf8');

describe('nginx lookups by name stay within one configuration', () => {
  it('ssl-preread-off names the map of its own file, not a like-named map of another config', () => {
    const files = { '/ws/fixed/nginx.conf': example('fixed'), '/ws/broken/nginx.conf': example('broken') };
    for (const order of [Object.keys(files), Object.keys(files).reverse()]) {
      const found = findingsOf(files, order, '/ws/broken/nginx.conf').filter((f) => f.rule === 'nginx/ssl-preread-off');
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain('which the map at line 7 derives from $ssl_preread_server_name');
      expect(found[0].related?.map((r) => [r.path, r.range.start.line])).toEqual([['/ws/broken/nginx.conf', 6]]);
    }
    expectIndependent({ '/ws/fixed/nginx.conf': files['/ws/fixed/nginx.conf'] }, { '/ws/broken/nginx.conf': files['/ws/broken/nginx.conf'] });
  });

  it('a stream map deriving from $ssl_preread_* in another config does not make a variable preread-derived', () => {
    expectIndependent(
      { '/a/nginx.conf': 'events {}\nstream {\n    map $ssl_preread_server_name $pick {\n        default 192.0.2.1:443;\n    }\n    server { listen 443; ssl_preread on; proxy_pass $pick; }\n}\n' },
      { '/b/nginx.conf': 'events {}\nstream {\n    map $remote_addr $other { default 192.0.2.9:443; }\n    server { listen 8443; proxy_pass $pick; }\n}\n' },
      ['nginx/variable-target-without-resolver'],
    );
  });

  it('upstreams of another config are neither found nor suggested (undefined-upstream, proxy-loop, ports)', () => {
    expectIndependent(
      { '/a/nginx.conf': 'events {}\nhttp {\n    upstream app { server 127.0.0.1:8080; }\n    upstream back { server 192.0.2.5:80; }\n    server { listen 8080; location / { proxy_pass http://app; } }\n}\nstream {\n    upstream db { server 192.0.2.7:5432; }\n    server { listen 5432; proxy_pass db; }\n}\n' },
      { '/b/nginx.conf': 'events {}\nhttp {\n    server {\n        listen 80;\n        location / { proxy_pass http://app; }\n        location /s { proxy_pass https://back; }\n        location /t { proxy_pass http://apps; }\n    }\n}\nstream {\n    server { listen 6432; proxy_pass db; }\n}\n' },
      ['nginx/undefined-upstream'],
    );
  });

  it('http upstreams of another config do not mark a named site as a backend (forwarding headers, keepalive)', () => {
    expectIndependent(
      { '/a/nginx.conf': 'events {}\nhttp {\n    upstream api.example.test { server 192.0.2.8:8080; keepalive 8; }\n    server { listen 80; location / { proxy_pass http://api.example.test; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; } }\n}\n' },
      { '/b/nginx.conf': 'events {}\nhttp {\n    server { listen 80; location / { proxy_pass http://api.example.test; } }\n}\n' },
    );
    // Control: with the upstream in its own config, the same server is a backend relay and gets both rules.
    const own = { '/b/nginx.conf': 'events {}\nhttp {\n    upstream api.example.test { server 192.0.2.8:8080; keepalive 8; }\n    server { listen 80; location / { proxy_pass http://api.example.test; } }\n}\n' };
    const rules = findingsOf(own, Object.keys(own), '/b/nginx.conf').map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['nginx/forwarding-headers', 'nginx/upstream-keepalive-unused']));
  });

  it('variables set by map, geo or set in another config do not supply values (variable-target-without-resolver)', () => {
    expectIndependent(
      { '/a/nginx.conf': 'events {}\nhttp {\n    map $host $target { default 192.0.2.10:8080; }\n    geo $zone { default 192.0.2.11; }\n    server { listen 80; set $svc 192.0.2.12; location / { proxy_pass http://$target; } }\n}\n' },
      { '/b/nginx.conf': 'events {}\nhttp {\n    server {\n        listen 80;\n        location / { proxy_pass http://$target; }\n        location /z { proxy_pass http://$zone; }\n        location /s { proxy_pass http://$svc; }\n    }\n}\n' },
      ['nginx/variable-target-without-resolver'],
    );
  });

  it('servers of another config neither close a proxy loop nor lend HTTP/2 to a socket (proxy-loop, grpc-without-http2)', () => {
    expectIndependent(
      { '/a/nginx.conf': 'events {}\nhttp {\n    server { listen 8080 http2; location / { proxy_pass http://127.0.0.1:9000; } }\n}\n' },
      { '/b/nginx.conf': 'events {}\nhttp {\n    server { listen 8080; location / { grpc_pass grpc://127.0.0.1:50051; } }\n    server { listen 9000; location / { proxy_pass http://127.0.0.1:8080; } }\n}\n' },
      ['nginx/grpc-without-http2'],
    );
  });

  it('still resolves names across the files one config includes', () => {
    const files = {
      '/c/nginx.conf': 'events {}\nhttp {\n    include /c/conf.d/*.conf;\n    server { listen 80; location / { proxy_pass http://app; } }\n}\n',
      '/c/conf.d/up.conf': 'upstream app { server 192.0.2.30:8080; }\n',
    };
    const found = findingsOf(files, Object.keys(files), '/c/nginx.conf').filter((f) => f.rule === 'nginx/undefined-upstream');
    expect(found).toEqual([]);
    // Control: without the included file the name is undefined.
    const alone = { '/c/nginx.conf': files['/c/nginx.conf'] };
    expect(findingsOf(alone, Object.keys(alone), '/c/nginx.conf').filter((f) => f.rule === 'nginx/undefined-upstream')).toHaveLength(1);
  });

  it('fragments nothing here includes may share a configuration with one another, not with a closed main config', () => {
    const files = {
      '/d/conf.d/up.conf': 'upstream app { server 192.0.2.40:8080; }\n',
      '/d/conf.d/site.conf': 'server { listen 80; location / { proxy_pass http://app; } }\n',
      '/e/nginx.conf': 'events {}\nhttp {\n    server { listen 80; location / { proxy_pass http://app; } }\n}\n',
    };
    const undefinedIn = (path: string) => findingsOf(files, Object.keys(files), path).filter((f) => f.rule === 'nginx/undefined-upstream');
    expect(undefinedIn('/d/conf.d/site.conf')).toEqual([]);
    expect(undefinedIn('/e/nginx.conf')).toHaveLength(1);
  });

  it('a fragment included by two configs sees the names of both', () => {
    const files = {
      '/f/one.conf': 'events {}\nhttp {\n    upstream app { server 192.0.2.50:8080; }\n    include /f/shared/site.conf;\n}\n',
      '/f/two.conf': 'events {}\nhttp {\n    upstream api { server 192.0.2.51:8080; }\n    include /f/shared/site.conf;\n}\n',
      '/f/shared/site.conf': 'server { listen 80; location /a { proxy_pass http://app; } location /b { proxy_pass http://api; } }\n',
    };
    expect(findingsOf(files, Object.keys(files), '/f/shared/site.conf').filter((f) => f.rule === 'nginx/undefined-upstream')).toEqual([]);
    expect(findingsOf(files, Object.keys(files), '/f/one.conf').filter((f) => f.rule === 'nginx/undefined-upstream')).toEqual([]);
  });
});
