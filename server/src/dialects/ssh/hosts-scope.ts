// Which earlier lines of an ssh_config are obtained before a later one, for every host the later
// line's section matches. ssh keeps the first value it obtains, so such a later line never applies.
// An earlier section "covers" a later one when it matches every host the later one matches: the
// global part and `Host *` / `Match all` cover everything; a Host pattern list covers another
// Host pattern when each positive pattern of the later one is contained in it (tested exactly for
// literal names, by a sufficient glob containment test for wildcards). Match blocks other than
// `Match all` depend on more than the host name and are only covered by catch-all sections.
// Lines are indexed per keyword (first line of each keyword per section), literal Host sections
// by name, so a query costs the literal hits plus the wildcard sections.
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import { sshIncludesOf } from './includes';
import { matchPattern } from './patterns';

/** Index of the first `*` or `?` of a pattern, -1 when it has none. */
function globAt(p: string): number {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 42 || c === 63) return i;
  }
  return -1;
}

export const hasGlob = (p: string) => globAt(p) >= 0;
const NONE: Directive[] = [];

const NO_PATTERNS: string[] = [];
/** The literal text before the first and after the last wildcard of a pattern, for a quick reject. */
const ends = new Map<string, [string, string, boolean]>();

/** matchPattern for a lower-case name and pattern, rejecting on the literal prefix/suffix first. */
function quickMatch(name: string, p: string): boolean {
  let e = ends.get(p);
  if (!e) {
    const first = globAt(p);
    if (first < 0) e = [p, '', false];
    else {
      const last = Math.max(p.lastIndexOf('*'), p.lastIndexOf('?'));
      e = [p.slice(0, first), p.slice(last + 1), true];
    }
    if (ends.size > 100000) ends.clear();
    ends.set(p, e);
  }
  if (!e[2]) return name === p;
  if (!name.startsWith(e[0]) || !name.endsWith(e[1])) return false;
  return matchPattern(name, p);
}

/**
 * A Host line's positive and negated patterns (lower case), comma lists split. Read afresh each
 * time: cheaper than a cache by line, which kept the lines it was keyed by, and so the tree of a
 * finished analysis, alive through the next young-generation collections.
 */
export function hostPatterns(section: Directive): { pos: string[]; neg: string[] } {
  const pos: string[] = [];
  let neg: string[] | undefined;
  for (const a of section.args) {
    const v = a.value.toLowerCase();
    if (!v.includes(',')) {
      if (!v) continue;
      if (v.charCodeAt(0) === 33) (neg ??= []).push(v.slice(1)); // !
      else pos.push(v);
      continue;
    }
    for (const p of v.split(',')) {
      if (!p) continue;
      if (p.charCodeAt(0) === 33) (neg ??= []).push(p.slice(1));
      else pos.push(p);
    }
  }
  // Read-only from here on; sections without exclusions share one empty list.
  return { pos, neg: neg ?? NO_PATTERNS };
}

/** Whether a Host line matches a host name (match_hostname: a matching negation vetoes). */
export function hostMatches(section: Directive, name: string): boolean {
  const { pos, neg } = hostPatterns(section);
  const n = name.toLowerCase();
  if (neg.some((p) => quickMatch(n, p))) return false;
  return pos.some((p) => quickMatch(n, p));
}

const isHost = (d: Directive) => d.name.length === 4 && d.name.toLowerCase() === 'host';

/** `Match all` alone (a `canonical`/`final` pass, `exec` and other criteria make it conditional). */
export function isMatchAll(d: Directive): boolean {
  return d.args.length === 1 && d.name.length === 5 && d.name.toLowerCase() === 'match' && d.args[0].value.toLowerCase() === 'all';
}

/** Whether a section applies to every host (global part: undefined). */
export function coversAll(section: Directive | undefined): boolean {
  if (!section) return true;
  if (isMatchAll(section)) return true;
  if (!isHost(section)) return false;
  const { pos, neg } = hostPatterns(section);
  return neg.length === 0 && pos.includes('*');
}

/** Whether a section applies to nearly every host: `Host *` even with exclusions, `Match all`, the global part. */
export function appliesAlmostEverywhere(section: Directive | undefined): boolean {
  if (coversAll(section)) return true;
  return !!section && isHost(section) && hostPatterns(section).pos.includes('*');
}

