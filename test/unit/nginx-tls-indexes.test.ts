// The indexes the TLS and listener rules share: listen parsing by character scans, upstream ports
// per configuration (several blocks of one name), the passes of a file paired with their targets,
// inheritance answered at once when no chain can meet a name, and lazily lower-cased server names.
import { describe, expect, it } from 'vitest';
import { parseListen } from '../../server/src/dialects/nginx/listen';
import { splitListenAddress, validPort } from '../../server/src/dialects/nginx/listeners-sockets';
import { memoryWorkspace } from '../support/memory-host';

function lint(text: string, rule: string, files: Record<string, string> = {}) {
  return memoryWorkspace({ '/ws/nginx.conf': text, ...files }, 'nginx').analyze('/ws/nginx.conf').filter((f) => f.rule === rule);
}

describe('parseListen', () => {
  it('reads ports, bracketed IPv6 addresses, names and unix sockets as before', () => {
    expect(parseListen(['80'])).toMatchObject({ host: '*', port: 80, ipv6: false, key: '*:80' });
    expect(parseListen(['[::1]:8443', 'ssl', 'backlog=10'])).toMatchObject({ host: '[::1]', port: 8443, ipv6: true, key: '[::1]:8443' });
    expect([...parseListen(['[::1]:8443', 'ssl', 'backlog=10'])!.params]).toEqual(['ssl', 'backlog']);
    expect(parseListen(['[FE80::1]'])).toMatchObject({ host: '[fe80::1]', port: 80, ipv6: true });
    expect(parseListen(['0.0.0.0:81'])).toMatchObject({ host: '*', port: 81 });
    expect(parseListen(['example.test'], NaN)).toMatchObject({ host: 'example.test', key: 'example.test:undefined' });
    expect(parseListen(['unix:/run/a.sock'])).toMatchObject({ host: '', unix: '/run/a.sock', key: 'unix:/run/a.sock' });
  });

  it('keeps the odd forms: a port that is not a number, brackets with text after them, variables', () => {
    expect(parseListen(['host:http'])).toMatchObject({ host: 'host', port: NaN, key: 'host:http' });
    expect(parseListen(['[::1]:x'])).toMatchObject({ host: '[::1]', port: NaN, ipv6: true, key: '[::1]:x' });
    expect(parseListen(['[::1]x'])).toMatchObject({ host: '[:', port: NaN, ipv6: true, key: '[::1]x' });
    expect(parseListen(['$port'])).toBeUndefined();
    expect(parseListen([])).toBeUndefined();
  });

  it('splits addresses for the per-file listen rules without regular expressions', () => {
    expect(splitListenAddress('UNIX:/run/a.sock')).toEqual({ host: '', unix: '/run/a.sock', ipv6: false });
    expect(splitListenAddress('8080')).toEqual({ host: '', portText: '8080', ipv6: false });
    expect(validPort('65535')).toBe(65535);
    expect(validPort('0')).toBeUndefined();
    expect(validPort('8o')).toBeUndefined();
  });
});

describe('upstream ports per configuration', () => {
  const R = 'nginx/tls-scheme-port-mismatch';
  it('reads several blocks of one name as one upstream, whichever comes first', () => {
    const emptyFirst = 'events {}\nhttp {\n  upstream b { }\n  upstream b { server 10.0.0.1:443; }\n  server { listen 80; location / { proxy_pass http://b; } }\n}\n';
    expect(lint(emptyFirst, R)).toHaveLength(1);
    const mixed = 'events {}\nhttp {\n  upstream b { server 10.0.0.1:443; }\n  upstream b { server 10.0.0.2:80; }\n  server { listen 80; location / { proxy_pass http://b; } }\n}\n';
    expect(lint(mixed, R)).toHaveLength(0);
    const unknown = 'events {}\nhttp {\n  upstream b { server 10.0.0.1:443; server $backend; }\n  server { listen 80; location / { proxy_pass http://b; } }\n}\n';
    expect(lint(unknown, R)).toHaveLength(0);
  });

  it('names the upstream and its ports in the message, once per pass', () => {
    const text = 'events {}\nhttp {\n  upstream b { server 10.0.0.1:443; server 10.0.0.2:8443; }\n  server { listen 80; location / { proxy_pass http://b; } location /x { proxy_pass http://b/x; } }\n}\n';
    const found = lint(text, R);
    expect(found).toHaveLength(2);
    expect(found[0].message).toContain('upstream "b", whose servers use ports 443, 8443');
  });
});

describe('passes of a file', () => {
  it('pairs the passes with their parsed targets past the ones passesOf leaves out', () => {
    // A `${...}` template and a block form are left out of passesOf; the passes after them still
    // get their own targets (a mix-up would put the port-80 target on the grpcs pass).
    const text = 'events {}\nhttp {\n  server {\n    listen 80;\n    location /a { proxy_pass http://${UP}; }\n    location /b { proxy_pass http://10.0.0.1:80 { } }\n    location /c { grpc_pass grpcs://10.0.0.2:80; }\n    location /d { proxy_pass http://10.0.0.3:443; }\n  }\n}\n';
    const found = lint(text, 'nginx/tls-scheme-port-mismatch');
    expect(found.map((f) => f.range.start.line)).toEqual([6, 7]);
  });
});

describe('inheritance with nothing to find', () => {
  it('still sees a directive that an include or an including file brings', () => {
    const R = 'nginx/ssl-listen-without-certificate';
    const server = 'server { listen 443 ssl; server_name a.test; }';
    expect(lint(`events {}\nhttp {\n  ${server}\n}\n`, R)).toHaveLength(1);
    const viaInclude = `events {}\nhttp {\n  include /ws/tls.conf;\n  ${server}\n}\n`;
    expect(lint(viaInclude, R, { '/ws/tls.conf': 'ssl_certificate a.crt;\nssl_certificate_key a.key;\n' })).toHaveLength(0);
  });
});

describe('server names', () => {
  it('compares names lower-cased, and takes only "" and "_" for a catch-all', () => {
    const R = 'nginx/default-server-conflict';
    const same = 'events {}\nhttp {\n  server { listen 80; server_name A.test; }\n  server { listen 80; server_name a.TEST; }\n}\n';
    expect(lint(same, R)).toHaveLength(0);
    const differ = 'events {}\nhttp {\n  server { listen 80; server_name A.test; }\n  server { listen 80; server_name _; }\n}\n';
    const found = lint(differ, R);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('this one ("a.test"), not to the catch-all server at line 4');
  });
});
