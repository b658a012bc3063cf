// The ports a relay target reaches, for the rules that compare them with the target's TLS: its own
// port, else the ports of the upstream blocks it names, looked up among the upstreams of the
// file's configuration (configUpstreams). Each name's ports are worked out once per configuration
// and workspace state.
import { Memo } from '../../engine/memo';
import type { NginxContext } from './analysis';
import { configView, type ConfigView } from './relay-graph';
import { argValueOf } from './tree';
import { isLoopback, parseTarget, targetSocketOrPort, type Target } from './target';
import { configUpstreams, type UpstreamBlock } from './upstreams';

export interface Reach {
  ports: number[];
  hosts: string[];
  upstream?: readonly UpstreamBlock[];
}

/** The reach of each upstream name of one family of a configuration asked about. */
interface FamilyReach {
  /** null: the upstream's ports are unknown; 'none': there is no such upstream. */
  reach: Map<string, Reach | null | 'none'>;
  /** Per set of ports, per upstream name: whether its every server port is known and in the set (see upstreamsAllIn). */
  allIn: Map<ReadonlySet<number>, Map<string, AllIn>>;
}

interface ConfigReach {
  http?: FamilyReach;
  stream?: FamilyReach;
}

/** Each configuration's reach. */
const reachOf = new Memo<ConfigView, ConfigReach>();

function familyReach(ctx: NginxContext, family: 'http' | 'stream'): FamilyReach {
  const view = configView(ctx);
  let config = reachOf.get(view);
  if (!config) reachOf.set(view, (config = {}));
  return (config[family] ??= { reach: new Map(), allIn: new Map() });
}

/**
 * The ports a target reaches: its own port, else the ports of the upstream it names (every
 * `server` in it, default `fallback`), else the scheme's default. Undefined when unknown.
 */
export function targetPorts(ctx: NginxContext, target: Target, family: 'http' | 'stream', fallback: number | undefined): Reach | undefined {
  if (target.variable || target.unix) return undefined;
  if (target.port !== undefined) return { ports: [target.port], hosts: [target.host] };
  const up = upstreamReach(ctx, familyReach(ctx, family), family, target.host);
  if (up !== 'none') return up ?? undefined;
  return fallback === undefined ? undefined : { ports: [fallback], hosts: [target.host] };
}

/**
 * `targetPorts(ctx, target, family, undefined)` when every port it reaches is in `set`, else
 * undefined. Most targets reach other ports: their upstreams are sorted out once per set, each
 * at its first server line on another port, without a reach of their own.
 */
export function targetPortsAllIn(ctx: NginxContext, target: Target, family: 'http' | 'stream', set: ReadonlySet<number>): Reach | undefined {
  if (target.variable || target.unix) return undefined;
  if (target.port !== undefined) return set.has(target.port) ? { ports: [target.port], hosts: [target.host] } : undefined;
  const fr = familyReach(ctx, family);
  let names = fr.allIn.get(set);
  if (!names) fr.allIn.set(set, (names = upstreamsAllIn(ctx, family, set)));
  return names.get(target.host) === AllIn.Yes ? targetPorts(ctx, target, family, undefined) : undefined;
}

const enum AllIn {
  /** No server line so far. */
  Empty,
  /** Every server line so far is on a known port in the set. */
  Yes,
  /** A server line is on another port, or on one not known. */
  No,
}

/** Per upstream name, whether it has server lines, all on known ports in `set` (decided at the first that is not). */
function upstreamsAllIn(ctx: NginxContext, family: 'http' | 'stream', set: ReadonlySet<number>): Map<string, AllIn> {
  const out = new Map<string, AllIn>();
  for (const [name, blocks] of configUpstreams(ctx, family)) {
    // Blocks of one name are one upstream to us: a block on other ports rules the name out.
    let verdict: AllIn = AllIn.Empty;
    for (let i = 0; i < blocks.length && verdict !== AllIn.No; i++) {
      for (const s of blocks[i].node.children!) {
        const raw = s.name === 'server' ? argValueOf(s, 0) : undefined;
        if (raw === undefined) continue;
        const at = targetSocketOrPort(raw);
        const port = typeof at === 'number' ? at : family === 'http' ? 80 : undefined;
        if (raw.includes('$') || (typeof at === 'string' && at !== '') || port === undefined || !set.has(port)) {
          verdict = AllIn.No;
          break;
        }
        verdict = AllIn.Yes;
      }
    }
    out.set(name, verdict);
  }
  return out;
}

/** The ports and hosts of the upstream blocks named `name`. */
function upstreamReach(ctx: NginxContext, fr: FamilyReach, family: 'http' | 'stream', name: string): Reach | null | 'none' {
  const hit = fr.reach.get(name);
  if (hit !== undefined) return hit;
  const ups = configUpstreams(ctx, family).get(name);
  let out: Reach | null | 'none' = 'none';
  if (ups) {
    const ports: number[] = [];
    const hosts: string[] = [];
    let known = true;
    for (const u of ups) {
      // The server lines are read here rather than through upstreamLinesOf: the reach is kept per
      // name, so its per-block memo would only add a weak map entry for every upstream.
      for (const s of u.node.children!) {
        const raw = s.name === 'server' ? argValueOf(s, 0) : undefined;
        if (raw === undefined) continue;
        const t = parseTarget(raw);
        const port = t.port ?? (family === 'http' ? 80 : undefined);
        if (t.variable || t.unix || port === undefined) known = false;
        else {
          ports.push(port);
          hosts.push(t.host);
        }
      }
    }
    out = known && ports.length ? { ports, upstream: ups, hosts } : null;
  }
  fr.reach.set(name, out);
  return out;
}

/** Whether every host of a target is this machine (no one can sit on that path). */
export function allLoopback(hosts: readonly string[]): boolean {
  return hosts.length > 0 && hosts.every((h) => isLoopback(h));
}

/** `host:port` list of an upstream's or target's ports, for messages. */
export function describePorts(ports: readonly number[]): string {
  const unique = [...new Set(ports)];
  return unique.length === 1 ? `port ${unique[0]}` : `ports ${unique.join(', ')}`;
}

/** Where a target reaches, for messages: its ports, or the upstream it names and its servers' ports. */
export function describeReach(target: Target, reach: Reach): string {
  return reach.upstream ? `upstream "${target.host}", whose servers use ${describePorts(reach.ports)}` : describePorts(reach.ports);
}
