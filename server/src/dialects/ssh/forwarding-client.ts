// The client side of forwarding, for the forwarding rules: every forward line parsed, and the
// effective configuration of the hosts a forward's section stands for. A Host section with literal
// names stands for those names; one with only wildcards (and the global part, and Match blocks
// without a literal host) stands for a made-up host that no literal section names. Sections with
// literal names only are indexed by name, so the cost stays linear in the file for the usual
// one-alias-per-block files.
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import { clientMatch, type ClientTarget } from './effective';
import { parseForward, type ForwardSpec } from './forward';
import { matchPattern } from './patterns';
import { hostPatterns, hostSections, wildcardIndex, type WildcardIndex } from './hosts-scope';
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
  /** Whether the host may get more than one line of these (repeatable) keywords; false is certain. */
  mayHaveSeveral(keys: readonly string[]): boolean;
}

const ANY_HOST = 'layerwise-any-host.invalid';
const MAX_TARGETS = 4;

export interface ClientView {
  forwards: ClientForward[];
  /** The hosts a section (undefined: the global part) stands for. */
  hostsOf(section: Directive | undefined): ClientHost[];
  /** A host matched only by sections that apply to every host. */
  anyHost(): ClientHost;
  /** Whether some line of the file has this keyword (lower case); when not, no host gets it. */
  sets(key: string): boolean;
  /** An upper bound on the lines of these keywords that one host can get. */
  maxPerHost(keys: readonly string[]): number;
}

const cache = new Memo<SshContext, ClientView>();

/** A name without wildcards, negation or a comma. */
function isLiteral(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 42 || c === 63 || c === 33 || c === 44) return false; // * ? ! ,
  }
  return true;
}

/** A Host section whose arguments are all literal names (looked up by name; the others may apply to any name). */
function isLiteralHostSection(d: Directive): boolean {
  return d.name.length === 4 && d.name.toLowerCase() === 'host' && d.args.length > 0 && d.args.every((a) => isLiteral(a.value));
}

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

/** Sections up to this many lines are scanned for a keyword; longer ones get a keyword map. */
const SCAN_LIMIT = 16;
const NO_LINES: readonly Directive[] = [];

/** The parts of a client file the host evaluation reads, built once per file. */
class HostIndex {
  readonly globals: Directive[] = [];
  readonly order = new Map<Directive, number>();
  /** Host sections with literal names only, by lower-case name. */
  readonly literal = new Map<string, number[]>();
  /** Host sections with wildcards or negations: their patterns, split once. */
  readonly patterns = new Map<number, { p: string; neg: boolean }[]>();
  readonly wildcards: WildcardIndex;
  // Match blocks. One with a positive `host` or `originalhost` criterion whose value lists only
  // literal names answers "no" for every other name as soon as that criterion is read (any
  // criterion before it either needs no value or has one), so it is looked up by those names;
  // the others are checked for every host.
  readonly matchAlways: number[] = [];
  readonly matchByHost = new Map<string, number[]>();
  readonly matchByOriginal = new Map<string, number[]>();
  /** What `take` collected from the global lines: the first line, more only for repeatable keywords. */
  readonly globalLines: Map<string, Directive[]>;
  /** The first User and HostName line of the global part. */
  readonly globalFacts: Directive[];
  private readonly sectionMaps = new Map<number, Map<string, Directive[]>>();
  private readonly unnamedCounts = new Map<string, number>();
  private readonly sectionFacts = new Map<number, Directive[]>();
  private readonly keywords = keywordsOf('client');

