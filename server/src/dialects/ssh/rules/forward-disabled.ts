// Forwards that never carry traffic: ClearAllForwardings yes drops every forward of the
// configuration for a host; and, with an sshd_config in the workspace, the server refuses
// LocalForward/DynamicForward channels (DisableForwarding, AllowTcpForwarding,
// AllowStreamLocalForwarding, PermitOpen) or the Tunnel request (PermitTunnel).
// Remote forwards refused by the server are ssh/remote-forward-bind's.
import type { Related } from '../../../engine/rules';
import type { Severity } from '../../../engine/syntax';
import {
  clientView, connectionOf, exitsOnForwardFailure, forwardsCleared, hostLabel, type ClientForward, type ClientHost,
} from '../forwarding-client';
import {
  blameMatch, describeValue, forwardingRefusal, judge, matchWhere, permitOpenAllows, relatedFor, serverRoots,
  type Refusal, type ServerConfig, type ServerEffective,
} from '../forwarding-server';
import type { SshRule } from './types';

const KEYS = ['disableforwarding', 'allowtcpforwarding', 'allowstreamlocalforwarding', 'permitopen', 'permittunnel'];

type Outcome = { why: Refusal; extra?: string } | undefined;

function localOutcome(eff: ServerEffective, f: ClientForward): Outcome {
  const stream = f.spec.kind === 'local' && f.spec.target?.socket !== undefined;
  const why = forwardingRefusal(eff, 'local', stream);
  if (why) return { why };
  if (stream) return undefined;
  const po = eff.get('permitopen');
  const setting = { value: po, setting: `PermitOpen ${po.values.join(' ')}` };
  if (f.spec.kind === 'dynamic') return po.values.includes('none') ? { why: setting } : undefined;
  const t = f.spec.target;
  if (t?.host !== undefined && t.port !== undefined && !permitOpenAllows(po.values, t.host, t.port)) {
    return { why: setting, extra: `${t.host}:${t.port}` };
  }
  return undefined;
}

const TUN_MODES: Record<string, string> = { yes: 'point-to-point', 'point-to-point': 'point-to-point', ethernet: 'ethernet' };

function tunnelOutcome(eff: ServerEffective, mode: string): Outcome {
  const pt = eff.get('permittunnel');
  const v = pt.values[0] ?? 'no';
  if (v === 'yes' || v === mode) return undefined;
  return { why: { value: pt, setting: `PermitTunnel ${v}` } };
}

const keyOf = (o: Outcome) => (o ? o.why.value.key : 'ok');

interface Judgement {
  message: string;
  severity: Severity;
  related: Related[];
}

function judgeServer(
  config: ServerConfig, host: ClientHost, fn: (eff: ServerEffective) => Outcome, describe: (o: NonNullable<Outcome>, unless: string) => string, fatal: boolean,
): Judgement | undefined {
  const j = judge(config, connectionOf(host), fn);
  const related: Related[] = [];
  if (j.sure) {
    related.push(relatedFor(j.sure.why.value, config, 'the server setting that refuses this forward'));
    const certain = j.maybe !== undefined;
    let unless = '';
    if (!certain) {
      const m = blameMatch(undefined, j.unknown, config, KEYS);
      if (m) {
        unless = ` (unless ${matchWhere(m)} applies to this connection, which the client file cannot tell)`;
        related.push({ path: m.path, range: m.node.range, message: 'a Match block whose criteria cannot be checked from the client side' });
      }
    }
    return { message: describe(j.sure, unless), severity: fatal && certain ? 'error' : 'warning', related };
  }
  if (j.maybe && keyOf(j.maybe) !== keyOf(j.sure)) {
    const m = blameMatch(j.maybe.why.value, j.unknown, config, KEYS);
    related.push(relatedFor(j.maybe.why.value, config, 'the server setting that would refuse this forward'));
    if (m) related.push({ path: m.path, range: m.node.range, message: 'a Match block whose criteria cannot be checked from the client side' });
    const text = describe(j.maybe, '');
    return { message: `If ${m ? matchWhere(m) : 'a Match block'} applies to this connection (the client file cannot tell): ${text.charAt(0).toLowerCase()}${text.slice(1)}`, severity: 'warning', related };
  }
  return undefined;
}