/**
 * Whether every name the glob `p` matches is matched by the glob `q` (case-insensitive). A
 * sufficient test: a `*` of q may absorb anything of p, a `?` of q one character of p that is not
 * `*`, a literal character of q only the same literal character of p.
 */
export function globContains(q: string, p: string): boolean {
  const a = q.toLowerCase();
  const b = p.toLowerCase();
  // Quick reject: q's literal prefix and suffix must be fixed parts of every name p matches.
  const aFirst = a.search(/[*?]/);
  if (aFirst < 0) return a === b;
  const bFirst = b.search(/[*?]/);
  if (!(bFirst < 0 ? b : b.slice(0, bFirst)).startsWith(a.slice(0, aFirst))) return false;
  const aTail = a.slice(Math.max(a.lastIndexOf('*'), a.lastIndexOf('?')) + 1);
  const bTail = bFirst < 0 ? b : b.slice(Math.max(b.lastIndexOf('*'), b.lastIndexOf('?')) + 1);
  if (!bTail.endsWith(aTail)) return false;
  const width = b.length + 1;
  const memo = new Int8Array((a.length + 1) * width);
  const f = (i: number, j: number): boolean => {
    const k = i * width + j;
    if (memo[k]) return memo[k] === 1;
    let r: boolean;
    if (i === a.length) r = j === b.length;
    else if (a[i] === '*') r = f(i + 1, j) || (j < b.length && f(i, j + 1));
    else if (j === b.length) r = false;
    else if (a[i] === '?') r = b[j] !== '*' && f(i + 1, j + 1);
    else r = a[i] === b[j] && b[j] !== '*' && b[j] !== '?' && f(i + 1, j + 1);
    memo[k] = r ? 1 : 2;
    return r;
  };
  return f(0, 0);
}

/** Whether Host section `s` matches every host that the positive pattern `p` of Host section `b` matches. */
export function hostCoversPattern(s: Directive, p: string, b: Directive): boolean {
  if (!hasGlob(p)) return hostMatches(s, p);
  const { pos, neg } = hostPatterns(s);
  if (!pos.some((q) => globContains(q, p))) return false;
  const bNeg = hostPatterns(b).neg;
  for (const n of neg) {
    if (bNeg.includes(n)) continue;
    if (hasGlob(n)) return false;
    // A literal exclusion only matters when b can match that name.
    if (matchPattern(n, p) && hostMatches(b, n)) return false;
  }
  return true;
}

export interface WildcardIndex {
  /** The sections that may match the literal (lower-case) name, in the order given to wildcardIndex. */
  candidates(name: string): Directive[];
}

/**
 * Host sections with wildcards, indexed by the literal text after a pattern's last wildcard (or,
 * when that is empty, before its first one), so a literal name finds its candidate sections
 * through its own suffixes and prefixes instead of testing every wildcard section.
 */
export function wildcardIndex(sections: readonly Directive[]): WildcardIndex {
  const bySuffix = new Map<string, Directive[]>();
  const byPrefix = new Map<string, Directive[]>();
  const unanchored: Directive[] = [];
  const order = new Map<Directive, number>(sections.map((s, i) => [s, i]));
  const add = (m: Map<string, Directive[]>, k: string, d: Directive) => {
    const list = m.get(k);
    if (!list) m.set(k, [d]);
    else if (list[list.length - 1] !== d) list.push(d);
  };
  for (const s of sections) {
    for (const q of hostPatterns(s).pos) {
      const first = globAt(q);
      const last = Math.max(q.lastIndexOf('*'), q.lastIndexOf('?'));
      if (first < 0) add(byPrefix, q, s); // a literal name next to wildcards or exclusions
      else if (last < q.length - 1) add(bySuffix, q.slice(last + 1), s);
      else if (first > 0) add(byPrefix, q.slice(0, first), s);
      else if (unanchored[unanchored.length - 1] !== s) unanchored.push(s);
    }
  }
  // A name is looked up only by its suffixes and prefixes of the lengths some key has.
  const lengths = (m: Map<string, Directive[]>) => [...new Set([...m.keys()].map((k) => k.length))].sort((a, b) => a - b);
  const suffixLengths = lengths(bySuffix);
  const prefixLengths = lengths(byPrefix);
  return {
    candidates(name) {
      if (!bySuffix.size && !byPrefix.size) return unanchored;
      let hits: Directive[] | undefined;
      const n = name.length;
      for (const len of suffixLengths) {
        if (len > n) break;
        const list = bySuffix.get(len === n ? name : name.slice(n - len));
        if (list) (hits ??= []).push(...list);
      }
      for (const len of prefixLengths) {
        if (len > n) break;
        const list = byPrefix.get(len === n ? name : name.slice(0, len));
        if (list) (hits ??= []).push(...list);
      }
      if (!hits) return unanchored;
      const found = new Set<Directive>(unanchored);
      for (const s of hits) found.add(s);
      return [...found].sort((a, b) => order.get(a)! - order.get(b)!);
    },
  };
}