  constructor(readonly tree: readonly Directive[], readonly present: ReadonlySet<string>) {
    const add = (m: Map<string, number[]>, k: string, i: number) => {
      const list = m.get(k);
      if (!list) m.set(k, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    const wildHosts: Directive[] = [];
    for (let i = 0; i < tree.length; i++) {
      const d = tree[i];
      if (!d.children) {
        this.globals.push(d);
        continue;
      }
      this.order.set(d, i);
      const key = d.name.toLowerCase();
      if (isLiteralHostSection(d)) {
        for (const a of d.args) add(this.literal, a.value.toLowerCase(), i);
      } else if (key === 'host') {
        const list = d.args.flatMap((a) => a.value.split(',')).filter(Boolean)
          .map((p) => (p.startsWith('!') ? { p: p.slice(1), neg: true } : { p, neg: false }));
        this.patterns.set(i, list);
        wildHosts.push(d);
      } else {
        const keyed = literalHostCriterion(d);
        if (!keyed) this.matchAlways.push(i);
        else for (const name of keyed.names) add(keyed.original ? this.matchByOriginal : this.matchByHost, name, i);
      }
    }
    this.wildcards = wildcardIndex(wildHosts);
    this.globalLines = this.collect(this.globals);
    this.globalFacts = factsOf(this.globals);
  }

  /** The sections that may apply to a name, sorted by position (duplicates possible). */
  candidates(name: string, force: Directive | undefined, synthetic: boolean): number[] {
    const lower = name.toLowerCase();
    const idx: number[] = [];
    const own = synthetic ? undefined : this.literal.get(lower);
    if (own) for (const i of own) idx.push(i);
    for (const d of this.wildcards.candidates(lower)) idx.push(this.order.get(d)!);
    for (const i of this.matchAlways) idx.push(i);
    const byOriginal = this.matchByOriginal.get(lower);
    if (byOriginal) for (const i of byOriginal) idx.push(i);
    const byHost = this.matchByHost.get(lower);
    if (byHost) for (const i of byHost) idx.push(i);
    const forced = force ? this.order.get(force) : undefined;
    if (forced !== undefined) idx.push(forced);
    if (idx.length > 1) idx.sort(byIndex);
    return idx;
  }

  /** Whether a section is not a literal Host section (so it may apply to any name). */
  unnamed(i: number): boolean {
    return !(this.tree[i].name.toLowerCase() === 'host' && !this.patterns.has(i));
  }

  /** The lines of a keyword in all sections that are not literal Host sections. */
  unnamedCount(key: string): number {
    let n = this.unnamedCounts.get(key);
    if (n === undefined) {
      n = 0;
      for (let i = 0; i < this.tree.length; i++) if (this.tree[i].children && this.unnamed(i)) n += this.linesIn(i, key)?.length ?? 0;
      this.unnamedCounts.set(key, n);
    }
    return n;
  }

  repeatable(key: string): boolean {
    return !!this.keywords.get(key)?.repeatable;
  }

  collect(nodes: readonly Directive[]): Map<string, Directive[]> {
    const m = new Map<string, Directive[]>();
    for (const d of nodes) {
      const key = d.name.toLowerCase();
      const have = m.get(key);
      if (!have) m.set(key, [d]);
      else if (this.repeatable(key)) have.push(d);
    }
    return m;
  }

  /** What `take` collects from one section for a keyword (big sections get a map on first use). */
  linesIn(i: number, key: string): readonly Directive[] | undefined {
    const children = this.tree[i].children!;
    if (children.length > SCAN_LIMIT) {
      let m = this.sectionMaps.get(i);
      if (!m) this.sectionMaps.set(i, (m = this.collect(children)));
      return m.get(key);
    }
    let out: Directive[] | undefined;
    for (const d of children) {
      if (d.name.length !== key.length || d.name.toLowerCase() !== key) continue;
      if (!out) out = [d];
      else if (this.repeatable(key)) out.push(d);
      else break;
    }
    return out;
  }

  factsIn(i: number): Directive[] {
    let facts = this.sectionFacts.get(i);
    if (!facts) this.sectionFacts.set(i, (facts = factsOf(this.tree[i].children!)));
    return facts;
  }

  /** Host pattern matching as match_pattern_list does it: a matching negation vetoes. */
  static hostMatches(name: string, list: readonly { p: string; neg: boolean }[]): boolean {
    let hit = false;
    for (const { p, neg } of list) {
      if (!matchPattern(name, p)) continue;
      if (neg) return false;
      hit = true;
    }
    return hit;
  }
}

/** The first User and the first HostName line among some lines, in file order. */
function factsOf(nodes: readonly Directive[]): Directive[] {
  let user: Directive | undefined;
  let hostName: Directive | undefined;
  const found: Directive[] = [];
  for (const d of nodes) {
    if (d.name.length === 4 && !user && d.name.toLowerCase() === 'user') found.push((user = d));
    else if (d.name.length === 8 && !hostName && d.name.toLowerCase() === 'hostname') found.push((hostName = d));
    else continue;
    if (user && hostName) break;
  }
  return found;
}

const byIndex = (a: number, b: number) => a - b;

/**
 * One host a section stands for. The sections that apply to it are worked out on first use, and
 * keywords that no line of the file sets are answered without that.
 */
class EvaluatedHost implements ClientHost {
  private evaluated?: { target: ClientTarget; applied: number[] };

  constructor(
    private readonly index: HostIndex,
    private readonly name: string,
    private readonly force: Directive | undefined,
    readonly synthetic: boolean,
  ) {}

  get target(): ClientTarget {
    return this.evaluate().target;
  }

  private evaluate(): { target: ClientTarget; applied: number[] } {
    if (this.evaluated) return this.evaluated;
    const { index, name, force, synthetic } = this;
    const target: ClientTarget = { host: name };
    const applied: number[] = [];
    // ssh takes the first User and HostName it obtains; a %-token leaves them unknown here.
    let userSeen = false;
    let hostNameSeen = false;
    const note = (facts: readonly Directive[]) => {
      for (const d of facts) {
        const v = d.args[0]?.value;
        if (d.name.length === 4) {
          if (userSeen) continue;
          userSeen = true;
          if (v && !v.includes('%')) target.user = v;
        } else {
          if (hostNameSeen) continue;
          hostNameSeen = true;
          if (v && !v.includes('%')) target.hostName = v;
        }
      }
    };
    note(index.globalFacts);
    // The sections that may apply to this name, in file order: its literal sections, the wildcard
    // sections whose patterns it may match, the Match blocks that are not keyed by name, and those
    // keyed by the name ssh compares at that point (the HostName once one is obtained).
    const idx = index.candidates(name, force, synthetic);
    const forced = force ? index.order.get(force) : undefined;
    let keyedOnHostName = target.hostName !== undefined;
    if (keyedOnHostName) {
      const more = index.matchByHost.get(target.hostName!.toLowerCase());
      if (more) {
        for (const i of more) idx.push(i);
        idx.sort(byIndex);
      }
    }
    const tree = index.tree;
    let last = -1;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      if (i === last) continue;
      last = i;
      const s = tree[i];
      let applies = i === forced;
      if (!applies) {
        const list = index.patterns.get(i);
        if (list) applies = HostIndex.hostMatches(name, list);
        else if (s.name.toLowerCase() === 'host') applies = true; // literal sections are here because they name this host
        else applies = clientMatch(s, target) === 'yes';
      }
      if (!applies) continue;
      applied.push(i);
      if (userSeen && hostNameSeen) continue;
      note(index.factsIn(i));
      if (!keyedOnHostName && target.hostName !== undefined) {
        // From here on `Match host` compares the HostName: add the blocks keyed by it.
        keyedOnHostName = true;
        const more = index.matchByHost.get(target.hostName.toLowerCase());
        if (more?.some((j) => j > i)) {
          const rest = idx.slice(k + 1);
          for (const j of more) if (j > i) rest.push(j);
          rest.sort(byIndex);
          idx.length = k + 1;
          for (const j of rest) idx.push(j);
        }
      }
    }
    return (this.evaluated = { target, applied });
  }

  // The effective lines of a keyword: the global lines first, then the applying sections in order.
  first(key: string): Directive | undefined {
    const k = key.toLowerCase();
    if (!this.index.present.has(k)) return undefined;
    const g = this.index.globalLines.get(k);
    if (g) return g[0];
    for (const i of this.evaluate().applied) {
      const l = this.index.linesIn(i, k);
      if (l) return l[0];
    }
    return undefined;
  }

  all(key: string): Directive[] {
    const k = key.toLowerCase();
    if (!this.index.present.has(k)) return [];
    if (!this.index.repeatable(k)) {
      const f = this.first(k);
      return f ? [f] : [];
    }
    const out = [...(this.index.globalLines.get(k) ?? NO_LINES)];
    for (const i of this.evaluate().applied) {
      const l = this.index.linesIn(i, k);
      if (l) for (const d of l) out.push(d);
    }
    return out;
  }

  value(key: string): string | undefined {
    return this.first(key)?.args[0]?.value.toLowerCase();
  }

  mayHaveSeveral(keys: readonly string[]): boolean {
    const index = this.index;
    if (!this.evaluated) {
      // Without evaluating: the global lines, every section that is not a literal Host section,
      // and the literal sections naming this host (and the section it stands for) bound the count.
      let bound = 0;
      for (const k of keys) {
        if (!index.present.has(k)) continue;
        bound += (index.globalLines.get(k)?.length ?? 0) + index.unnamedCount(k);
        const named = this.synthetic ? undefined : index.literal.get(this.name.toLowerCase());
        if (named) for (const i of named) bound += index.linesIn(i, k)?.length ?? 0;
        const forced = this.force ? index.order.get(this.force) : undefined;
        if (forced !== undefined && !named?.includes(forced) && !index.unnamed(forced)) bound += index.linesIn(forced, k)?.length ?? 0;
      }
      if (bound <= 1) return false;
    }
    let n = 0;
    for (const k of keys) n += this.all(k).length;
    return n > 1;
  }
}

/** The names a section stands for: up to MAX_TARGETS literal names, else one made-up name. */
function namesOf(section: Directive | undefined): { name: string; synthetic: boolean }[] {
  if (!section) return [{ name: ANY_HOST, synthetic: true }];
  const key = section.name.toLowerCase();
  const positives: string[] = [];
  const add = (v: string) => {
    // Comma lists split; negations are no target.
    if (!v.includes(',')) {
      if (v && !v.startsWith('!')) positives.push(v);
      return;
    }
    for (const p of v.split(',')) if (p && !p.startsWith('!')) positives.push(p);
  };
  if (key === 'host') for (const a of section.args) add(a.value);
  else {
    const args = section.args;
    for (let i = 0; i < args.length; i++) {
      const c = args[i].value.toLowerCase();
      if (c === 'all' || c === 'canonical' || c === 'final' || c === '!all') continue;
      const v = args[++i]?.value;
      if ((c === 'host' || c === 'originalhost') && v) add(v);
    }
  }
  const out: { name: string; synthetic: boolean }[] = [];
  for (const p of positives) {
    if (out.length === MAX_TARGETS) break;
    if (isLiteral(p)) out.push({ name: p, synthetic: false });
  }
  if (out.length) return out;
  const pattern = positives.find((p) => p !== '*');
  if (pattern) return [{ name: pattern.replace(/\*/g, 'layerwise-any').replace(/\?/g, 'x'), synthetic: true }];
  return [{ name: ANY_HOST, synthetic: true }];
}

export function clientView(ctx: SshContext): ClientView {
  const hit = cache.get(ctx);
  if (hit) return hit;
  let present: Set<string> | undefined;
  const presentKeys = () => {
    if (!present) {
      present = new Set();
      for (const l of ctx.lines) present.add(l.key);
    }
    return present;
  };
  let index: HostIndex | undefined;
  const indexOf = () => (index ??= new HostIndex(ctx.file.parse.tree, presentKeys()));
  const hostCache = new Map<Directive | undefined, ClientHost[]>();

  const forwards: ClientForward[] = [];
  for (const line of ctx.lines) {
    const key = line.key;
    if (key.length < 12 || (key !== 'localforward' && key !== 'remoteforward' && key !== 'dynamicforward')) continue;
    const parsed = parseForward(line.node.name, line.node.args, line.node.range);
    if (parsed.ok) forwards.push({ line, spec: parsed.spec });
  }

  let any: ClientHost | undefined;
  const view: ClientView = {
    forwards,
    hostsOf(section) {
      let hosts = hostCache.get(section);
      if (!hosts) {
        const idx = indexOf();
        hosts = namesOf(section).map(({ name, synthetic }) => new EvaluatedHost(idx, name, section, synthetic));
        hostCache.set(section, hosts);
      }
      return hosts;
    },
    anyHost() {
      any ??= new EvaluatedHost(indexOf(), ANY_HOST, undefined, true);
      return any;
    },
    sets: (key) => presentKeys().has(key),
    maxPerHost(keys) {
      // The global lines and those of sections that may apply to any name reach every host; of
      // the literal Host sections, only those naming one host add up.
      let shared = 0;
      let named = 0;
      /** Lines per section, for names that several literal sections share (rare). */
      let counts: Map<Directive, number> | undefined;
      const countsOf = () => {
        if (!counts) {
          counts = new Map();
          for (const l of ctx.lines) if (l.section && keys.includes(l.key)) counts.set(l.section, (counts.get(l.section) ?? 0) + 1);
        }
        return counts;
      };
      const lines = ctx.lines;
      for (let i = 0; i < lines.length; ) {
        const l = lines[i];
        if (!l.opener) {
          if (!l.section && keys.includes(l.key)) shared++;
          i++;
          continue;
        }
        // A section: count its lines of these keywords.
        const section = l.node;
        const end = i + 1 + section.children!.length;
        let n = 0;
        for (let j = i + 1; j < end; j++) if (keys.includes(lines[j].key)) n++;
        i = end;
        if (!n) continue;
        if (!isLiteralHostSection(section)) {
          shared += n;
          continue;
        }
        // Its own hosts get these lines (a host made up for it too); then its names (lower case,
        // as the Host index has them): sum the literal sections sharing each.
        named = Math.max(named, n);
        const { literal, sharedNames } = hostSections(ctx);
        if (!sharedNames) continue;
        for (const name of hostPatterns(section).pos) {
          const all = literal.get(name)!;
          let sum = n;
          if (all.length > 1) {
            sum = 0;
            for (const s of all) if (isLiteralHostSection(s)) sum += countsOf().get(s) ?? 0;
          }
          named = Math.max(named, sum);
        }
      }
      return shared + named;
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
