// A Match block whose LocalPort / LocalAddress criteria fit none of the server's listeners
// (Port x ListenAddress, by default port 22 on every address): no connection ever arrives there,
// so the block's settings never apply. LocalPort takes one port number (sshd compares it exactly);
// LocalAddress is an address list with CIDR ranges and wildcards, compared with the numeric text
// of the local address.
import type { Arg } from '../../../engine/syntax';
import { addrMatchList, familyCanMatch, ipText, serverListeners, type Listener } from '../hosts-net';
import type { SshRule } from './types';

interface Criterion {
  kind: 'localport' | 'localaddress';
  arg: Arg;
}

function addressFits(l: Listener, list: string): boolean {
  if (l.name) return true; // a host name: its addresses are unknown here
  if (l.ip) return addrMatchList(l.ip, list) === 1;
  return l.family ? familyCanMatch(list, l.family) : familyCanMatch(list, 4) || familyCanMatch(list, 6);
}

function addressText(l: Listener): string {
  if (l.name) return l.name;
  if (l.ip) return ipText(l.ip);
  return l.family === 6 ? 'every IPv6 address' : l.family === 4 ? 'every IPv4 address' : 'every address';
}

function describe(ls: Listener[]): string {
  const ports = [...new Set(ls.map((l) => l.port))];
  return ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.join(', ')}`;
}

export const sshdMatchNeverMatches: SshRule = {
  id: 'sshd/match-never-matches',
  language: 'sshd_config',
  layer: 4,
  severity: 'warning',
  summary: 'A Match LocalPort / LocalAddress that none of the server\'s listeners can produce: its settings never apply.',
  check(ctx, report) {
    let listeners: Listener[] | undefined;
    for (const s of ctx.sections) {
      const crits: Criterion[] = [];
      for (let i = 0; i < s.args.length; i++) {
        const c = s.args[i].value.toLowerCase();
        if (c === 'all') continue;
        const arg = s.args[++i];
        if (!arg) break;
        if (c === 'localport' || c === 'localaddress') crits.push({ kind: c, arg });
      }
      if (!crits.length) continue;
      const portCrits = crits.filter((c) => c.kind === 'localport');
      if (portCrits.some((c) => !/^\d+$/.test(c.arg.value))) continue; // invalid: sshd -t says so
      listeners ??= serverListeners(ctx).listeners;
      const portOk = (l: Listener) => portCrits.every((c) => Number(c.arg.value) === l.port);
      const addrCrits = crits.filter((c) => c.kind === 'localaddress');
      const addrOk = (l: Listener) => addrCrits.every((c) => addressFits(l, c.arg.value));
      if (listeners.some((l) => portOk(l) && addrOk(l))) continue;
      if (portCrits.length && !listeners.some(portOk)) {
        const c = portCrits.find((x) => !listeners!.some((l) => Number(x.arg.value) === l.port)) ?? portCrits[0];
        report({
          range: c.arg.range,
          layer: 4,
          message: `sshd listens only on ${describe(listeners)}, so no connection ever arrives on local port ${c.arg.value} and this Match block never applies (L4); add \`Port ${c.arg.value}\` (or a ListenAddress with that port), or fix the port here.`,
        });
        continue;
      }
      const c = addrCrits[0];
      const addrs = [...new Set(listeners.filter(portOk).map(addressText))];
      report({
        range: c.arg.range,
        layer: 3,
        message: `sshd listens on ${addrs.join(', ')}${portCrits.length ? ` for port ${portCrits[0].arg.value}` : ''}, and none of that matches \`LocalAddress ${c.arg.value}\`, so this Match block never applies (L3); match an address from ListenAddress, or add a ListenAddress for this one.`,
      });
    }
  },
};
