// Graphs that join configs of different kinds: one endpoint seen from two files.
import { describe, expect, it } from 'vitest';
import { picture } from './support';

const VPN = 'local 10.0.0.5\nport 1194\nproto tcp\ndev tun\nserver 10.8.0.0 255.255.255.0\n';
const RELAY = 'events {}\nstream {\n    server {\n        listen 443;\n        proxy_pass 10.0.0.5:1194;\n    }\n}\n';

describe('relay graph across configs', () => {
  it('joins an nginx L4 relay to the OpenVPN server listening at its target', () => {
    const p = picture({ '/site/edge/nginx.conf': RELAY, '/site/vpn/server.conf': VPN, '/site/vpn/laptop.ovpn': 'client\nproto tcp\nremote 203.0.113.5 443\n' });
    const relay = p.hop('nginx-listen:edge/nginx.conf:stream:*:443', 'ovpn-server:vpn/server.conf');
    expect(relay).toMatchObject({ kind: 'stream-proxy', protocol: 'tcp', port: 1194, layer: 4 });
    // The path continues on the VPN side: the server's tunnel subnet.
    p.hop('ovpn-server:vpn/server.conf', 'ovpn-subnet:vpn/server.conf:10.8.0.0/24');
    expect(p.graph.nodes.some((n) => n.id.startsWith('nginx-server:'))).toBe(false);
  });

  it('does not join when the proto or the address differs', () => {
    const udp = picture({ '/site/edge/nginx.conf': RELAY, '/site/vpn/server.conf': VPN.replace('proto tcp', 'proto udp') });
    expect(udp.hopsFrom('nginx-listen:edge/nginx.conf:stream:*:443').map((h) => h.to)).toEqual(['nginx-server:edge/nginx.conf:stream:10.0.0.5:1194']);
    const elsewhere = picture({ '/site/edge/nginx.conf': RELAY, '/site/vpn/server.conf': VPN.replace('local 10.0.0.5', 'local 10.0.0.6') });
    expect(elsewhere.hopsFrom('nginx-listen:edge/nginx.conf:stream:*:443').map((h) => h.to)).toEqual(['nginx-server:edge/nginx.conf:stream:10.0.0.5:1194']);
  });

  it('joins to a server without `local` (it listens on every address)', () => {
    const p = picture({ '/site/edge/nginx.conf': RELAY, '/site/vpn/server.conf': VPN.replace('local 10.0.0.5\n', '') });
    p.hop('nginx-listen:edge/nginx.conf:stream:*:443', 'ovpn-server:vpn/server.conf');
  });
});
