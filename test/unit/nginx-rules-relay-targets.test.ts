// Relay targets (stream proxy_pass, ports, upstream names, loops, resolvers) and included
// fragments (missing files, include cycles, fragments checked in each including context).
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import type { Finding } from '../../server/src/engine/rules';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost, memoryWorkspace } from '../support/memory-host';

const MAIN = '/ws/nginx.conf';

function lint(files: Record<string, string>, path = MAIN): Finding[] {
  return memoryWorkspace(files, 'nginx').analyze(path);
}

const of = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === `nginx/${rule}`);
/** 1-based line and 0-based columns, as "line:start-end". */
const at = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character}-${f.range.end.character}`;
const http = (body: string) => `events {}\nhttp {\n${body}\n}\n`;
const stream = (body: string) => `events {}\nstream {\n${body}\n}\n`;

describe('nginx/stream-proxy-pass-scheme', () => {
  it('reports a URL in a stream proxy_pass, and the fix keeps host:port', () => {
    const [f] = of(lint({ [MAIN]: stream('    server {\n        listen 6443;\n        proxy_pass http://192.0.2.30:6443;\n    }') }), 'stream-proxy-pass-scheme');
    expect(f.severity).toBe('error');
    expect(f.layer).toBe(4);
    expect(at(f)).toBe('5:19-41');
    expect(f.message).toContain('"proxy_pass 192.0.2.30:6443;"');
    expect(f.fixes?.[0].edits[0]).toEqual({ path: MAIN, range: f.range, newText: '192.0.2.30:6443' });
  });

  it('adds the scheme port when none was written, but not to an upstream name', () => {
    const text = stream('    upstream db { server 192.0.2.41:5432; }\n    server { listen 5433; proxy_pass https://db.example.test; }\n    server { listen 5434; proxy_pass http://db; }');
    const fs = of(lint({ [MAIN]: text }), 'stream-proxy-pass-scheme');
    expect(fs.map((f) => f.fixes?.[0].edits[0].newText)).toEqual(['db.example.test:443', 'db']);
    expect(fs[0].message).toContain('proxy_ssl on;');
  });

  it('leaves http proxy_pass URLs alone', () => {
    expect(of(lint({ [MAIN]: http('    server { listen 8000; location / { proxy_pass http://192.0.2.30:8080; } }') }), 'stream-proxy-pass-scheme')).toEqual([]);
  });
});

describe('nginx/target-without-port', () => {
  it('reports a stream proxy_pass address without a port and offers the listen port', () => {
    const [f] = of(lint({ [MAIN]: stream('    server {\n        listen 6443;\n        proxy_pass 192.0.2.30;\n    }') }), 'target-without-port');
    expect(f.severity).toBe('error');
    expect(at(f)).toBe('5:19-29');
    expect(f.fixes?.[0].edits[0].newText).toBe('192.0.2.30:6443');
  });

  it('reports stream upstream servers and portless fastcgi/grpc targets, not http ones', () => {
    const text =
      'events {}\nstream {\n    upstream db {\n        server 192.0.2.41;\n        server unix:/run/db.sock;\n    }\n    server { listen 5432; proxy_pass db; }\n}\n' +
      'http {\n    upstream web { server 192.0.2.20; }\n    server {\n        listen 8000;\n        location / { proxy_pass http://192.0.2.20; }\n        location /w/ { proxy_pass http://web; }\n' +
      '        location ~ \\.php$ { fastcgi_pass 192.0.2.50; }\n        location /g/ { grpc_pass grpc://grpc.example.test; }\n        location /s/ { fastcgi_pass unix:/run/php.sock; }\n    }\n}\n';
    const fs = of(lint({ [MAIN]: text }), 'target-without-port');
    expect(fs.map(at)).toEqual(['4:15-25', '15:41-51', '16:33-57']);
    expect(fs[1].message).toContain('fastcgi_pass has no default port');
  });

  it('takes a portless name that is an upstream as the upstream', () => {
    const text = stream('    upstream db.example.test { server 192.0.2.41:5432; }\n    server { listen 5432; proxy_pass db.example.test; }');
    expect(of(lint({ [MAIN]: text }), 'target-without-port')).toEqual([]);
  });

  it('reports a map value without a port when the map chooses a stream proxy_pass, offering the listen port', () => {
    const text = stream(
      '    upstream grp { server 192.0.2.42:443; }\n    map $ssl_preread_server_name $backend {\n        a.example.test 192.0.2.21:443;\n        b.example.test grp;\n        c.example.test unix:/run/c.sock;\n        default        192.0.2.23;\n    }\n    server { listen 443; ssl_preread on; proxy_pass $backend; }',
    );
    const fs = of(lint({ [MAIN]: text }), 'target-without-port');
    expect(fs.map(at)).toEqual(['8:23-33']);
    expect(fs[0].message).toContain('$backend is the target of a stream (L4) proxy_pass');
    expect(fs[0].related?.map((r) => r.range.start.line + 1)).toEqual([10]);
    expect(fs[0].fixes?.[0].edits[0]).toMatchObject({ path: MAIN, newText: '192.0.2.23:443' });
  });

  it('finds the map in an included file and leaves http maps and ported passes alone', () => {
    const files = {
      [MAIN]: 'events {}\nstream {\n    include /ws/maps.conf;\n    server { listen 443; proxy_pass $pick; }\n    server { listen 444; proxy_pass $port_given:443; }\n}\nhttp {\n    map $host $pick { default 192.0.2.60; }\n    server { listen 80; location / { proxy_pass http://$pick; } }\n}\n',
      '/ws/maps.conf': 'map $remote_addr $pick { default 192.0.2.61; }\nmap $remote_addr $port_given { default 192.0.2.62; }\n',
    };
    expect(of(lint(files, MAIN), 'target-without-port')).toEqual([]);
    const inFragment = of(lint(files, '/ws/maps.conf'), 'target-without-port');
    expect(inFragment.map(at)).toEqual(['1:33-43']);
    expect(inFragment[0].related?.[0].path).toBe(MAIN);
    expect(inFragment[0].fixes).toBeUndefined();
  });
});

describe('nginx/undefined-upstream', () => {
  const misspelt = http('    upstream backend { server 192.0.2.20:8080; }\n    server {\n        listen 8000;\n        location / { proxy_pass http://backnd/app; }\n    }');

  it('reports a name close to an upstream with a did-you-mean fix that keeps the path', () => {
    const [f] = of(lint({ [MAIN]: misspelt }), 'undefined-upstream');
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toBe('6:32-49');
    expect(f.message).toContain('did you mean "backend"?');
    expect(f.fixes?.[0]).toMatchObject({ preferred: true, edits: [{ path: MAIN, newText: 'http://backend/app' }] });
    expect(f.related?.[0]).toMatchObject({ path: MAIN, range: { start: { line: 2, character: 13 } } });
  });

  it('stays quiet on addresses, localhost, dotted host names and names with a port', () => {
    const text = http('    server {\n        listen 8000;\n        location /a/ { proxy_pass http://192.0.2.20; }\n        location /b/ { proxy_pass http://localhost; }\n        location /c/ { proxy_pass https://api.example.test; }\n        location /d/ { proxy_pass http://app:3000; }\n    }');
    expect(of(lint({ [MAIN]: text }), 'undefined-upstream')).toEqual([]);
  });

  it('finds upstreams in other files, loaded or only reachable through include', () => {
    const main = http('    include upstreams.conf;\n    server { listen 8000; location / { proxy_pass http://backend; } }');
    const ups = 'upstream backend { server 192.0.2.20:8080; }\n';
    expect(of(lint({ [MAIN]: main, '/ws/upstreams.conf': ups }), 'undefined-upstream')).toEqual([]);
    // Only nginx.conf is open; upstreams.conf is read from disk through the include.
    const ws = new Workspace(memoryHost({ [MAIN]: main, '/ws/upstreams.conf': ups }), DIALECTS);
    ws.setFile(MAIN, main, 'nginx');
    expect(of(ws.analyze(MAIN), 'undefined-upstream')).toEqual([]);
  });

  it('is an error for a portless pass when the whole configuration is visible, a warning otherwise', () => {
    const body = '    upstream php_fpm { server unix:/run/php.sock; }\n    server { listen 8000; location ~ \\.php$ { fastcgi_pass php; } }';
    const [closed] = of(lint({ [MAIN]: http(body) }), 'undefined-upstream');
    expect(closed.severity).toBe('error');
    expect(closed.message).toContain('no port in upstream');
    const [open] = of(lint({ [MAIN]: http(`    include conf.d/*.conf;\n${body}`) }), 'undefined-upstream');
    expect(open.severity).toBe('warning');
  });

  it('says when the upstream exists in the other family', () => {
    const text = 'events {}\nhttp {\n    upstream pg { server 192.0.2.41:5432; }\n}\nstream {\n    server { listen 5432; proxy_pass pg; }\n}\n';
    const [f] = of(lint({ [MAIN]: text }), 'undefined-upstream');
    expect(at(f)).toBe('6:37-39');
    expect(f.message).toContain('exists, but in http');
  });
});

describe('nginx/empty-upstream', () => {
  it('reports an upstream without servers on its name', () => {
    const [f] = of(lint({ [MAIN]: http('    upstream app {\n        keepalive 16;\n    }') }), 'empty-upstream');
    expect(f.severity).toBe('error');
    expect(at(f)).toBe('3:13-16');
  });

  it('counts servers from included files and skips zones, unknown includes and unknown directives', () => {
    const text = http('    upstream a { include a-servers.conf; }\n    upstream b { zone b 64k; }\n    upstream c { include missing.conf; }\n    upstream d { upsync 192.0.2.9:8500/v1/kv; }\n    upstream e { include empty.conf; }');
    const fs = of(lint({ [MAIN]: text, '/ws/a-servers.conf': 'server 192.0.2.20:8080;\n', '/ws/empty.conf': '# nothing yet\n' }), 'empty-upstream');
    expect(fs.map(at)).toEqual(['7:13-14']);
  });
});

describe('nginx/proxy-loop', () => {
  it('reports proxy_pass to the server\'s own port on loopback', () => {
    const [f] = of(lint({ [MAIN]: http('    server {\n        listen 8080;\n        location / { proxy_pass http://127.0.0.1:8080; }\n    }') }), 'proxy-loop');
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(4);
    expect(at(f)).toBe('5:32-53');
    expect(f.related?.[0].range.start.line).toBe(3);
  });

  it('follows upstream groups, in this file or another', () => {
    const main = http('    include ups.conf;\n    server {\n        listen 8000;\n        location / { proxy_pass http://app; }\n    }');
    const [f] = of(lint({ [MAIN]: main, '/ws/ups.conf': 'upstream app {\n    server 192.0.2.20:8000;\n    server localhost:8000;\n}\n' }), 'proxy-loop');
    expect(at(f)).toBe('6:32-42');
    expect(f.message).toContain('Upstream "app" sends this traffic to localhost:8000');
    expect(f.related?.map((r) => r.path)).toEqual([MAIN, '/ws/ups.conf']);
  });

  it('reports its own server_name, and https to an ssl listener', () => {
    const text = http(
      '    server {\n        listen 8443 ssl;\n        server_name www.example.test;\n        ssl_certificate /etc/nginx/tls/example.crt;\n        ssl_certificate_key /etc/nginx/tls/example.key;\n' +
        '        location / { proxy_pass https://www.example.test:8443; }\n        location /plain/ { proxy_pass http://127.0.0.1:8443; }\n    }',
    );
    expect(of(lint({ [MAIN]: text }), 'proxy-loop').map(at)).toEqual(['8:32-61']);
  });

  it('stays quiet when the request goes elsewhere: other port, other URI, other server by Host, other address', () => {
    const text = http(
      '    server {\n        listen 8000;\n        server_name a.example.test;\n        location / { proxy_pass http://127.0.0.1:9000; }\n        location /api/ { proxy_pass http://127.0.0.1:8000/; }\n' +
        '        location /b/ { proxy_pass http://b.example.test:8000; }\n        location /if/ { if ($arg_x) { proxy_pass http://127.0.0.1:8000; } }\n    }\n' +
        '    server {\n        listen 8000;\n        server_name b.example.test;\n        location / { return 204; }\n    }\n' +
        '    server {\n        listen 192.0.2.10:7000;\n        location / { proxy_pass http://127.0.0.1:7000; }\n    }',
    );
    expect(of(lint({ [MAIN]: text }), 'proxy-loop')).toEqual([]);
  });

  it('reports the non-default server only when it passes its own Host on', () => {
    const second = (header: string) =>
      http(`    server {\n        listen 9000;\n        server_name a.example.test;\n    }\n    server {\n        listen 9000;\n        server_name b.example.test;\n        location / {${header} proxy_pass http://127.0.0.1:9000; }\n    }`);
    expect(of(lint({ [MAIN]: second('') }), 'proxy-loop')).toEqual([]);
    expect(of(lint({ [MAIN]: second(' proxy_set_header Host $host;') }), 'proxy-loop').map(at)).toEqual(['10:61-82']);
  });

  it('looks at the upstream the pass names, not at another one that reaches the same port', () => {
    const text = http(
      '    upstream other { server 127.0.0.1:8000; }\n    upstream app { server 192.0.2.20:8000; }\n' +
        '    server {\n        listen 8000;\n        location / { proxy_pass http://app; }\n        location /o/ { proxy_pass http://other/o/; }\n    }\n' +
        '    server {\n        listen 9000;\n        location /o/ { proxy_pass http://other/o/; }\n    }\n' +
        '    server {\n        listen 8000 quic;\n        listen 8001;\n        location / { proxy_pass http://127.0.0.1:8000; }\n    }',
    );
    expect(of(lint({ [MAIN]: text }), 'proxy-loop').map(at)).toEqual(['8:34-49']);
  });

  it('reports a stream server relaying to its own port', () => {
    const text = stream('    server { listen 6443; proxy_pass 127.0.0.1:6443; }\n    server { listen 6444; proxy_pass 127.0.0.1:6445; }');
    const fs = of(lint({ [MAIN]: text }), 'proxy-loop');
    expect(fs.map(at)).toEqual(['3:37-51']);
    expect(fs[0].message).toContain('worker_connections');
  });
});

describe('nginx/variable-target-without-resolver', () => {
  const location = (inner: string, top = '') => http(`${top}    server {\n        listen 8000;\n        location / {\n${inner}\n        }\n    }`);

  it('reports a variable host with no resolver anywhere above it', () => {
    const [f] = of(lint({ [MAIN]: location('            proxy_pass http://$arg_backend;') }), 'variable-target-without-resolver');
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toBe('6:23-42');
    expect(f.message).toContain('"$arg_backend"');
  });

  it('accepts a resolver in the location, the server or http', () => {
    const pass = '            proxy_pass http://$arg_backend;';
    expect(of(lint({ [MAIN]: location(`            resolver 192.0.2.53;\n${pass}`) }), 'variable-target-without-resolver')).toEqual([]);
    expect(of(lint({ [MAIN]: location(pass, '    resolver 192.0.2.53;\n') }), 'variable-target-without-resolver')).toEqual([]);
  });

  it('looks for the resolver in the file that includes the fragment, and in files included next to it', () => {
    const site = 'location / { proxy_pass https://$http_host; }\n';
    const withResolver = http('    include resolver.conf;\n    server {\n        listen 8000;\n        include site.conf;\n    }');
    expect(of(lint({ [MAIN]: withResolver, '/ws/site.conf': site, '/ws/resolver.conf': 'resolver 192.0.2.53;\n' }, '/ws/site.conf'), 'variable-target-without-resolver')).toEqual([]);
    const without = http('    server {\n        listen 8000;\n        include site.conf;\n    }');
    const [f] = of(lint({ [MAIN]: without, '/ws/site.conf': site }, '/ws/site.conf'), 'variable-target-without-resolver');
    expect(f.path).toBe('/ws/site.conf');
    expect(at(f)).toBe('1:24-42');
  });

  it('stays quiet in a fragment whose including configuration is not known', () => {
    const site = '# layerwise: context=server\nlocation / { proxy_pass https://$http_host; }\n';
    expect(of(lint({ '/ws/site.conf': site }, '/ws/site.conf'), 'variable-target-without-resolver')).toEqual([]);
  });

  it('accepts a map whose values are all addresses or upstream names, not one with a DNS name', () => {
    const top = (extra: string) => `    upstream blue { server 192.0.2.21:8080; }\n    map $cookie_release $pool {\n        default blue;\n        canary 192.0.2.22:8080;${extra}\n    }\n`;
    const pass = '            proxy_pass http://$pool;';
    expect(of(lint({ [MAIN]: location(pass, top('')) }), 'variable-target-without-resolver')).toEqual([]);
    const [f] = of(lint({ [MAIN]: location(pass, top('\n        beta beta.example.test;')) }), 'variable-target-without-resolver');
    expect(f.message).toContain('"$pool"');
  });

  it('fills in the map value for the host variable, not for a longer variable that starts with its name', () => {
    const top = (extra: string) => `    upstream blue { server 192.0.2.21:8080; }\n    map $cookie_release $pool {\n        default blue;${extra}\n    }\n`;
    const pass = '            proxy_pass $pool_scheme://$pool/x;';
    expect(of(lint({ [MAIN]: location(pass, top('')) }), 'variable-target-without-resolver')).toEqual([]);
    const [f] = of(lint({ [MAIN]: location(pass, top('\n        beta beta.example.test;')) }), 'variable-target-without-resolver');
    expect(f.message).toContain('"$pool"');
  });

  it('reports a variable in the path only when the host is a DNS name', () => {
    const text = location('            proxy_pass http://192.0.2.20:8080$request_uri;\n            fastcgi_pass unix:/run/php-$arg_v.sock;\n            proxy_pass http://api.example.test$request_uri;');
    const fs = of(lint({ [MAIN]: text }), 'variable-target-without-resolver');
    expect(fs.map(at)).toEqual(['8:23-58']);
    expect(fs[0].message).toContain('"api.example.test"');
  });
});

describe('nginx/include-not-found', () => {
  it('reports a missing plain include, not a glob that matches nothing', () => {
    const fs = of(lint({ [MAIN]: http('    include proxy-params.conf;\n    include conf.d/*.conf;') }), 'include-not-found');
    expect(fs.map(at)).toEqual(['3:12-29']);
    expect(fs[0].severity).toBe('warning');
    expect(fs[0].layer).toBe(4);
  });

  it('finds files in parent directories and offers a close name', () => {
    const files = {
      '/etc/nginx/nginx.conf': http('    include sites/app.conf;'),
      '/etc/nginx/sites/app.conf': 'server {\n    listen 8000;\n    include snippets/proxy.conf;\n    include snippets/proxy_params.conf;\n}\n',
      '/etc/nginx/snippets/proxy.conf': 'proxy_http_version 1.1;\n',
    };
    const fs = of(lint(files, '/etc/nginx/sites/app.conf'), 'include-not-found');
    expect(fs.map(at)).toEqual(['4:12-38']);
    expect(of(lint(files, '/etc/nginx/nginx.conf'), 'include-not-found')).toEqual([]);
    const near = of(lint({ '/ws/nginx.conf': http('    include proxy_param.conf;'), '/ws/proxy_params.conf': 'proxy_http_version 1.1;\n' }), 'include-not-found');
    expect(near[0].message).toContain('did you mean "proxy_params.conf"?');
    expect(near[0].fixes?.[0].edits[0].newText).toBe('proxy_params.conf');
  });
});

describe('nginx/include-cycle', () => {
  it('reports a file that includes itself', () => {
    const [f] = of(lint({ '/ws/self.conf': '# layerwise: context=http\ninclude self.conf;\n' }, '/ws/self.conf'), 'include-cycle');
    expect(f.severity).toBe('error');
    expect(at(f)).toBe('2:8-17');
    expect(f.message).toContain('self.conf → self.conf');
    expect(f.fixes?.[0].edits[0].newText).toBe('');
  });

  it('reports a longer cycle once, on the include that closes it, naming the chain', () => {
    const files = { [MAIN]: http('    include a.conf;'), '/ws/a.conf': 'include b.conf;\n', '/ws/b.conf': 'include a.conf;\n' };
    const ws = memoryWorkspace(files, 'nginx');
    const all = Object.keys(files).flatMap((p) => of(ws.analyze(p), 'include-cycle'));
    expect(all).toHaveLength(1);
    expect(all[0].path).toBe('/ws/b.conf');
    expect(all[0].message).toContain('a.conf → b.conf → a.conf');
  });

  it('pins a cycle among unopened files on the open include that leads into it', () => {
    const files = { [MAIN]: http('    include a.conf;'), '/ws/a.conf': 'include b.conf;\n', '/ws/b.conf': 'include a.conf;\n' };
    const ws = new Workspace(memoryHost(files), DIALECTS);
    ws.setFile(MAIN, files[MAIN], 'nginx');
    const [f] = of(ws.analyze(MAIN), 'include-cycle');
    expect(at(f)).toBe('3:12-18');
  });

  it('does not take a file included twice (a diamond) for a cycle', () => {
    const files = { [MAIN]: http('    include a.conf;\n    include b.conf;'), '/ws/a.conf': 'include common.conf;\n', '/ws/b.conf': 'include common.conf;\n', '/ws/common.conf': 'gzip on;\n' };
    const ws = memoryWorkspace(files, 'nginx');
    expect(Object.keys(files).flatMap((p) => of(ws.analyze(p), 'include-cycle'))).toEqual([]);
  });
});

describe('fragments: checked in every context that includes them', () => {
  it('reports, in the fragment itself, a directive valid in only one of its including contexts', () => {
    const files = {
      [MAIN]: 'events {}\nhttp {\n    include common.conf;\n}\nstream {\n    include common.conf;\n}\n',
      '/ws/common.conf': 'proxy_connect_timeout 5s;\nproxy_timeout 30s;\ngzip on;\n',
    };
    const ws = memoryWorkspace(files, 'nginx');
    const fs = ws.analyze('/ws/common.conf');
    expect(fs.every((f) => f.path === '/ws/common.conf')).toBe(true);
    const byLine = fs.filter((f) => f.severity === 'error').map((f) => `${at(f)} ${f.rule}`);
    // proxy_connect_timeout exists in both; proxy_timeout only in stream; gzip only in http.
    expect(byLine).toEqual(['2:0-13 nginx/not-allowed-here', '3:0-4 nginx/l7-in-stream']);
    expect(fs[0].message).toContain('is not allowed in http');
    expect(ws.analyze(MAIN).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('uses a declared context when no includer is known', () => {
    const fs = lint({ '/ws/frag.conf': '# layerwise: context=stream\ngzip on;\nproxy_timeout 30s;\n' }, '/ws/frag.conf');
    expect(fs.filter((f) => f.severity === 'error').map((f) => `${at(f)} ${f.rule}`)).toEqual(['2:0-4 nginx/l7-in-stream']);
  });

  it('infers the context from the content when nothing else tells', () => {
    // location only exists in an http server, so proxy_timeout (stream only) is out of place.
    const fs = lint({ '/ws/site.conf': 'listen 8000;\nlocation / {\n    proxy_timeout 30s;\n}\n' }, '/ws/site.conf');
    expect(fs.filter((f) => f.severity === 'error').map((f) => `${at(f)} ${f.rule}`)).toEqual(['3:4-17 nginx/not-allowed-here']);
    // Content that fits several contexts stays quiet rather than guess.
    expect(lint({ '/ws/any.conf': 'proxy_connect_timeout 5s;\n' }, '/ws/any.conf').filter((f) => f.severity === 'error')).toEqual([]);
  });
});
