// Client and server must meet on one socket: the same transport protocol (UDP or TCP), the
// server's port, and the same device type (tun carries IP packets, tap Ethernet frames). Reported
// on the client, naming the server's line. Alone, a `client` whose protocol is a TCP listener
// (tcp-server) is reported too: it waits for a connection that no server ever makes.
import { baseName } from '../../../engine/paths';
import type { Fix, Related } from '../../../engine/rules';
import type { Range } from '../../../engine/syntax';
import type { OpenvpnContext } from '../analysis';
import { connectionEntries, devType, isPullClient, peerContexts, type ConnectionEntry } from '../transport-model';
import type { OpenvpnRule } from './types';

const key = (r: Range) => `${r.start.line}:${r.start.character}`;
const protoName = (e: ConnectionEntry) => (e.proto.family === 'udp' ? 'UDP' : 'TCP');

function samePort(a: string, b: string): boolean | undefined {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return undefined;
  return Number(a) === Number(b);
}

function serverAnchor(s: OpenvpnContext) {
  return s.first('server')?.node ?? s.first('server-bridge')?.node ?? s.first('mode')?.node ?? s.file.parse.tree[0];
}

export const pairingTransport: OpenvpnRule = {
  id: 'openvpn/pairing-transport',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'A client whose protocol, port or device type does not match its server (or a client that listens with tcp-server).',
  check(ctx, report) {
    if (ctx.kind !== 'client') return;
    const path = ctx.file.path;
    const entries = connectionEntries(ctx);
    const seen = new Set<string>();
    if (isPullClient(ctx)) {
      for (const e of entries) {
        if (e.proto.role !== 'server' || !e.protoFrom) continue;
        const r = e.protoFrom.range;
        if (seen.has(key(r))) continue;
        seen.add(key(r));
        report({
          range: r,
          message: `\`${e.proto.text}\` makes this client wait for an incoming TCP connection, but an openvpn server only listens too, so the two never connect (L4); use \`tcp\` (tcp-client).`,
          fixes: [{ title: 'Connect out over TCP', edits: [{ path, range: r, newText: 'tcp' }], preferred: true }],
        });
      }
    }
    const servers = peerContexts(ctx).filter((s) => s.kind === 'server');
    if (!servers.length) return;
    const live = entries.filter((e) => e.proto.role !== 'server');
    const listens = servers.map((s) => ({ s, e: connectionEntries(s)[0] })).filter((l) => !!l.e);
    if (live.length && listens.length) {
      const first = listens[0];
      const sameFamily = live.filter((e) => listens.some((l) => l.e.proto.family === e.proto.family));
      if (!sameFamily.length) {
        const sProto = first.e.protoFrom?.node ?? serverAnchor(first.s);
        const related: Related[] = [{ path: first.s.file.path, range: sProto.range, message: `the server listens on ${protoName(first.e)}${first.e.protoFrom ? '' : ' (the default)'}` }];
        for (const e of live) {
          const r = e.protoFrom?.range ?? e.remote?.nameRange ?? ctx.first('client')?.node.nameRange;
          if (!r || seen.has(key(r))) continue;
          seen.add(key(r));
          const want = first.e.proto.family;
          let fixes: Fix[] | undefined;
          if (e.protoFrom) fixes = [{ title: `Use ${want}`, edits: [{ path, range: e.protoFrom.range, newText: want }], preferred: true }];
          report({
            range: r,
            message: `This client connects over ${protoName(e)}${e.protoFrom ? '' : ' (the default)'} but its server (${baseName(first.s.file.path)}) listens on ${protoName(first.e)}, so no connection attempt ever reaches openvpn (L4); use \`proto ${want}\` on both sides.`,
            related,
            fixes,
          });
        }
      } else {
        const matches = sameFamily.some((e) => listens.some((l) => l.e.proto.family === e.proto.family && samePort(l.e.localPort, e.port) !== false));
        if (!matches) {
          const l = listens.find((x) => x.e.proto.family === sameFamily[0].proto.family) ?? first;
          const sPort = l.e.localPortFrom ?? serverAnchor(l.s);
          const related: Related[] = [{ path: l.s.file.path, range: sPort.range, message: `the server listens on port ${l.e.localPort}${l.e.localPortFrom ? '' : ' (the default)'}` }];
          for (const e of sameFamily) {
            const r = e.portFrom?.range ?? e.remote?.range;
            if (!r || seen.has(key(r))) continue;
            seen.add(key(r));
            let fixes: Fix[] | undefined;
            if (e.portFrom) fixes = [{ title: `Use port ${l.e.localPort}`, edits: [{ path, range: e.portFrom.range, newText: l.e.localPort }], preferred: true }];
            else if (e.remote?.args[0]) fixes = [{ title: `Use port ${l.e.localPort}`, edits: [{ path, range: { start: e.remote.args[0].range.end, end: e.remote.args[0].range.end }, newText: ` ${l.e.localPort}` }], preferred: true }];
            report({
              range: r,
              severity: 'warning',
              message: `This client connects to port ${e.port}${e.portFrom ? '' : ' (the default)'} but its server (${baseName(l.s.file.path)}) listens on ${protoName(e)} port ${l.e.localPort}, so unless a port forward maps one to the other the connection times out (L4); use port ${l.e.localPort}.`,
              related,
              fixes,
            });
          }
        }
      }
    }
    const mine = devType(ctx);
    if (!mine) return;
    const theirs = servers.map((s) => ({ s, d: devType(s) })).filter((x) => !!x.d);
    if (!theirs.length || theirs.some((x) => x.d!.type === mine.type)) return;
    const other = theirs[0];
    report({
      range: mine.line.args[0]?.range ?? mine.line.range,
      layer: 2,
      message: `This client uses a ${mine.type} device but its server (${baseName(other.s.file.path)}) uses ${other.d!.type}, so one side sends ${mine.type === 'tun' ? 'IP packets' : 'Ethernet frames'} where the other expects ${mine.type === 'tun' ? 'Ethernet frames' : 'IP packets'} and no traffic passes (L2); use \`dev ${other.d!.type}\` on both sides.`,
      related: [{ path: other.s.file.path, range: other.d!.line.range, message: `the server uses ${other.d!.type}` }],
      fixes: mine.line.name === 'dev' && mine.line.args[0] ? [{ title: `Use dev ${other.d!.type}`, edits: [{ path, range: mine.line.args[0].range, newText: other.d!.type }], preferred: true }] : undefined,
    });
  },
};
