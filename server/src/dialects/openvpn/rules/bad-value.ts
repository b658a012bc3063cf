// Argument values openvpn refuses or misreads: protocols, the words of options that take a fixed
// set, ports outside 1-65535, non-numbers where a number goes, IPv4 addresses and netmasks of
// ifconfig/route/server/iroute, IPv6 prefixes, and ranges openvpn enforces (fragment, shaper ...).
// Errors where openvpn refuses the file (or a route certainly cannot be installed); warnings where
// openvpn silently uses something else. Pushed values are checked by the client: warnings.
import type { Arg } from '../../../engine/syntax';
import { setsServerMode } from '../lexicon-facts';
import { lexLines, type LexLine } from '../lexicon-lines';
import { valueProblems } from '../lexicon-values';
import type { OpenvpnRule } from './types';

type ReportFn = Parameters<OpenvpnRule['check']>[1];

/**
 * TCP roles openvpn cannot settle: plain tcp/tcp4/tcp6 only works with `client` (which makes it
 * tcp-client) or in server mode (tcp-server); a TCP client needs a remote; a TCP server (outside
 * server mode) takes at most one remote.
 */
function tcpRoles(lines: LexLine[], path: string, report: ReportFn): void {
  const tops = lines.filter((l) => !l.line.pushed && l.soft !== 'setenv-opt');
  const client = tops.some((l) => l.name === 'client' && !l.line.connection);
  const serverMode = tops.some((l) => !l.line.connection && setsServerMode(l.name, l.args[0]?.value));
  const remotes = tops.filter((l) => l.name === 'remote' && l.args.length > 0);
  const protos: { l: LexLine; a: Arg }[] = [];
  for (const l of tops) {
    if (l.name === 'proto' && l.args[0]) protos.push({ l, a: l.args[0] });
    if (l.name === 'remote' && l.args[2]) protos.push({ l, a: l.args[2] });
  }
  for (const { a } of protos) {
    const m = /^tcp([46]?)(?:-(client|server))?$/.exec(a.value);
    if (!m) continue;
    if (!m[2] && !client && !serverMode) {
      const role = remotes.length ? 'client' : 'server';
      const fix = `tcp${m[1]}-${role}`;
      report({
        range: a.range,
        message: `"${a.value}" does not say which side connects: without \`client\` or server mode openvpn refuses the file (L4); write ${fix} (this side ${role === 'client' ? 'connects to the remote' : 'listens'}).`,
        fixes: [{ title: `Change to ${fix}`, preferred: true, edits: [{ path, range: a.range, newText: fix }] }],
      });
    } else if (m[2] === 'client' && !remotes.length) {
      report({ range: a.range, message: `A TCP client needs a remote to connect to, and this config has none, so openvpn refuses it (L4); add \`remote host port\` or use tcp${m[1]}-server.` });
    } else if (m[2] === 'server' && !serverMode && remotes.length > 1) {
      report({ range: a.range, message: `A point-to-point TCP server accepts one peer, but this config lists ${remotes.length} remotes, so openvpn refuses it (L4); keep one remote or use tcp${m[1]}-client.` });
    }
  }
}

export const openvpnBadValue: OpenvpnRule = {
  id: 'openvpn/bad-value',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'An argument openvpn refuses or misreads: a bad protocol, port, address, netmask, number or keyword.',
  check(ctx, report) {
    const lines = lexLines(ctx);
    const fqdn = lines.some((l) => l.name === 'allow-pull-fqdn' && !l.line.pushed);
    const dev = lines.find((l) => l.name === 'dev' && !l.line.pushed)?.args[0]?.value ?? '';
    const devType = lines.find((l) => l.name === 'dev-type' && !l.line.pushed)?.args[0]?.value;
    const tun = (devType ?? dev).startsWith('tun');
    tcpRoles(lines, ctx.file.path, report);
    for (const l of lines) {
      for (const p of valueProblems(l, { fqdn, tun }, ctx.file.path)) {
        report({
          range: p.range,
          severity: l.line.pushed && p.severity === 'error' ? 'warning' : p.severity,
          layer: l.spec!.layer,
          message: l.line.pushed ? `In this push: ${p.message.replace(/openvpn refuses the file/g, 'clients reject the pushed option')}` : p.message,
          fixes: p.fixes,
        });
      }
    }
  },
};
