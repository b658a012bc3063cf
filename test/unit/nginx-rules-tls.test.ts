// The TLS family: scheme vs port, listeners vs certificates, ssl_preread, proxy_ssl, verification
// and protocol versions, with exact ranges, quick-fix edits and cross-file inheritance.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { DIALECTS } from '../../server/src/dialects/index';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost, memoryWorkspace } from '../support/memory-host';

function lint(files: Record<string, string>, path = Object.keys(files)[0], rule?: string): Finding[] {
  const ws = memoryWorkspace(files, 'nginx');
  return ws.analyze(path).filter((f) => (rule ? f.rule === rule : f.rule.startsWith('nginx/')));
}

function only(rule: string, text: string, files: Record<string, string> = {}): Finding[] {
  return lint({ '/ws/nginx.conf': text, ...files }, '/ws/nginx.conf', rule);
}

const at = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];

/** Applies a finding's first fix to the text (single-file edits). */
function applyFix(text: string, f: Finding, which = 0): string {
  const lines = text.split('\n');
  const edits = [...f.fixes![which].edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const e of edits) {
    const s = e.range.start;
    const t = e.range.end;
    const before = lines.slice(0, s.line).join('\n') + (s.line ? '\n' : '') + lines[s.line].slice(0, s.character);
    const after = lines[t.line].slice(t.character) + (t.line + 1 < lines.length ? '\n' + lines.slice(t.line + 1).join('\n') : '');
    const joined = before + e.newText + after;
    lines.splice(0, lines.length, ...joined.split('\n'));
  }
  return lines.join('\n');
}

const CERT = 'ssl_certificate /etc/nginx/tls/example.crt; ssl_certificate_key /etc/nginx/tls/example.key;';

