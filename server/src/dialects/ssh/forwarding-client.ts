// The client side of forwarding, for the forwarding rules: every forward line parsed, and the
// effective configuration of the hosts a forward's section stands for. A Host section with literal
// names stands for those names; one with only wildcards (and the global part, and Match blocks
// without a literal host) stands for a made-up host that no literal section names. Sections with
// literal names only are indexed by name, so the cost stays linear in the file for the usual
// one-alias-per-block files.
import type { Directive } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import { clientMatch, type ClientTarget } from './effective';
import { parseForward, type ForwardSpec } from './forward';
import { matchPattern } from './patterns';
import { wildcardIndex } from './hosts-scope';
import { keywordsOf } from './schema';

export interface ClientForward {
  line: Line;
  spec: ForwardSpec;
}

/** A host a section stands for, with the effective lines for it. */
export interface ClientHost {
  target: ClientTarget;
  /** True when the host name is made up (a wildcard or global section). */
  synthetic: boolean;
  /** The first line of a first-value-wins keyword. */
  first(key: string): Directive | undefined;
  /** Every line of a repeatable keyword, in file order. */
  all(key: string): Directive[];
  /** The first value of a keyword, lower case, when set. */
  value(key: string): string | undefined;
}

const ANY_HOST = 'layerwise-any-host.invalid';
const MAX_TARGETS = 4;

export interface ClientView {
  forwards: ClientForward[];
  /** The hosts a section (undefined: the global part) stands for. */
  hostsOf(section: Directive | undefined): ClientHost[];
  /** A host matched only by sections that apply to every host. */
  anyHost(): ClientHost;
}

const cache = new WeakMap<SshContext, ClientView>();

const isLiteral = (p: string) => !/[*?!]/.test(p) && !p.includes(',');

/**
 * The first positive `host` or `originalhost` criterion of a client Match line whose value lists
 * literal names only (lower case), read the way clientMatch() reads the criteria.
 */
function literalHostCriterion(section: Directive): { original: boolean; names: string[] } | undefined {
  const a = section.args;
  for (let i = 0; i < a.length; i++) {
    let crit = a[i].value.toLowerCase();
    const negate = crit.startsWith('!');
    if (negate) crit = crit.slice(1);
    if (crit === 'all' || crit === 'canonical' || crit === 'final') continue;
    const value = a[++i]?.value;
    if (value === undefined) return undefined;
    if (negate || (crit !== 'host' && crit !== 'originalhost')) continue;
    const names = value.split(',').filter((p) => p !== '');
    if (!names.length || names.some((p) => p.startsWith('!') || p.includes('*') || p.includes('?'))) return undefined;
    return { original: crit === 'originalhost', names: names.map((p) => p.toLowerCase()) };
  }
  return undefined;
}

