// Effective configuration: which line sets each keyword for a given connection. Both ssh and
// sshd take the first value they obtain; repeatable keywords (IdentityFile, LocalForward, ...)
// collect every occurrence instead.
import type { Directive } from '../../engine/syntax';
import type { KeywordSpec } from './keyword-types';
import { matchPatternList } from './patterns';

export interface Setting {
  spec?: KeywordSpec;
  /** Every line that contributes, in order (one for first-wins keywords). */
  lines: Directive[];
}

export type Verdict = 'yes' | 'no' | 'unknown';

/** Facts about a client connection: the host as typed, and what else is known. */
export interface ClientTarget {
  host: string;
  /** HostName after the Host sections applied, when known (for `Match host`). */
  hostName?: string;
  user?: string;
  localUser?: string;
}

/** Facts about a server connection; absent fields are unknown. */
export interface ServerConnection {
  user?: string;
  group?: string;
  host?: string;
  address?: string;
  localAddress?: string;
  localPort?: number;
  rdomain?: string;
}

function args(d: Directive): string[] {
  return d.args.map((a) => a.value);
}

/** Whether a client `Host` line applies to a target. */
export function hostApplies(section: Directive, target: ClientTarget): boolean {
  return matchPatternList(target.host, args(section)) === 1;
}

/** Evaluates client `Match` criteria; exec and unknown criteria give 'unknown'. */
export function clientMatch(section: Directive, target: ClientTarget): Verdict {
  const a = args(section);
  let verdict: Verdict = 'yes';
  for (let i = 0; i < a.length; i++) {
    let crit = a[i].toLowerCase();
    const negate = crit.startsWith('!');
    if (negate) crit = crit.slice(1);
    if (crit === 'all' || crit === 'canonical' || crit === 'final') {
      if (crit !== 'all') verdict = verdict === 'no' ? 'no' : 'unknown';
      continue;
    }
    const value = a[++i];
    if (value === undefined) return 'unknown';
    let known: string | undefined;
    if (crit === 'host') known = target.hostName ?? target.host;
    else if (crit === 'originalhost') known = target.host;
    else if (crit === 'user') known = target.user;
    else if (crit === 'localuser') known = target.localUser;
    if (known === undefined) {
      verdict = verdict === 'no' ? 'no' : 'unknown';
      continue;
    }
    const hit = matchPatternList(known, [value]) === 1;
    if (hit === negate) return 'no';
  }
  return verdict;
}

/** Evaluates server `Match` criteria against what is known about a connection. */
export function serverMatch(section: Directive, conn: ServerConnection): Verdict {
  const a = args(section);
  let verdict: Verdict = 'yes';
  for (let i = 0; i < a.length; i++) {
    const crit = a[i].toLowerCase();
    if (crit === 'all') continue;
    const value = a[++i];
    if (value === undefined) return 'unknown';
    let known: string | undefined;
    if (crit === 'user') known = conn.user;
    else if (crit === 'group') known = conn.group;
    else if (crit === 'host') known = conn.host;
    else if (crit === 'address') known = conn.address;
    else if (crit === 'localaddress') known = conn.localAddress;
    else if (crit === 'localport') known = conn.localPort === undefined ? undefined : String(conn.localPort);
    else if (crit === 'rdomain') known = conn.rdomain;
    if (known === undefined) {
      verdict = 'unknown';
      continue;
    }
    const hit = crit === 'address' || crit === 'localaddress' ? matchAddressList(known, value) : matchPatternList(known, [value]) === 1;
    if (!hit) return 'no';
  }
  return verdict;
}

/**
 * How a server `Match` line's verdict depends on the user, read the way serverMatch() reads its
 * criteria: 'none' without a User criterion (the same verdict for every user); the lower-case
 * names when a User criterion lists literal names only (no `*`, `?` or `!`), so any other known
 * user gets 'no'; 'pattern' otherwise.
 */
export function userDependence(section: Directive): Set<string> | 'pattern' | 'none' {
  const a = section.args;
  let dependence: 'pattern' | 'none' = 'none';
  for (let i = 0; i < a.length; i++) {
    const crit = a[i].value.toLowerCase();
    if (crit === 'all') continue;
    const value = a[++i]?.value;
    if (crit !== 'user') continue;
    if (value === undefined || /[*?!]/.test(value)) {
      dependence = 'pattern';
      continue;
    }
    const names = new Set<string>();
    for (const name of value.split(',')) if (name) names.add(name.toLowerCase());
    return names;
  }
  return dependence;
}

/** Address lists accept CIDR ranges as well as wildcard patterns. */
export function matchAddressList(address: string, list: string): boolean {
  let hit = false;
  for (const raw of list.split(',')) {
    const negated = raw.startsWith('!');
    const p = negated ? raw.slice(1) : raw;
    const m = p.includes('/') ? inCidr(address, p) : matchPatternList(address, [p]) === 1;
    if (m && negated) return false;
    if (m) hit = true;
  }
  return hit;
}

function ipv4ToInt(a: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

export function inCidr(address: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const a = ipv4ToInt(address);
  const n = ipv4ToInt(net);
  const bits = Number(bitsText);
  if (a === undefined || n === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (a & mask) === (n & mask);
}

/**
 * Applies lines in file order: the first value of a keyword wins, repeatable keywords collect.
 * `applies` decides per section; sections that might apply ('unknown') are skipped unless
 * `includeUnknown` is set.
 */
export function collect(
  tree: readonly Directive[],
  specOf: (name: string) => KeywordSpec | undefined,
  applies: (section: Directive) => Verdict,
  includeUnknown = false,
): Map<string, Setting> {
  const out = new Map<string, Setting>();
  const take = (d: Directive) => {
    const key = d.name.toLowerCase();
    const spec = specOf(key);
    const have = out.get(key);
    if (!have) out.set(key, { spec, lines: [d] });
    else if (spec?.repeatable) have.lines.push(d);
  };
  for (const d of tree) {
    if (!d.children) {
      take(d);
      continue;
    }
    const v = applies(d);
    if (v === 'yes' || (v === 'unknown' && includeUnknown)) d.children.forEach(take);
  }
  return out;
}

/**
 * sshd's order: the global lines first (first value wins), then every matching Match block,
 * whose values override the global ones (the first matching block that sets a keyword wins).
 */
export function collectServer(
  tree: readonly Directive[],
  specOf: (name: string) => KeywordSpec | undefined,
  conn: ServerConnection,
  includeUnknown = false,
): Map<string, Setting> {
  const global = collect(tree.filter((d) => !d.children), specOf, () => 'no');
  const matched = collect(tree.filter((d) => d.children), specOf, (s) => serverMatch(s, conn), includeUnknown);
  for (const [key, setting] of matched) {
    if (setting.spec?.repeatable && global.has(key)) global.get(key)!.lines.push(...setting.lines);
    else global.set(key, setting);
  }
  return global;
}
