// A `local` bind address that no peer can reach: loopback on a server (or on a client whose
// remote is elsewhere), or an address no interface can own (0.x, multicast, broadcast, 240/4).
import type { TextEdit } from '../../../engine/rules';
import { connectionEntries, isLoopbackHost, unusableAddress } from '../transport-model';
import type { OpenvpnRule } from './types';

export const localUnreachable: OpenvpnRule = {
  id: 'openvpn/local-unreachable',
  language: 'openvpn',
  layer: 4,
  severity: 'warning',
  summary: 'A `local` bind address that peers cannot reach: loopback on a server, or an address no interface owns.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    // A peer on this same host (a loopback remote) makes a loopback bind deliberate.
    const remotes = connectionEntries(ctx).filter((e) => e.remote && e.host);
    const localPeer = remotes.some((e) => isLoopbackHost(e.host!));
    for (const l of ctx.all('local')) {
      const arg = l.node.args[0];
      if (!arg) continue;
      const host = arg.value;
      const line = l.node.range.start.line;
      const drop: TextEdit = { path: ctx.file.path, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
      if (isLoopbackHost(host)) {
        if (localPeer) continue;
        if (ctx.kind === 'server') {
          report({
            range: arg.range,
            message: `The server binds to the loopback address ${host}, so only programs on this host can reach its port and remote clients time out (L4); bind to the public address, or remove \`local\` to listen on all addresses, unless a relay on this host forwards to it.`,
            fixes: [{ title: 'Remove `local` (listen on all addresses)', edits: [drop] }],
          });
          continue;
        }
        // A client (or peer) bound to loopback can only talk to peers on this host.
        const far = remotes.find((e) => !isLoopbackHost(e.host!));
        if (far?.remote) {
          report({
            range: arg.range,
            message: `This config binds its socket to the loopback address ${host}, so packets to ${far.host} cannot leave the host and the connection never starts (L4); remove \`local\` or bind to an address of an outgoing interface.`,
            fixes: [{ title: 'Remove `local`', edits: [drop] }],
          });
        }
        continue;
      }
      const why = unusableAddress(host);
      if (why) {
        report({
          range: arg.range,
          message: `\`local ${host}\` is ${why}, so the socket cannot receive traffic from peers (or the bind fails) and the tunnel never forms (L4); bind to an address of a real interface, or remove \`local\` to use all addresses.`,
          fixes: [{ title: 'Remove `local`', edits: [drop] }],
        });
      }
    }
  },
};
