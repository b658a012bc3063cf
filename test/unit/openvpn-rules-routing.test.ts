// Routing rules (L3): route/iroute pairs across a server and its ccd files, routes against the
// VPN pool, clients that drop pushed routes, duplicate-cn with per-client settings, full-tunnel
// redirection without DNS, topology-dependent addresses and gateways, and the forwarding hint.
// Cross-file cases put the server at /ws/server.conf, its ccd files at /ws/ccd/<name> and a
// client at /ws/client.ovpn.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import type { Finding } from '../../server/src/engine/rules';
import { Workspace } from '../../server/src/engine/workspace';
import { containsRange, formatRange, isNet30Pair, isNetmask, maskBits, netRange, overlaps, parseIpv4, parseNetwork } from '../../server/src/dialects/openvpn/routing-net';
import { applyEdits } from '../support/apply-edits';
import { memoryHost, memoryWorkspace } from '../support/memory-host';

const SRV = '/ws/server.conf';
const CLI = '/ws/client.ovpn';
const ccd = (name: string) => `/ws/ccd/${name}`;
const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** A subnet-topology tun server: lines 0-8; extra lines start at line 9. */
const HEAD = ['port 1194', 'proto udp', 'dev tun', 'ca ca.crt', 'cert server.crt', 'key server.key', 'dh none', 'topology subnet', 'server 10.8.0.0 255.255.255.0'];
const server = (...extra: string[]) => lines(...HEAD, ...extra);
/** The same server without a topology line (net30, the 2.6 default): extra lines start at line 8. */
const net30 = (...extra: string[]) => lines(...HEAD.filter((l) => !l.startsWith('topology')), ...extra);
const CLIENT_HEAD = ['client', 'dev tun', 'proto udp', 'remote vpn.example.test 1194', 'nobind', 'ca ca.crt', 'cert client.crt', 'key client.key'];
const client = (...extra: string[]) => lines(...CLIENT_HEAD, ...extra);

function run(files: Record<string, string>, path: string, rule: string): Finding[] {
  return memoryWorkspace(files, 'openvpn').analyze(path).filter((f) => f.rule === `openvpn/${rule}`);
}

const at = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
const rel = (f: Finding) => (f.related ?? []).map((r) => [r.path, r.range.start.line]);

describe('routing-net', () => {
  it('parses addresses, masks and networks', () => {
    expect(parseIpv4('10.8.0.1')).toBe(0x0a080001);
    expect(parseIpv4('256.1.1.1')).toBeUndefined();
    expect(parseIpv4('vpn.example.test')).toBeUndefined();
    expect(maskBits(parseIpv4('255.255.255.0')!)).toBe(24);
    expect(maskBits(parseIpv4('255.0.255.0')!)).toBe(-1);
    expect(isNetmask('255.255.255.252')).toBe(true);
    expect(isNetmask('10.8.0.9')).toBe(false);
    expect(parseNetwork('10.8.0.1', '255.255.255.0')).toMatchObject({ net: 0x0a080000, bits: 24, hostBits: true });
    expect(parseNetwork('192.168.1.0/24')).toMatchObject({ bits: 24, hostBits: false });
    expect(parseNetwork('192.168.1.7')).toMatchObject({ bits: 32 });
    expect(parseNetwork('10.0.0.0/33')).toBeUndefined();
  });

  it('compares ranges', () => {
    const pool = netRange(parseNetwork('10.8.0.0', '255.255.255.0')!);
    const wide = netRange(parseNetwork('10.8.0.0', '255.255.0.0')!);
    const half = netRange(parseNetwork('10.8.0.128', '255.255.255.128')!);
    const other = netRange(parseNetwork('10.9.0.0', '255.255.255.0')!);
    expect(containsRange(wide, pool)).toBe(true);
    expect(containsRange(pool, wide)).toBe(false);
    expect(overlaps(pool, half)).toBe(true);
    expect(overlaps(pool, other)).toBe(false);
    expect(formatRange(half)).toBe('10.8.0.128/25');
    expect(formatRange({ first: parseIpv4('10.8.0.50')!, last: parseIpv4('10.8.0.100')! })).toBe('10.8.0.50-10.8.0.100');
  });

  it('knows the net30 pairs Windows accepts', () => {
    const p = (a: string, b: string) => isNet30Pair(parseIpv4(a)!, parseIpv4(b)!);
    expect(p('10.8.0.5', '10.8.0.6')).toBe(true);
    expect(p('10.8.0.10', '10.8.0.9')).toBe(true);
    expect(p('10.8.0.10', '10.8.0.13')).toBe(false);
    expect(p('10.8.0.4', '10.8.0.5')).toBe(false);
    expect(p('10.8.0.6', '10.8.0.6')).toBe(false);
  });
});