export function clientView(ctx: SshContext): ClientView {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const tree = ctx.file.parse.tree;
  const globals: Directive[] = [];
  const order = new Map<Directive, number>();
  const literal = new Map<string, number[]>();
  /** Host sections with wildcards or negations: their patterns, split once. */
  const patterns = new Map<number, { p: string; neg: boolean }[]>();
  /** Those Host sections, found for a name through their literal suffix or prefix. */
  const wildHosts: Directive[] = [];
  // Match blocks. One with a positive `host` or `originalhost` criterion whose value lists only
  // literal names answers "no" for every other name as soon as that criterion is read (any
  // criterion before it either needs no value or has one), so it is looked up by those names;
  // the others are checked for every host.
  const matchAlways: number[] = [];
  const matchByHost = new Map<string, number[]>();
  const matchByOriginal = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, k: string, i: number) => {
    const list = m.get(k);
    if (!list) m.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  tree.forEach((d, i) => {
    if (!d.children) {
      globals.push(d);
      return;
    }
    order.set(d, i);
    const key = d.name.toLowerCase();
    if (key === 'host' && d.args.length && d.args.every((a) => isLiteral(a.value))) {
      for (const a of d.args) add(literal, a.value.toLowerCase(), i);
    } else if (key === 'host') {
      const list = d.args.flatMap((a) => a.value.split(',')).filter(Boolean)
        .map((p) => (p.startsWith('!') ? { p: p.slice(1), neg: true } : { p, neg: false }));
      patterns.set(i, list);
      wildHosts.push(d);
    } else {
      const keyed = literalHostCriterion(d);
      if (!keyed) matchAlways.push(i);
      else for (const name of keyed.names) add(keyed.original ? matchByOriginal : matchByHost, name, i);
    }
  });
  const wildcards = wildcardIndex(wildHosts);
  const keywords = keywordsOf('client');

  /** Host pattern matching as match_pattern_list does it: a matching negation vetoes. */
  const hostMatches = (name: string, list: readonly { p: string; neg: boolean }[]) => {
    let hit = false;
    for (const { p, neg } of list) {
      if (!matchPattern(name, p)) continue;
      if (neg) return false;
      hit = true;
    }
    return hit;
  };

  const hostCache = new Map<Directive | undefined, ClientHost[]>();
  const byIndex = (a: number, b: number) => a - b;

  function evaluate(name: string, force: Directive | undefined, synthetic: boolean): ClientHost {
    const target: ClientTarget = { host: name };
    const lines = new Map<string, Directive[]>();
    const take = (d: Directive) => {
      const key = d.name.toLowerCase();
      const have = lines.get(key);
      if (!have) {
        lines.set(key, [d]);
        const v = d.args[0]?.value;
        if (key === 'user' && v && !v.includes('%')) target.user = v;
        if (key === 'hostname' && v && !v.includes('%')) target.hostName = v;
      } else if (keywords.get(key)?.repeatable) have.push(d);
    };
    globals.forEach(take);
    // The sections that may apply to this name, in file order: its literal sections, the wildcard
    // sections whose patterns it may match, the Match blocks that are not keyed by name, and those
    // keyed by the name ssh compares at that point (the HostName once one is obtained).
    const lower = name.toLowerCase();
    const idx: number[] = [];
    const push = (list: readonly number[] | undefined, after = -1) => {
      if (list) for (const i of list) if (i > after) idx.push(i);
    };
    if (!synthetic) push(literal.get(lower));
    for (const d of wildcards.candidates(lower)) idx.push(order.get(d)!);
    push(matchAlways);
    push(matchByOriginal.get(lower));
    push(matchByHost.get(lower));
    let keyedOnHostName = target.hostName !== undefined;
    if (keyedOnHostName) push(matchByHost.get(target.hostName!.toLowerCase()));
    const forced = force ? order.get(force) : undefined;
    if (forced !== undefined) idx.push(forced);
    idx.sort(byIndex);
    let last = -1;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (i === last) continue;
      last = i;
      const s = tree[i];
      let applies = i === forced;
      if (!applies) {
        const list = patterns.get(i);
        if (list) applies = hostMatches(name, list);
        else if (s.name.toLowerCase() === 'host') applies = true; // literal sections are here because they name this host
        else applies = clientMatch(s, target) === 'yes';
      }
      if (!applies) continue;
      s.children!.forEach(take);
      if (!keyedOnHostName && target.hostName !== undefined) {
        // From here on `Match host` compares the HostName: add the blocks keyed by it.
        keyedOnHostName = true;
        const more = matchByHost.get(target.hostName.toLowerCase());
        if (more?.some((j) => j > i)) {
          const rest = idx.slice(k + 1);
          for (const j of more) if (j > i) rest.push(j);
          rest.sort(byIndex);
          idx.length = k + 1;
          for (const j of rest) idx.push(j);
        }
      }
    }
    return {
      target,
      synthetic,
      first: (key) => lines.get(key.toLowerCase())?.[0],
      all: (key) => lines.get(key.toLowerCase()) ?? [],
      value: (key) => lines.get(key.toLowerCase())?.[0]?.args[0]?.value.toLowerCase(),
    };
  }

  function namesOf(section: Directive | undefined): { name: string; synthetic: boolean }[] {
    if (!section) return [{ name: ANY_HOST, synthetic: true }];
    const key = section.name.toLowerCase();
    const args = section.args.map((a) => a.value);
    let positives: string[];
    if (key === 'host') positives = args.flatMap((a) => a.split(',')).filter((p) => p && !p.startsWith('!'));
    else {
      positives = [];
      for (let i = 0; i < args.length; i++) {
        const c = args[i].toLowerCase();
        if (c === 'all' || c === 'canonical' || c === 'final' || c === '!all') continue;
        const v = args[++i];
        if ((c === 'host' || c === 'originalhost') && v) positives.push(...v.split(',').filter((p) => p && !p.startsWith('!')));
      }
    }
    const literals = positives.filter(isLiteral).slice(0, MAX_TARGETS);
    if (literals.length) return literals.map((name) => ({ name, synthetic: false }));
    const pattern = positives.find((p) => p !== '*');
    if (pattern) return [{ name: pattern.replace(/\*/g, 'layerwise-any').replace(/\?/g, 'x'), synthetic: true }];
    return [{ name: ANY_HOST, synthetic: true }];
  }

  const forwards: ClientForward[] = [];
  for (const line of ctx.lines) {
    if (line.key !== 'localforward' && line.key !== 'remoteforward' && line.key !== 'dynamicforward') continue;
    const parsed = parseForward(line.node.name, line.node.args, line.node.range);
    if (parsed.ok) forwards.push({ line, spec: parsed.spec });
  }

  let any: ClientHost | undefined;
  const view: ClientView = {
    forwards,
    hostsOf(section) {
      let hosts = hostCache.get(section);
      if (!hosts) {
        hosts = namesOf(section).map(({ name, synthetic }) => evaluate(name, section, synthetic));
        hostCache.set(section, hosts);
      }
      return hosts;
    },
    anyHost() {
      any ??= evaluate(ANY_HOST, undefined, true);
      return any;
    },
  };
  cache.set(ctx, view);
  return view;
}

/** `Host web` / `Match host db` for messages, or undefined for a made-up host. */
export function hostLabel(h: ClientHost): string | undefined {
  return h.synthetic ? undefined : h.target.host;
}

/** Whether ExitOnForwardFailure is yes for the host. */
export function exitsOnForwardFailure(h: ClientHost): boolean {
  return h.value('exitonforwardfailure') === 'yes';
}

/** Whether the client's GatewayPorts is yes for the host. */
export function clientGatewayPorts(h: ClientHost): boolean {
  return h.value('gatewayports') === 'yes';
}

/** A forward's listen part as written, e.g. `*:8080`. */
export function listenText(f: ClientForward): string {
  return f.line.node.args[0]?.text ?? '';
}

/** Whether ClearAllForwardings yes drops every configured forward for the host. */
export function forwardsCleared(h: ClientHost): boolean {
  return h.value('clearallforwardings') === 'yes';
}

/** The server connection a client host makes, as far as the client file tells. */
export function connectionOf(h: ClientHost): { user?: string } {
  return h.target.user ? { user: h.target.user } : {};
}