export interface HostSections {
  /** Sections that apply to every host (`Host *`, `Match all`), in file order. */
  catchAll: Directive[];
  /** Host sections whose patterns are literal names without exclusions, by lower-case name, in file order. */
  literal: Map<string, Directive[]>;
  /** The other Host sections (wildcards or exclusions), in file order. */
  others: Directive[];
  /** `others` indexed for literal names. */
  wildcards: WildcardIndex;
  /** Whether some name has more than one literal section. */
  sharedNames: boolean;
}

const sectionsCache = new Memo<SshContext, HostSections>();

/** The sections of a client file sorted by how they select hosts; built once per file. */
export function hostSections(ctx: SshContext): HostSections {
  const hit = sectionsCache.get(ctx);
  if (hit) return hit;
  const catchAll: Directive[] = [];
  const literal = new Map<string, Directive[]>();
  const others: Directive[] = [];
  let sharedNames = false;
  for (const s of ctx.sections) {
    // coversAll(), with each section's patterns read once.
    if (isMatchAll(s)) {
      catchAll.push(s);
      continue;
    }
    if (!isHost(s)) continue;
    const { pos, neg } = hostPatterns(s);
    if (neg.length === 0 && pos.includes('*')) catchAll.push(s);
    else {
      let glob = false;
      for (let i = 0; i < pos.length && !glob; i++) glob = hasGlob(pos[i]);
      if (neg.length === 0 && pos.length > 0 && !glob) {
        for (const p of pos) {
          const list = literal.get(p);
          if (!list) literal.set(p, [s]);
          else if (list[list.length - 1] !== s) {
            list.push(s);
            sharedNames = true;
          }
        }
      } else others.push(s);
    }
  }
  const sections: HostSections = { catchAll, literal, others, wildcards: wildcardIndex(others), sharedNames };
  sectionsCache.set(ctx, sections);
  return sections;
}

export interface ClientScopes {
  /** The first line of each keyword in each section (global part: undefined). */
  firstIn(section: Directive | undefined, key: string): Line | undefined;
  /** firstIn() for the section (or global part) a line is in. */
  firstBeside(line: Line, key: string): Line | undefined;
  /** False when coveredBy() is undefined for the line whatever the keywords (a cheap test first). */
  mayBeCovered(line: Line): boolean;
  /**
   * The lines obtained before `line` for every host its section matches: for each of the
   * section's host patterns, the earliest line (among `keys`, passing `accept`) of an earlier
   * section that covers it. Undefined when some hosts of the section get no such line.
   */
  coveredBy(line: Line, keys: readonly string[], accept?: (l: Line) => boolean): Line[] | undefined;
}

const cache = new Memo<SshContext, ClientScopes>();

/** Sections up to this many lines are scanned for a keyword; longer ones get a keyword map. */
const SCAN_LIMIT = 16;

