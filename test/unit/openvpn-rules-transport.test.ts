// Transport, exposure, crypto and pairing rules for OpenVPN: bind addresses, the management
// listener, client ports, proxies, server verification, control-channel keys and their direction,
// data ciphers, compression, and client/server pairs. Cross-file cases put the server at
// /ws/server.conf and the client at /ws/client.ovpn.
import { describe, expect, it } from 'vitest';
import type { Finding, TextEdit } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const SERVER = '/ws/server.conf';
const CLIENT = '/ws/client.ovpn';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const at = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
const relAt = (f: Finding) => (f.related ?? []).map((r) => [r.path, r.range.start.line]);

/** Findings of one rule in a lone file (path decides nothing: kind comes from content). */
function lint(text: string, rule: string, path = '/ws/example.ovpn'): Finding[] {
  return memoryWorkspace({ [path]: text }, 'openvpn').analyze(path).filter((f) => f.rule === rule);
}

/** Findings of one rule in the client, with the server next to it. */
function client(text: string, rule: string, server?: string): Finding[] {
  const files: Record<string, string> = { [CLIENT]: text };
  if (server !== undefined) files[SERVER] = server;
  return memoryWorkspace(files, 'openvpn').analyze(CLIENT).filter((f) => f.rule === rule);
}

function serverWith(text: string, rule: string, clientText?: string): Finding[] {
  const files: Record<string, string> = { [SERVER]: text };
  if (clientText !== undefined) files[CLIENT] = clientText;
  return memoryWorkspace(files, 'openvpn').analyze(SERVER).filter((f) => f.rule === rule);
}

