// tls-auth signs each control packet with one half of the static key and checks the other, so
// the two ends need opposite key directions (server 0, client 1) or both none. A wrong or missing
// direction makes every packet fail the HMAC check and no session starts.
import { baseName } from '../../../engine/paths';
import type { Related } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import { keyDirection, peerContexts, tlsRole, type KeyDirection } from '../transport-model';
import type { OpenvpnContext } from '../analysis';
import type { OpenvpnRule } from './types';

const show = (k: KeyDirection) => (k.direction === undefined ? 'no key direction' : `key direction ${k.direction}`);

function compatible(a: KeyDirection, b: KeyDirection): boolean {
  if (a.direction === undefined || b.direction === undefined) return a.direction === b.direction;
  return a.direction !== b.direction;
}

function site(k: KeyDirection): Directive {
  return k.from ?? k.tlsAuth;
}

/** Edits that set the direction to `want` in this file. */
function setDirection(ctx: OpenvpnContext, k: KeyDirection, want: 0 | 1) {
  const path = ctx.file.path;
  if (k.fromRange) return [{ path, range: k.fromRange, newText: String(want) }];
  if (!k.inline && k.tlsAuth.args[0]) {
    const end = k.tlsAuth.args[0].range.end;
    return [{ path, range: { start: end, end }, newText: ` ${want}` }];
  }
  const line = k.tlsAuth.range.start.line;
  return [{ path, range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `key-direction ${want}\n` }];
}

export const keyDirectionMismatch: OpenvpnRule = {
  id: 'openvpn/key-direction-mismatch',
  language: 'openvpn',
  layer: 5,
  severity: 'warning',
  summary: 'tls-auth with a missing or unconventional key direction, or the same direction as the paired server (error).',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    const role = tlsRole(ctx);
    if (!role) return;
    const mine = keyDirection(ctx);
    if (!mine) return;
    const want: 0 | 1 = role === 'server' ? 0 : 1;
    const peers = peerContexts(ctx).map((p) => ({ p, k: keyDirection(p) })).filter((x): x is { p: OpenvpnContext; k: KeyDirection } => !!x.k);
    if (peers.length) {
      // The client reports the pair; a server with clients in the workspace stays quiet.
      if (role !== 'client') return;
      if (peers.some((x) => compatible(mine, x.k))) return;
      const other = peers[0];
      const theirs = other.k.direction;
      const fix: 0 | 1 | undefined = theirs === undefined ? undefined : theirs === 0 ? 1 : 0;
      const related: Related[] = [{ path: other.p.file.path, range: site(other.k).range, message: `the server uses ${show(other.k)}` }];
      report({
        range: (mine.fromRange ?? site(mine).nameRange),
        severity: 'error',
        message: `This client uses ${show(mine)} for tls-auth but its server (${baseName(other.p.file.path)} line ${site(other.k).range.start.line + 1}) uses ${show(other.k)}, so every control packet fails the HMAC check and no session starts (L5); ${theirs === undefined ? 'give both sides a direction (server 0, client 1)' : `use key direction ${fix} here`}.`,
        related,
        fixes: fix === undefined ? undefined : [{ title: `Use key direction ${fix}`, edits: setDirection(ctx, mine, fix), preferred: true }],
      });
      return;
    }
    if (mine.direction === undefined) {
      report({
        range: mine.tlsAuth.nameRange,
        message: `This ${mine.inline ? 'inline <tls-auth> key' : 'tls-auth key'} has no key direction, so it is used in both directions and only works against a peer that also sets none; a ${role === 'server' ? 'client' : 'server'} with the usual direction ${want === 0 ? 1 : 0} fails every HMAC check (L5); add \`key-direction ${want}\`${mine.inline ? '' : ` (or \`${want}\` after the file name)`}.`,
        fixes: [{ title: `Use key direction ${want}`, edits: setDirection(ctx, mine, want), preferred: true }],
      });
      return;
    }
    if (mine.direction !== want) {
      report({
        range: mine.fromRange ?? site(mine).nameRange,
        message: `A ${role} normally uses tls-auth key direction ${want}; with ${mine.direction}, a ${role === 'server' ? 'client' : 'server'} set up the usual way uses the same direction and every control packet fails the HMAC check (L5); use ${want} here unless the other side deliberately uses ${want === 0 ? 1 : 0}.`,
        fixes: [{ title: `Use key direction ${want}`, edits: setDirection(ctx, mine, want), preferred: true }],
      });
    }
  },
};