describe('nginx/weak-tls-protocols', () => {
  const R = 'nginx/weak-tls-protocols';
  it('covers exactly the weak arguments and rewrites the whole list', () => {
    const text = 'events {}\nhttp {\n    ssl_protocols TLSv1.2 SSLv3 TLSv1 TLSv1.3;\n}\n';
    const [f, ...rest] = only(R, text);
    expect(rest).toEqual([]);
    expect(at(f)).toEqual([2, 26, 2, 37]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(6);
    expect(f.message).toContain('SSLv3, TLSv1');
    expect(f.fixes![0].edits[0].range).toEqual({ start: { line: 2, character: 18 }, end: { line: 2, character: 45 } });
    expect(applyFix(text, f)).toBe('events {}\nhttp {\n    ssl_protocols TLSv1.2 TLSv1.3;\n}\n');
  });
  it('checks the backend side too, and is quiet on modern lists', () => {
    const text = 'events {}\nhttp {\n    ssl_protocols TLSv1.2 TLSv1.3;\n    server {\n        location / {\n            proxy_ssl_protocols TLSv1.1 TLSv1.2;\n        }\n    }\n}\n';
    const found = only(R, text);
    expect(found.map(at)).toEqual([[5, 32, 5, 39]]);
    expect(found[0].message).toContain('backend');
  });
});

describe('nginx/tls-scheme-port-mismatch', () => {
  const R = 'nginx/tls-scheme-port-mismatch';
  it('flags https:// to a plaintext port and offers http://', () => {
    const text = '# layerwise: context=server\nlocation / {\n    proxy_pass https://192.0.2.10:8080/app;\n}\n';
    const [f] = lint({ '/ws/site.conf': text }, '/ws/site.conf', R);
    expect(at(f)).toEqual([2, 15, 2, 42]);
    expect(f.fixes![0].edits[0].range).toEqual({ start: { line: 2, character: 15 }, end: { line: 2, character: 20 } });
    expect(applyFix(text, f)).toContain('proxy_pass http://192.0.2.10:8080/app;');
  });
  it('flags http:// to a TLS port, also when the argument is quoted', () => {
    const text = '# layerwise: context=server\nlocation / {\n    proxy_pass "http://api.example.test:8443";\n}\n';
    const [f] = lint({ '/ws/site.conf': text }, '/ws/site.conf', R);
    expect(at(f)).toEqual([2, 15, 2, 45]);
    expect(applyFix(text, f)).toContain('proxy_pass "https://api.example.test:8443";');
  });
  it('follows an upstream defined in another file, and only when all its servers agree', () => {
    const conf = 'events {}\nhttp {\n    include /ws/upstreams.conf;\n    server {\n        listen 80;\n        location / { proxy_pass http://api; }\n        location /mixed/ { proxy_pass http://mixed; }\n        location /tls/ { proxy_pass https://api; }\n    }\n}\n';
    const ups = '# layerwise: context=http\nupstream api { server 192.0.2.21:443; server 192.0.2.22:443; }\nupstream mixed { server 192.0.2.21:443; server 192.0.2.22:80; }\n';
    const found = lint({ '/ws/nginx.conf': conf, '/ws/upstreams.conf': ups }, '/ws/nginx.conf', R);
    expect(found.map(at)).toEqual([[5, 32, 5, 42]]);
    expect(found[0].message).toContain('upstream "api"');
  });
  it('treats an upstream server without a port as port 80', () => {
    const text = 'events {}\nhttp {\n    upstream app { server app.example.test; }\n    server { listen 80; location / { proxy_pass https://app; } }\n}\n';
    expect(only(R, text).map(at)).toEqual([[3, 48, 3, 59]]);
  });
  it('stays quiet without an explicit port and with variables', () => {
    const text = 'events {}\nhttp {\n    server { listen 80;\n        location /a/ { proxy_pass https://api.example.test; }\n        location /b/ { proxy_pass http://$host:443; }\n    }\n}\n';
    expect(only(R, text)).toEqual([]);
  });
  it('offers grpcs:// for a schemeless grpc_pass to a TLS port', () => {
    const text = '# layerwise: context=server\nlocation / {\n    grpc_pass 192.0.2.30:443;\n}\n';
    const [f] = lint({ '/ws/site.conf': text }, '/ws/site.conf', R);
    expect(at(f)).toEqual([2, 14, 2, 28]);
    expect(applyFix(text, f)).toContain('grpc_pass grpcs://192.0.2.30:443;');
  });
  it('flags a stream proxy_ssl to a plaintext port, pointing at the proxy_ssl', () => {
    const text = 'events {}\nstream {\n    proxy_ssl on;\n    server {\n        listen 9000;\n        proxy_pass 192.0.2.5:143;\n    }\n}\n';
    const [f] = only(R, text);
    expect(at(f)).toEqual([5, 19, 5, 32]);
    expect(f.related?.[0].range.start.line).toBe(2);
  });
});

describe('nginx/tls-port-without-ssl', () => {
  const R = 'nginx/tls-port-without-ssl';
  it('flags a plaintext listener on 443 and inserts ssl', () => {
    const text = `events {}\nhttp {\n    server {\n        listen 443 default_server;\n        ${CERT}\n    }\n}\n`;
    const found = only(R, text);
    expect(found.map(at)).toEqual([[3, 15, 3, 18]]);
    expect(found[0].fixes![0].edits[0]).toMatchObject({ range: { start: { line: 3, character: 18 }, end: { line: 3, character: 18 } }, newText: ' ssl' });
    expect(applyFix(text, found[0])).toContain('listen 443 ssl default_server;');
  });
  it('sees ssl on the same socket in another server\'s included listen', () => {
    const conf = `events {}\nhttp {\n    ${CERT}\n    server { include /ws/listen-tls.conf; }\n    server { listen 443; }\n}\n`;
    expect(lint({ '/ws/nginx.conf': conf, '/ws/listen-tls.conf': 'listen 443 ssl;\n' }, '/ws/nginx.conf', R)).toEqual([]);
  });
  it('stays quiet when another server makes the socket TLS, with quic, and with ssl on', () => {
    const text = `events {}\nhttp {\n    ${CERT}\n    server { listen 443 ssl; server_name a.example.test; }\n    server { listen 443; server_name b.example.test; }\n    server { listen 8443 quic; }\n    server { listen 9443; ssl on; }\n}\n`;
    expect(only(R, text)).toEqual([]);
  });
  it('flags a server certificate that no TLS listener uses', () => {
    const text = `events {}\nhttp {\n    server {\n        listen 80;\n        ${CERT}\n    }\n}\n`;
    const found = only(R, text);
    expect(found.map(at)).toEqual([[4, 8, 4, 23]]);
  });
  it('sees a certificate brought in by an included snippet, and an http-level one is fine', () => {
    const conf = 'events {}\nhttp {\n    server {\n        listen 80;\n        include /ws/snippets/tls.conf;\n    }\n}\n';
    const snippet = `# layerwise: context=server\n${CERT}\n`;
    const found = lint({ '/ws/nginx.conf': conf, '/ws/snippets/tls.conf': snippet }, '/ws/nginx.conf', R);
    expect(found.map(at)).toEqual([[2, 4, 2, 10]]);
    const http = `events {}\nhttp {\n    ${CERT}\n    server { listen 80; }\n    server { listen 443 ssl; }\n}\n`;
    expect(only(R, http)).toEqual([]);
  });
  it('sees a TLS listener in an included snippet, and stays quiet on an unreadable include', () => {
    const conf = `events {}\nhttp {\n    server {\n        include /ws/listen-tls.conf;\n        ${CERT}\n    }\n    server {\n        include /ws/missing.conf;\n        ${CERT}\n    }\n}\n`;
    expect(lint({ '/ws/nginx.conf': conf, '/ws/listen-tls.conf': '# layerwise: context=server\nlisten 443 ssl;\n' }, '/ws/nginx.conf', R)).toEqual([]);
  });
});

describe('nginx/ssl-listen-without-certificate', () => {
  const R = 'nginx/ssl-listen-without-certificate';
  it('is an error at the ssl parameter when nothing provides a certificate', () => {
    const [f, ...rest] = only(R, 'events {}\nhttp {\n    server {\n        listen 443 ssl;\n        listen [::]:443 ssl;\n    }\n}\n');
    expect(rest).toEqual([]);
    expect(at(f)).toEqual([3, 19, 3, 22]);
    expect(f.severity).toBe('error');
  });
  it('accepts a certificate at http level in the including file (cross-file)', () => {
    const conf = `events {}\nhttp {\n    ${CERT}\n    include /ws/sites/*.conf;\n}\n`;
    const site = 'server {\n    listen 443 ssl;\n    server_name shop.example.test;\n}\n';
    expect(lint({ '/ws/nginx.conf': conf, '/ws/sites/shop.conf': site }, '/ws/sites/shop.conf', R)).toEqual([]);
    const bare = 'events {}\nhttp {\n    include /ws/sites/*.conf;\n}\n';
    const [f] = lint({ '/ws/nginx.conf': bare, '/ws/sites/shop.conf': site }, '/ws/sites/shop.conf', R);
    expect(at(f)).toEqual([1, 15, 1, 18]);
    expect(f.severity).toBe('error');
  });
  it('accepts a certificate from a snippet included in the server', () => {
    const conf = 'events {}\nhttp {\n    server {\n        listen 443 ssl;\n        include /ws/snippets/cert.conf;\n    }\n}\n';
    expect(lint({ '/ws/nginx.conf': conf, '/ws/snippets/cert.conf': `# layerwise: context=server\n${CERT}\n` }, '/ws/nginx.conf', R)).toEqual([]);
  });
  it('is only a warning in a fragment nothing includes, and silent behind an unreadable include', () => {
    const [f] = lint({ '/ws/site.conf': '# layerwise: context=http\nserver {\n    listen 443 ssl;\n}\n' }, '/ws/site.conf', R);
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('unless the file that includes this one');
    expect(only(R, 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    server { listen 443 ssl; }\n}\n')).toEqual([]);
  });
  it('warns about a non-default server and errors on the default one', () => {
    const text = `events {}\nhttp {\n    server {\n        listen 443 ssl;\n        server_name a.example.test;\n        ${CERT}\n    }\n    server {\n        listen 443 ssl;\n        server_name b.example.test;\n    }\n}\n`;
    const [f] = only(R, text);
    expect(at(f)).toEqual([8, 19, 8, 22]);
    expect(f.severity).toBe('warning');
    const swapped = `events {}\nhttp {\n    server {\n        listen 443 ssl;\n    }\n    server {\n        listen 443 ssl default_server;\n        ${CERT}\n    }\n}\n`;
    expect(only(R, swapped).map((x) => [x.severity, ...at(x)])).toEqual([['warning', 3, 19, 3, 22]]);
  });
  it('knows that another server\'s ssl makes a plain listen on the same socket TLS', () => {
    const text = `events {}\nhttp {\n    server {\n        listen 443;\n    }\n    server {\n        listen 443 ssl;\n        ${CERT}\n    }\n}\n`;
    const [f] = only(R, text);
    expect(at(f)).toEqual([3, 15, 3, 18]);
    expect(f.severity).toBe('error');
  });
  it('reads an included file that is on disk but not loaded in the workspace', () => {
    const conf = 'events {}\nhttp {\n    include /etc/nginx/tls-defaults.conf;\n    server { listen 443 ssl; }\n}\n';
    const files = { '/ws/nginx.conf': conf, '/etc/nginx/tls-defaults.conf': `${CERT}\n` };
    const ws = new Workspace(memoryHost(files), DIALECTS);
    ws.setFile('/ws/nginx.conf', conf, 'nginx');
    expect(ws.get('/etc/nginx/tls-defaults.conf')).toBeUndefined();
    expect(ws.analyze('/ws/nginx.conf').filter((f) => f.rule === R)).toEqual([]);
    const empty = new Workspace(memoryHost({ '/ws/nginx.conf': conf, '/etc/nginx/tls-defaults.conf': 'ssl_session_cache shared:tls:1m;\n' }), DIALECTS);
    empty.setFile('/ws/nginx.conf', conf, 'nginx');
    expect(empty.analyze('/ws/nginx.conf').filter((f) => f.rule === R).map((f) => [f.severity, ...at(f)])).toEqual([['error', 3, 24, 3, 27]]);
  });
  it('does not claim a refusal for a listen snippet shared by servers it cannot order', () => {
    const conf = `events {}\nhttp {\n    server {\n        server_name a.example.test;\n        include /ws/listen-tls.conf;\n        ${CERT}\n    }\n    server {\n        server_name b.example.test;\n        include /ws/listen-tls.conf;\n    }\n}\n`;
    const files = { '/ws/nginx.conf': conf, '/ws/listen-tls.conf': 'listen 443 ssl;\n' };
    const [f] = lint(files, '/ws/listen-tls.conf', R);
    expect(at(f)).toEqual([0, 11, 0, 14]);
    expect(f.severity).toBe('warning');
    expect(lint(files, '/ws/nginx.conf', R)).toEqual([]);
  });
  it('accepts ssl_reject_handshake, flags stream servers and "ssl on"', () => {
    expect(only(R, 'events {}\nhttp {\n    server { listen 443 ssl default_server; ssl_reject_handshake on; }\n}\n')).toEqual([]);
    const stream = only(R, 'events {}\nstream {\n    server {\n        listen 6443 ssl;\n        proxy_pass 192.0.2.40:6443;\n    }\n}\n');
    expect(stream.map((x) => [x.severity, ...at(x)])).toEqual([['error', 3, 20, 3, 23]]);
    const sslOn = only(R, 'events {}\nhttp {\n    server {\n        listen 443;\n        ssl on;\n    }\n}\n');
    expect(sslOn.map((x) => [x.severity, ...at(x)])).toEqual([['error', 4, 8, 4, 15]]);
  });
});

describe('nginx/ssl-preread-off', () => {
  const R = 'nginx/ssl-preread-off';
  const maps = '    map $ssl_preread_server_name $name { default x; }\n    map $name $backend { x 192.0.2.1:443; default 192.0.2.2:443; }\n';
  it('follows a chain of maps and inserts ssl_preread on before proxy_pass', () => {
    const text = `events {}\nstream {\n${maps}    server {\n        listen 443;\n        proxy_pass $backend;\n    }\n}\n`;
    const [f] = only(R, text);
    expect(at(f)).toEqual([6, 19, 6, 27]);
    expect(f.severity).toBe('error');
    expect(f.message).toContain('$ssl_preread_server_name');
    expect(f.related?.[0].range.start.line).toBe(3);
    expect(f.fixes![0].edits[0]).toMatchObject({ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '        ssl_preread on;\n' });
    expect(only(R, applyFix(text, f))).toEqual([]);
  });
  it('switches an explicit ssl_preread off to on', () => {
    const text = 'events {}\nstream {\n    server {\n        listen 443;\n        ssl_preread off;\n        proxy_pass $ssl_preread_server_name:443;\n    }\n}\n';
    const [f] = only(R, text);
    expect(f.fixes![0].edits[0]).toMatchObject({ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 23 } }, newText: 'on' });
  });
  it('accepts ssl_preread at stream level and ignores unrelated variables', () => {
    expect(only(R, `events {}\nstream {\n    ssl_preread on;\n${maps}    server { listen 443; proxy_pass $backend; }\n}\n`)).toEqual([]);
    expect(only(R, 'events {}\nstream {\n    map $remote_addr $b { default 192.0.2.1:22; }\n    server { listen 2222; proxy_pass $b; }\n}\n')).toEqual([]);
  });
  it('finds the map in another file of the stream config', () => {
    const conf = 'events {}\nstream {\n    include /ws/stream/maps.conf;\n    server {\n        listen 443;\n        proxy_pass $backend;\n    }\n}\n';
    const found = lint({ '/ws/nginx.conf': conf, '/ws/stream/maps.conf': `# layerwise: context=stream\n${maps}` }, '/ws/nginx.conf', R);
    expect(found.map(at)).toEqual([[5, 19, 5, 27]]);
    expect(found[0].related?.[0].path).toBe('/ws/stream/maps.conf');
  });
});

