// Two forwards of one host that need the same listening socket: the second bind fails with
// "Address already in use". Local and dynamic forwards share the client's sockets; remote
// forwards share the server's, where sshd's GatewayPorts decides the address. ssh drops exact
// duplicates itself, and on Linux a wildcard and a specific address of the same family and port
// collide as well, which the socket model below follows.
import { requestedRemoteAddress, serverBind, type GatewayPorts } from '../bind';
import type { Directive } from '../../../engine/syntax';
import {
  clientGatewayPorts, clientView, connectionOf, exitsOnForwardFailure, forwardsCleared, hostLabel, listenText,
  type ClientForward, type ClientHost,
} from '../forwarding-client';
import { judge, serverRoots } from '../forwarding-server';
import type { SshRule } from './types';

interface Sock {
  fam: '4' | '6' | 'name';
  /** '*' for the family's wildcard. */
  addr: string;
}

const V4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const BOTH_WILD: Sock[] = [{ fam: '4', addr: '*' }, { fam: '6', addr: '*' }];
const LOOPBACK: Sock[] = [{ fam: '4', addr: '127.0.0.1' }, { fam: '6', addr: '::1' }];

function literal(host: string): Sock[] {
  const h = host.toLowerCase();
  if (h === '0.0.0.0') return [{ fam: '4', addr: '*' }];
  if (h === '::') return [{ fam: '6', addr: '*' }];
  if (V4.test(h)) return [{ fam: '4', addr: h }];
  if (h.includes(':')) return [{ fam: '6', addr: h }];
  return [{ fam: 'name', addr: h }];
}

/** Where a local or dynamic forward listens on the client (channel_fwd_bind_addr, client side). */
function clientSockets(host: string | undefined, gatewayYes: boolean): Sock[] {
  if (host === undefined) return gatewayYes ? BOTH_WILD : LOOPBACK;
  if (host === '' || host === '*') return BOTH_WILD;
  if (host.toLowerCase() === 'localhost') return LOOPBACK;
  return literal(host);
}

/** Where sshd binds a remote forward for a GatewayPorts mode. */
function serverSockets(host: string | undefined, mode: GatewayPorts): Sock[] {
  const requested = requestedRemoteAddress(host);
  const bind = serverBind(requested, mode);
  if (bind.scope === 'all interfaces') return mode === 'clientspecified' && requested !== '' && requested !== '*' ? literal(requested) : BOTH_WILD;
  if (bind.scope === 'loopback') return bind.address ? literal(bind.address) : LOOPBACK;
  return literal(bind.address ?? requested);
}

function conflicts(s: Sock, earlier: readonly Sock[]): boolean {
  if (s.fam === 'name') {
    return earlier.some((e) => e.fam === 'name' && e.addr === s.addr) || (earlier.some((e) => e.fam === '4' && e.addr === '*') && earlier.some((e) => e.fam === '6' && e.addr === '*'));
  }
  return earlier.some((e) => e.fam === s.fam && (e.addr === '*' || s.addr === '*' || e.addr === s.addr));
}

/** Whether every socket of `later` collides with one of `first`. */
const collides = (later: readonly Sock[], first: readonly Sock[]) => later.length > 0 && later.every((s) => conflicts(s, first));

/** ssh's forward_equals: identical forwards are added once. */
function identity(f: ClientForward): string {
  const l = f.spec.listen;
  const t = f.spec.target;
  return [f.spec.kind, l.host ?? '\0', l.port ?? '', l.socket ?? '', t?.host ?? '', t?.port ?? '', t?.socket ?? ''].join('|');
}

const MODES: GatewayPorts[] = ['no', 'yes', 'clientspecified'];
const LOCAL_KEYS = ['localforward', 'dynamicforward'];
const REMOTE_KEYS = ['remoteforward'];