/** Applies a fix's edits (all in one file) to a text. */
function apply(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (p.line < starts.length ? starts[p.line] + p.character : text.length);
  let out = text;
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

const SRV = ['port 1194', 'proto udp', 'dev tun', 'topology subnet', 'server 10.8.0.0 255.255.255.0', 'ca ca.crt', 'cert server.crt', 'key server.key', 'dh none'];
const CLI = ['client', 'dev tun', 'proto udp', 'remote vpn.example.test 1194', 'nobind', 'remote-cert-tls server', 'ca ca.crt', 'cert client.crt', 'key client.key'];
const srv = (...extra: string[]) => lines(...SRV, ...extra);
const cli = (...extra: string[]) => lines(...CLI, ...extra);
/** The base client with some of its lines replaced (by index) or removed (undefined). */
const cliWith = (changes: Record<number, string | undefined>, ...extra: string[]) =>
  lines(...CLI.map((l, i) => (i in changes ? changes[i] : l)).filter((l): l is string => l !== undefined), ...extra);

describe('openvpn/local-unreachable', () => {
  const id = 'openvpn/local-unreachable';
  it('reports a server bound to loopback, with a fix that removes the line', () => {
    const text = lines('local 127.0.0.1', ...SRV);
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(4);
    expect(at(f)).toEqual([0, 6, 0, 15]);
    expect(f.message).toContain('loopback');
    expect(apply(text, f.fixes![0].edits)).toBe(lines(...SRV));
  });
  it('reports ::1 and localhost on a server', () => {
    expect(lint(lines(...SRV, 'local ::1'), id)).toHaveLength(1);
    expect(lint(lines(...SRV, 'local localhost'), id)).toHaveLength(1);
  });
  for (const [addr, word] of [['0.1.2.3', '0.0.0.0/8'], ['224.0.0.5', 'multicast'], ['255.255.255.255', 'broadcast'], ['240.0.0.1', 'reserved'], ['ff02::1', 'IPv6 multicast']]) {
    it(`reports ${addr}`, () => {
      const [f] = lint(lines(...SRV, `local ${addr}`), id);
      expect(f.message).toContain(word);
    });
  }
  it('stays quiet on a public or wildcard address', () => {
    expect(lint(lines(...SRV, 'local 192.0.2.10'), id)).toEqual([]);
    expect(lint(lines(...SRV, 'local 0.0.0.0'), id)).toEqual([]);
    expect(lint(lines(...SRV, 'local ::'), id)).toEqual([]);
  });
  it('reports a client bound to loopback whose remote is elsewhere', () => {
    const [f] = lint(cli('local 127.0.0.1'), id);
    expect(f.message).toContain('vpn.example.test');
  });
  it('stays quiet when the peer is on the same host (loopback remote)', () => {
    const text = lines('rport 16001', 'lport 16000', 'remote localhost', 'local localhost', 'dev null', 'tls-server', 'dh none', 'ca ca.crt', 'key server.key', 'cert server.crt');
    expect(lint(text, id)).toEqual([]);
  });
});

describe('openvpn/management-exposed', () => {
  const id = 'openvpn/management-exposed';
  it('reports all interfaces without a password, with a loopback fix', () => {
    const text = srv('management 0.0.0.0 7505');
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(4);
    expect(at(f)).toEqual([9, 11, 9, 18]);
    expect(f.message).toContain('without a password file');
    expect(apply(text, f.fixes![0].edits)).toBe(srv('management 127.0.0.1 7505'));
  });
  it('reports all interfaces even with a password file (clear text)', () => {
    const [f] = lint(srv('management 0.0.0.0 7505 /etc/openvpn/mgmt.pw'), id);
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('clear text');
  });
  it('reports a specific address without a password and hints with one', () => {
    expect(lint(srv('management 192.0.2.10 7505'), id)[0].severity).toBe('warning');
    expect(lint(srv('management 192.0.2.10 7505 mgmt.pw'), id)[0].severity).toBe('info');
  });
  it('stays quiet on loopback, unix sockets and management-client', () => {
    expect(lint(srv('management 127.0.0.1 7505'), id)).toEqual([]);
    expect(lint(srv('management localhost 7505'), id)).toEqual([]);
    expect(lint(srv('management /run/openvpn/server.sock unix'), id)).toEqual([]);
    expect(lint(srv('management 192.0.2.20 7505', 'management-client'), id)).toEqual([]);
  });
});

describe('openvpn/client-fixed-port', () => {
  const id = 'openvpn/client-fixed-port';
  it('hints at the default bind of a UDP client without nobind, and adds nobind', () => {
    const text = cliWith({ 4: undefined });
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(f.layer).toBe(4);
    expect(at(f)).toEqual([0, 0, 0, 6]);
    expect(f.message).toContain('1194 (the default)');
    expect(apply(text, f.fixes![0].edits)).toBe(lines('client', 'nobind', ...CLI.slice(1, 4), ...CLI.slice(5)));
  });
  it('names the port that `port` sets', () => {
    const [f] = lint(cliWith({ 4: 'port 1195' }), id);
    expect(at(f)).toEqual([4, 0, 4, 9]);
    expect(f.message).toContain('local port 1195 (from `port`)');
  });
  it('hints at lport and replaces it with nobind', () => {
    const text = cliWith({ 4: 'lport 51194' });
    const [f] = lint(text, id);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([4, 0, 4, 11]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli());
  });
  it('is an error for lport with nobind (openvpn refuses)', () => {
    const text = cli('lport 51194');
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([9, 0, 9, 11]);
    expect(relAt(f)).toEqual([['/ws/example.ovpn', 4]]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli());
  });
  it('stays quiet on nobind, TCP, proxies and peer-to-peer configs', () => {
    expect(lint(cli(), id)).toEqual([]);
    expect(lint(cliWith({ 2: 'proto tcp', 4: undefined }), id)).toEqual([]);
    expect(lint(cliWith({ 4: undefined }, 'socks-proxy proxy.example.test 1080'), id)).toEqual([]);
    expect(lint(lines('dev tun', 'remote 192.0.2.1', 'ifconfig 10.1.0.2 10.1.0.1', 'tls-client', 'ca ca.crt', 'cert c.crt', 'key c.key'), id)).toEqual([]);
  });
});

describe('openvpn/http-proxy-needs-tcp', () => {
  const id = 'openvpn/http-proxy-needs-tcp';
  it('reports the default UDP at the proxy line, with a fix that adds proto tcp-client', () => {
    const text = cliWith({ 2: undefined }, 'http-proxy proxy.example.test 3128');
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(f.layer).toBe(4);
    expect(at(f)).toEqual([8, 0, 8, 10]);
    expect(f.message).toContain('UDP (the default)');
    expect(f.message).toContain('openvpn refuses');
    expect(apply(text, f.fixes![0].edits)).toContain('proto tcp-client\nhttp-proxy');
  });
  it('reports an explicit proto udp at its value, naming the proxy line', () => {
    const text = cli('http-proxy proxy.example.test 3128');
    const [f] = lint(text, id);
    expect(at(f)).toEqual([2, 6, 2, 9]);
    expect(relAt(f)).toEqual([['/ws/example.ovpn', 9]]);
    expect(apply(text, f.fixes![0].edits)).toContain('proto tcp-client\n');
  });
  it('is quiet with TCP, globally or on the remote line', () => {
    expect(lint(cliWith({ 2: 'proto tcp' }, 'http-proxy proxy.example.test 3128'), id)).toEqual([]);
    expect(lint(cliWith({ 3: 'remote vpn.example.test 443 tcp' }, 'http-proxy proxy.example.test 3128'), id)).toEqual([]);
  });
  it('checks each remote: a UDP one among TCP ones is reported at its protocol', () => {
    const text = cliWith({ 2: undefined, 3: 'remote vpn.example.test 443 tcp' }, 'remote vpn.example.test 1194 udp', 'http-proxy proxy.example.test 3128');
    const found = lint(text, id);
    expect(found.map(at)).toEqual([[8, 29, 8, 32]]);
    expect(apply(text, found[0].fixes![0].edits)).toContain('remote vpn.example.test 1194 tcp');
  });
  it('applies only the options before a <connection> block to it', () => {
    const blocks = (before: string[], after: string[]) =>
      lines('client', 'dev tun', ...before, '<connection>', 'remote vpn.example.test 443', 'http-proxy proxy.example.test 3128', '</connection>', ...after, 'nobind', 'ca ca.crt', 'cert c.crt', 'key c.key');
    expect(lint(blocks(['proto tcp'], []), id)).toEqual([]);
    expect(lint(blocks([], ['proto tcp']), id)).toHaveLength(1);
  });
  it('reports a server with an HTTP proxy', () => {
    expect(lint(srv('http-proxy proxy.example.test 3128'), id)).toHaveLength(1);
  });
});

describe('openvpn/client-no-server-verification', () => {
  const id = 'openvpn/client-no-server-verification';
  it('reports a client without a server check, with a fix that adds remote-cert-tls server', () => {
    const text = cliWith({ 5: undefined });
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(6);
    expect(at(f)).toEqual([0, 0, 0, 6]);
    const fixed = apply(text, f.fixes![0].edits);
    expect(fixed.startsWith('client\nremote-cert-tls server\n')).toBe(true);
    expect(lint(fixed, id)).toEqual([]);
  });
  it('reports remote-cert-tls client and fixes it to server', () => {
    const text = cliWith({ 5: 'remote-cert-tls client' });
    const [f] = lint(text, id);
    expect(at(f)).toEqual([5, 16, 5, 22]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli());
  });
  for (const check of ['verify-x509-name vpn.example.test name', 'peer-fingerprint AB:CD', 'remote-cert-eku "TLS Web Server Authentication"', 'ns-cert-type server', 'tls-verify ./check.sh']) {
    it(`accepts ${check.split(' ')[0]}`, () => {
      expect(lint(cliWith({ 5: check }), id)).toEqual([]);
    });
  }
  it('reports a peer-to-peer tls-client, not a server or a static-key peer', () => {
    expect(lint(lines('dev tun', 'remote 192.0.2.1', 'tls-client', 'ca ca.crt', 'cert c.crt', 'key c.key'), id)).toHaveLength(1);
    expect(lint(srv(), id)).toEqual([]);
    expect(lint(lines('dev tun', 'remote 192.0.2.1', 'ifconfig 10.1.0.2 10.1.0.1', 'secret static.key'), id)).toEqual([]);
  });
});

describe('openvpn/no-control-channel-protection', () => {
  const id = 'openvpn/no-control-channel-protection';
  it('warns on a server without tls-crypt or tls-auth, at its server line', () => {
    const [f, ...rest] = lint(srv(), id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(5);
    expect(at(f)).toEqual([4, 0, 4, 29]);
  });
  it('accepts each kind of key, inline blocks included', () => {
    expect(lint(srv('tls-crypt ta.key'), id)).toEqual([]);
    expect(lint(srv('tls-auth ta.key 0'), id)).toEqual([]);
    expect(lint(srv('tls-crypt-v2 server-v2.key'), id)).toEqual([]);
    expect(lint(srv('<tls-crypt>', 'key material', '</tls-crypt>'), id)).toEqual([]);
  });
  it('hints on a client, unless its server has a key (a pairing error then) or a key is appended later', () => {
    const [f] = lint(cli(), id);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([0, 0, 0, 6]);
    expect(client(cli(), id, srv('tls-crypt ta.key'))).toEqual([]);
    expect(client(cli(), id, srv())).toHaveLength(1);
    expect(lint(cli('key-direction 1'), id)).toEqual([]);
  });
  it('leaves static-key peers alone', () => {
    expect(lint(lines('dev tun', 'remote 192.0.2.1', 'secret static.key'), id)).toEqual([]);
  });
});

describe('openvpn/key-direction-mismatch', () => {
  const id = 'openvpn/key-direction-mismatch';
  const KEY = ['<tls-auth>', '-----BEGIN OpenVPN Static key V1-----', '00112233', '-----END OpenVPN Static key V1-----', '</tls-auth>'];
  it('warns on an inline key without key-direction and inserts it before the block', () => {
    const text = cli(...KEY);
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(5);
    expect(at(f)).toEqual([9, 0, 9, 10]);
    expect(f.message).toContain('inline <tls-auth>');
    const fixed = apply(text, f.fixes![0].edits);
    expect(fixed).toBe(cli('key-direction 1', ...KEY));
    expect(lint(fixed, id)).toEqual([]);
  });
  it('warns on a key file without a direction and appends it', () => {
    const text = srv('tls-auth ta.key');
    const [f] = lint(text, id);
    expect(apply(text, f.fixes![0].edits)).toBe(srv('tls-auth ta.key 0'));
  });
  it('warns on the unusual direction for the role', () => {
    const [c] = lint(cli('tls-auth ta.key 0'), id);
    expect(at(c)).toEqual([9, 16, 9, 17]);
    expect(lint(srv('tls-auth ta.key 1'), id)).toHaveLength(1);
    expect(lint(srv('tls-auth ta.key 0'), id)).toEqual([]);
    expect(lint(cli('tls-auth ta.key 1'), id)).toEqual([]);
  });
  it('takes the last of tls-auth DIR and key-direction', () => {
    expect(lint(cli('tls-auth ta.key 0', 'key-direction 1'), id)).toEqual([]);
    const [f] = lint(cli('key-direction 1', 'tls-auth ta.key 0'), id);
    expect(at(f)).toEqual([10, 16, 10, 17]);
  });
  describe('against the server', () => {
    it('is an error when both use 0, naming the server line, with a fix to 1', () => {
      const text = cli('tls-auth ta.key 0');
      const [f, ...rest] = client(text, id, srv('tls-auth ta.key 0'));
      expect(rest).toEqual([]);
      expect(f.severity).toBe('error');
      expect(at(f)).toEqual([9, 16, 9, 17]);
      expect(relAt(f)).toEqual([[SERVER, 9]]);
      expect(f.message).toContain('server.conf line 10');
      expect(apply(text, f.fixes![0].edits)).toBe(cli('tls-auth ta.key 1'));
    });
    it('is an error when one side has a direction and the other none', () => {
      const [f] = client(cli(...KEY), id, srv('tls-auth ta.key 0'));
      expect(f.severity).toBe('error');
      expect(at(f)).toEqual([9, 0, 9, 10]);
      expect(client(cli('tls-auth ta.key 1'), id, srv('tls-auth ta.key'))[0].severity).toBe('error');
    });
    it('accepts opposite directions, inverted ones, and none on both sides', () => {
      expect(client(cli('tls-auth ta.key 1'), id, srv('tls-auth ta.key 0'))).toEqual([]);
      expect(client(cli('tls-auth ta.key 0'), id, srv('tls-auth ta.key 1'))).toEqual([]);
      expect(client(cli('tls-auth ta.key'), id, srv('tls-auth ta.key'))).toEqual([]);
    });
    it('reports only on the client: a server with clients stays quiet', () => {
      expect(serverWith(srv('tls-auth ta.key 1'), id, cli('tls-auth ta.key 1'))).toEqual([]);
    });
  });
});

describe('openvpn/non-aead-cipher', () => {
  const id = 'openvpn/non-aead-cipher';
  it('warns on each non-AEAD item with its exact range, and drops them in the fix', () => {
    const text = cli('data-ciphers AES-256-GCM:AES-256-CBC:AES-128-CBC');
    const found = lint(text, id);
    expect(found.map(at)).toEqual([[9, 25, 9, 36], [9, 37, 9, 48]]);
    expect(found.every((f) => f.severity === 'warning' && f.layer === 6)).toBe(true);
    expect(apply(text, found[0].fixes![0].edits)).toBe(cli('data-ciphers AES-256-GCM'));
  });
  it('is an error for a legacy cipher (openvpn refuses), unless the legacy provider is loaded or it is optional', () => {
    const [f] = lint(cli('data-ciphers AES-256-GCM:BF-CBC'), id);
    expect(f.severity).toBe('error');
    expect(f.message).toContain('refuses');
    expect(lint(cli('providers legacy default', 'data-ciphers AES-256-GCM:BF-CBC'), id)[0].severity).toBe('warning');
    expect(lint(cli('data-ciphers AES-256-GCM:?BF-CBC'), id)[0].severity).toBe('warning');
    expect(lint(cli('data-ciphers AES-256-GCM:DES-EDE3-CBC'), id)[0].severity).toBe('warning');
    expect(lint(cli('ncp-ciphers AES-256-GCM:DES-CBC'), id)[0].severity).toBe('error');
  });
  it('warns on none in the list and on cipher none', () => {
    expect(lint(cli('data-ciphers AES-256-GCM:none'), id)[0].message).toContain('clear text');
    expect(lint(cli('cipher none'), id)[0].message).toContain('clear text');
  });
  it('hints that a client/server cipher outside data-ciphers is ignored', () => {
    const [f] = lint(cli('cipher AES-256-CBC'), id);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([9, 7, 9, 18]);
    expect(lint(srv('cipher AES-256-CBC'), id)[0].severity).toBe('info');
    // Listed in data-ciphers: the list item is the finding.
    expect(lint(cli('cipher AES-256-CBC', 'data-ciphers AES-256-GCM:AES-256-CBC'), id).map(at)).toEqual([[10, 25, 10, 36]]);
  });
  it('warns on CBC in peer-to-peer TLS, ignores static-key mode and AEAD ciphers', () => {
    const p2p = lines('dev tun', 'remote 192.0.2.1', 'ifconfig 10.1.0.2 10.1.0.1', 'tls-client', 'ca ca.crt', 'cert c.crt', 'key c.key', 'cipher AES-256-CBC');
    const [f] = lint(p2p, id);
    expect(f.severity).toBe('warning');
    expect(apply(p2p, f.fixes![0].edits)).toContain('cipher AES-256-GCM');
    expect(lint(lines('dev tun', 'remote 192.0.2.1', 'secret static.key', 'cipher AES-256-CBC'), id)).toEqual([]);
    expect(lint(cli('cipher AES-256-GCM', 'data-ciphers AES-256-GCM:CHACHA20-POLY1305'), id)).toEqual([]);
  });
});

describe('openvpn/compression-enabled', () => {
  const id = 'openvpn/compression-enabled';
  it('warns on comp-lzo and fixes it to comp-lzo no', () => {
    const text = cli('comp-lzo');
    const [f] = lint(text, id);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(6);
    expect(at(f)).toEqual([9, 0, 9, 8]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli('comp-lzo no'));
  });
  it('warns on compress lz4-v2 and fixes it to stub-v2', () => {
    const text = cli('compress lz4-v2');
    const [f] = lint(text, id);
    expect(at(f)).toEqual([9, 9, 9, 15]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli('compress stub-v2'));
  });
  it('stays quiet on framing only', () => {
    for (const l of ['comp-lzo no', 'compress', 'compress stub', 'compress stub-v2', 'compress migrate', 'allow-compression asym', 'allow-compression no']) expect(lint(cli(l), id)).toEqual([]);
  });
  it('warns on allow-compression yes', () => {
    const [f] = lint(cli('allow-compression yes'), id);
    expect(at(f)).toEqual([9, 18, 9, 21]);
  });
  it('is an error with allow-compression no (openvpn refuses), in either order', () => {
    for (const text of [cli('allow-compression no', 'compress lz4'), cli('compress lz4', 'allow-compression no')]) {
      const [f] = lint(text, id);
      expect(f.severity).toBe('error');
      expect(f.message).toContain('refuses');
    }
    expect(lint(cli('allow-compression no', 'comp-lzo no'), id)).toEqual([]);
  });
  it('warns on a server that pushes compression', () => {
    const [f] = lint(srv('push "compress lz4-v2"'), id);
    expect(at(f)).toEqual([9, 15, 9, 21]);
    expect(f.message).toContain('pushes');
  });
});

describe('openvpn/pairing-transport', () => {
  const id = 'openvpn/pairing-transport';
  it('reports a client that listens with tcp-server, alone', () => {
    const text = cliWith({ 2: 'proto tcp-server' });
    const [f] = lint(text, id);
    expect(f.severity).toBe('error');
    expect(f.layer).toBe(4);
    expect(at(f)).toEqual([2, 6, 2, 16]);
    expect(apply(text, f.fixes![0].edits)).toBe(cliWith({ 2: 'proto tcp' }));
  });
  it('reports nothing else without a server', () => {
    expect(lint(cliWith({ 2: 'proto tcp' }), id)).toEqual([]);
  });
  it('is an error when the protocols differ, on the client proto line, naming the server', () => {
    const text = cliWith({ 2: 'proto tcp' });
    const [f, ...rest] = client(text, id, srv());
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([2, 6, 2, 9]);
    expect(relAt(f)).toEqual([[SERVER, 1]]);
    expect(f.message).toContain('listens on UDP');
    expect(apply(text, f.fixes![0].edits)).toBe(cli());
  });
  it('reports a defaulted protocol at the remote line', () => {
    const [f] = client(cliWith({ 2: undefined }), id, lines(...SRV.map((l) => (l === 'proto udp' ? 'proto tcp' : l))));
    expect(at(f)).toEqual([2, 0, 2, 6]);
    expect(f.message).toContain('UDP (the default)');
  });
  it('accepts a client when one of its remotes matches', () => {
    expect(client(cli('remote vpn.example.test 443 tcp'), id, srv())).toEqual([]);
    expect(client(cliWith({ 2: 'proto tcp' }, 'remote vpn.example.test 1194 udp'), id, srv())).toEqual([]);
  });
  it('warns when no remote uses the server port, and fixes the port', () => {
    const text = cliWith({ 3: 'remote vpn.example.test 443' });
    const [f] = client(text, id, srv());
    expect(f.severity).toBe('warning');
    expect(at(f)).toEqual([3, 24, 3, 27]);
    expect(relAt(f)).toEqual([[SERVER, 0]]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli());
  });
  it('compares the default port 1194 with the server lport', () => {
    const [f] = client(cliWith({ 3: 'remote vpn.example.test' }), id, lines(...SRV.slice(1), 'lport 1195'));
    expect(f.message).toContain('port 1194 (the default)');
    expect(f.message).toContain('port 1195');
  });
  it('skips ports that are not numbers (templates)', () => {
    expect(client(cliWith({ 3: 'remote vpn.example.test %PORT%' }), id, srv())).toEqual([]);
  });
  it('is an error at L2 when tun meets tap', () => {
    const text = cliWith({ 1: 'dev tap0' });
    const [f] = client(text, id, srv());
    expect(f.layer).toBe(2);
    expect(at(f)).toEqual([1, 4, 1, 8]);
    expect(relAt(f)).toEqual([[SERVER, 2]]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli());
    expect(client(cliWith({ 1: 'dev vpn0' }, 'dev-type tun'), id, srv())).toEqual([]);
  });
  it('pairs with the server in the nearest folder only', () => {
    const ws = memoryWorkspace({
      '/ex/a/client.ovpn': cliWith({ 2: 'proto tcp' }), '/ex/a/server.conf': srv(),
      '/ex/b/client.ovpn': cliWith({ 2: 'proto tcp' }), '/ex/b/server.conf': lines(...SRV.map((l) => (l === 'proto udp' ? 'proto tcp' : l))),
    }, 'openvpn');
    expect(ws.analyze('/ex/a/client.ovpn').filter((f) => f.rule === id)).toHaveLength(1);
    expect(ws.analyze('/ex/b/client.ovpn').filter((f) => f.rule === id)).toEqual([]);
  });
});

describe('openvpn/pairing-control-channel', () => {
  const id = 'openvpn/pairing-control-channel';
  it('is an error for tls-auth with tls-crypt in one file (openvpn refuses), with a fix', () => {
    const text = cli('tls-auth ta.key 1', 'tls-crypt ta.key');
    const [f, ...rest] = lint(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(f.layer).toBe(5);
    expect(at(f)).toEqual([10, 0, 10, 9]);
    expect(relAt(f)).toEqual([['/ws/example.ovpn', 9]]);
    expect(apply(text, f.fixes![0].edits)).toBe(cli('tls-auth ta.key 1'));
  });
  it('is an error for tls-crypt-v2 with tls-crypt on a client, not on a server', () => {
    expect(lint(cli('tls-crypt ta.key', 'tls-crypt-v2 client-v2.key'), id)).toHaveLength(1);
    expect(lint(srv('tls-crypt ta.key', 'tls-crypt-v2 server-v2.key'), id)).toEqual([]);
  });
  it('looks at each <connection> block on its own', () => {
    const block = (...inner: string[]) => lines('client', 'dev tun', 'tls-auth ta.key 1', '<connection>', 'remote vpn.example.test 1194', ...inner, '</connection>', 'nobind', 'ca ca.crt', 'cert c.crt', 'key c.key');
    expect(lint(block('tls-crypt ta.key'), id)).toEqual([]);
    expect(lint(block('tls-crypt ta.key', 'tls-auth ta.key 1'), id)).toHaveLength(1);
  });
  it('is an error when the server uses tls-crypt and the client nothing, at the client line', () => {
    const [f, ...rest] = client(cli(), id, srv('tls-crypt ta.key'));
    expect(rest).toEqual([]);
    expect(at(f)).toEqual([0, 0, 0, 6]);
    expect(relAt(f)).toEqual([[SERVER, 9]]);
    expect(f.message).toContain('`tls-crypt`');
  });
  it('is an error for tls-auth against tls-crypt, at the client key line', () => {
    const [f] = client(cli('<tls-auth>', 'x', '</tls-auth>', 'key-direction 1'), id, srv('tls-crypt ta.key'));
    expect(at(f)).toEqual([9, 0, 9, 10]);
  });
  it('is an error when only the client has a key', () => {
    const [f] = client(cli('tls-crypt ta.key'), id, srv());
    expect(f.message).toContain('no control-channel key');
  });
  it('accepts the same kind, and a server that offers two', () => {
    expect(client(cli('tls-crypt ta.key'), id, srv('tls-crypt ta.key'))).toEqual([]);
    expect(client(cli('tls-crypt-v2 c.key'), id, srv('tls-crypt ta.key', 'tls-crypt-v2 s.key'))).toEqual([]);
    expect(client(cli(), id, srv())).toEqual([]);
  });
});

describe('openvpn/pairing-data-channel', () => {
  const id = 'openvpn/pairing-data-channel';
  it('warns on a server that pushes a framing it does not use', () => {
    const text = srv('push "comp-lzo no"');
    const [f] = lint(text, id);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(6);
    expect(at(f)).toEqual([9, 6, 9, 17]);
    expect(lint(srv('comp-lzo no', 'push "comp-lzo no"'), id)).toEqual([]);
    expect(lint(srv('compress migrate', 'push "compress stub-v2"'), id)).toEqual([]);
  });
  it('is an error when the cipher lists share nothing, on the client list, naming the server', () => {
    const [f] = client(cli('data-ciphers CHACHA20-POLY1305'), id, srv('data-ciphers AES-256-GCM'));
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([9, 13, 9, 30]);
    expect(relAt(f)).toEqual([[SERVER, 9]]);
  });
  it('compares with the default list and stays quiet with a fallback', () => {
    expect(client(cli(), id, srv('data-ciphers AES-256-GCM'))).toEqual([]);
    const [f] = client(cli(), id, srv('data-ciphers AES-192-GCM'));
    expect(at(f)).toEqual([0, 0, 0, 6]);
    expect(f.message).toContain('(the default)');
    expect(client(cli(), id, srv('data-ciphers AES-192-GCM', 'data-ciphers-fallback AES-192-GCM'))).toEqual([]);
  });
  it('warns when the compression framing differs after the push', () => {
    const [f] = client(cli(), id, srv('comp-lzo no'));
    expect(f.severity).toBe('warning');
    expect(at(f)).toEqual([0, 0, 0, 6]);
    expect(relAt(f)).toEqual([[SERVER, 9]]);
    const [g] = client(cli('compress lz4'), id, srv('comp-lzo'));
    expect(at(g)).toEqual([9, 0, 9, 12]);
  });
  it('accepts a pushed framing, migrate, and stub-v2 against none', () => {
    expect(client(cli(), id, srv('comp-lzo no', 'push "comp-lzo no"'))).toEqual([]);
    expect(client(cli('comp-lzo'), id, srv('compress migrate'))).toEqual([]);
    expect(client(cli('compress stub-v2'), id, srv())).toEqual([]);
    expect(client(cli('comp-lzo no'), id, srv('comp-lzo'))).toEqual([]);
  });
});

describe('the transport rules on the bundled examples', () => {
  it('the fixed relay pair gets none of them', () => {
    const ids = new Set(['local-unreachable', 'management-exposed', 'client-fixed-port', 'http-proxy-needs-tcp', 'pairing-transport', 'no-control-channel-protection', 'key-direction-mismatch', 'pairing-control-channel', 'client-no-server-verification', 'non-aead-cipher', 'compression-enabled', 'pairing-data-channel'].map((s) => `openvpn/${s}`));
    const ws = memoryWorkspace({ [SERVER]: srv('tls-crypt tc.key', 'data-ciphers AES-256-GCM:AES-128-GCM:CHACHA20-POLY1305'), [CLIENT]: cli('tls-crypt tc.key') }, 'openvpn');
    expect([...ws.analyze(SERVER), ...ws.analyze(CLIENT)].filter((f) => ids.has(f.rule))).toEqual([]);
  });
});
