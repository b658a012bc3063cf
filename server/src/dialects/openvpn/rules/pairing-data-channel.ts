// The data channel needs a cipher both ends offer and the same compression framing. Reported on
// the client, naming the server's line: data-ciphers lists with nothing in common (and no
// data-ciphers-fallback), and framing that differs once the server's pushed options apply. Alone,
// a server that pushes a framing different from its own is reported: every client adopts the
// pushed one and no longer matches the server.
import { baseName } from '../../../engine/paths';
import type { Directive } from '../../../engine/syntax';
import type { OpenvpnContext } from '../analysis';
import { anchorOf, dataCiphers, framingText, ownCompression, peerContexts, pushedCompression, type Compression, type Framing } from '../transport-model';
import type { OpenvpnRule } from './types';

/** Whether two framings can carry each other's packets (v2 only marks compressed packets). */
function framingsMatch(a: Framing, b: Framing): boolean {
  if (a === b || a === 'migrate' || b === 'migrate') return true;
  const loose = new Set<Framing>([a, b]);
  return loose.has('v2') && loose.has('none');
}

function serverAnchor(s: OpenvpnContext): Directive | undefined {
  return s.first('server')?.node ?? s.first('server-bridge')?.node ?? s.first('mode')?.node ?? s.file.parse.tree[0];
}

export const pairingDataChannel: OpenvpnRule = {
  id: 'openvpn/pairing-data-channel',
  language: 'openvpn',
  layer: 6,
  severity: 'error',
  summary: 'Client and server data channels that cannot meet: no common data cipher, or different compression framing (also a server pushing a framing it does not use).',
  check(ctx, report) {
    if (ctx.kind === 'server') {
      const own = ownCompression(ctx);
      const pushed = pushedCompression(ctx);
      if (pushed?.line && !framingsMatch(own.framing, pushed.framing)) {
        report({
          range: pushed.line.range,
          severity: 'warning',
          message: `This server pushes ${framingText(pushed)} but itself uses ${framingText(own)}${own.line ? ` (line ${own.line.range.start.line + 1})` : ''}, so every client frames its packets differently from the server and tunnel traffic is dropped as corrupt (L6); push the same setting the server uses.`,
          related: own.line ? [{ path: ctx.file.path, range: own.line.range, message: 'the server\'s own setting' }] : undefined,
        });
      }
      return;
    }
    if (ctx.kind !== 'client') return;
    const servers = peerContexts(ctx).filter((s) => s.kind === 'server');
    if (!servers.length) return;
    const anchor = anchorOf(ctx);

    // Ciphers: the server picks the first of its list that the client offers.
    if (!ctx.first('data-ciphers-fallback') && !servers.some((s) => s.first('data-ciphers-fallback'))) {
      const mine = dataCiphers(ctx);
      const common = servers.some((s) => dataCiphers(s).list.some((c) => mine.list.includes(c)));
      const at = mine.line?.args[0]?.range ?? anchor?.nameRange;
      if (!common && at) {
        const s = servers[0];
        const theirs = dataCiphers(s);
        const sLine = theirs.line ?? serverAnchor(s);
        report({
          range: at,
          message: `This client offers ${mine.list.join(':')}${mine.line ? '' : ' (the default)'} and its server (${baseName(s.file.path)}) accepts only ${theirs.list.join(':')}${theirs.line ? '' : ' (the default)'}, so no data cipher can be negotiated and the server rejects the client after the handshake (L6); add a cipher both lists share, such as AES-256-GCM.`,
          related: sLine ? [{ path: s.file.path, range: sLine.range, message: theirs.line ? 'the server\'s data-ciphers' : 'the server uses the default data-ciphers' }] : undefined,
        });
      }
    }

    // Compression framing: the client's own, overridden by what the server pushes.
    const mineOwn = ownCompression(ctx);
    for (const s of servers) {
      const theirs = ownCompression(s);
      const pushed = pushedCompression(s);
      const effective: Compression = pushed ?? mineOwn;
      if (framingsMatch(effective.framing, theirs.framing)) return;
    }
    const s = servers[0];
    const theirs = ownCompression(s);
    const pushed = pushedCompression(s);
    if (pushed) return; // the server contradicts itself; reported on the server
    const at = mineOwn.line?.range ?? anchor?.nameRange;
    if (!at) return;
    const sLine = theirs.line ?? serverAnchor(s);
    report({
      range: at,
      severity: 'warning',
      message: `This client uses ${framingText(mineOwn)} but its server (${baseName(s.file.path)}) uses ${framingText(theirs)} and pushes none, so the two sides read each other's data packets with the wrong header and tunnel traffic is dropped (L6); use the same compression setting on both sides (or push it from the server).`,
      related: sLine ? [{ path: s.file.path, range: sLine.range, message: theirs.line ? 'the server\'s compression setting' : 'the server has no compression setting' }] : undefined,
    });
  },
};
