// A RemoteForward whose listening socket on the server is not what the client asked for: sshd's
// GatewayPorts decides the bind (no: loopback whatever was asked; yes: all interfaces whatever was
// asked; clientspecified: the client's address), and AllowTcpForwarding, DisableForwarding,
// AllowStreamLocalForwarding and PermitListen can refuse the forward outright. With an
// sshd_config in the workspace the server's effective values for this host's connection decide;
// alone, the rule points out that a public bind depends on the server.
import { asksForPublic, requestedRemoteAddress, serverBind, type Bind, type GatewayPorts } from '../bind';
import type { Severity } from '../../../engine/syntax';
import type { Related } from '../../../engine/rules';
import {
  clientView, connectionOf, exitsOnForwardFailure, forwardsCleared, listenText, type ClientForward, type ClientHost,
} from '../forwarding-client';
import {
  blameMatch, describeValue, forwardingRefusal, judge, matchWhere, permitListenAllows, relatedFor, serverRoots,
  type Judged, type Refusal, type ServerConfig, type ServerEffective, type ServerValue,
} from '../forwarding-server';
import type { SshRule } from './types';

const KEYS = ['disableforwarding', 'allowtcpforwarding', 'allowstreamlocalforwarding', 'permitlisten', 'gatewayports'];

type Outcome =
  | { kind: 'refused'; why: Refusal; extra?: string }
  | { kind: 'bind'; bind: Bind; gp: ServerValue }
  | { kind: 'ok' };

function outcomeOf(eff: ServerEffective, f: ClientForward): Outcome {
  const stream = f.spec.listen.socket !== undefined;
  const why = forwardingRefusal(eff, 'remote', stream);
  if (why) return { kind: 'refused', why };
  if (stream) return { kind: 'ok' };
  const requested = requestedRemoteAddress(f.spec.listen.host);
  const port = f.spec.listen.port ?? 0;
  const pl = eff.get('permitlisten');
  if (!permitListenAllows(pl.values, requested, port)) {
    return { kind: 'refused', why: { value: pl, setting: `PermitListen ${pl.values.join(' ')}` }, extra: `${requested || '*'}:${port}` };
  }
  const gp = eff.get('gatewayports');
  const mode = (['yes', 'no', 'clientspecified'].includes(gp.values[0]) ? gp.values[0] : 'no') as GatewayPorts;
  return { kind: 'bind', bind: serverBind(requested, mode), gp };
}

const keyOf = (o: Outcome) => (o.kind === 'refused' ? `refused:${o.why.value.key}` : o.kind === 'bind' ? `bind:${o.bind.scope}` : 'ok');

type Problem = 'refused' | 'narrowed' | 'widened' | undefined;

function problemOf(o: Outcome, f: ClientForward): Problem {
  if (o.kind === 'refused') return 'refused';
  if (o.kind !== 'bind') return undefined;
  const host = f.spec.listen.host;
  const isPublic = asksForPublic(host);
  if (isPublic && o.bind.scope === 'loopback') return 'narrowed';
  const all = host === '' || host === '*' || host === '0.0.0.0' || host === '::';
  if (!all && o.bind.scope === 'all interfaces') return 'widened';
  return undefined;
}

function asked(f: ClientForward): string {
  const host = f.spec.listen.host;
  const text = `\`${listenText(f)}\``;
  if (host === '' || host === '*' || host === '0.0.0.0' || host === '::') return `all interfaces (${text})`;
  if (host === undefined || !asksForPublic(host)) return `loopback only (${text})`;
  return `the address ${host} only (${text})`;
}

function describe(o: Outcome, f: ClientForward, config: ServerConfig, eoff: boolean): string {
  const port = f.spec.listen.port ?? 0;
  if (o.kind === 'refused') {
    const cover = o.extra ? `, which does not cover ${o.extra}` : '';
    const what = f.spec.listen.socket ? `the socket ${f.spec.listen.socket}` : `port ${port}`;
    const then = eoff ? 'ExitOnForwardFailure yes makes ssh exit, so the whole connection fails' : 'ssh only logs a warning and carries on without the forward';
    return `the server refuses this remote forward because ${describeValue(o.why.value, config)}${cover}, so nothing listens on ${what} there; ${then}`;
  }
  if (o.kind === 'bind' && problemOf(o, f) === 'narrowed') {
    return `RemoteForward asks for ${asked(f)}, but the server binds it to loopback only because ${describeValue(o.gp, config)}, so other machines cannot reach port ${port}`;
  }
  if (o.kind === 'bind') {
    return `RemoteForward asks for ${asked(f)}, but the server binds it to all interfaces because ${describeValue(o.gp, config)}, so anyone who can reach the server can use port ${port}`;
  }
  return '';
}