describe('nginx/stream-tls-then-plaintext', () => {
  const R = 'nginx/stream-tls-then-plaintext';
  it('flags cleartext to a TLS port after terminating TLS, and inserts proxy_ssl on', () => {
    const text = `events {}\nstream {\n    server {\n        listen 993 ssl;\n        ${CERT}\n        proxy_pass 192.0.2.7:993;\n    }\n}\n`;
    const [f] = only(R, text);
    expect(at(f)).toEqual([5, 19, 5, 32]);
    expect(f.fixes![0].edits[0].newText).toBe('        proxy_ssl on;\n');
    expect(only(R, applyFix(text, f))).toEqual([]);
  });
  it('follows an upstream and respects proxy_ssl at stream level and passthrough listeners', () => {
    const ups = '    upstream imaps { server 192.0.2.7:993; server 192.0.2.8:993; }\n';
    expect(only(R, `events {}\nstream {\n${ups}    server { listen 993 ssl; ${CERT} proxy_pass imaps; }\n}\n`).length).toBe(1);
    expect(only(R, `events {}\nstream {\n    proxy_ssl on;\n${ups}    server { listen 993 ssl; ${CERT} proxy_pass imaps; }\n}\n`)).toEqual([]);
    expect(only(R, `events {}\nstream {\n${ups}    server { listen 993; proxy_pass imaps; }\n}\n`)).toEqual([]);
  });
});