export function clientScopes(ctx: SshContext): ClientScopes {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const lines = ctx.lines;
  /** Where each section's opener is in ctx.lines (its lines follow it), by section index. */
  const openers: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].opener) openers.push(i);
  /** Section index of a section line, for lookups by Directive (built when first needed). */
  let indexOf: Map<Directive, number> | undefined;
  const openerOf = (section: Directive): number | undefined => {
    if (!indexOf) {
      indexOf = new Map();
      ctx.sections.forEach((s, i) => indexOf!.set(s, i));
    }
    const i = indexOf.get(section);
    return i === undefined ? undefined : openers[i];
  };
  const { catchAll, literal, others, wildcards } = hostSections(ctx);

  // firstIn: small sections are scanned, the global part and big sections get a map on first use.
  const maps = new Map<Directive | undefined, Map<string, Line>>();
  const mapOf = (section: Directive | undefined): Map<string, Line> => {
    let m = maps.get(section);
    if (!m) {
      m = new Map();
      if (section) {
        const from = openerOf(section);
        if (from !== undefined) {
          for (let i = from + 1, end = from + 1 + section.children!.length; i < end; i++) {
            const l = lines[i];
            if (!l.node.children && !m.has(l.key)) m.set(l.key, l);
          }
        }
      } else {
        for (const l of lines) if (!l.section && !l.node.children && !m.has(l.key)) m.set(l.key, l);
      }
      maps.set(section, m);
    }
    return m;
  };
  /** The first line of a keyword in the section whose opener is at `from`. */
  const scan = (from: number, size: number, key: string): Line | undefined => {
    for (let i = from + 1, end = from + 1 + size; i < end; i++) {
      const l = lines[i];
      if (l.key === key && !l.opener) return l;
    }
    return undefined;
  };
  const firstIn = (section: Directive | undefined, key: string): Line | undefined => {
    if (section && section.children && section.children.length <= SCAN_LIMIT) {
      const from = openerOf(section);
      return from === undefined ? undefined : scan(from, section.children.length, key);
    }
    return mapOf(section).get(key);
  };

  /** Per keyword: the catch-all sections that set it (their first line), in file order. */
  const catchAllByKey = new Map<string, { at: number; line: Line }[]>();
  const catchAllOf = (key: string) => {
    let list = catchAllByKey.get(key);
    if (!list) {
      list = [];
      for (const s of catchAll) {
        const l = firstIn(s, key);
        if (l) list.push({ at: s.range.start.line, line: l });
      }
      catchAllByKey.set(key, list);
    }
    return list;
  };

  /** The earlier wildcard sections that cover a pattern of Host section `b` (line `before`). */
  const coverersOf = (b: Directive, p: string, before: number): Directive[] => {
    let out: Directive[] | undefined;
    for (const s of hasGlob(p) ? others : wildcards.candidates(p)) {
      if (s.range.start.line >= before) break;
      if (hostCoversPattern(s, p, b)) (out ??= []).push(s);
    }
    return out ?? NONE;
  };

  /**
   * Per Host section (null for others), what coveredBy needs whatever the keyword, computed once:
   * its positive patterns, the literal sections named by each, the earlier wildcard sections
   * covering each, whether some pattern has no earlier section at all that could cover it, and
   * whether a catch-all section comes before it.
   */
  type Facts = { positives: string[]; named: (Directive[] | undefined)[]; wild: Directive[][]; open: boolean; catchAllBefore: boolean } | null;
  const facts: (Facts | undefined)[] = new Array(ctx.sections.length);
  const sectionFacts = (index: number, b: Directive): Facts => {
    const hit = facts[index];
    if (hit !== undefined) return hit;
    let f: Facts = null;
    if (isHost(b)) {
      const positives = hostPatterns(b).pos;
      const before = b.range.start.line;
      const named: (Directive[] | undefined)[] = [];
      const wild: Directive[][] = [];
      let open = false;
      for (const p of positives) {
        const list = hasGlob(p) ? undefined : literal.get(p);
        const covering = others.length ? coverersOf(b, p, before) : NONE;
        named.push(list);
        wild.push(covering);
        if (!(list && list[0].range.start.line < before) && !covering.length) open = true;
      }
      f = { positives, named, wild, open, catchAllBefore: catchAll.length > 0 && catchAll[0].range.start.line < before };
    }
    facts[index] = f;
    return f;
  };
  /** The first global line of each keyword. */
  let globals: Map<string, Line> | undefined;
  const globalMap = () => {
    if (!globals) {
      globals = new Map();
      for (const l of lines) if (l.sectionIndex < 0 && l.first) globals.set(l.key, l);
    }
    return globals;
  };
  const globalFirst = (key: string) => globalMap().get(key);
  const globalCount = () => globalMap().size;

  const pos = (l: Line) => l.node.range.start.line;
  const earliest = (a: Line | undefined, b: Line | undefined) => (!a ? b : !b ? a : pos(b) < pos(a) ? b : a);
  const always = () => true;

  const scopes: ClientScopes = {
    firstIn,
    mayBeCovered(line) {
      const b = line.section;
      if (!b) return false;
      // Global lines may cover anything; then ask coveredBy().
      if (globalCount() > 0) return true;
      const f = sectionFacts(line.sectionIndex, b);
      if (!f) return catchAll.length > 0 && catchAll[0].range.start.line < b.range.start.line;
      if (f.catchAllBefore) return true;
      return f.positives.length > 0 && !f.open;
    },
    firstBeside(line, key) {
      const section = line.section;
      if (section && section.children && section.children.length <= SCAN_LIMIT) return scan(openers[line.sectionIndex], section.children.length, key);
      return mapOf(section).get(key);
    },
    coveredBy(line, keys, accept = always) {
      const b = line.section;
      if (!b) return undefined;
      let before = -1;
      let global: Line | undefined;
      let all: Line | undefined;
      for (const k of keys) {
        const g = globalFirst(k);
        if (g && accept(g)) global = earliest(global, g);
        const list = catchAllOf(k);
        if (!list.length) continue;
        if (before < 0) before = b.range.start.line;
        for (const e of list) {
          if (e.at >= before) break;
          if (!accept(e.line)) continue;
          all = earliest(all, e.line);
          break;
        }
      }
      if (global) return [global];
      const facts = sectionFacts(line.sectionIndex, b);
      if (!facts) return all ? [all] : undefined;
      const { positives, named: namedAll, wild } = facts;
      if (!positives.length) return undefined;
      // Some host of the section is matched by no earlier section but the catch-all ones.
      if (!all && facts.open) return undefined;
      if (before < 0) before = b.range.start.line;
      const out: Line[] = [];
      for (let i = 0; i < positives.length; i++) {
        let best = all;
        const named = namedAll[i];
        for (const k of keys) {
          if (named) {
            for (const s of named) {
              if (s.range.start.line >= before) break;
              const l = firstIn(s, k);
              if (l && accept(l)) {
                best = earliest(best, l);
                break;
              }
            }
          }
          for (const s of wild[i] ?? NONE) {
            if (best && s.range.start.line >= pos(best)) break;
            const l = firstIn(s, k);
            if (l && accept(l)) {
              best = earliest(best, l);
              break;
            }
          }
        }
        if (!best) return undefined;
        if (!out.includes(best)) out.push(best);
      }
      return out;
    },
  };
  cache.set(ctx, scopes);
  return scopes;
}

