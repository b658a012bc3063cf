// Editor features for OpenVPN files through the engine: hover, completion by file kind, outline, folding.
import { describe, expect, it } from 'vitest';
import { openvpnDialect } from '../../server/src/dialects/openvpn/index';
import { memoryWorkspace } from '../support/memory-host';

const SERVER = '/ws/server.conf';
const CLIENT = '/ws/client.ovpn';

describe('OpenVPN hover', () => {
  it('shows the layer first; dev tun is L3 and dev tap L2', () => {
    const ws = memoryWorkspace({ [SERVER]: 'dev tun\nproto udp\n', [CLIENT]: 'client\ndev tap\n' }, 'openvpn');
    const text = (path: string, line: number) => (openvpnDialect.hover(ws.get(path)!, { line, character: 1 }, ws)!.contents as { value: string }).value;
    expect(text(SERVER, 0).split('\n')[0]).toMatch(/^`dev` — \*\*L3 network\*\*/);
    expect(text(CLIENT, 1).split('\n')[0]).toMatch(/^`dev` — \*\*L2 data link\*\*/);
    expect(text(SERVER, 1).split('\n')[0]).toMatch(/^`proto` — \*\*L4 transport\*\*/);
  });
});

describe('OpenVPN completion', () => {
  const labels = (path: string, text: string, line: number, character: number) => {
    const ws = memoryWorkspace({ [path]: text }, 'openvpn');
    return openvpnDialect.complete(ws.get(path)!, { line, character }, ws).map((c) => c.label);
  };
  it('offers options valid for the file kind', () => {
    const server = labels(SERVER, 'server 10.8.0.0 255.255.255.0\n\n', 1, 0);
    expect(server).toContain('client-config-dir');
    expect(server).not.toContain('nobind');
    const client = labels(CLIENT, 'client\nremote 192.0.2.1 1194\n\n', 2, 0);
    expect(client).toContain('remote-cert-tls');
    expect(client).not.toContain('client-config-dir');
    const ccd = labels('/ws/ccd/alice', 'iroute 10.20.0.0 255.255.255.0\n\n', 1, 0);
    expect(ccd).toContain('ifconfig-push');
    expect(ccd).not.toContain('proto');
  });
  it('offers enum values and pushable options inside push "..."', () => {
    expect(labels(SERVER, 'proto \n', 0, 6)).toEqual(expect.arrayContaining(['udp', 'tcp-server']));
    const pushed = labels(SERVER, 'server 10.8.0.0 255.255.255.0\npush "\n', 1, 6);
    expect(pushed).toContain('route');
    expect(pushed).not.toContain('client-config-dir');
  });
});

describe('OpenVPN outline and folding', () => {
  const text = 'client\n<connection>\nremote 192.0.2.1 1194\n</connection>\nroute 10.20.0.0 255.255.255.0\n<ca>\n-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n</ca>\n';
  it('lists connection blocks, routes and inline blocks', () => {
    const ws = memoryWorkspace({ [CLIENT]: text }, 'openvpn');
    expect(openvpnDialect.symbols(ws.get(CLIENT)!).map((s) => s.name)).toEqual(['connection', 'route 10.20.0.0 255.255.255.0', '<ca>']);
  });
  it('folds connection and inline blocks', () => {
    const ws = memoryWorkspace({ [CLIENT]: text }, 'openvpn');
    expect(openvpnDialect.folding(ws.get(CLIENT)!)).toEqual(expect.arrayContaining([{ startLine: 1, endLine: 3 }, { startLine: 5, endLine: 9 }]));
  });
});
