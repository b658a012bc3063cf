// The HTTP relay rules: L7 in stream, WebSocket upgrade, upstream keepalive, gRPC over HTTP/2,
// forwarding headers and realip trust — with nginx's inheritance, inside and across files.
import { describe, expect, it } from 'vitest';
import { wideRange } from '../../server/src/dialects/nginx/rules/realip-trusts-all';
import type { Finding, TextEdit } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const MAIN = '/ws/nginx.conf';

function lint(files: Record<string, string> | string, path = MAIN, rule?: string): Finding[] {
  const ws = memoryWorkspace(typeof files === 'string' ? { [MAIN]: files } : files, 'nginx');
  const all = ws.analyze(path);
  return rule ? all.filter((f) => f.rule === rule) : all;
}

/** `line:character` (1-based line, 0-based character) of a finding's start, for compact asserts. */
const at = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character}-${f.range.end.line + 1}:${f.range.end.character}`;

/** Applies edits (of one file) to a text, last first. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = edits.map((e, i) => ({ e, i, start: offset(e.range.start), end: offset(e.range.end) })).sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const { e, start, end } of sorted) out = out.slice(0, start) + e.newText + out.slice(end);
  return out;
}

const http = (body: string) => `events {}\nhttp {\n${body}\n}\n`;

// ---- nginx/l7-in-stream ------------------------------------------------------------------------

describe('nginx/l7-in-stream', () => {
  const RULE = 'nginx/l7-in-stream';
  const stream = (body: string) => `events {}\nstream {\n    server {\n        listen 6443;\n${body}\n        proxy_pass 192.0.2.30:6443;\n    }\n}\n`;

  it('reports a location block in a stream server, with a fix that removes it', () => {
    const text = stream('        location / {\n            return 200;\n        }');
    const f = lint(text, MAIN, RULE);
    expect(f.map(at)).toEqual(['5:8-5:16']);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('"location" is an HTTP (L7) block inside stream > server');
    expect(apply(text, f[0].fixes![0].edits)).toBe(stream('        '));
  });

  it('reports proxy_set_header and add_header in a stream server', () => {
    const f = lint(stream('        proxy_set_header Host $host;\n        add_header X-Relay layerwise;'), MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity])).toEqual([['5:8-5:24', 'error'], ['6:8-6:18', 'error']]);
    expect(f[1].message).toContain('"add_header" is an HTTP (L7) directive');
  });

  it('reports an HTTP directive in a fragment included into a stream server, in the fragment', () => {
    const files = {
      [MAIN]: 'events {}\nstream {\n    server {\n        listen 6443;\n        include /ws/relay.conf;\n        proxy_pass 192.0.2.30:6443;\n    }\n}\n',
      '/ws/relay.conf': 'proxy_connect_timeout 5s;\nproxy_set_header X-Relay on;\n',
    };
    const f = lint(files, '/ws/relay.conf', RULE);
    expect(f.map(at)).toEqual(['2:0-2:16']);
    expect(f[0].message).toContain('inside stream > server');
    expect(lint(files, MAIN, RULE)).toEqual([]);
  });

  it('warns that server_name in a stream server needs nginx 1.25.5', () => {
    const f = lint(stream('        server_name db.example.test;'), MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity, x.layer])).toEqual([['5:8-5:19', 'warning', 4]]);
    expect(f[0].message).toContain('1.25.5');
    expect(f[0].message).toContain('ssl_preread');
  });

  it('warns about server_name in a fragment included into a stream server', () => {
    const files = {
      [MAIN]: 'events {}\nstream {\n    server {\n        listen 6443;\n        include /ws/names.conf;\n        proxy_pass 192.0.2.30:6443;\n    }\n}\n',
      '/ws/names.conf': 'server_name db.example.test;\n',
    };
    expect(lint(files, '/ws/names.conf', RULE).map((x) => [at(x), x.severity])).toEqual([['1:0-1:11', 'warning']]);
  });

  it('stays quiet on server_name in http servers and in fragments whose context is only guessed', () => {
    expect(lint(http('    server {\n        listen 80;\n        server_name www.example.test;\n    }'), MAIN, RULE)).toEqual([]);
    // A fragment of bare server blocks fits http and stream alike: no warning on a guess.
    expect(lint({ '/ws/sites/a.conf': 'server {\n    listen 80;\n    server_name www.example.test;\n}\n' }, '/ws/sites/a.conf', RULE)).toEqual([]);
  });
});

// ---- nginx/websocket-needs-http11 --------------------------------------------------------------

describe('nginx/websocket-needs-http11', () => {
  const RULE = 'nginx/websocket-needs-http11';
  const ws = (location: string, server = '') =>
    http(`    server {\n        listen 80;\n${server}        location /ws/ {\n${location}        }\n    }`);
  const UPGRADE = '            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection "upgrade";\n';

  it('reports the default HTTP/1.0 with a fix that inserts proxy_http_version 1.1 before proxy_pass', () => {
    const text = ws(`            proxy_pass http://192.0.2.20:8080;\n${UPGRADE}`);
    const f = lint(text, MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity])).toEqual([['6:12-6:22', 'error']]);
    expect(f[0].message).toContain('the default before nginx 1.29.7');
    expect(f[0].related?.[0].range.start.line).toBe(6);
    const fix = f[0].fixes![0];
    expect(fix.preferred).toBe(true);
    expect(fix.edits).toEqual([{ path: MAIN, range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '            proxy_http_version 1.1;\n' }]);
    expect(lint(apply(text, fix.edits), MAIN, RULE)).toEqual([]);
  });

  it('keeps CRLF line breaks in the inserted line', () => {
    const text = ws(`            proxy_pass http://192.0.2.20:8080;\n${UPGRADE}`).replace(/\n/g, '\r\n');
    const f = lint(text, MAIN, RULE);
    expect(f[0].fixes![0].edits[0].newText).toBe('            proxy_http_version 1.1;\r\n');
  });

  it('reports an explicit proxy_http_version 1.0 inherited from the server, fixing it in place', () => {
    const text = ws(`            proxy_pass http://192.0.2.20:8080;\n${UPGRADE}`, '        proxy_http_version 1.0;\n');
    const f = lint(text, MAIN, RULE);
    expect(f.map(at)).toEqual(['7:12-7:22']);
    expect(f[0].message).toContain('proxy_http_version 1.0 (line 5)');
    expect(f[0].fixes![0].edits).toEqual([{ path: MAIN, range: { start: { line: 4, character: 27 }, end: { line: 4, character: 30 } }, newText: '1.1' }]);
  });

  it('is quiet when HTTP/1.1 is inherited from http, or when the upgrade headers are hidden by the location', () => {
    expect(lint(`events {}\nhttp {\n    proxy_http_version 1.1;\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://192.0.2.20:8080;\n${UPGRADE}        }\n    }\n}\n`, MAIN, RULE)).toEqual([]);
    // The server forwards the upgrade, but the location's own list replaces it: nothing to upgrade.
    const hidden = ws('            proxy_pass http://192.0.2.20:8080;\n            proxy_set_header Host $host;\n', UPGRADE.replace(/ {12}/g, '        '));
    expect(lint(hidden, MAIN, RULE)).toEqual([]);
  });

  it('puts the fix before an if block, where proxy_http_version is not allowed', () => {
    const text = ws(`${UPGRADE}            if ($http_upgrade) {\n                proxy_pass http://192.0.2.20:8080;\n            }\n`);
    const f = lint(text, MAIN, RULE);
    expect(f.map(at)).toEqual(['9:16-9:26']);
    expect(f[0].fixes![0].edits[0].range.start).toEqual({ line: 7, character: 0 });
    expect(f[0].fixes![0].edits[0].newText).toBe('            proxy_http_version 1.1;\n');
  });

  it('warns when only Upgrade or only Connection is forwarded', () => {
    const onlyUpgrade = lint(ws('            proxy_pass http://192.0.2.20:8080;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n'), MAIN, RULE);
    expect(onlyUpgrade.map((x) => [at(x), x.severity])).toEqual([['8:12-8:28', 'warning']]);
    expect(onlyUpgrade[0].message).toContain('"Connection: close"');
    expect(onlyUpgrade[0].fixes![0].edits[0].newText).toBe('            proxy_set_header Connection "upgrade";\n');
    const onlyConnection = lint(ws('            proxy_pass http://192.0.2.20:8080;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "upgrade";\n'), MAIN, RULE);
    expect(onlyConnection.map((x) => [at(x), x.severity])).toEqual([['8:12-8:28', 'warning']]);
    expect(onlyConnection[0].message).toContain('the Upgrade header is not');
    // An empty Connection (the keepalive idiom) with Upgrade still loses the upgrade.
    expect(lint(ws('            proxy_pass http://192.0.2.20:8080;\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection "";\n'), MAIN, RULE)).toHaveLength(1);
  });

  it('follows a location fragment to the server that includes it', () => {
    const frag = `location /ws/ {\n    proxy_pass http://192.0.2.20:8080;\n${UPGRADE.replace(/ {12}/g, '    ')}}\n`;
    const main = (extra: string) => `events {}\nhttp {\n    server {\n        listen 80;\n${extra}        include /ws/ws.conf;\n    }\n}\n`;
    const bad = lint({ [MAIN]: main(''), '/ws/ws.conf': frag }, '/ws/ws.conf', RULE);
    expect(bad.map((x) => [at(x), x.severity])).toEqual([['2:4-2:14', 'error']]);
    expect(lint({ [MAIN]: main('        proxy_http_version 1.1;\n'), '/ws/ws.conf': frag }, '/ws/ws.conf', RULE)).toEqual([]);
  });

  it('sees headers that come from an included snippet, and stays quiet on an unreadable include', () => {
    const files = {
      [MAIN]: ws('            proxy_pass http://192.0.2.20:8080;\n            include /ws/upgrade.conf;\n'),
      '/ws/upgrade.conf': 'proxy_set_header Upgrade $http_upgrade;\nproxy_set_header Connection "upgrade";\n',
    };
    expect(lint(files, MAIN, RULE).map(at)).toEqual(['6:12-6:22']);
    expect(lint(files, MAIN, RULE)[0].message).toContain('upgrade.conf:1');
    expect(lint(ws(`            proxy_pass http://192.0.2.20:8080;\n            include /ws/missing.conf;\n${UPGRADE}`), MAIN, RULE)).toEqual([]);
    // An unreadable include in the location may hold its own proxy_set_header list, hiding the server's.
    expect(lint(ws('            proxy_pass http://192.0.2.20:8080;\n            include /ws/missing.conf;\n', UPGRADE.replace(/ {12}/g, '        ')), MAIN, RULE)).toEqual([]);
  });

  it('lowers the finding to a warning in a fragment whose outer levels are not visible', () => {
    const f = lint({ '/ws/ws.conf': `# layerwise: context=location\nproxy_pass http://192.0.2.20:8080;\n${UPGRADE}` }, '/ws/ws.conf', RULE);
    expect(f.map((x) => [at(x), x.severity])).toEqual([['2:0-2:10', 'warning']]);
    expect(f[0].message).toContain('unless a level outside this fragment sets proxy_http_version');
  });
});

