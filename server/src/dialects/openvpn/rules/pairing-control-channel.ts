// The control channel is wrapped by tls-auth (HMAC), tls-crypt (shared key) or tls-crypt-v2
// (per-client key), and both ends must use the same one: a server drops every packet that is not
// wrapped its way, so the TLS handshake never starts. Alone, a file that names two of them in
// one place is refused by openvpn (tls-auth with tls-crypt; on a client, tls-crypt-v2 with
// either).
import { baseName } from '../../../engine/paths';
import type { Related } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import type { OpenvpnContext } from '../analysis';
import { controlChannel, peerContexts, tlsRole, type ControlMode } from '../transport-model';
import type { OpenvpnRule } from './types';

const describe = (m: ControlMode) => (m === 'none' ? 'no control-channel key (plain TLS)' : `\`${m}\``);

function serverAnchor(s: OpenvpnContext): Directive | undefined {
  return s.first('server')?.node ?? s.first('server-bridge')?.node ?? s.first('tls-server')?.node ?? s.first('mode')?.node ?? s.file.parse.tree[0];
}

export const pairingControlChannel: OpenvpnRule = {
  id: 'openvpn/pairing-control-channel',
  language: 'openvpn',
  layer: 5,
  severity: 'error',
  summary: 'Control-channel protection (tls-auth, tls-crypt, tls-crypt-v2) that differs from the paired server, or two kinds in one place.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') return;
    const path = ctx.file.path;
    const cc = controlChannel(ctx);
    const client = tlsRole(ctx) === 'client' || ctx.kind === 'client';
    // Two kinds in one scope (top level or one <connection> block).
    const scopes = new Map<Directive | undefined, Map<ControlMode, Directive>>();
    for (const l of cc.lines) {
      let m = scopes.get(l.connection);
      if (!m) scopes.set(l.connection, (m = new Map()));
      if (!m.has(l.mode)) m.set(l.mode, l.node);
    }
    for (const m of scopes.values()) {
      const pairs: [ControlMode, ControlMode][] = [['tls-auth', 'tls-crypt']];
      if (client) pairs.push(['tls-auth', 'tls-crypt-v2'], ['tls-crypt', 'tls-crypt-v2']);
      for (const [a, b] of pairs) {
        const da = m.get(a);
        const db = m.get(b);
        if (!da || !db) continue;
        const [first, later] = da.range.start.line <= db.range.start.line ? [da, db] : [db, da];
        const line = later.range.start.line;
        report({
          range: later.nameRange,
          message: `\`${later.name}\` and \`${first.name}\` (line ${first.range.start.line + 1}) cannot both protect the control channel${b === 'tls-crypt-v2' ? ' of a client' : ''}, so openvpn refuses the config (L5); keep the one the ${client ? 'server' : 'clients'} use${client ? 's' : ''}.`,
          related: [{ path, range: first.range, message: `\`${first.name}\` is set here` }],
          fixes: [{ title: `Remove \`${later.name}\``, edits: [{ path, range: { start: { line, character: 0 }, end: { line: later.range.end.line + 1, character: 0 } }, newText: '' }] }],
        });
      }
    }
    if (ctx.kind !== 'client' || ctx.first('secret')) return;
    const servers = peerContexts(ctx).filter((s) => s.kind === 'server');
    if (!servers.length) return;
    const accepted = new Set<ControlMode>();
    for (const s of servers) for (const m of controlChannel(s).modes) accepted.add(m);
    const server = servers[0];
    const sLine = controlChannel(server).lines[0]?.node ?? serverAnchor(server);
    if (!sLine) return;
    const serverModes = [...accepted].filter((m) => m !== 'none');
    const serverText = serverModes.length ? serverModes.map((m) => `\`${m}\``).join(' or ') : describe('none');
    const related: Related[] = [{ path: server.file.path, range: sLine.range, message: `the server uses ${serverText}` }];
    for (const m of cc.modes) {
      if (accepted.has(m)) continue;
      const at = m === 'none' ? (ctx.first('client')?.node ?? ctx.first('tls-client')?.node) : cc.lines.find((l) => l.mode === m)?.node;
      if (!at) continue;
      const fix = m === 'none' ? 'add the server\'s key here' : serverModes.length ? `use ${serverText} with the server's key instead` : `remove it here or add \`${m}\` with the same key on the server`;
      report({
        range: at.nameRange,
        message: `This client uses ${describe(m)} but its server (${baseName(server.file.path)} line ${sLine.range.start.line + 1}) uses ${serverText}, so each side drops the other's control packets and the TLS handshake never starts (L5); ${fix}.`,
        related,
      });
    }
  },
};