describe('openvpn/route-without-iroute', () => {
  const id = 'route-without-iroute';
  const ROUTE = 'route 192.168.10.0 255.255.255.0';

  it('warns on a route into the tunnel when there is no client-config-dir', () => {
    const [f, ...rest] = run({ [SRV]: server(ROUTE) }, SRV, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([9, 0, 9, ROUTE.length]);
    expect(f.message).toContain('client-config-dir');
    expect(f.message).toContain('192.168.10.0/24');
  });

  it('is quiet when a ccd file has the matching or a wider iroute', () => {
    for (const iroute of ['iroute 192.168.10.0 255.255.255.0', 'iroute 192.168.0.0 255.255.0.0']) {
      expect(run({ [SRV]: server('client-config-dir ccd', ROUTE), [ccd('alice')]: lines(iroute) }, SRV, id)).toEqual([]);
    }
  });

  it('is an error when the ccd folder is there and no file has the iroute, with a fix per ccd file', () => {
    const alice = lines('ifconfig-push 10.8.0.10 255.255.255.0');
    const bob = 'push "route 192.168.99.0 255.255.255.0"';
    const [f] = run({ [SRV]: server('client-config-dir ccd', ROUTE), [ccd('alice')]: alice, [ccd('bob')]: bob }, SRV, id);
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([10, 0, 10, ROUTE.length]);
    expect(rel(f)).toEqual([[ccd('alice'), 0], [ccd('bob'), 0]]);
    expect(f.fixes?.map((x) => x.title)).toEqual(['Add "iroute 192.168.10.0 255.255.255.0" to ccd/alice', 'Add "iroute 192.168.10.0 255.255.255.0" to ccd/bob']);
    // alice ends with a line break: the line is appended after it; bob does not: a break comes first.
    expect(f.fixes![0].edits).toEqual([{ path: ccd('alice'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'iroute 192.168.10.0 255.255.255.0\n' }]);
    expect(f.fixes![1].edits).toEqual([{ path: ccd('bob'), range: { start: { line: 0, character: bob.length }, end: { line: 0, character: bob.length } }, newText: '\niroute 192.168.10.0 255.255.255.0' }]);
  });

  it('points at an iroute that covers only part of the route', () => {
    const [f] = run({ [SRV]: server('client-config-dir ccd', ROUTE), [ccd('alice')]: lines('iroute 192.168.10.0 255.255.255.128') }, SRV, id);
    expect(f.severity).toBe('error');
    expect(f.related).toHaveLength(1);
    expect(f.related![0].message).toContain('covers only 192.168.10.0/25');
  });

  it('is info when a client-connect script may hand out the iroute', () => {
    const [f] = run({ [SRV]: server('client-config-dir ccd', 'client-connect /etc/openvpn/connect.sh', ROUTE), [ccd('alice')]: lines('ifconfig-push 10.8.0.10 255.255.255.0') }, SRV, id);
    expect(f.severity).toBe('info');
    expect(f.message).toContain('client-connect');
  });

  it('is quiet when the ccd folder cannot be read, on dev tap, and for routes not into the tunnel', () => {
    expect(run({ [SRV]: server('client-config-dir ccd', ROUTE) }, SRV, id)).toEqual([]);
    expect(run({ [SRV]: server(ROUTE).replace('dev tun', 'dev tap') }, SRV, id)).toEqual([]);
    expect(run({ [SRV]: server('route 192.168.10.0 255.255.255.0 net_gateway', 'route 192.168.11.0 255.255.255.0 192.168.1.254') }, SRV, id)).toEqual([]);
    // A route into the pool is pushed-route-overlaps-pool's business.
    expect(run({ [SRV]: server('route 10.8.0.128 255.255.255.128') }, SRV, id)).toEqual([]);
  });

  it('counts a route whose gateway is on the tunnel, and a host route without netmask', () => {
    const found = run({ [SRV]: server('route 192.168.10.0 255.255.255.0 10.8.0.2', 'route 192.168.20.5') }, SRV, id);
    expect(found.map((f) => f.range.start.line)).toEqual([9, 10]);
    expect(found[1].message).toContain('192.168.20.5/32');
  });

  it('follows an absolute client-config-dir', () => {
    const files = { '/etc/openvpn/server.conf': server('client-config-dir /etc/openvpn/ccd', ROUTE), '/etc/openvpn/ccd/alice': lines('iroute 192.168.10.0 255.255.255.0') };
    expect(run(files, '/etc/openvpn/server.conf', id)).toEqual([]);
  });

  it('reads ccd files from disk when only the server is open', () => {
    const files = { [SRV]: server('client-config-dir ccd', ROUTE), [ccd('alice')]: lines('iroute 192.168.10.0 255.255.255.0'), [ccd('bob')]: lines('ifconfig-push 10.8.0.11 255.255.255.0') };
    const ws = new Workspace(memoryHost(files), DIALECTS);
    ws.setFile(SRV, files[SRV], 'openvpn');
    // bob opened alone must not hide alice on disk.
    ws.setFile(ccd('bob'), files[ccd('bob')], 'openvpn');
    expect(ws.analyze(SRV).filter((f) => f.rule === 'openvpn/route-without-iroute')).toEqual([]);
  });

  describe('in a ccd file', () => {
    const IROUTE = 'iroute 192.168.10.0 255.255.255.0';

    it('warns on an iroute its server never routes, with a fix in the server', () => {
      const [f, ...rest] = run({ [SRV]: server('client-config-dir ccd', 'route 192.168.99.0 255.255.255.0'), [ccd('alice')]: lines(IROUTE) }, ccd('alice'), id);
      expect(rest).toEqual([]);
      expect(f.severity).toBe('warning');
      expect(at(f)).toEqual([0, 0, 0, IROUTE.length]);
      expect(rel(f)).toEqual([[SRV, 9]]);
      expect(f.message).toContain('server.conf has no "route 192.168.10.0 255.255.255.0"');
      const line = 'route 192.168.99.0 255.255.255.0';
      expect(f.fixes?.[0].edits).toEqual([{ path: SRV, range: { start: { line: 10, character: line.length }, end: { line: 10, character: line.length } }, newText: '\nroute 192.168.10.0 255.255.255.0' }]);
    });

    it('is quiet when the server routes it (or a wider net), and when no server is known', () => {
      expect(run({ [SRV]: server('client-config-dir ccd', 'route 192.168.0.0 255.255.0.0'), [ccd('alice')]: lines(IROUTE) }, ccd('alice'), id)).toEqual([]);
      expect(run({ [ccd('alice')]: lines(IROUTE) }, ccd('alice'), id)).toEqual([]);
      // A server with another client-config-dir is not this file's server.
      expect(run({ [SRV]: server('client-config-dir other'), [ccd('alice')]: lines(IROUTE) }, ccd('alice'), id)).toEqual([]);
    });

    it('is info when client-to-client delivers it to other clients that were pushed the route', () => {
      const [f] = run({ [SRV]: server('client-config-dir ccd', 'client-to-client', 'push "route 192.168.10.0 255.255.255.0"'), [ccd('alice')]: lines(IROUTE) }, ccd('alice'), id);
      expect(f.severity).toBe('info');
      expect(f.message).toContain('client-to-client');
    });

    it('finds its server on disk next to the ccd folder', () => {
      const files = { [SRV]: server('client-config-dir ccd'), '/ws/nginx.conf': 'server { listen 80; }\n', [ccd('alice')]: lines(IROUTE) };
      const ws = new Workspace(memoryHost(files), DIALECTS);
      ws.setFile(ccd('alice'), files[ccd('alice')], 'openvpn');
      const found = ws.analyze(ccd('alice')).filter((f) => f.rule === 'openvpn/route-without-iroute');
      expect(found).toHaveLength(1);
      expect(rel(found[0])).toEqual([[SRV, 9]]);
      // Files that name no client-config-dir are not read as OpenVPN.
      expect(ws.get('/ws/nginx.conf')).toBeUndefined();
    });
  });
});

describe('openvpn/pushed-route-overlaps-pool', () => {
  const id = 'pushed-route-overlaps-pool';

  it('warns on a pushed route that contains the pool', () => {
    const [f] = run({ [SRV]: server('push "route 10.8.0.0 255.255.0.0"') }, SRV, id);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([9, 6, 9, 32]);
    expect(f.message).toContain('10.8.0.0/16 contains the VPN pool 10.8.0.0/24');
    expect(rel(f)).toEqual([[SRV, 8]]);
  });

  it('warns on a route inside the pool', () => {
    const [f] = run({ [SRV]: server('route 10.8.0.128 255.255.255.128') }, SRV, id);
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('10.8.0.128/25 overlaps the VPN pool');
    expect(f.message).toContain('the server routes');
  });

  it('is info for the tunnel subnet itself under topology subnet, quiet under net30', () => {
    const [f] = run({ [SRV]: server('route 10.8.0.0 255.255.255.0') }, SRV, id);
    expect(f.severity).toBe('info');
    expect(f.message).toContain('tunnel subnet itself');
    expect(run({ [SRV]: net30('push "route 10.8.0.0 255.255.255.0"', 'route 10.8.0.0 255.255.255.0') }, SRV, id)).toEqual([]);
  });

  it('is quiet for routes outside the pool', () => {
    expect(run({ [SRV]: server('push "route 10.9.0.0 255.255.0.0"', 'push "route 192.168.10.0 255.255.255.0"') }, SRV, id)).toEqual([]);
  });

  it('uses an explicit ifconfig-pool and the server-bridge range', () => {
    const pool = lines('port 1194', 'dev tun', 'mode server', 'tls-server', 'topology subnet', 'ifconfig 10.8.0.1 255.255.255.0', 'ifconfig-pool 10.8.0.64 10.8.0.127 255.255.255.0', 'push "route 10.8.0.96 255.255.255.224"');
    expect(run({ [SRV]: pool }, SRV, id).map((f) => f.severity)).toEqual(['warning']);
    const bridge = lines('port 1194', 'dev tap', 'server-bridge 192.168.1.10 255.255.255.0 192.168.1.100 192.168.1.150', 'push "route 192.168.1.0 255.255.255.0"', 'push "route 192.168.2.0 255.255.255.0"');
    const found = run({ [SRV]: bridge }, SRV, id);
    expect(found.map((f) => [f.range.start.line, f.severity])).toEqual([[3, 'info']]);
  });

  describe('a pushed route back to the client whose LAN it is', () => {
    const PUSH = 'push "route 192.168.10.0 255.255.255.0"';

    it('is info with a push-remove fix for its ccd file', () => {
      const [f, ...rest] = run({ [SRV]: server('client-config-dir ccd', PUSH), [ccd('alice')]: lines('iroute 192.168.10.0 255.255.255.0') }, SRV, id);
      expect(rest).toEqual([]);
      expect(f.severity).toBe('info');
      expect(at(f)).toEqual([10, 6, 10, 38]);
      expect(rel(f)).toEqual([[ccd('alice'), 0]]);
      expect(f.fixes?.[0].edits).toEqual([{ path: ccd('alice'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'push-remove "route 192.168.10.0 255.255.255.0"\n' }]);
    });

    it('is quiet when the ccd file removes it', () => {
      for (const drop of ['push-remove "route 192.168.10.0"', 'push-reset']) {
        expect(run({ [SRV]: server('client-config-dir ccd', PUSH), [ccd('alice')]: lines('iroute 192.168.10.0 255.255.255.0', drop) }, SRV, id)).toEqual([]);
      }
    });
  });
});

describe('openvpn/client-ignores-routes', () => {
  const id = 'client-ignores-routes';

  it('warns on route-nopull with no route of its own, and offers to remove it', () => {
    const [f] = run({ [CLI]: client('route-nopull') }, CLI, id);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([8, 0, 8, 12]);
    expect(f.fixes?.[0].edits).toEqual([{ path: CLI, range: { start: { line: 8, character: 0 }, end: { line: 9, character: 0 } }, newText: '' }]);
  });

  it('removes route-nopull on the last line without leaving an empty line, with either line break', () => {
    for (const nl of ['\n', '\r\n']) {
      for (const text of [[...CLIENT_HEAD, 'route-nopull'].join(nl), [...CLIENT_HEAD, 'route-nopull', ''].join(nl)]) {
        const [f] = run({ [CLI]: text }, CLI, id);
        expect(applyEdits(text, f.fixes![0].edits), JSON.stringify(text)).toBe(text.endsWith(nl) ? CLIENT_HEAD.join(nl) + nl : CLIENT_HEAD.join(nl));
      }
    }
  });

  it('warns on pull-filter ignore "route"', () => {
    for (const text of ['"route"', '"route "', 'route']) {
      const found = run({ [CLI]: client(`pull-filter ignore ${text}`) }, CLI, id);
      expect(found.map((f) => f.range.start.line), text).toEqual([8]);
    }
  });

  it('is quiet when some routes still get through or the client routes itself', () => {
    expect(run({ [CLI]: client('pull-filter accept "route 10."', 'pull-filter ignore "route"') }, CLI, id)).toEqual([]);
    expect(run({ [CLI]: client('pull-filter ignore "route-ipv6"') }, CLI, id)).toEqual([]);
    expect(run({ [CLI]: client('pull-filter ignore "route 192.168."') }, CLI, id)).toEqual([]);
    for (const own of ['route 192.168.10.0 255.255.255.0', 'redirect-gateway def1', 'route-up /etc/openvpn/routes.sh']) {
      expect(run({ [CLI]: client('route-nopull', own) }, CLI, id), own).toEqual([]);
    }
  });

  it('looks at what the paired server pushes', () => {
    expect(run({ [CLI]: client('route-nopull'), [SRV]: server() }, CLI, id)).toEqual([]);
    const [f] = run({ [CLI]: client('route-nopull'), [SRV]: server('push "route 192.168.10.0 255.255.255.0"') }, CLI, id);
    expect(rel(f)).toEqual([[SRV, 9]]);
    // pull-filter "route" leaves a pushed redirect-gateway alone; route-nopull does not.
    expect(run({ [CLI]: client('pull-filter ignore "route"'), [SRV]: server('push "redirect-gateway def1"') }, CLI, id)).toEqual([]);
    expect(run({ [CLI]: client('route-nopull'), [SRV]: server('push "redirect-gateway def1"') }, CLI, id)).toHaveLength(1);
  });
});

describe('openvpn/duplicate-cn-with-client-routes', () => {
  const id = 'duplicate-cn-with-client-routes';

  it('warns when ccd files pin addresses or LANs to a name', () => {
    const [f] = run({ [SRV]: server('client-config-dir ccd', 'duplicate-cn'), [ccd('alice')]: lines('ifconfig-push 10.8.0.10 255.255.255.0', 'iroute 192.168.10.0 255.255.255.0') }, SRV, id);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([10, 0, 10, 12]);
    expect(rel(f)).toEqual([[ccd('alice'), 1], [ccd('alice'), 0]]);
    expect(f.message).toContain('fixed addresses (ifconfig-push) and LANs (iroute)');
    expect(f.fixes?.[0].title).toBe('Remove duplicate-cn');
    const text = lines(...HEAD, 'client-config-dir ccd', 'duplicate-cn').slice(0, -1);
    const [last] = run({ [SRV]: text, [ccd('alice')]: lines('ifconfig-push 10.8.0.10 255.255.255.0') }, SRV, id);
    expect(applyEdits(text, last.fixes![0].edits)).toBe([...HEAD, 'client-config-dir ccd'].join('\n'));
  });

  it('is info when the ccd folder cannot be read', () => {
    const [f] = run({ [SRV]: server('client-config-dir ccd', 'duplicate-cn') }, SRV, id);
    expect(f.severity).toBe('info');
  });

  it('is quiet without per-client addresses, without ccd, or without duplicate-cn', () => {
    expect(run({ [SRV]: server('client-config-dir ccd', 'duplicate-cn'), [ccd('alice')]: lines('push "route 192.168.10.0 255.255.255.0"') }, SRV, id)).toEqual([]);
    expect(run({ [SRV]: server('duplicate-cn') }, SRV, id)).toEqual([]);
    expect(run({ [SRV]: server('client-config-dir ccd'), [ccd('alice')]: lines('ifconfig-push 10.8.0.10 255.255.255.0') }, SRV, id)).toEqual([]);
  });
});

describe('openvpn/redirect-without-dns', () => {
  const id = 'redirect-without-dns';
  const REDIRECT = 'push "redirect-gateway def1 bypass-dhcp"';

  it('warns on a server that redirects without pushing DNS', () => {
    const [f] = run({ [SRV]: server(REDIRECT, 'push "dhcp-option DOMAIN example.test"') }, SRV, id);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([9, 0, 9, REDIRECT.length]);
    expect(f.message).not.toContain('block-outside-dns');
  });

  it('says that block-outside-dns makes it worse', () => {
    const [f] = run({ [SRV]: server(REDIRECT, 'push "block-outside-dns"') }, SRV, id);
    expect(f.message).toContain('block-outside-dns');
  });

  it('accepts dhcp-option DNS, DNS6 and the 2.6 dns option', () => {
    for (const dns of ['push "dhcp-option DNS 10.8.0.1"', 'push "dhcp-option DNS6 fd00::1"', 'push "dns server 1 address 10.8.0.1"']) {
      expect(run({ [SRV]: server(REDIRECT, dns) }, SRV, id), dns).toEqual([]);
    }
  });

  it('warns on a client whose pushed DNS cannot arrive', () => {
    const [f] = run({ [CLI]: client('route-nopull', 'redirect-gateway def1') }, CLI, id);
    expect(at(f)).toEqual([9, 0, 9, 21]);
    expect(rel(f)).toEqual([[CLI, 8]]);
    expect(run({ [CLI]: client('pull-filter ignore "dhcp-option"', 'redirect-gateway def1') }, CLI, id)).toHaveLength(1);
    expect(run({ [CLI]: client('route-nopull', 'redirect-gateway def1', 'dhcp-option DNS 10.8.0.1') }, CLI, id)).toEqual([]);
  });

  it('checks a client against its server when both are known', () => {
    expect(run({ [CLI]: client('redirect-gateway def1') }, CLI, id)).toEqual([]);
    const [f] = run({ [CLI]: client('redirect-gateway def1'), [SRV]: server() }, CLI, id);
    expect(rel(f)).toEqual([[SRV, 8]]);
    expect(run({ [CLI]: client('redirect-gateway def1'), [SRV]: server('push "dhcp-option DNS 10.8.0.1"') }, CLI, id)).toEqual([]);
  });

  it('checks a ccd file that pushes redirect-gateway against its server', () => {
    const alice = lines(REDIRECT);
    expect(run({ [SRV]: server('client-config-dir ccd', 'push "dhcp-option DNS 10.8.0.1"'), [ccd('alice')]: alice }, ccd('alice'), id)).toEqual([]);
    expect(run({ [SRV]: server('client-config-dir ccd'), [ccd('alice')]: alice }, ccd('alice'), id)).toHaveLength(1);
    expect(run({ [SRV]: server('client-config-dir ccd', 'push "dhcp-option DNS 10.8.0.1"'), [ccd('alice')]: lines('push-reset', REDIRECT) }, ccd('alice'), id)).toHaveLength(1);
    expect(run({ [ccd('alice')]: alice }, ccd('alice'), id)).toEqual([]);
  });
});

describe('openvpn/topology-route-unreachable', () => {
  const id = 'topology-route-unreachable';

  it('is info for topology on dev tap, with a fix removing it', () => {
    const [f] = run({ [SRV]: server().replace('dev tun', 'dev tap') }, SRV, id);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([7, 0, 7, 15]);
    expect(f.fixes?.[0].edits[0].range).toEqual({ start: { line: 7, character: 0 }, end: { line: 8, character: 0 } });
    expect(run({ [SRV]: server() }, SRV, id)).toEqual([]);
    const last = ['dev tap', 'server 10.8.0.0 255.255.255.0', 'topology subnet'].join('\n');
    const [g] = run({ [SRV]: last }, SRV, id);
    expect(applyEdits(last, g.fixes![0].edits)).toBe('dev tap\nserver 10.8.0.0 255.255.255.0');
  });

  it('warns on a pushed route whose gateway is off the tunnel subnet', () => {
    const [f] = run({ [SRV]: server('push "route 192.168.10.0 255.255.255.0 192.168.1.1"') }, SRV, id);
    expect(f.severity).toBe('warning');
    expect(at(f)).toEqual([9, 39, 9, 50]);
    expect(f.fixes?.[0].edits).toEqual([{ path: SRV, range: { start: { line: 9, character: 38 }, end: { line: 9, character: 50 } }, newText: '' }]);
    // With a metric after the gateway, dropping the gateway would turn the metric into one: no fix.
    expect(run({ [SRV]: server('push "route 192.168.10.0 255.255.255.0 192.168.1.1 5"') }, SRV, id)[0].fixes).toBeUndefined();
  });

  it('is quiet for gateways on the tunnel and for gateway keywords', () => {
    for (const gw of ['10.8.0.1', 'vpn_gateway', 'net_gateway']) {
      expect(run({ [SRV]: server(`push "route 192.168.10.0 255.255.255.0 ${gw}"`) }, SRV, id), gw).toEqual([]);
    }
  });

  describe('ifconfig-push in a ccd file', () => {
    const files = (srv: string, push: string) => ({ [SRV]: srv, [ccd('alice')]: lines(push) });

    it('under net30 wants the two middle addresses of one /30', () => {
      expect(run(files(net30('client-config-dir ccd'), 'ifconfig-push 10.8.0.10 10.8.0.9'), ccd('alice'), id)).toEqual([]);
      const [f] = run(files(net30('client-config-dir ccd'), 'ifconfig-push 10.8.0.10 10.8.0.13'), ccd('alice'), id);
      expect(f.severity).toBe('warning');
      expect(at(f)).toEqual([0, 14, 0, 33]);
      expect(f.message).toContain('Windows clients refuse');
      expect(rel(f)).toEqual([[SRV, 7]]);
      expect(f.fixes?.map((x) => x.title)).toEqual(['Use 10.8.0.9 (the other middle address of the /30)']);
      expect(f.fixes?.[0].edits[0]).toEqual({ path: ccd('alice'), range: { start: { line: 0, character: 24 }, end: { line: 0, character: 33 } }, newText: '10.8.0.9' });
    });

    it('under net30 with a netmask also offers topology subnet on the server', () => {
      const [f] = run(files(net30('client-config-dir ccd'), 'ifconfig-push 10.8.0.10 255.255.255.0'), ccd('alice'), id);
      expect(f.message).toContain('is a netmask');
      expect(f.fixes?.map((x) => x.title)).toEqual(['Use 10.8.0.9 (the other middle address of the /30)', 'Add topology subnet to server.conf']);
      const server7 = 'server 10.8.0.0 255.255.255.0';
      expect(f.fixes?.[1].edits).toEqual([{ path: SRV, range: { start: { line: 7, character: server7.length }, end: { line: 7, character: server7.length } }, newText: '\ntopology subnet' }]);
      // An explicit `topology net30` is changed in place.
      const [g] = run(files(server('client-config-dir ccd').replace('topology subnet', 'topology net30'), 'ifconfig-push 10.8.0.10 255.255.255.0'), ccd('alice'), id);
      expect(g.fixes?.[1].edits).toEqual([{ path: SRV, range: { start: { line: 7, character: 9 }, end: { line: 7, character: 14 } }, newText: 'subnet' }]);
    });

    it('under topology subnet wants the pool netmask', () => {
      expect(run(files(server('client-config-dir ccd'), 'ifconfig-push 10.8.0.10 255.255.255.0'), ccd('alice'), id)).toEqual([]);
      const [f] = run(files(server('client-config-dir ccd'), 'ifconfig-push 10.8.0.10 10.8.0.9'), ccd('alice'), id);
      expect(at(f)).toEqual([0, 24, 0, 32]);
      expect(f.message).toContain('is not one');
      expect(f.fixes?.[0].edits[0].newText).toBe('255.255.255.0');
      const [g] = run(files(server('client-config-dir ccd'), 'ifconfig-push 10.8.0.10 255.255.255.252'), ccd('alice'), id);
      expect(g.message).toContain('different subnet');
    });

    it('warns on an address outside the tunnel subnet', () => {
      const [f] = run(files(server('client-config-dir ccd'), 'ifconfig-push 10.9.0.10 255.255.255.0'), ccd('alice'), id);
      expect(at(f)).toEqual([0, 14, 0, 23]);
      expect(f.message).toContain('constraint');
      const [g] = run(files(net30('client-config-dir ccd'), 'ifconfig-push 10.9.0.10 10.9.0.9'), ccd('alice'), id);
      expect(g.message).toContain('replies to this client never reach it');
    });

    it('is quiet without a known server', () => {
      expect(run({ [ccd('alice')]: lines('ifconfig-push 10.8.0.10 10.8.0.13') }, ccd('alice'), id)).toEqual([]);
    });
  });
});

describe('openvpn/forwarding-needs-host', () => {
  const id = 'forwarding-needs-host';

  it('is one info on the first line that routes beyond the tunnel', () => {
    const found = run({ [SRV]: server('push "route 192.168.20.0 255.255.255.0"', 'push "redirect-gateway def1"', 'route 192.168.10.0 255.255.255.0') }, SRV, id);
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f.severity).toBe('info');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([9, 0, 9, 39]);
    expect(f.message).toContain('route back to 10.8.0.0/24');
  });

  it('asks for NAT on a full tunnel', () => {
    const [f] = run({ [SRV]: server('push "redirect-gateway def1"') }, SRV, id);
    expect(f.message).toContain('NAT (masquerade) from 10.8.0.0/24 to the internet');
  });

  it('counts the server\'s own route to a client LAN', () => {
    const [f] = run({ [SRV]: server('route 192.168.10.0 255.255.255.0') }, SRV, id);
    expect(f.message).toContain('192.168.10.0/24 behind a client');
  });

  it('is quiet for routes OpenVPN handles itself', () => {
    expect(run({ [SRV]: server() }, SRV, id)).toEqual([]);
    expect(run({ [SRV]: server('push "route 10.8.0.0 255.255.255.0"') }, SRV, id)).toEqual([]);
    // With client-to-client, OpenVPN delivers traffic for a client's LAN (its iroute) between clients itself.
    const files = { [SRV]: server('client-config-dir ccd', 'client-to-client', 'route 192.168.10.0 255.255.255.0', 'push "route 192.168.10.0 255.255.255.0"'), [ccd('alice')]: lines('iroute 192.168.10.0 255.255.255.0') };
    expect(run(files, SRV, id)).toEqual([]);
    expect(run({ ...files, [SRV]: files[SRV].replace('client-to-client\n', '') }, SRV, id)).toHaveLength(1);
  });

  it('stays off clients', () => {
    expect(run({ [CLI]: client('route 192.168.10.0 255.255.255.0') }, CLI, id)).toEqual([]);
  });
});