// ---- nginx/upstream-keepalive-unused -----------------------------------------------------------

describe('nginx/upstream-keepalive-unused', () => {
  const RULE = 'nginx/upstream-keepalive-unused';
  const UP = '    upstream app {\n        server 192.0.2.10:8080;\n        keepalive 16;\n    }\n';
  const conf = (location: string, server = '', upstream = UP) =>
    http(`${upstream}    server {\n        listen 80;\n${server}        location / {\n${location}        }\n    }`);

  it('reports the defaults on the proxy_pass target, related to the keepalive line, with both fixes', () => {
    const text = conf('            proxy_pass http://app;\n            proxy_set_header Host $host;\n');
    const f = lint(text, MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity, x.layer])).toEqual([['10:23-10:33', 'warning', 4]]);
    expect(f[0].message).toContain('Upstream "app"');
    expect(f[0].message).toContain('keepalive, line 5');
    expect(f[0].related).toEqual([{ path: MAIN, range: { start: { line: 4, character: 8 }, end: { line: 4, character: 21 } }, message: 'keepalive of upstream "app"' }]);
    const fixed = apply(text, f[0].fixes![0].edits);
    expect(fixed).toContain('            proxy_http_version 1.1;\n            proxy_pass http://app;\n            proxy_set_header Host $host;\n            proxy_set_header Connection "";\n');
    expect(lint(fixed, MAIN, RULE)).toEqual([]);
  });

  it('explains a Connection "" hidden by the location\'s own proxy_set_header list', () => {
    const f = lint(conf('            proxy_pass http://app;\n            proxy_set_header Host $host;\n', '        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n'), MAIN, RULE);
    expect(f.map(at)).toEqual(['12:23-12:33']);
    expect(f[0].message).toContain('replace the Connection header set at line 10');
  });

  it('is quiet when HTTP/1.1 and an empty Connection are inherited, or reach another upstream', () => {
    expect(lint(conf('            proxy_pass http://app;\n', '        proxy_http_version 1.1;\n        proxy_set_header Connection "";\n'), MAIN, RULE)).toEqual([]);
    expect(lint(conf('            proxy_pass http://app:8080;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(conf('            proxy_pass http://$host;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(conf('            proxy_pass http://app;\n', '', UP.replace('keepalive 16', 'keepalive 0')), MAIN, RULE)).toEqual([]);
    // A variable Connection value (a map) cannot be judged here.
    expect(lint(conf('            proxy_pass http://app;\n            proxy_http_version 1.1;\n            proxy_set_header Connection $connection_upgrade;\n'), MAIN, RULE)).toEqual([]);
  });

  it('reports an explicit Connection close and HTTP/1.0, replacing them in place', () => {
    const text = conf('            proxy_pass http://app;\n            proxy_http_version 1.0;\n            proxy_set_header Connection close;\n');
    const f = lint(text, MAIN, RULE);
    expect(f.map(at)).toEqual(['10:23-10:33']);
    expect(f[0].message).toContain('proxy_http_version 1.0 (line 11)');
    expect(f[0].fixes![0].edits.map((e) => [e.range.start.line, e.newText])).toEqual([[10, '1.1'], [11, '""']]);
  });

  it('finds the upstream in another file and points at it', () => {
    const files = {
      [MAIN]: 'events {}\nhttp {\n    include /ws/upstreams.conf;\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://app;\n        }\n    }\n}\n',
      '/ws/upstreams.conf': 'upstream app {\n    server 192.0.2.10:8080;\n    keepalive 8;\n}\n',
    };
    const f = lint(files, MAIN, RULE);
    expect(f.map(at)).toEqual(['7:23-7:33']);
    expect(f[0].message).toContain('upstreams.conf:3');
    expect(f[0].related?.[0].path).toBe('/ws/upstreams.conf');
  });
});

// ---- nginx/grpc-without-http2 ------------------------------------------------------------------

describe('nginx/grpc-without-http2', () => {
  const RULE = 'nginx/grpc-without-http2';
  const grpc = (listen: string, extra = '', more = '') =>
    http(`${more}    server {\n        listen ${listen};\n${extra}        location / {\n            grpc_pass grpc://192.0.2.40:50051;\n        }\n    }`);

  it('reports grpc_pass without HTTP/2, offering http2 on; and the listen parameter', () => {
    const text = grpc('8443');
    const f = lint(text, MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity])).toEqual([['6:12-6:21', 'error']]);
    expect(f[0].related?.map((r) => r.range.start.line)).toEqual([3]);
    expect(f[0].fixes!.map((x) => x.title)).toEqual(['Add http2 on; to the server (nginx 1.25.1 or later)', 'Add the http2 parameter to listen (nginx before 1.25.1)']);
    expect(apply(text, f[0].fixes![0].edits)).toContain('        listen 8443;\n        http2 on;\n');
    expect(apply(text, f[0].fixes![1].edits)).toContain('        listen 8443 http2;\n');
    expect(lint(apply(text, f[0].fixes![1].edits), MAIN, RULE)).toEqual([]);
  });

  it('is quiet with http2 on the listen, on another server of the same socket, or http2 on in http', () => {
    expect(lint(grpc('8443 http2'), MAIN, RULE)).toEqual([]);
    expect(lint(grpc('8443', '', '    server {\n        listen 8443 http2 default_server;\n        return 404;\n    }\n'), MAIN, RULE)).toEqual([]);
    expect(lint(grpc('8443', '', '    http2 on;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(grpc('8443', '        http2 on;\n'), MAIN, RULE)).toEqual([]);
  });

  it('reports http2 off and fixes it in place', () => {
    const f = lint(grpc('8443', '        http2 off;\n'), MAIN, RULE);
    expect(f.map(at)).toEqual(['7:12-7:21']);
    expect(f[0].fixes![0].edits).toEqual([{ path: MAIN, range: { start: { line: 4, character: 14 }, end: { line: 4, character: 17 } }, newText: 'on' }]);
  });

  it('follows a location fragment to its server', () => {
    const main = (listen: string) => `events {}\nhttp {\n    server {\n        listen ${listen};\n        include /ws/grpc.conf;\n    }\n}\n`;
    const frag = 'location / {\n    grpc_pass grpc://192.0.2.40:50051;\n}\n';
    expect(lint({ [MAIN]: main('8443'), '/ws/grpc.conf': frag }, '/ws/grpc.conf', RULE).map(at)).toEqual(['2:4-2:13']);
    expect(lint({ [MAIN]: main('8443 http2'), '/ws/grpc.conf': frag }, '/ws/grpc.conf', RULE)).toEqual([]);
    // No server in sight: nothing to judge.
    expect(lint({ '/ws/grpc.conf': frag }, '/ws/grpc.conf', RULE)).toEqual([]);
  });
});

// ---- nginx/forwarding-headers ------------------------------------------------------------------

describe('nginx/forwarding-headers', () => {
  const RULE = 'nginx/forwarding-headers';
  const site = (location: string, server = '') =>
    http(`    server {\n        listen 80;\n${server}        location / {\n${location}        }\n    }`);

  it('gives one hint per location when a nested location stands between its passes', () => {
    const pass = (pad: string) => `${pad}proxy_pass http://192.0.2.10:8080;\n`;
    const text = site(`            if ($arg_a) {\n${pass('                ')}            }\n            location /in {\n${pass('                ')}            }\n            if ($arg_b) {\n${pass('                ')}            }\n`);
    expect(lint(text, MAIN, RULE).map(at)).toEqual(['7:16-7:26', '10:16-10:26']);
  });

  it('gives one hint per location for a missing Host and client address, with a fix', () => {
    const text = site('            if ($arg_a) {\n                proxy_pass http://192.0.2.10:8080;\n            }\n            proxy_pass http://192.0.2.10:8080;\n');
    const f = lint(text, MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity])).toEqual([['7:16-7:26', 'info']]);
    expect(f[0].message).toContain('"Host: 192.0.2.10:8080"');
    expect(f[0].message).toContain('no X-Forwarded-For, X-Real-IP or Forwarded header');
    const fixed = apply(text, f[0].fixes![0].edits);
    expect(fixed).toContain('            proxy_set_header Host $host;\n            proxy_set_header X-Real-IP $remote_addr;\n            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n            if ($arg_a) {');
    expect(lint(fixed, MAIN, RULE)).toEqual([]);
  });

  it('takes headers inherited from the server, and explains when the location hides them', () => {
    const server = '        proxy_set_header Host $host;\n        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n';
    expect(lint(site('            proxy_pass http://app_backend;\n', server), MAIN, RULE)).toEqual([]);
    const f = lint(site('            proxy_pass http://192.0.2.10:8080;\n            proxy_set_header X-Request-Id $request_id;\n', server), MAIN, RULE);
    expect(f.map(at)).toEqual(['8:12-8:22']);
    expect(f[0].message).toContain("the location's own proxy_set_header lines replace inherited ones such as line 5");
    expect(f[0].related?.[0].range.start.line).toBe(4);
    expect(f[0].fixes![0].edits[0].range.start).toEqual({ line: 8, character: 54 });
  });

  it('takes no header value for a claimed client address by its likeness to an object member', () => {
    const headers = '            proxy_set_header Host $host;\n            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n';
    for (const value of ['constructor', '__proto__', 'toString']) {
      expect(lint(site(`            proxy_pass http://192.0.2.10:8080;\n${headers}            proxy_set_header X-Real-IP ${value};\n`), MAIN, RULE)).toEqual([]);
    }
  });

  it('names only what is missing', () => {
    const f = lint(site('            proxy_pass http://127.0.0.1:3000;\n            proxy_set_header Host $host;\n'), MAIN, RULE);
    expect(f).toHaveLength(1);
    expect(f[0].message).not.toContain('Host:');
    expect(f[0].message).toContain('no X-Forwarded-For');
  });

  it('warns about a client-supplied address passed on, replacing it with the safe variable', () => {
    const text = site('            proxy_pass http://192.0.2.10:8080;\n            proxy_set_header Host $host;\n            proxy_set_header X-Forwarded-For $http_x_forwarded_for;\n            proxy_set_header X-Real-IP $http_x_real_ip;\n');
    const f = lint(text, MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity])).toEqual([['8:45-8:66', 'warning'], ['9:39-9:54', 'warning']]);
    expect(f[0].fixes![0].edits[0].newText).toBe('$proxy_add_x_forwarded_for');
    expect(f[1].fixes![0].edits[0].newText).toBe('$remote_addr');
  });

  it('is quiet for named outside sites, unreadable includes, header modules and proxy_pass_request_headers off', () => {
    expect(lint(site('            proxy_pass https://api.example.test/;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(site('            include /ws/missing_proxy_params;\n            proxy_pass http://192.0.2.10:8080;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(site('            more_set_input_headers "X-Real-IP: $remote_addr";\n            proxy_pass http://192.0.2.10:8080;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(site('            proxy_pass_request_headers off;\n            proxy_pass http://192.0.2.10:8080;\n'), MAIN, RULE)).toEqual([]);
    expect(lint(site('            proxy_pass http://$backend;\n'), MAIN, RULE)).toEqual([]);
  });

  it('reads headers from an included proxy_params file', () => {
    const files = {
      [MAIN]: site('            include /ws/proxy_params;\n            proxy_pass http://192.0.2.10:8080;\n'),
      '/ws/proxy_params': 'proxy_set_header Host $http_host;\nproxy_set_header X-Real-IP $remote_addr;\n',
    };
    expect(lint(files, MAIN, RULE)).toEqual([]);
  });
});

// ---- nginx/realip-trusts-all -------------------------------------------------------------------

describe('nginx/realip-trusts-all', () => {
  const RULE = 'nginx/realip-trusts-all';

  it('knows which ranges trust (nearly) everyone', () => {
    expect(wideRange('0.0.0.0/0')).toBe('every IPv4 address');
    expect(wideRange('::/0')).toBe('every IPv6 address');
    expect(wideRange('0.0.0.0/1')).toBe('1/2 of all IPv4 addresses');
    expect(wideRange('2000::/3')).toBe('1/8 of all IPv6 addresses');
    for (const ok of ['10.0.0.0/8', '172.16.0.0/12', 'fc00::/7', '192.0.2.8', '2001:db8::/32', 'unix:', 'localhost/0']) expect(wideRange(ok), ok).toBeUndefined();
  });

  it('reports the range, naming the header in effect and pointing at it', () => {
    const text = http('    real_ip_header X-Forwarded-For;\n    server {\n        listen 80;\n        set_real_ip_from 0.0.0.0/0;\n        deny 203.0.113.0/24;\n    }');
    const f = lint(text, MAIN, RULE);
    expect(f.map((x) => [at(x), x.severity, x.layer])).toEqual([['6:25-6:34', 'warning', 3]]);
    expect(f[0].message).toContain('an X-Forwarded-For header');
    expect(f[0].related?.[0].range.start.line).toBe(2);
  });

  it('names the default header and the PROXY protocol', () => {
    expect(lint(http('    set_real_ip_from ::/0;'), MAIN, RULE)[0].message).toContain("X-Real-IP header (real_ip_header's default)");
    expect(lint(http('    set_real_ip_from 0.0.0.0/0;\n    real_ip_header proxy_protocol;'), MAIN, RULE)[0].message).toContain('PROXY protocol header');
    const stream = lint('events {}\nstream {\n    server {\n        listen 5432 proxy_protocol;\n        set_real_ip_from 0.0.0.0/0;\n        proxy_pass 192.0.2.30:5432;\n    }\n}\n', MAIN, RULE);
    expect(stream.map(at)).toEqual(['5:25-5:34']);
    expect(stream[0].message).toContain('PROXY protocol header');
  });

  it('is quiet on trusted proxies', () => {
    expect(lint(http('    set_real_ip_from 192.0.2.8;\n    set_real_ip_from 10.0.0.0/8;\n    set_real_ip_from 2001:db8::/32;\n    real_ip_header X-Forwarded-For;'), MAIN, RULE)).toEqual([]);
  });
});