function advice(p: Exclude<Problem, undefined>, o: Outcome): string {
  if (p === 'refused') {
    return o.kind === 'refused' && o.why.value.key === 'permitlisten'
      ? 'add the address and port to PermitListen on the server or use one it lists'
      : 'allow forwarding for this user on the server or remove the forward';
  }
  if (p === 'narrowed') return 'set GatewayPorts clientspecified on the server (ideally in a Match block for this user) or drop the bind address';
  return 'set GatewayPorts clientspecified (or no) on the server so the requested address is kept';
}

/** What happens in the other case, in a few words. */
function instead(o: Outcome, f: ClientForward): string {
  if (!problemOf(o, f)) return 'the requested address is kept';
  if (o.kind === 'refused') return 'the server refuses the forward';
  if (o.kind === 'bind' && o.bind.scope === 'loopback') return 'it binds to loopback only';
  if (o.kind === 'bind' && o.bind.scope === 'all interfaces') return 'it binds to all interfaces';
  return 'the outcome differs';
}

const decider = (o: Outcome): ServerValue | undefined => (o.kind === 'refused' ? o.why.value : o.kind === 'bind' ? o.gp : undefined);

function judgeOne(
  f: ClientForward, host: ClientHost, config: ServerConfig,
): { message: string; severity: Severity; related: Related[] } | undefined {
  const eoff = exitsOnForwardFailure(host);
  const j: Judged<Outcome> = judge(config, connectionOf(host), (eff) => outcomeOf(eff, f));
  const sureProblem = problemOf(j.sure, f);
  const maybeProblem = problemOf(j.maybe, f);
  const same = keyOf(j.sure) === keyOf(j.maybe) || (sureProblem === 'refused' && maybeProblem === 'refused');
  const related: Related[] = [];
  const decides = (o: Outcome, msg: string) => {
    const v = decider(o);
    if (v) related.push(relatedFor(v, config, msg));
  };
  if (sureProblem) {
    let text = describe(j.sure, f, config, eoff);
    decides(j.sure, 'the server setting that decides this forward');
    if (!same) {
      const m = blameMatch(decider(j.maybe), j.unknown, config, KEYS);
      if (m) {
        text += ` (if ${matchWhere(m)} applies to this connection, which the client file cannot tell, ${instead(j.maybe, f)} instead)`;
        related.push({ path: m.path, range: m.node.range, message: 'a Match block whose criteria cannot be checked from the client side' });
      }
    }
    const severity: Severity = sureProblem === 'refused' ? (eoff && same ? 'error' : 'warning') : 'warning';
    return { message: `${capital(text)} (L4); ${advice(sureProblem, j.sure)}.`, severity, related };
  }
  if (maybeProblem && !same) {
    const m = blameMatch(decider(j.maybe), j.unknown, config, KEYS);
    const where = m ? matchWhere(m) : 'a Match block';
    const text = describe(j.maybe, f, config, eoff);
    decides(j.maybe, 'the server setting that would decide this forward');
    if (m) related.push({ path: m.path, range: m.node.range, message: 'a Match block whose criteria cannot be checked from the client side' });
    return { message: `If ${where} applies to this connection (the client file cannot tell), ${text} (L4); ${advice(maybeProblem, j.maybe)}.`, severity: 'warning', related };
  }
  return undefined;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const remoteForwardBind: SshRule = {
  id: 'ssh/remote-forward-bind',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'A RemoteForward the server binds differently from what was asked (GatewayPorts) or refuses (AllowTcpForwarding, DisableForwarding, PermitListen).',
  check(ctx, report) {
    const view = clientView(ctx);
    const remotes = view.forwards.filter((f) => f.spec.kind === 'remote');
    if (!remotes.length) return;
    const servers = serverRoots(ctx.peers(), ctx.ws);
    for (const f of remotes) {
      const range = f.line.node.args[0].range;
      const hosts = view.hostsOf(f.line.section).filter((h) => !forwardsCleared(h));
      if (!hosts.length) continue;
      const port = f.spec.listen.port ?? 0;
      if (!servers.length) {
        if (f.spec.listen.socket !== undefined || !asksForPublic(f.spec.listen.host)) continue;
        report({
          range,
          severity: 'info',
          message: `RemoteForward asks the server to listen on ${asked(f)}, but sshd keeps remote forwards on loopback unless its GatewayPorts is clientspecified or yes, and the default is no (L4); check the server's sshd_config, or other machines will not reach port ${port}.`,
        });
        continue;
      }
      const seen = new Set<string>();
      for (const host of hosts) {
        // Ports below 1024 need root on the server: ssh/privileged-forward-port explains those.
        if (port > 0 && port < 1024 && f.spec.listen.socket === undefined && host.target.user !== 'root') continue;
        for (const config of servers) {
          const r = judgeOne(f, host, config);
          if (!r || seen.has(r.message)) continue;
          seen.add(r.message);
          report({ range, message: r.message, severity: r.severity, related: r.related });
        }
      }
    }
  },
};