export const forwardPortClash: SshRule = {
  id: 'ssh/forward-port-clash',
  language: 'ssh_config',
  layer: 4,
  severity: 'warning',
  summary: 'Two forwards of one host listening on the same port: the second fails with "Address already in use".',
  check(ctx, report) {
    const view = clientView(ctx);
    if (view.forwards.length < 2) return;
    const servers = serverRoots(ctx.peers(), ctx.ws);
    // A clash needs two forwards of one kind for one host.
    if (view.maxPerHost(LOCAL_KEYS) <= 1 && view.maxPerHost(REMOTE_KEYS) <= 1) return;
    const byNode = new Map<Directive, ClientForward>(view.forwards.map((f) => [f.line.node, f]));
    const reported = new Set<Directive>();
    const done = new Set<Directive | undefined>();

    const check = (host: ClientHost, list: ClientForward[], socketsOf: (f: ClientForward) => Sock[][], side: string) => {
      const eoff = exitsOnForwardFailure(host);
      const kept: ClientForward[] = [];
      const ids = new Set<string>();
      for (const f of list) {
        if (f.spec.listen.socket !== undefined || !f.spec.listen.port) continue;
        const id = identity(f);
        if (ids.has(id)) continue;
        ids.add(id);
        const mine = socketsOf(f);
        const same = kept.filter((e) => e.spec.listen.port === f.spec.listen.port);
        kept.push(f);
        if (!same.length || reported.has(f.line.node)) continue;
        // The bind fails when, for every mode considered, each of its sockets is already taken.
        const taken = mine.map((_, i) => same.flatMap((e) => socketsOf(e)[i]));
        if (!mine.every((m, i) => collides(m, taken[i]))) continue;
        const first = same.find((e) => socketsOf(e).some((s, i) => mine[i].some((m) => conflicts(m, s)))) ?? same[0];
        reported.add(f.line.node);
        const line = first.line.node.range.start.line + 1;
        const label = hostLabel(host);
        report({
          range: f.line.node.args[0].range,
          severity: eoff ? 'error' : 'warning',
          message: `This ${f.line.node.name} needs the same ${side} socket as the ${first.line.node.name} on line ${line} (\`${listenText(first)}\`)${label ? ` for ${label}` : ''}, so its bind fails with "Address already in use" and the forward is missing (L4); ${eoff ? 'with ExitOnForwardFailure yes ssh exits, so the whole connection fails; ' : ''}use another port.`,
          related: [{ path: ctx.file.path, range: first.line.node.range, message: 'the forward that takes the port first' }],
        });
      }
    };

    for (const f of view.forwards) {
      const section = f.line.section;
      if (done.has(section)) continue;
      done.add(section);
      for (const host of view.hostsOf(section)) {
        // A clash needs two forwards of one kind for the host.
        if (!host.mayHaveSeveral(LOCAL_KEYS) && !host.mayHaveSeveral(REMOTE_KEYS)) continue;
        if (forwardsCleared(host)) continue;
        const pick = (keys: string[]) => {
          const out: ClientForward[] = [];
          for (const k of keys) {
            for (const d of host.all(k)) {
              const x = byNode.get(d);
              if (x) out.push(x);
            }
          }
          return out.length > 1 ? out.sort((a, b) => a.line.node.range.start.line - b.line.node.range.start.line) : out;
        };
        const local = pick(['localforward', 'dynamicforward']);
        if (local.length > 1) {
          const gw = clientGatewayPorts(host);
          check(host, local, (x) => [clientSockets(x.spec.listen.host, gw)], 'local');
        }
        const remote = pick(['remoteforward']);
        if (remote.length > 1) {
          // With the server's file, its GatewayPorts decides; without it, report only what collides under every mode.
          const modes = new Set<GatewayPorts>(servers.length ? [] : MODES);
          for (const s of servers) {
            const j = judge(s, connectionOf(host), (eff) => eff.get('gatewayports').values[0] as GatewayPorts);
            for (const m of j.sure === j.maybe && MODES.includes(j.sure) ? [j.sure] : MODES) modes.add(m);
          }
          check(host, remote, (x) => [...modes].map((m) => serverSockets(x.spec.listen.host, m)), 'server');
        }
      }
    }
  },
};