/**
 * Whether the file's global lines reach only some hosts, because another ssh_config of the
 * workspace includes it from inside a Host or Match section that does not apply to every host.
 */
export function includedConditionally(ctx: SshContext): boolean {
  for (const f of ctx.ws.all()) {
    if (f === ctx.file || f.language !== ctx.file.language) continue;
    for (const inc of sshIncludesOf(f, ctx.ws)) {
      if (!inc.paths.includes(ctx.file.path)) continue;
      if (!coversAll(inc.directive.parent)) return true;
    }
  }
  return false;
}

/** `Host *`, `Match user x`, or "the global part" for messages. */
export function sectionLabel(section: Directive | undefined): string {
  if (!section) return 'the global part';
  return `\`${[section.name, ...section.args.map((a) => a.text)].join(' ')}\``;
}

/** "line 3 (`Host *`)" for an earlier line. */
export function lineLabel(l: Line): string {
  return `line ${l.node.range.start.line + 1} (${l.section ? sectionLabel(l.section) : 'global'})`;
}

/** The argument values of a line, lower case, for comparing settings. */
export const valueOf = (l: Line) => l.node.args.map((a) => a.value.toLowerCase()).join(' ');

/**
 * The first line of a keyword among the sections that reach (nearly) every host: the global part,
 * `Host *` (even with exclusions) and `Match all`. Undefined when the file itself is included from
 * a section that applies to some hosts only.
 */
export function everywhereFirst(ctx: SshContext, key: string): Line | undefined {
  for (const l of ctx.lines) {
    if (l.key !== key || l.node.children) continue;
    if (!appliesAlmostEverywhere(l.section)) continue;
    return includedConditionally(ctx) ? undefined : l;
  }
  return undefined;
}

/** "globally" or "in `Host *`" for messages. */
export function everywhereLabel(l: Line): string {
  return l.section ? `in ${sectionLabel(l.section)}` : 'globally';
}
