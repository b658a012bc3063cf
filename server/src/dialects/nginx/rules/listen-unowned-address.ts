// listen bound to an address the host is unlikely to own: a host name nginx resolves once at
// start-up, or a multicast, broadcast, 0.x or reserved address that cannot take connections.
import { addressProblem, fileListens, hasFlag, validPort, type AddressProblem } from '../listeners-sockets';
import type { NginxRule } from './types';

const WHY: Record<Exclude<AddressProblem, 'name'>, string> = {
  multicast: 'is an IPv4 multicast address: nginx can bind it, but no TCP client ever connects to a group address',
  'ipv6-multicast': 'is an IPv6 multicast address: nginx can bind it, but no TCP client ever connects to a group address',
  broadcast: 'is the broadcast address, which no host owns: the bind fails at start-up and nginx does not start',
  'this-network': 'is in 0.0.0.0/8 ("this network"), which is never a local address: the bind fails at start-up and nginx does not start',
  reserved: 'is in the reserved range 240.0.0.0/4, which no host owns: the bind fails at start-up and nginx does not start',
  'invalid-ipv4': 'is not a dotted-quad IPv4 address, so nginx hands it to the resolver as a name and either fails to start ("host not found") or binds whatever address the resolver makes of it',
};

export const listenUnownedAddress: NginxRule = {
  id: 'nginx/listen-unowned-address',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'listen bound to a host name, or to a multicast, broadcast, 0.x or reserved address the host cannot own.',
  check(ctx, report) {
    for (const { address, directive, family } of fileListens(ctx)) {
      if (address.unix !== undefined || !address.host) continue;
      const problem = addressProblem(address.host);
      if (!problem) continue;
      // Receiving multicast datagrams is what a UDP listener on a group address is for.
      if ((problem === 'multicast' || problem === 'ipv6-multicast') && hasFlag(directive, 'udp')) continue;
      const arg = directive.args[0];
      const port = validPort(address.portText) ?? (address.portText === undefined && family === 'http' ? 80 : undefined);
      const all = port === undefined ? undefined : address.ipv6 ? `[::]:${port}` : String(port);
      const message = problem === 'name'
        ? `"${address.host}" is a host name: nginx resolves it once at start-up and binds every address it gets, so if the name points elsewhere (NAT, CDN, a changed record) or DNS is not up yet, nginx fails to start ("cannot assign requested address" / "host not found") and nothing listens (L3); listen on this host's own IP address or on all addresses${all ? ` (listen ${all};)` : ''}.`
        : `${address.host} ${WHY[problem]} (L3); listen on one of this host's addresses or on all addresses${all ? ` (listen ${all};)` : ''}.`;
      report({
        range: arg.range,
        message,
        fixes: all ? [{ title: `Listen on all addresses (listen ${all})`, edits: [{ path: ctx.file.path, range: arg.range, newText: all }] }] : undefined,
      });
    }
  },
};
