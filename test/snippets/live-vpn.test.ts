// The OpenVPN snippets brought up for real (live-vpn.sh: server and client in private
// namespaces, throwaway certificates): the client connects, gets the pushed route, and in the
// site-to-site set the hub reads the ccd file and routes the branch LAN to the gateway. This is
// the check for the ccd snippet, which openvpn reads only when its client connects.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choicesOf, instantiateSnippet } from '../../server/src/features/snippet-text';
import { snippetByPrefix, writeFolder } from './instances';

const SCRIPT = join(__dirname, 'live-vpn.sh');

/** A snippet's text with its protocol choice (the only choice of the OpenVPN snippets) set. */
function withProto(prefix: string, option: number): string {
  const body = snippetByPrefix(prefix).body;
  const choices = [...choicesOf(body).keys()];
  return instantiateSnippet(body, { choices: Object.fromEntries(choices.map((c) => [c, option])) });
}

function bringUp(files: Record<string, string>, server: string, client: string, cn: string) {
  const dir = writeFolder(files);
  const r = spawnSync('bash', [SCRIPT, dir, server, client, cn], { encoding: 'utf8', timeout: 60_000 });
  if (r.status === 2 || r.status === null) throw new Error(`live-vpn.sh failed: ${r.stderr}`);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return { up: r.status === 0, server: read('server.log'), client: read('client.log') };
}

describe('OpenVPN snippets brought up for real', () => {
  for (const [option, proto] of ['udp', 'tcp'].entries()) {
    it(`routed VPN over ${proto}: the client connects and takes the route to the private subnet`, () => {
      const run = bringUp({ 'server.conf': withProto('relay-vpn-server', option), 'client.ovpn': withProto('relay-vpn-client', option) }, 'server.conf', 'client.ovpn', 'client');
      expect(run.up, run.client).toBe(true);
      expect(run.client).toMatch(/net_route_v4_add: 192\.0\.2\.0\/24 via 198\.51\.100\.1/);
      expect(run.server).not.toMatch(/Options error|^ERROR/m);
      console.log(`live routed VPN (${proto}): client up, route 192.0.2.0/24 via the tunnel`);
    });

    it(`site-to-site over ${proto}: the hub reads ccd/branch-gw and routes the branch LAN to the gateway`, () => {
      const run = bringUp({
        'server.conf': withProto('relay-vpn-site-server', option),
        'ccd/branch-gw': instantiateSnippet(snippetByPrefix('relay-vpn-site-ccd').body),
        'branch-gw.ovpn': withProto('relay-vpn-site-client', option),
      }, 'server.conf', 'branch-gw.ovpn', 'branch-gw');
      expect(run.up, run.client).toBe(true);
      expect(run.server).toContain('OPTIONS IMPORT: reading client specific options from: ccd/branch-gw');
      expect(run.server).toMatch(/MULTI: internal route 203\.0\.113\.0\/24 -> branch-gw/);
      expect(run.server).not.toMatch(/Options error|^ERROR/m);
      expect(run.client).toMatch(/net_addr_v4_add: 198\.51\.100\.10\/24/);
      expect(run.client).toMatch(/net_route_v4_add: 192\.0\.2\.0\/24 via 198\.51\.100\.1/);
      console.log(`live site-to-site VPN (${proto}): ccd read, iroute 203.0.113.0/24 -> branch-gw, gateway at 198.51.100.10`);
    });
  }

  it('notices a ccd file without its iroute: the branch LAN is then routed to no client', () => {
    const ccd = instantiateSnippet(snippetByPrefix('relay-vpn-site-ccd').body).replace(/^iroute .*$/m, '');
    const run = bringUp({
      'server.conf': withProto('relay-vpn-site-server', 0), 'ccd/branch-gw': ccd, 'branch-gw.ovpn': withProto('relay-vpn-site-client', 0),
    }, 'server.conf', 'branch-gw.ovpn', 'branch-gw');
    expect(run.up).toBe(true);
    expect(run.server).not.toMatch(/MULTI: internal route 203\.0\.113\.0\/24/);
  });
});
