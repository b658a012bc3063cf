// The OpenVPN lexicon rules: what openvpn 2.6 refuses (syntax, unknown options, argument counts,
// values, options in the wrong file or place, missing companions) and what it deprecates.
// The verdict table was taken from openvpn 2.6.14 through ../shared/oracles/openvpn-check (each
// line appended to a small valid client or server); test/differential/openvpn-corpus.test.ts
// re-checks the rules against the live openvpn on the corpus and its mutants.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const LEXICON = /^openvpn\/(syntax|unknown-option|wrong-arity|bad-value|wrong-file-kind|deprecated-option|missing-option)$/;

const CLIENT_BASE = ['client', 'dev tun', 'remote vpn.example.test 1194', 'nobind', 'remote-cert-tls server', 'ca ca.crt', 'cert client.crt', 'key client.key'];
const SERVER_BASE = ['server 10.8.0.0 255.255.255.0', 'topology subnet', 'dev tun', 'ca ca.crt', 'cert server.crt', 'key server.key', 'dh dh.pem'];

function lint(files: Record<string, string>, target: string): Finding[] {
  const ws = memoryWorkspace(files, 'openvpn');
  return ws.analyze(target).filter((f) => LEXICON.test(f.rule) && f.path === target);
}
const client = (...lines: string[]) => lint({ '/ws/client.ovpn': [...CLIENT_BASE, ...lines].join('\n') }, '/ws/client.ovpn');
const server = (...lines: string[]) => lint({ '/ws/server.conf': [...SERVER_BASE, ...lines].join('\n') }, '/ws/server.conf');
const file = (text: string, name = '/ws/example.ovpn') => lint({ [name]: text }, name);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
const ids = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.rule}:${f.severity}`);
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const cl = CLIENT_BASE.length;
const sl = SERVER_BASE.length;

describe('verdicts openvpn 2.6.14 gives, line by line', () => {
  // [kind, appended line(s), openvpn refuses the file]
  const cases: ['C' | 'S', string, boolean][] = [
    ['C', 'proto UDP', true], ['C', 'proto tcp', false], ['C', 'proto udp6', false], ['C', 'proto tcp4-client', false],
    ['C', 'remote vpn.example.test 1194 tcp-client', false], ['C', 'remote vpn.example.test 1194 sctp', true],
    ['C', 'port 70000', false], ['C', 'port openvpn', false], ['C', 'remot vpn.example.test', true], ['C', 'Remote vpn.example.test', true],
    ['C', '--remote vpn.example.test', false], ['C', 'verb', true], ['C', 'verb 3 4', true], ['C', 'verb high', false], ['C', 'nobind yes', true],
    ['C', 'keepalive 10', true], ['C', 'keepalive 10 60', false], ['C', 'ping 10s', false], ['C', 'topology subnett', true], ['C', 'topology subnet', false],
    ['C', 'remote-cert-tls Server', true], ['C', 'comp-lzo no', false], ['C', 'comp-lzo maybe', true], ['C', 'compress lz4-v2', false],
    ['C', 'compress zstd', true], ['C', 'allow-compression asym', false], ['C', 'data-ciphers AES-256-GCM:CHACHA20-POLY1305', false],
    ['C', 'ncp-ciphers AES-256-GCM', false], ['C', 'ncp-disable', true], ['C', 'keysize 256', true], ['C', 'key-method 2', true], ['C', 'no-iv', true],
    ['C', 'tls-remote vpn.example.test', true], ['C', 'ns-cert-type server', false], ['C', 'tun-ipv6', false], ['C', 'max-routes 100', false],
    ['C', 'setenv opt block-outside-dns', false], ['C', 'setenv opt bogus-option 1', false], ['C', 'ignore-unknown-option bogus\nbogus 1', false],
    ['C', 'bogus 1\nignore-unknown-option bogus', true], ['C', 'setenv FORWARD_COMPATIBLE 1\nbogus 1 2 3', false], ['C', 'client-to-client', true],
    ['C', 'duplicate-cn', true], ['C', 'dh dh.pem', false], ['C', 'push "route 10.1.0.0 255.255.255.0"', false], ['C', 'push route 10.1.0.0 255.255.255.0', true],
    ['C', 'iroute 10.1.0.0 255.255.255.0', true], ['C', 'ifconfig-push 10.8.0.10 255.255.255.0', true], ['C', 'push-reset', true],
    ['C', 'server 10.8.0.0 255.255.255.0', true], ['C', 'mode server', true], ['C', 'max-clients 10', false], ['C', 'route 10.1.0.0 255.255.255.0', false],
    ['C', 'route-gateway dhcp', false], ['C', 'route-gateway 10.8.0.256', true], ['C', 'ifconfig 10.9.0.1 10.9.0.300', true],
    ['C', 'redirect-gateway def1 bypass-dhcp', false], ['C', 'redirect-gateway def2', true], ['C', 'dhcp-option DNS 192.0.2.53', false],
    ['C', 'dhcp-option dns 192.0.2.53', false], ['C', 'dns server 0 address 192.0.2.53', false], ['C', 'dns server 0 bogus 1', true],
    ['C', 'up /bin/true arg', true], ['C', 'up "/bin/true arg"', false], ['C', 'tls-version-min 1.2 or-highest', false], ['C', 'tls-version-min 1.4', true],
    ['C', 'fragment 60', true], ['C', 'fragment 1300', false], ['C', '<ca>\nxx\n</ca>', false], ['C', '<dev>\ntun\n</dev>', true], ['C', '<CA>\nxx\n</CA>', true],
    ['C', '<connection>\nremote 192.0.2.2\nverb 4\n</connection>', true], ['C', '<connection>\nremote 192.0.2.2\nnobind\n</connection>', false],
    ['C', '<connection>\nnobind\n</connection>', true], ['C', 'verify-x509-name vpn.example.test name', false], ['C', 'verify-x509-name vpn.example.test cn', true],
    ['C', 'key-direction 2', true], ['C', 'tls-auth ta.key 1', false], ['C', 'mssfix 1400 mtu', false], ['C', 'cipher AES-256-CBC', false],
    ['S', 'redirect-gateway def1', true], ['S', 'remote 192.0.2.1', true], ['S', 'nobind', true], ['S', 'client', true],
    ['S', 'push "redirect-gateway def1"', false], ['S', 'push "keepalive 10 60"', false], ['S', 'server 10.8.0.1 255.255.255.0', true],
    ['S', 'server 10.8.0.0 255.255.255.252', true], ['S', 'client-to-client', false], ['S', 'topology net30', false], ['S', 'ifconfig-pool-persist ipp.txt 0', false],
    ['S', 'server-ipv6 fd00::/63', true], ['S', 'server-ipv6 fd00::/64', false], ['S', 'resolv-retry infinite', false], ['S', 'vlan-pvid 5000', true],
    ['S', 'status-version 4', true], ['S', 'max-clients 0', false], ['S', 'auth-user-pass-verify /bin/true', true], ['S', 'auth-user-pass-verify /bin/true via-env', false],
    ['S', 'verify-client-cert none', true],
  ];
  for (const [kind, line, refused] of cases) {
    it(`${kind === 'C' ? 'client' : 'server'} + ${line.replace(/\n/g, ' / ')}: ${refused ? 'refused' : 'accepted'}`, () => {
      const fs = kind === 'C' ? client(...line.split('\n')) : server(...line.split('\n'));
      expect(errors(fs).length > 0, ids(fs).join(', ')).toBe(refused);
    });
  }

  it('differs from openvpn 2.6.14 only where it means to', () => {
    // A route with a gapped netmask passes the config check but cannot be installed when the tunnel comes up.
    expect(ids(client('route 10.1.0.0 255.255.0.255'))).toEqual([`${cl}:openvpn/bad-value:error`]);
    // Linux/macOS refuse a Windows-only option; Windows takes it, so this is a warning, not an error.
    expect(ids(client('block-outside-dns'))).toEqual([`${cl}:openvpn/unknown-option:warning`]);
  });
});

describe('openvpn/syntax', () => {
  it('reports an unclosed quote and closes it', () => {
    const fs = client('verify-x509-name "vpn.example.test name');
    expect(ids(fs)).toEqual([`${cl}:openvpn/syntax:error`]);
    expect(fs[0].range).toEqual(range(cl, 17, cl, 39));
    expect(fs[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl, 39, cl, 39), newText: '"' });
  });

  it('adds a missing end tag after the PEM footer', () => {
    const fs = file(['client', 'dev tun', 'remote vpn.example.test 1194', '<ca>', '-----BEGIN CERTIFICATE-----', 'MIIB', '-----END CERTIFICATE-----', 'cert client.crt', 'key client.key'].join('\n'));
    const syntax = fs.filter((f) => f.rule === 'openvpn/syntax');
    expect(syntax.map((f) => f.range)).toEqual([range(3, 0, 3, 4)]);
    expect(syntax[0].message).toContain('</ca>');
    expect(syntax[0].fixes?.[0].edits[0]).toMatchObject({ range: range(6, 25, 6, 25), newText: '\n</ca>' });
  });

  it('reports a stray closing tag, an inline block for a plain option and a <connection> without remote', () => {
    expect(ids(file('client\n</ca>\nremote vpn.example.test\nca ca.crt\ncert c.crt\nkey c.key')).filter((x) => x.includes('syntax'))).toEqual(['1:openvpn/syntax:error']);
    const inline = client('<dev>', 'tun', '</dev>');
    expect(ids(inline)).toEqual([`${cl}:openvpn/syntax:error`]);
    expect(inline[0].message).toContain('cannot take an inline <dev> block');
    const conn = client('<connection>', 'nobind', '</connection>');
    expect(ids(conn)).toEqual([`${cl}:openvpn/syntax:error`]);
    expect(conn[0].range).toEqual(range(cl, 0, cl + 2, 13));
  });

  it('closes an unclosed <connection> before the next one', () => {
    const fs = file(['client', 'dev tun', 'ca ca.crt', 'cert c.crt', 'key c.key', '<connection>', 'remote a.example.test', '<connection>', 'remote b.example.test', '</connection>'].join('\n'));
    const syntax = fs.filter((f) => f.rule === 'openvpn/syntax');
    expect(syntax.map((f) => f.range.start.line)).toEqual([5]);
    expect(syntax[0].fixes?.[0].edits[0]).toMatchObject({ range: range(6, 21, 6, 21), newText: '\n</connection>' });
  });
});

describe('openvpn/unknown-option', () => {
  it('suggests the closest option and fixes the spelling', () => {
    const fs = client('remot-random');
    expect(ids(fs)).toEqual([`${cl}:openvpn/unknown-option:error`]);
    expect(fs[0].range).toEqual(range(cl, 0, cl, 12));
    expect(fs[0].message).toContain('did you mean remote-random?');
    expect(fs[0].fixes).toEqual([{ title: 'Change to remote-random', preferred: true, edits: [{ path: '/ws/client.ovpn', range: range(cl, 0, cl, 12), newText: 'remote-random' }] }]);
  });

  it('says that names are lower case, and knows the names the manual gets wrong', () => {
    expect(client('Persist-Key')[0].message).toContain('option names are lower case, so write persist-key');
    const misnamed = client('tun-max-mtu 1600');
    expect(misnamed[0].message).toContain('openvpn 2.6 reads it as tun-mtu-max');
    expect(misnamed[0].fixes?.[0].edits[0].newText).toBe('tun-mtu-max');
  });

  it('names the replacement of removed options', () => {
    const ncp = client('ncp-disable', 'verb 3');
    expect(ids(ncp)).toEqual([`${cl}:openvpn/unknown-option:error`]);
    expect(ncp[0].message).toMatch(/removed in OpenVPN 2\.6.*data-ciphers/);
    expect(ncp[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl, 0, cl + 1, 0), newText: '' });
    const cert = server('client-cert-not-required');
    expect(cert[0].fixes?.[0]).toMatchObject({ title: 'Replace with `verify-client-cert none`', edits: [{ range: range(sl, 0, sl, 24), newText: 'verify-client-cert none' }] });
    expect(client('tls-remote vpn.example.test')[0].fixes?.[0].edits[0].newText).toBe('verify-x509-name');
  });

  it('treats Windows-only options as portable problems, and honours the escapes openvpn offers', () => {
    const win = client('register-dns');
    expect(ids(win)).toEqual([`${cl}:openvpn/unknown-option:warning`]);
    expect(win[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl, 0, cl, 0), newText: 'setenv opt ' });
    expect(client('setenv opt register-dns')).toEqual([]);
    expect(ids(client('setenv opt regster-dns'))).toEqual([`${cl}:openvpn/unknown-option:info`]);
    expect(ids(client('ignore-unknown-option foo', 'foo 1'))).toEqual([`${cl + 1}:openvpn/unknown-option:info`]);
    expect(ids(client('foo 1', 'ignore-unknown-option foo'))).toEqual([`${cl}:openvpn/unknown-option:error`]);
    expect(ids(client('setenv FORWARD_COMPATIBLE 1', 'foo 1'))).toEqual([`${cl + 1}:openvpn/unknown-option:info`]);
    expect(ids(server('push "block-outside-dns"'))).toEqual([`${sl}:openvpn/unknown-option:info`]);
  });

  it('warns about unknown pushed options, with ranges inside the quotes', () => {
    const fs = server('push "redirect-gateway def1"', 'push "dhcp-opton DNS 192.0.2.53"');
    expect(ids(fs)).toEqual([`${sl + 1}:openvpn/unknown-option:warning`]);
    expect(fs[0].range).toEqual(range(sl + 1, 6, sl + 1, 16));
    expect(fs[0].fixes?.[0].edits[0].newText).toBe('dhcp-option');
  });

  it('reports an unknown inline tag as written', () => {
    const fs = client('<CA>', 'xx', '</CA>');
    expect(ids(fs)).toEqual([`${cl}:openvpn/unknown-option:error`]);
    expect(fs[0].message).toContain('<CA>');
  });
});

describe('openvpn/wrong-arity', () => {
  it('quotes an unquoted push and a script with arguments', () => {
    const push = server('push route 10.1.0.0 255.255.255.0');
    expect(ids(push)).toEqual([`${sl}:openvpn/wrong-arity:error`]);
    expect(push[0].range).toEqual(range(sl, 0, sl, 33));
    expect(push[0].fixes?.[0].edits[0]).toMatchObject({ range: range(sl, 5, sl, 33), newText: '"route 10.1.0.0 255.255.255.0"' });
    const up = client('up /etc/openvpn/up.sh tun0');
    expect(up[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl, 3, cl, 26), newText: '"/etc/openvpn/up.sh tun0"' });
  });

  it('removes words after a switch, and lists the missing values', () => {
    const nobind = client('persist-tun yes');
    expect(nobind[0].message).toMatch(/^persist-tun takes no argument but has 1/);
    expect(nobind[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl, 11, cl, 15), newText: '' });
    expect(client('keepalive 10')[0].message).toContain('add the missing value (time)');
    expect(ids(server('server-bridge 10.8.0.4 255.255.255.0'))).toEqual([`${sl}:openvpn/wrong-arity:error`]);
  });

  it('only warns for pushed options and escaped lines', () => {
    expect(ids(server('push "route-gateway"'))).toEqual([`${sl}:openvpn/wrong-arity:warning`]);
    expect(ids(client('ignore-unknown-option verb', 'verb 3 4'))).toEqual([`${cl + 1}:openvpn/wrong-arity:warning`]);
  });
});

describe('openvpn/bad-value', () => {
  it('fixes the case of protocols and keywords', () => {
    const fs = client('proto UDP');
    expect(ids(fs)).toEqual([`${cl}:openvpn/bad-value:error`]);
    expect(fs[0].range).toEqual(range(cl, 6, cl, 9));
    expect(fs[0].layer).toBe(4);
    expect(fs[0].fixes?.[0]).toMatchObject({ title: 'Change to "udp"', preferred: true, edits: [{ newText: 'udp' }] });
    expect(client('remote-cert-tls Server')[0].fixes?.[0].edits[0].newText).toBe('server');
  });

  it('warns about ports and numbers openvpn takes silently', () => {
    expect(ids(client('port 70000'))).toEqual([`${cl}:openvpn/bad-value:warning`]);
    expect(client('port 70000')[0].message).toContain('wraps to 4464');
    expect(client('port openvpn')).toEqual([]);
    expect(ids(client('remote vpn2.example.test 11940x'))).toEqual([`${cl}:openvpn/bad-value:warning`]);
    expect(ids(client('verb high'))).toEqual([`${cl}:openvpn/bad-value:warning`]);
  });

  it('checks server networks, route masks and iroute subnets', () => {
    const host = server('server 10.8.0.1 255.255.255.0');
    expect(ids(host)).toContain(`${sl}:openvpn/bad-value:error`);
    expect(host.find((f) => f.rule === 'openvpn/bad-value')?.fixes?.[0].edits[0]).toMatchObject({ range: range(sl, 7, sl, 15), newText: '10.8.0.0' });
    expect(ids(server('route 192.168.10.5 255.255.255.0'))).toEqual([`${sl}:openvpn/bad-value:warning`]);
    expect(client('route 10.1.0.0 /24')[0].fixes?.[0].edits[0].newText).toBe('255.255.255.0');
    const ccd = lint({ '/ws/server.conf': SERVER_BASE.join('\n'), '/ws/ccd/alice': 'iroute 192.168.50.1 255.255.255.0\niroute 192.168.60.0 255.255.255.0' }, '/ws/ccd/alice');
    expect(ids(ccd)).toEqual(['0:openvpn/bad-value:error']);
  });

  it('settles TCP roles openvpn cannot guess', () => {
    const fs = file('dev tun\nremote 192.0.2.1\nifconfig 10.9.0.1 10.9.0.2\nproto tcp6\nsecret static.key');
    expect(ids(fs.filter((f) => f.rule === 'openvpn/bad-value'))).toEqual(['3:openvpn/bad-value:error']);
    expect(fs.find((f) => f.rule === 'openvpn/bad-value')?.fixes?.[0].edits[0].newText).toBe('tcp6-client');
    expect(client('proto tcp')).toEqual([]);
  });

  it('warns about dhcp-option types scripts do not know, and softens pushed values', () => {
    const fs = server('push "dhcp-option dns 192.0.2.53"', 'push "topology subnett"');
    expect(ids(fs)).toEqual([`${sl}:openvpn/bad-value:warning`, `${sl + 1}:openvpn/bad-value:warning`]);
    expect(fs[0].fixes?.[0].edits[0]).toMatchObject({ range: range(sl, 18, sl, 21), newText: 'DNS' });
    expect(fs[1].message).toContain('clients reject the pushed option');
  });
});

describe('openvpn/wrong-file-kind', () => {
  it('refuses server options in a client, and the server line itself at its line', () => {
    expect(ids(client('client-to-client'))).toEqual([`${cl}:openvpn/wrong-file-kind:error`]);
    const moved = client('server 10.8.0.0 255.255.255.0');
    expect(ids(moved)).toEqual([`${cl}:openvpn/wrong-file-kind:error`]);
    expect(moved[0].range).toEqual(range(cl, 0, cl, 6));
    expect(ids(client('dh dh.pem'))).toEqual([`${cl}:openvpn/wrong-file-kind:warning`]);
  });

  it('refuses client options in server mode and turns redirect-gateway into a push', () => {
    const fs = server('redirect-gateway def1 bypass-dhcp');
    expect(ids(fs)).toEqual([`${sl}:openvpn/wrong-file-kind:error`]);
    expect(fs[0].fixes?.[0].edits[0]).toMatchObject({ range: range(sl, 0, sl, 33), newText: 'push "redirect-gateway def1 bypass-dhcp"' });
    expect(ids(server('resolv-retry infinite'))).toEqual([`${sl}:openvpn/wrong-file-kind:warning`]);
  });

  it('keeps ccd-only options out of main configs and main options out of ccd files', () => {
    expect(ids(server('iroute 192.168.50.0 255.255.255.0'))).toEqual([`${sl}:openvpn/wrong-file-kind:error`]);
    const files = { '/ws/server.conf': [...SERVER_BASE, 'client-config-dir ccd'].join('\n'), '/ws/ccd/alice': 'ifconfig-push 10.8.0.10 255.255.255.0\nroute 192.168.50.0 255.255.255.0\niroute 192.168.50.0 255.255.255.0\npush "route 192.168.60.0 255.255.255.0"' };
    const ccd = lint(files, '/ws/ccd/alice');
    expect(ids(ccd)).toEqual(['1:openvpn/wrong-file-kind:error']);
    expect(ccd[0].message).toContain('cannot be set per client');
  });

  it('warns about pushes clients refuse, and refuses options inside <connection>', () => {
    const push = server('push "keepalive 10 60"');
    expect(ids(push)).toEqual([`${sl}:openvpn/wrong-file-kind:warning`]);
    expect(push[0].range).toEqual(range(sl, 6, sl, 15));
    const conn = client('<connection>', 'remote vpn2.example.test 443', 'proto tcp-client', 'verb 4', '</connection>');
    expect(ids(conn)).toEqual([`${cl + 3}:openvpn/wrong-file-kind:error`]);
  });
});

describe('openvpn/deprecated-option', () => {
  it('names replacements and renames where it can', () => {
    const fs = client('ncp-ciphers AES-256-GCM');
    expect(ids(fs)).toEqual([`${cl}:openvpn/deprecated-option:warning`]);
    expect(fs[0].fixes?.[0]).toMatchObject({ title: 'Rename to data-ciphers', preferred: true, edits: [{ range: range(cl, 0, cl, 11), newText: 'data-ciphers' }] });
    expect(client('ns-cert-type server')[0].fixes?.[0].edits[0].newText).toBe('remote-cert-tls');
    expect(client('tun-ipv6', 'verb 3')[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl, 0, cl + 1, 0), newText: '' });
    expect(client('tun-ipv6')[0].fixes?.[0].edits[0]).toMatchObject({ range: range(cl - 1, 14, cl, 8), newText: '' });
    expect(ids(server('push "comp-lzo no"'))).toEqual([`${sl}:openvpn/deprecated-option:warning`]);
  });

  it('flags net30 servers, ignored ciphers and upper-cased username fields', () => {
    const net30 = file(['server 10.8.0.0 255.255.255.0', 'dev tun', 'ca ca.crt', 'cert s.crt', 'key s.key', 'dh dh.pem'].join('\n'), '/ws/server.conf');
    expect(ids(net30)).toEqual(['0:openvpn/deprecated-option:warning']);
    expect(net30[0].fixes?.[0].edits[0]).toMatchObject({ range: range(0, 29, 0, 29), newText: '\ntopology subnet' });
    const explicit = server('topology net30');
    expect(explicit.map((f) => f.fixes?.[0].edits[0].newText)).toEqual(['subnet']);
    const cipher = client('cipher AES-256-CBC');
    expect(ids(cipher)).toEqual([`${cl}:openvpn/deprecated-option:warning`]);
    expect(cipher[0].fixes?.[0].edits[0].newText).toBe('data-ciphers-fallback');
    expect(client('data-ciphers AES-256-GCM:AES-256-CBC', 'cipher AES-256-CBC')).toEqual([]);
    expect(server('x509-username-field emailAddress')).toEqual([]);
    expect(server('x509-username-field ou')[0].fixes?.[0].edits[0].newText).toBe('OU');
  });
});

describe('openvpn/missing-option', () => {
  it('asks for a CA, DH parameters, and matching cert and key', () => {
    expect(ids(file('client\ndev tun\nremote vpn.example.test 1194\ncert c.crt\nkey c.key'))).toEqual(['0:openvpn/missing-option:error']);
    const dh = file('server 10.8.0.0 255.255.255.0\ntopology subnet\ndev tun\nca ca.crt\ncert s.crt\nkey s.key', '/ws/server.conf');
    expect(ids(dh)).toEqual(['0:openvpn/missing-option:error']);
    expect(dh[0].fixes?.[0].edits[0]).toMatchObject({ range: range(0, 29, 0, 29), newText: '\ndh none' });
    expect(ids(file('client\ndev tun\nremote vpn.example.test 1194\nca ca.crt\ncert c.crt\nauth-user-pass'))).toEqual(['0:openvpn/missing-option:error']);
    expect(file('client\ndev tun\nremote vpn.example.test 1194\nca ca.crt\nauth-user-pass')).toEqual([]);
    expect(file('client\ndev tun\nremote vpn.example.test 1194\npkcs12 client.p12')).toEqual([]);
    expect(file('dev tun\nremote 192.0.2.1\nifconfig 10.9.0.1 10.9.0.2\nsecret static.key').filter((f) => f.rule === 'openvpn/missing-option')).toEqual([]);
  });
});

describe('the corpus', () => {
  const dir = path.resolve(__dirname, '../../../shared/corpus/openvpn');
  /** Files openvpn 2.6.14 refuses (checked in a prepared folder), and the line it stops at (0 = cross-check). */
  const REFUSED: Record<string, number> = {
    'dockovpn__dockovpn__config__client.ovpn': 3,
    'dockovpn__dockovpn__config__server.conf': 2,
    'haugene__docker-transmission-openvpn__openvpn__cryptostorm__cstorm_linux-balancer_tcp.ovpn': 24,
    'haugene__docker-transmission-openvpn__openvpn__torguard__Australia.LOC.1.ovpn': 18,
    'haugene__docker-transmission-openvpn__openvpn__tunnelbear__Australia.ovpn': 21,
    'OpenVPN__openvpn__sample__sample-config-files__server.conf': 0,
    'angristan__openvpn-install__openvpn-install.sh__RENDERED__udp__client-template.txt': 0,
    'drduh__config__openvpn__client.ovpn': 0,
    'pivpn__pivpn__files__etc__openvpn__easy-rsa__pki__Default.txt': 0,
  };
  it('has no lexicon error in files openvpn accepts, and one at the line where it refuses the others', () => {
    const wrong: string[] = [];
    const names = readdirSync(dir);
    // Every refused file is in the corpus: a missing or renamed folder cannot pass unseen.
    for (const name of Object.keys(REFUSED)) if (!names.includes(name)) wrong.push(`${name}: not in the corpus`);
    for (const name of names) {
      const fs = errors(lint({ [`/corpus/${name}`]: readFileSync(path.join(dir, name), 'utf8') }, `/corpus/${name}`));
      const line = REFUSED[name];
      if (line === undefined && fs.length) wrong.push(`${name}: ${ids(fs).join(', ')}`);
      if (line !== undefined && !fs.length) wrong.push(`${name}: no error`);
      if (line && !fs.some((f) => f.range.start.line + 1 === line)) wrong.push(`${name}: no error at line ${line}`);
    }
    expect(wrong).toEqual([]);
  });
});
