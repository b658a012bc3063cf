// The OpenVPN part of the relay graph: tunnels, the tunnel subnet, routes and ccd iroutes.
import { describe, expect, it } from 'vitest';
import { picture } from './support';

const SERVER = [
  'port 1194', 'proto udp', 'dev tun', 'topology subnet', 'server 10.8.0.0 255.255.255.0',
  'client-config-dir ccd', 'route 10.20.0.0 255.255.255.0', 'push "route 10.20.0.0 255.255.255.0"', '',
].join('\n');

describe('relay graph: OpenVPN', () => {
  it('draws the server with its tunnel subnet, routes, pushed routes and the ccd client behind a route', () => {
    const p = picture({ '/v/server.conf': SERVER, '/v/ccd/site-gw': 'iroute 10.20.0.0 255.255.255.0\n' });
    const server = p.node('ovpn-server:server.conf');
    expect(server).toMatchObject({ kind: 'vpn-server', label: 'OpenVPN udp *:1194' });
    expect(p.hop(server.id, 'ovpn-subnet:server.conf:10.8.0.0/24')).toMatchObject({ kind: 'route', layer: 3, label: 'tunnel subnet' });
    const routes = p.hopsFrom(server.id).filter((h) => h.to === 'ovpn-subnet:server.conf:10.20.0.0/24');
    expect(routes.map((h) => h.label).sort()).toEqual(['route into the tunnel', 'route pushed to clients']);
    expect(p.hop(server.id, 'ovpn-ccd:ccd/site-gw')).toMatchObject({ kind: 'vpn-tunnel', protocol: 'udp', port: 1194, bidirectional: true });
    const iroute = p.hop('ovpn-ccd:ccd/site-gw', 'ovpn-subnet:server.conf:10.20.0.0/24', 'iroute');
    expect(iroute.source).toMatchObject({ path: '/v/ccd/site-gw', range: { start: { line: 0 } } });
    expect(routes.flatMap((h) => p.rules(h))).not.toContain('openvpn/route-without-iroute');
  });

  it('puts route-without-iroute on the route hop when the ccd file lacks the iroute', () => {
    const p = picture({ '/v/server.conf': SERVER, '/v/ccd/site-gw': 'ifconfig-push 10.8.0.10 255.255.255.0\n' });
    const route = p.hopsFrom('ovpn-server:server.conf').find((h) => h.label === 'route into the tunnel')!;
    expect(p.rules(route)).toContain('openvpn/route-without-iroute');
    expect(p.graph.hops.filter((h) => h.kind === 'iroute')).toEqual([]);
  });

  it('draws a pushed redirect-gateway as a route for all traffic, with what it lacks', () => {
    const p = picture({ '/v/server.conf': SERVER + 'push "redirect-gateway def1"\n' });
    const hop = p.hop('ovpn-server:server.conf', 'ovpn-subnet:server.conf:0.0.0.0/0');
    expect(hop).toMatchObject({ kind: 'route', layer: 3, label: 'redirect-gateway pushed to clients' });
    expect(hop.source!.range.start.line).toBe(8);
    expect(p.rules(hop)).toContain('openvpn/redirect-without-dns');
  });

  it('joins a client to its paired server by port and shows a transport mismatch on the tunnel', () => {
    const p = picture({ '/v/server.conf': SERVER, '/v/client.ovpn': 'client\ndev tun\nproto tcp\nremote vpn.example.test 1194\n' });
    const tunnel = p.hop('ovpn-client:client.ovpn', 'ovpn-server:server.conf');
    expect(tunnel).toMatchObject({ kind: 'vpn-tunnel', protocol: 'tcp', port: 1194, label: 'remote vpn.example.test' });
    expect(p.rules(tunnel)).toContain('openvpn/pairing-transport');
  });

  it('does not join a client whose remote address is not the server\'s local address', () => {
    const server = 'local 192.0.2.1\n' + SERVER;
    const other = picture({ '/v/server.conf': server, '/v/client.ovpn': 'client\nremote 192.0.2.2 1194\n' });
    other.hop('ovpn-client:client.ovpn', 'ovpn-remote:client.ovpn:192.0.2.2:1194');
    const same = picture({ '/v/server.conf': server, '/v/client.ovpn': 'client\nremote 192.0.2.1 1194\n' });
    same.hop('ovpn-client:client.ovpn', 'ovpn-server:server.conf');
    expect(same.node('ovpn-server:server.conf').label).toBe('OpenVPN udp 192.0.2.1:1194');
  });

  it('draws the remote as written when no server config is in the workspace', () => {
    const p = picture({ '/v/client.ovpn': 'client\ndev tun\nremote vpn.example.test 1195 udp\n' });
    expect(p.node('ovpn-remote:client.ovpn:vpn.example.test:1195').kind).toBe('vpn-server');
    expect(p.hop('ovpn-client:client.ovpn', 'ovpn-remote:client.ovpn:vpn.example.test:1195').protocol).toBe('udp');
  });

  it('includes the server when the graph is asked for one ccd file', () => {
    const p = picture({ '/v/server.conf': SERVER, '/v/ccd/site-gw': 'iroute 10.20.0.0 255.255.255.0\n' }, { paths: ['/v/ccd/site-gw'] });
    expect(p.graph.files).toEqual(['/v/ccd/site-gw', '/v/server.conf']);
    p.hop('ovpn-ccd:ccd/site-gw', 'ovpn-subnet:server.conf:10.20.0.0/24', 'iroute');
  });
});