function describeForward(o: NonNullable<Outcome>, f: ClientForward, config: ServerConfig, unless: string): string {
  const cover = `${o.extra ? `, which does not list ${o.extra}` : ''}${unless}`;
  const what = f.spec.kind === 'dynamic' ? 'every connection through this SOCKS proxy' : 'every connection through this LocalForward';
  const fix = o.why.value.key === 'permitopen' && f.spec.kind === 'local'
    ? 'add the target to PermitOpen for this user on the server or remove the forward'
    : 'allow local forwarding for this user on the server or remove the forward';
  return `The server refuses ${what} because ${describeValue(o.why.value, config)}${cover}, so ssh sets up the listener but each connection is closed with "administratively prohibited" (L4); ${fix}.`;
}

export const forwardDisabled: SshRule = {
  id: 'ssh/forward-disabled',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'A forward that never carries traffic: dropped by ClearAllForwardings, or refused by the server (AllowTcpForwarding, DisableForwarding, PermitOpen, PermitTunnel).',
  check(ctx, report) {
    const view = clientView(ctx);
    const servers = serverRoots(ctx.peers(), ctx.ws);
    for (const f of view.forwards) {
      const range = f.line.node.range;
      const cleared = view.sets('clearallforwardings') ? view.hostsOf(f.line.section).find(forwardsCleared) : undefined;
      if (cleared) {
        const clear = cleared.first('clearallforwardings')!;
        const label = hostLabel(cleared);
        report({
          range,
          message: `ClearAllForwardings yes (line ${clear.range.start.line + 1}) makes ssh drop every forward of its configuration${label ? ` for ${label}` : ''}, so this ${f.line.node.name} is never set up (L4); remove ClearAllForwardings or the forward.`,
          related: [{ path: ctx.file.path, range: clear.range, message: 'ClearAllForwardings yes drops the configured forwards' }],
        });
        continue;
      }
      if (f.spec.kind === 'remote' || !servers.length) continue;
      const seen = new Set<string>();
      for (const host of view.hostsOf(f.line.section)) {
        for (const config of servers) {
          const r = judgeServer(config, host, (eff) => localOutcome(eff, f), (o, unless) => describeForward(o, f, config, unless), false);
          if (!r || seen.has(r.message)) continue;
          seen.add(r.message);
          report({ range, message: r.message, severity: r.severity, related: r.related });
        }
      }
    }
    if (!servers.length) return;
    for (const line of ctx.lines) {
      if (line.key !== 'tunnel') continue;
      const mode = TUN_MODES[line.node.args[0]?.value.toLowerCase() ?? ''];
      if (!mode) continue;
      const seen = new Set<string>();
      for (const host of view.hostsOf(line.section)) {
        if (host.first('tunnel') !== line.node) continue;
        const eoff = exitsOnForwardFailure(host);
        for (const config of servers) {
          const describe = (o: NonNullable<Outcome>, unless: string) =>
            `The server refuses this ${mode} tunnel because ${describeValue(o.why.value, config)}${unless}, so no tun/tap device is set up (L4); ${eoff ? 'with ExitOnForwardFailure yes ssh exits, so the whole connection fails; ' : ''}set PermitTunnel ${mode} (or yes) for this user on the server or remove Tunnel.`;
          const r = judgeServer(config, host, (eff) => tunnelOutcome(eff, mode), describe, eoff);
          if (!r || seen.has(r.message)) continue;
          seen.add(r.message);
          report({ range: line.node.range, message: r.message, severity: r.severity, related: r.related });
        }
      }
    }
  },
};