describe('nginx/upstream-tls-unverified', () => {
  const R = 'nginx/upstream-tls-unverified';
  it('warns about https:// without verification, but not to loopback backends', () => {
    const text = 'events {}\nhttp {\n    upstream local { server 127.0.0.1:8443; }\n    server {\n        listen 80;\n        location /a/ { proxy_pass https://api.example.test; }\n        location /b/ { proxy_pass https://127.0.0.1:8443; }\n        location /c/ { proxy_pass https://local; }\n    }\n}\n';
    const found = only(R, text);
    expect(found.map((f) => [f.severity, ...at(f)])).toEqual([['warning', 5, 34, 5, 58]]);
  });
  it('reports verification without a CA once, at the proxy_ssl_verify line, as an error', () => {
    const text = 'events {}\nhttp {\n    server {\n        listen 80;\n        proxy_ssl_verify on;\n        location /a/ { proxy_pass https://a.example.test; }\n        location /b/ { proxy_pass http://$host; }\n    }\n}\n';
    const found = only(R, text);
    expect(found.map((f) => [f.severity, ...at(f)])).toEqual([['error', 4, 8, 4, 28]]);
  });
  it('inherits verification and CA from http level in the including file', () => {
    const conf = 'events {}\nhttp {\n    proxy_ssl_verify on;\n    proxy_ssl_trusted_certificate /etc/nginx/tls/ca.crt;\n    server {\n        listen 80;\n        include /ws/locations/api.conf;\n    }\n}\n';
    const loc = 'location /api/ {\n    proxy_pass https://api.example.test;\n}\n';
    expect(lint({ '/ws/nginx.conf': conf, '/ws/locations/api.conf': loc }, '/ws/locations/api.conf', R)).toEqual([]);
    const noCa = 'events {}\nhttp {\n    proxy_ssl_verify on;\n    server {\n        listen 80;\n        include /ws/locations/api.conf;\n    }\n}\n';
    const [f] = lint({ '/ws/nginx.conf': noCa, '/ws/locations/api.conf': loc }, '/ws/locations/api.conf', R);
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([1, 15, 1, 39]);
    expect(f.related?.[0]).toMatchObject({ path: '/ws/nginx.conf', range: { start: { line: 2 } } });
  });
  it('covers grpcs:// and stream proxy_ssl, and softens the error in an unincluded fragment', () => {
    const grpc = only(R, 'events {}\nhttp {\n    server { listen 443 ssl http2; ssl_certificate /etc/nginx/tls/example.crt; ssl_certificate_key /etc/nginx/tls/example.key;\n        location / { grpc_pass grpcs://192.0.2.9:50051; }\n    }\n}\n');
    expect(grpc.map(at)).toEqual([[3, 31, 3, 54]]);
    expect(grpc[0].message).toContain('grpc_ssl_verify');
    const stream = only(R, 'events {}\nstream {\n    server {\n        listen 5432;\n        proxy_ssl on;\n        proxy_pass 192.0.2.50:5433;\n    }\n}\n');
    expect(stream.map(at)).toEqual([[5, 19, 5, 34]]);
    const [soft] = lint({ '/ws/loc.conf': '# layerwise: context=server\nlocation / {\n    proxy_ssl_verify on;\n    proxy_pass https://a.example.test;\n}\n' }, '/ws/loc.conf', R);
    expect(soft.severity).toBe('warning');
  });
});
