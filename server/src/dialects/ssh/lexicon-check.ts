// The value checks of the lexicon rules, done once per file: for every line, what ssh -G or
// sshd -t would say about its arguments (missing, malformed, out of range, a bad forward, a bad
// PermitOpen/PermitListen entry, a malformed Match line). Each lexicon rule reports one category.
// The checks follow OpenSSH 9.2's readconf.c (client) and servconf.c (server); see lexicon-values.ts.
import { Memo } from '../../engine/memo';
import type { Fix } from '../../engine/rules';
import { suggest } from '../../engine/suggest';
import type { Arg, Directive, Range, Severity } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import { a2port, hpdelim } from './host-port';
import type { KeywordSpec } from './keyword-types';
import {
  ALGORITHM_KEYWORDS,
  algorithmNames,
  algorithmProblem,
  atoiErr,
  badAddressListEntry,
  convtime,
  domainProblem,
  forwardProblem,
  portProblem,
  scanScaled,
  validEnvName,
  validTunnelDevice,
  type ForwardKind,
} from './lexicon-values';
import { isMatchAll } from './hosts-scope';
import { isWildcardOnly, matchPatternList } from './patterns';
import type { SshSide } from './schema';


export type LexiconCategory = 'missing-value' | 'bad-value' | 'port-range' | 'bad-forward' | 'bad-permit' | 'match-syntax';

export interface LexiconIssue {
  category: LexiconCategory;
  range: Range;
  message: string;
  severity?: Severity;
  fixes?: Fix[];
}

/**
 * Old names that ssh or sshd still read as another keyword (lower case → current name). ssh marks
 * them deprecated in its table; sshd applies its aliases silently.
 */
export const CLIENT_ALIASES: Readonly<Record<string, string>> = {
  challengeresponseauthentication: 'KbdInteractiveAuthentication',
  dsaauthentication: 'PubkeyAuthentication',
  hostbasedkeytypes: 'HostbasedAcceptedAlgorithms',
  identityfile2: 'IdentityFile',
  keepalive: 'TCPKeepAlive',
  protocolkeepalives: 'ServerAliveInterval',
  pubkeyacceptedkeytypes: 'PubkeyAcceptedAlgorithms',
  setuptimeout: 'ServerAliveInterval',
  skeyauthentication: 'KbdInteractiveAuthentication',
  smartcarddevice: 'PKCS11Provider',
  tisauthentication: 'KbdInteractiveAuthentication',
};
export const SERVER_ALIASES: Readonly<Record<string, string>> = {
  challengeresponseauthentication: 'KbdInteractiveAuthentication',
  dsaauthentication: 'PubkeyAuthentication',
  hostbasedacceptedkeytypes: 'HostbasedAcceptedAlgorithms',
  hostdsakey: 'HostKey',
  keepalive: 'TCPKeepAlive',
  pubkeyacceptedkeytypes: 'PubkeyAcceptedAlgorithms',
  skeyauthentication: 'KbdInteractiveAuthentication',
};

export const aliasesOf = (side: SshSide) => (side === 'client' ? CLIENT_ALIASES : SERVER_ALIASES);

/** What the tool does with a refused file, for messages. */
export function refusal(side: SshSide): string {
  return side === 'client' ? 'ssh refuses the whole file, so no connection starts (L4)' : 'sshd refuses the file and does not start, so nothing accepts connections (L4)';
}

/** Whether ssh/sshd parses the line's value at all: not for ignored (deprecated, unsupported, removed) keywords. */
export function valueChecked(side: SshSide, key: string, spec: KeywordSpec): boolean {
  if (!spec.status) return true;
  return spec.status === 'deprecated' && side === 'client' && key in CLIENT_ALIASES;
}

/** A section whose lines apply to every connection (`Host *`, `Match all`). */
export function isUnconditional(section: Directive | undefined): boolean {
  if (!section) return true;
  if (section.name.toLowerCase() === 'host') return isWildcardOnly(section.args.map((a) => a.value));
  return isMatchAll(section);
}

export interface IgnoreVerdict {
  /** always: every host skips the keyword; some-hosts: only hosts of the section of `by`. */
  ignored: 'always' | 'some-hosts' | 'never';
  by?: Directive;
}

/**
 * Whether ssh skips an unknown keyword because of IgnoreUnknown. ssh reads the file top to bottom
 * and keeps the first IgnoreUnknown it obtains, so only lines above the keyword count, and one in a
 * Host/Match section counts only for the hosts that section matches (for every other host ssh
 * still refuses the file). ctx.ignoredUnknown() ignores that order, hence this version.
 */
export function ignoreUnknownVerdict(ctx: SshContext, line: Line): IgnoreVerdict {
  if (ctx.side !== 'client') return { ignored: 'never' };
  const { order, ignores } = ignoreIndex(ctx);
  const at = order.get(line.node) ?? Infinity;
  let conditional: Directive | undefined;
  for (const ig of ignores) {
    if (ig.index >= at) break;
    const matches = matchPatternList(line.node.name, [ig.patterns]) === 1;
    if (ig.unconditional) return matches ? { ignored: 'always', by: ig.node } : conditional ? { ignored: 'some-hosts', by: conditional } : { ignored: 'never' };
    if (matches && !conditional) conditional = ig.node;
  }
  return conditional ? { ignored: 'some-hosts', by: conditional } : { ignored: 'never' };
}

interface IgnoreIndex {
  order: Map<Directive, number>;
  ignores: { index: number; node: Directive; patterns: string; unconditional: boolean }[];
}
const ignoreCache = new Memo<SshContext, IgnoreIndex>();

/** Every line's position, and the IgnoreUnknown lines in file order (computed once per file). */
function ignoreIndex(ctx: SshContext): IgnoreIndex {
  let idx = ignoreCache.get(ctx);
  if (!idx) {
    idx = { order: new Map(), ignores: [] };
    ctx.lines.forEach((l, index) => {
      idx!.order.set(l.node, index);
      if (l.key === 'ignoreunknown' && l.node.args.length) idx!.ignores.push({ index, node: l.node, patterns: l.node.args[0].value, unconditional: isUnconditional(l.section) });
    });
    ignoreCache.set(ctx, idx);
  }
  return idx;
}

const cache = new Memo<SshContext, LexiconIssue[]>();

export function lexiconIssues(ctx: SshContext): LexiconIssue[] {
  let issues = cache.get(ctx);
  if (!issues) {
    issues = [];
    const out = issues;
    // A line with unterminated quotes is refused as a whole ("invalid quotes"); its values are not read.
    const quoteLines = new Set(ctx.file.parse.problems.map((p) => p.range.start.line));
    const push = (i: LexiconIssue) => out.push(i);
    for (const line of ctx.lines) {
      if (quoteLines.size && quoteLines.has(line.node.nameRange.start.line)) continue;
      checkLine(ctx, line, push);
    }
    forgetLine();
    cache.set(ctx, issues);
  }
  return issues;
}

type Push = (i: LexiconIssue) => void;

const span = (a: Arg, b: Arg): Range => ({ start: a.range.start, end: b.range.end });

function replaceFix(ctx: SshContext, range: Range, newText: string, title: string, preferred = true): Fix {
  return { title, preferred, edits: [{ path: ctx.file.path, range, newText }] };
}

/** Quick fixes for a word that should be one of `allowed`: an obvious synonym or the single close match. */
function wordFixes(ctx: SshContext, arg: Arg, allowed: readonly string[]): Fix[] {
  const v = arg.value.toLowerCase();
  const lowerAllowed = allowed.map((a) => a.toLowerCase());
  const synonyms: Record<string, string> = { true: 'yes', false: 'no', on: 'yes', off: 'no', '1': 'yes', '0': 'no', enable: 'yes', enabled: 'yes', disable: 'no', disabled: 'no' };
  let pick = synonyms[v] && lowerAllowed.includes(synonyms[v]) ? synonyms[v] : undefined;
  if (!pick) {
    const ci = allowed.find((a) => a.toLowerCase() === v);
    if (ci) pick = ci;
  }
  if (!pick) {
    const guesses = suggest(arg.value, allowed);
    if (guesses.length === 1) pick = guesses[0];
  }
  return pick ? [replaceFix(ctx, arg.range, pick, `Change to "${pick}"`)] : [];
}

const listText = (words: readonly string[]) => (words.length <= 2 ? words.join(' or ') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

const LOG_LEVELS = ['QUIET', 'FATAL', 'ERROR', 'INFO', 'VERBOSE', 'DEBUG', 'DEBUG1', 'DEBUG2', 'DEBUG3'];
const FACILITIES = ['DAEMON', 'USER', 'AUTH', 'AUTHPRIV', 'LOCAL0', 'LOCAL1', 'LOCAL2', 'LOCAL3', 'LOCAL4', 'LOCAL5', 'LOCAL6', 'LOCAL7'];
const DSCP = new Set([
  'af11', 'af12', 'af13', 'af21', 'af22', 'af23', 'af31', 'af32', 'af33', 'af41', 'af42', 'af43',
  'cs0', 'cs1', 'cs2', 'cs3', 'cs4', 'cs5', 'cs6', 'cs7', 'ef', 'le', 'lowdelay', 'throughput', 'reliability', 'none',
]);
const AUTH_METHODS = new Set(['none', 'publickey', 'password', 'keyboard-interactive', 'hostbased', 'gssapi-with-mic', 'gssapi-keyex']);
/** Client keywords read by parse_time(), which also takes `none`. */
const CLIENT_PARSE_TIME = new Set(['connecttimeout', 'forwardx11timeout', 'serveraliveinterval', 'setuptimeout', 'protocolkeepalives']);

/** parse_ipqos(): a DSCP name (any case) or a number 0..255 (decimal, 0x hex or 0 octal). */
function validIpqos(s: string): boolean {
  if (DSCP.has(s.toLowerCase())) return true;
  let n: number;
  if (/^0x[0-9a-f]+$/i.test(s)) n = parseInt(s.slice(2), 16);
  else if (/^0[0-7]*$/.test(s)) n = parseInt(s, 8);
  else if (/^[1-9]\d*$/.test(s)) n = Number(s);
  else return false;
  return n >= 0 && n <= 255;
}

/** sscanf("%d:%d:%d") as MaxStartups and PerSourceNetBlockSize read it: the leading integers. */
function scanInts(s: string, max: number): number[] {
  const out: number[] = [];
  let rest = s;
  for (let i = 0; i < max; i++) {
    const m = /^\s*([+-]?\d+)/.exec(rest);
    if (!m) break;
    out.push(Number(m[1]));
    rest = rest.slice(m[0].length);
    if (i < max - 1) {
      if (!rest.startsWith(':')) break;
      rest = rest.slice(1);
    }
  }
  return out;
}

/**
 * The line checkLine() is at, for the helpers below: one line at a time, so one shared record
 * instead of new closures for every line.
 */
const NO_PUSH: Push = () => {};
const cur: { ctx: SshContext; node: Directive; push: Push } = { ctx: undefined!, node: undefined!, push: NO_PUSH };

/** Empties the shared record once a file is checked: else it would keep that analysis alive until the next file. */
function forgetLine(): void {
  cur.ctx = undefined!;
  cur.node = undefined!;
  cur.push = NO_PUSH;
}

/** A bad value: the tool refuses the file. */
function bad(range: Range, what: string, fixes?: Fix[], severity?: Severity, category: LexiconCategory = 'bad-value'): void {
  cur.push({ category, range, message: `${what}: ${refusal(cur.ctx.side)}.`, fixes, severity });
}

/** "keyword X extra arguments at end of line" once the value itself is fine. */
function extra(max: number): void {
  const { ctx, node } = cur;
  const args = node.args;
  if (args.length <= max) return;
  bad(span(args[max], args[args.length - 1]), `${node.name} takes ${max === 1 ? 'one value' : `at most ${max} values`}, but ${args.length - max === 1 ? `"${args[max].text}" follows` : `${args.length - max} more words follow`}`, [
    { title: 'Remove the extra words', edits: [{ path: ctx.file.path, range: { start: args[max - 1].range.end, end: args[args.length - 1].range.end }, newText: '' }] },
  ]);
}

/** "none"/"any" accepted only as the single argument. */
function alone(words: string[], caseSensitive = false): boolean {
  const { node } = cur;
  const args = node.args;
  const is = (a: Arg) => (caseSensitive ? words.includes(a.value) : words.includes(a.value.toLowerCase()));
  const i = args.findIndex(is);
  if (i >= 0 && args.length > 1) {
    bad(args[i].range, `"${args[i].value}" in ${node.name} must stand alone, but the line lists more values`);
    return false;
  }
  return true;
}

function emptyArg(): boolean {
  const { node } = cur;
  const e = node.args.find((a) => a.value === '');
  if (e) bad(e.range, `${node.name} has an empty value`);
  return !!e;
}

function checkLine(ctx: SshContext, line: Line, push: Push): void {
  const { node, key, spec } = line;
  const side = ctx.side;
  const args = node.args;
  const tool = side === 'client' ? 'ssh' : 'sshd';
  const known = !!spec && spec.status !== 'removed';
  const ignoredUnknown = !known && ignoreUnknownVerdict(ctx, line).ignored !== 'never';

  // "no argument after keyword": checked before the keyword is even looked up. A comment after the
  // keyword counts as an argument there; then only keywords that need a word complain.
  if (args.length === 0 || (args.length === 1 && args[0].value === '' && key !== 'match')) {
    const commentOnly = args.length === 0 && trailingComment(ctx, node);
    const tolerates = !spec || !valueChecked(side, key, spec) || (side === 'client' ? CLIENT_EMPTY_OK : SERVER_EMPTY_OK).has(key) || spec.kind === 'command';
    if ((known || ignoredUnknown) && !(commentOnly && tolerates)) {
      push({
        category: 'missing-value',
        range: args.length ? args[0].range : node.nameRange,
        message: `${node.name} has no value: ${refusal(side)}; give it a value or remove the line.`,
        fixes: [{ title: `Remove the ${node.name} line`, edits: [{ path: ctx.file.path, range: wholeLine(ctx, node), newText: '' }] }],
      });
    }
    return;
  }
  if (!known || !spec) return;
  if (key === 'match') {
    checkMatch(ctx, node, push);
    return;
  }
  if (!valueChecked(side, key, spec)) return;

  cur.ctx = ctx;
  cur.node = node;
  cur.push = push;
  const a0 = args[0];
  const v0 = a0.value;

  // Keyword-specific forms first; then the generic kinds.
  switch (key) {
    case 'port': {
      const problem = portProblem(v0);
      if (problem) {
        push({ category: 'port-range', range: a0.range, message: `Port ${problem}: ${refusal(side)}; use a port between 1 and 65535.` });
        return;
      }
      return extra(1);
    }
    case 'listenaddress': {
      if (side !== 'server') break;
      const bareV6 = !v0.includes('[') && (v0.match(/:/g)?.length ?? 0) >= 2;
      if (!bareV6) {
        const hp = hpdelim(v0);
        if (!hp) return bad(a0.range, `"${v0}" is not host, IPv4 address or [IPv6 address] with an optional :port`);
        if (hp.rest !== undefined) {
          const problem = portProblem(hp.rest);
          if (problem) {
            push({ category: 'port-range', range: a0.range, message: `ListenAddress port ${problem}: ${refusal(side)}; use a port between 1 and 65535.` });
            return;
          }
        }
      }
      if (args.length > 1 && (args[1].value !== 'rdomain' || args.length < 3)) {
        return bad(span(args[1], args[args.length - 1]), 'After the address, ListenAddress takes only "rdomain NAME"');
      }
      return extra(3);
    }
    case 'localforward':
    case 'remoteforward':
    case 'dynamicforward': {
      if (side !== 'client') break;
      if (emptyArg()) return;
      const kind: ForwardKind = key === 'localforward' ? 'local' : key === 'remoteforward' ? 'remote' : 'dynamic';
      const max = kind === 'dynamic' ? 1 : 2;
      const p = forwardProblem(kind, v0, kind === 'dynamic' ? undefined : args[1]?.value);
      if (p) {
        const range = p.part === 'listen' ? a0.range : p.part === 'target' && args[1] ? args[1].range : span(a0, args[Math.min(args.length, max) - 1]);
        push({ category: 'bad-forward', range, message: `Bad ${node.name} (${p.message}): ${refusal(side)}; write ${kind === 'local' ? '[bind_address:]port host:hostport' : kind === 'remote' ? '[bind_address:]port [host:hostport]' : '[bind_address:]port'}.` });
        return;
      }
      if (args.length > max) {
        push({ category: 'bad-forward', range: span(args[max], args[args.length - 1]), message: `${node.name} takes ${max === 1 ? 'one value' : 'two values'}, but more words follow: ${refusal(side)}.` });
      }
      return;
    }
    case 'permitopen':
    case 'permitlisten':
    case 'permitremoteopen':
      return checkPermit(ctx, line, push);
    case 'addkeystoagent': {
      if (side !== 'client') break;
      const words = ['yes', 'no', 'ask', 'confirm', 'true', 'false'];
      const w = v0.toLowerCase();
      if (words.includes(w)) {
        if (args.length >= 2) {
          if (w !== 'confirm') return bad(args[1].range, `AddKeysToAgent takes a lifetime only after "confirm" (or alone), not after "${v0}"`);
          if (convtime(args[1].value) === undefined) return bad(args[1].range, `"${args[1].value}" is not a time (like 30, 90s, 5m, 1h30m)`);
        }
        return extra(2);
      }
      if (args.length >= 2 || convtime(v0) === undefined) return bad(a0.range, `AddKeysToAgent takes yes, no, ask, confirm [time] or a time, not "${v0}"`, wordFixes(ctx, a0, ['yes', 'no', 'ask', 'confirm']));
      return;
    }
    case 'controlpersist': {
      if (side !== 'client') break;
      if (!['yes', 'no', 'true', 'false'].includes(v0) && convtime(v0) === undefined) {
        return bad(a0.range, `ControlPersist takes yes, no or a time (lower case), not "${v0}"`, wordFixes(ctx, a0, ['yes', 'no']));
      }
      return extra(1);
    }
    case 'rekeylimit': {
      if (v0 !== 'default') {
        const n = scanScaled(v0);
        if (n === undefined) return bad(a0.range, `"${v0}" is not a data size (like 1G, 500M or default)`);
        if (n !== 0 && n < 16) return bad(a0.range, `RekeyLimit ${v0} is below the minimum of 16 bytes`);
      }
      if (args[1] && args[1].value !== 'none' && convtime(args[1].value) === undefined) {
        return bad(args[1].range, `"${args[1].value}" is not a time (like 30, 90s, 5m, 1h30m) or none`);
      }
      return extra(2);
    }
    case 'ipqos': {
      for (const a of args.slice(0, 2)) if (!validIpqos(a.value)) return bad(a.range, `"${a.value}" is not a DSCP class (af11-af43, cs0-cs7, ef, le, lowdelay, throughput, reliability, none) or a number 0-255`);
      return extra(2);
    }
    case 'escapechar': {
      if (side !== 'client') break;
      const ok = v0 === 'none' || v0.length === 1 || (v0.length === 2 && v0[0] === '^' && v0.charCodeAt(1) >= 64 && v0.charCodeAt(1) < 128);
      if (!ok) return bad(a0.range, `EscapeChar takes one character, ^ and a letter, or none, not "${v0}"`);
      return extra(1);
    }
    case 'tunneldevice':
      if (side !== 'client') break;
      if (!validTunnelDevice(v0)) return bad(a0.range, `"${v0}" is not local_tun[:remote_tun] (numbers or any)`);
      return extra(1);
    case 'streamlocalbindmask': {
      const m = /^\s*[+-]?[0-7]+/.exec(v0);
      const n = m ? parseInt(m[0].trim(), 8) : NaN;
      if (!m || n < 0 || n > 0o777) return bad(a0.range, `"${v0}" is not an octal mask between 0 and 0777`);
      return extra(1);
    }
    case 'maxstartups': {
      if (side !== 'server') break;
      const n = scanInts(v0, 3);
      const ok = (n.length === 3 && n[0] <= n[2] && n[1] >= 1 && n[1] <= 100 && n[0] > 0 && n[2] > 0) || (n.length === 1 && n[0] > 0);
      if (!ok) return bad(a0.range, `"${v0}" is not start:rate:full with start <= full and rate 1-100 (or a single number)`);
      return extra(1);
    }
    case 'persourcenetblocksize': {
      if (side !== 'server') break;
      const n = scanInts(v0, 2);
      const ok = n.length >= 1 && n[0] >= 0 && n[0] <= 32 && (n.length < 2 || (n[1] >= 0 && n[1] <= 128));
      if (!ok) return bad(a0.range, `"${v0}" is not ipv4_bits[:ipv6_bits] with at most 32 and 128 bits`);
      return extra(1);
    }
    case 'persourcemaxstartups': {
      if (side !== 'server') break;
      if (v0 !== 'none' && atoiErr(v0)) return bad(a0.range, `"${v0}" is not a number or none`);
      return extra(1);
    }
    case 'permittunnel':
      if (side !== 'server') break;
      if (!['yes', 'no', 'point-to-point', 'ethernet'].includes(v0)) {
        return bad(a0.range, `PermitTunnel takes yes, no, point-to-point or ethernet (lower case), not "${v0}"`, wordFixes(ctx, a0, ['yes', 'no', 'point-to-point', 'ethernet']));
      }
      return extra(1);
    case 'pubkeyauthoptions':
      if (side !== 'server') break;
      for (const a of args) {
        if (!['none', 'touch-required', 'verify-required'].includes(a.value.toLowerCase())) {
          return bad(a.range, `"${a.value}" is not a PubkeyAuthOptions option (none, touch-required, verify-required)`, wordFixes(ctx, a, ['none', 'touch-required', 'verify-required']));
        }
      }
      return;
    case 'unusedconnectiontimeout':
      if (v0 !== 'none' && convtime(v0) === undefined) return bad(a0.range, `"${v0}" is not a time (like 30, 90s, 5m, 1h30m) or none`);
      return extra(1);
    case 'obscurekeystroketiming': {
      if (side !== 'client') break;
      const m = /^interval:(.*)$/.exec(v0);
      const ok = ['yes', 'no', 'true', 'false'].includes(v0) || (m && !atoiErr(m[1]) && Number(m[1]) > 0 && Number(m[1]) <= 1000);
      if (!ok) return bad(a0.range, `ObscureKeystrokeTiming takes yes, no or interval:MILLISECONDS (1-1000), not "${v0}"`);
      return extra(1);
    }
    case 'forwardagent':
    case 'identityagent': {
      if (side !== 'client') break;
      if (key === 'forwardagent' && ['yes', 'no', 'true', 'false'].includes(v0.toLowerCase())) return extra(1);
      if (v0.startsWith('$') && v0[1] !== '{' && !validEnvName(v0.slice(1))) return bad(a0.range, `"${v0}" is not a valid environment variable name`);
      return extra(1);
    }
    case 'setenv':
      for (const a of args) if (!a.value.includes('=')) return bad(a.range, `SetEnv takes NAME=value pairs, but "${a.value}" has no "="`);
      return;
    case 'sendenv':
    case 'acceptenv':
      for (const a of args) if (a.value === '' || a.value.includes('=')) return bad(a.range, `${node.name} takes variable names (patterns allowed), not "${a.value}"`);
      return;
    case 'canonicaldomains':
      if (side !== 'client' || !alone(['none'])) return;
      for (const a of args) {
        const why = domainProblem(a.value);
        if (why) return bad(a.range, `"${a.value}" is not a domain name (${why})`);
      }
      return;
    case 'canonicalizepermittedcnames':
      if (side !== 'client' || !alone(['none'])) return;
      for (const a of args) {
        if (a.value.toLowerCase() === 'none' || a.value === '*') continue;
        const i = a.value.indexOf(':');
        if (i < 0 || i === a.value.length - 1) return bad(a.range, `"${a.value}" is not source_domains:target_domains`);
      }
      return;
    case 'globalknownhostsfile':
    case 'userknownhostsfile':
    case 'logverbose':
      if (emptyArg()) return;
      alone(['none']);
      return;
    case 'channeltimeout':
      if (!alone(['none'])) return;
      for (const a of args) {
        if (a.value.toLowerCase() === 'none') continue;
        const m = /^([^=]+)=(.*)$/.exec(a.value);
        if (!m || convtime(m[2]) === undefined) return bad(a.range, `"${a.value}" is not type=interval (like session=5m)`);
      }
      return;
    case 'authenticationmethods':
      if (side !== 'server') break;
      if (!alone(['any'], true)) return;
      for (const a of args) {
        if (a.value === 'any') continue;
        for (const method of a.value.split(',')) {
          const name = method.split(':')[0];
          if (!AUTH_METHODS.has(name)) return bad(a.range, method ? `"${method}" is not an authentication method sshd knows` : `"${a.value}" has an empty method`);
        }
      }
      return;
    case 'allowusers':
    case 'denyusers':
    case 'allowgroups':
    case 'denygroups':
      if (side !== 'server') break;
      emptyArg();
      return;
    case 'subsystem': {
      if (side !== 'server') break;
      if (args.length < 2 || args[1].value === '') return bad(a0.range, `Subsystem ${v0} has no command after its name`);
      // sshd 9.2 refuses a second active definition of the same name (later releases keep the first).
      if (line.section && !isMatchAll(line.section)) return;
      const first = firstSubsystems(ctx).get(v0);
      if (first && first.node !== node) {
        return bad(a0.range, `Subsystem ${v0} is already defined on line ${first.node.nameRange.start.line + 1}, and sshd 9.2 and older stop there (newer releases keep the first one)`, [
          { title: 'Remove this Subsystem line', edits: [{ path: ctx.file.path, range: wholeLine(ctx, node), newText: '' }] },
        ]);
      }
      return;
    }
    case 'proxyjump': {
      // The hops themselves are checked by ssh/bad-jump-hop; here only the words ssh drops.
      if (side !== 'client') break;
      if (args.length > 1) {
        push({
          category: 'bad-value',
          severity: 'warning',
          range: span(args[1], args[args.length - 1]),
          message: `ssh ignores everything after the first word of ProxyJump, so these jump hosts are never used (L4); separate hops with commas, without spaces.`,
          fixes: [{ title: 'Join the hops with commas', edits: [{ path: ctx.file.path, range: span(a0, args[args.length - 1]), newText: args.map((a) => a.text).join(',') }] }],
        });
      }
      return;
    }
    case 'include':
      emptyArg();
      return;
    case 'host':
      if (side !== 'client') break;
      emptyArg();
      return;
  }

  const algo = ALGORITHMS.get(key);
  if (algo) {
    const p = algorithmProblem(algo, v0);
    if (p) {
      if (p.newer) {
        push({ category: 'bad-value', severity: 'warning', range: a0.range, message: `${node.name} lists "${p.name}", which only OpenSSH ${p.newer} and later know: older ${tool} releases (such as 9.2) refuse the whole file (L4), so use it only where every ${tool} is that new.` });
        return;
      }
      const fixes = p.name === v0 ? wordFixes(ctx, a0, algorithmNames(algo)) : [];
      return bad(a0.range, `${node.name} lists ${p.message}`, fixes);
    }
    return extra(1);
  }

  const accepted = acceptedWords(side, key, spec);
  if (accepted) {
    const ok = lowerCased(side, key, accepted).includes(v0.toLowerCase());
    if (!ok) {
      const shown = accepted.filter((w) => !(side === 'client' && (w === 'true' || w === 'false')));
      return bad(a0.range, `${node.name} takes ${listText(shown)}, not "${v0}"`, wordFixes(ctx, a0, shown));
    }
    return extra(spec.maxArgs);
  }

  switch (spec.kind) {
    case 'time':
      if (side === 'client' && CLIENT_PARSE_TIME.has(key) && v0 === 'none') return extra(1);
      if (convtime(v0) === undefined) return bad(a0.range, `"${v0}" is not a time (like 30, 90s, 5m, 1h30m, 2d)`);
      return extra(1);
    case 'number': {
      const why = atoiErr(v0);
      if (why) return bad(a0.range, why === 'invalid' ? `"${v0}" is not a whole number` : `${v0} is ${why === 'too small' ? 'negative' : 'too large'}`);
      // ssh checks this one once the configuration is read ("Invalid number of ConnectionAttempts").
      if (side === 'client' && key === 'connectionattempts' && Number(v0) < 1) return bad(a0.range, 'ConnectionAttempts must be at least 1');
      return extra(1);
    }
  }
  if (Number.isFinite(spec.maxArgs) && spec.kind !== 'command') extra(spec.maxArgs);
}

/** Algorithm-list keywords, for lookups by a computed key (only known keyword names are looked up). */
const ALGORITHMS = new Map(Object.entries(ALGORITHM_KEYWORDS));

const YES_NO_TRUE_FALSE = ['yes', 'no', 'true', 'false'];
const YES_NO = ['yes', 'no'];
const lowered = { client: new Map<string, string[]>(), server: new Map<string, string[]>() };
/** A keyword's accepted words in lower case, computed once per keyword. */
function lowerCased(side: SshSide, key: string, words: readonly string[]): string[] {
  let hit = lowered[side].get(key);
  if (!hit) lowered[side].set(key, (hit = words.map((w) => w.toLowerCase())));
  return hit;
}
/** Client enums with yes and no also take true and false: the list per keyword. */
const clientEnumWords = new WeakMap<KeywordSpec, string[]>();

/** The fixed words a yes/no, enum, log-level or facility keyword accepts, or undefined for free-form kinds. */
export function acceptedWords(side: SshSide, key: string, spec: KeywordSpec): string[] | undefined {
  switch (spec.kind) {
    case 'yesno':
      // Shared lists: callers only read them.
      return side === 'client' && key !== 'compression' ? YES_NO_TRUE_FALSE : YES_NO;
    case 'enum': {
      const values = spec.values ?? [];
      if (!(side === 'client' && values.includes('yes') && values.includes('no'))) return values;
      let words = clientEnumWords.get(spec);
      if (!words) clientEnumWords.set(spec, (words = [...values, 'true', 'false']));
      return words;
    }
    case 'log-level':
      return LOG_LEVELS;
    case 'facility':
      return FACILITIES;
    default:
      return undefined;
  }
}

/** PermitOpen / PermitListen (sshd) and PermitRemoteOpen (ssh) entries. */
function checkPermit(ctx: SshContext, line: Line, push: Push): void {
  const { node, key } = line;
  const args = node.args;
  const side = ctx.side;
  const category: LexiconCategory = side === 'server' ? 'bad-permit' : 'bad-value';
  const report = (range: Range, what: string, fixes?: Fix[]) => push({ category, range, message: `${what}: ${refusal(side)}.`, fixes });
  const listen = key === 'permitlisten';
  // sshd compares any/none case-sensitively; ssh (PermitRemoteOpen) ignores case.
  const special = (a: Arg) => (side === 'server' ? a.value === 'any' || a.value === 'none' : ['any', 'none'].includes(a.value.toLowerCase()));
  if (side === 'server' && special(args[0])) {
    if (args.length > 1) report({ start: args[1].range.start, end: args[args.length - 1].range.end }, `"${args[0].value}" in ${node.name} must stand alone`);
    return;
  }
  for (const a of args) {
    if (special(a)) {
      if (side === 'client' && args.length > 1) return report(a.range, `"${a.value}" in ${node.name} must stand alone`);
      if (side === 'client') continue;
    }
    const text = listen && !a.value.includes(':') ? `*:${a.value}` : a.value;
    const hp = hpdelim(text);
    if (!hp || (side === 'server' && hp.delim === '/')) return report(a.range, `"${a.value}" in ${node.name} has no host part (write ${listen ? '[host:]port' : 'host:port'})`);
    const port = hp.rest;
    if (port === undefined || (port !== '*' && a2port(port) <= 0)) {
      return report(a.range, `"${a.value}" in ${node.name} has ${port === undefined ? 'no port' : `a bad port (${portProblem(port) ?? port})`}; write ${listen ? '[host:]port' : 'host:port'} with port 1-65535 or *`);
    }
  }
}

/** Match criteria as ssh 9.2 (client) and sshd 9.2 (server) read them. */
const CLIENT_CRITERIA: Record<string, 'none' | 'arg'> = { canonical: 'none', final: 'none', exec: 'arg', host: 'arg', originalhost: 'arg', user: 'arg', localuser: 'arg', tagged: 'arg', localnetwork: 'arg' };
const SERVER_CRITERIA: Record<string, 'none' | 'arg'> = { user: 'arg', group: 'arg', host: 'arg', address: 'arg', localaddress: 'arg', localport: 'arg', rdomain: 'arg', 'invalid-user': 'none' };
/** Criteria newer than the 9.2 checked here, with the release that added them. */
const NEWER_CRITERIA: Record<string, string> = { tagged: '9.4', localnetwork: '9.4', 'invalid-user': '9.9' };

interface Word {
  text: string;
  arg: Arg;
}

function checkMatch(ctx: SshContext, node: Directive, push: Push): void {
  const side = ctx.side;
  const report = (range: Range, what: string, fixes?: Fix[], severity?: Severity) =>
    push({ category: 'match-syntax', range, message: severity === 'warning' ? what : `${what}: ${refusal(side)}.`, fixes, severity });
  // strdelim() also splits unquoted words at "=", so `Match User=alice` is `User alice`.
  const words: Word[] = [];
  for (const arg of node.args) {
    if (arg.quoted || !arg.value.includes('=')) {
      words.push({ text: arg.value, arg });
      continue;
    }
    for (const text of arg.value.split('=')) if (text !== '') words.push({ text, arg });
  }
  const criteria = side === 'client' ? CLIENT_CRITERIA : SERVER_CRITERIA;
  let attributes = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const negated = side === 'client' && w.text.startsWith('!');
    const attrib = (negated ? w.text.slice(1) : w.text).toLowerCase();
    if (attrib === 'all') {
      if (side === 'server') attributes++;
      if (attributes > 1 || i + 1 < words.length) {
        return report({ start: node.args[0].range.start, end: node.args[node.args.length - 1].range.end }, `"all" cannot be combined with other Match criteria`);
      }
      return;
    }
    attributes++;
    const kind = criteria[attrib];
    if (!kind) {
      const names = [...Object.keys(criteria), 'all'];
      const guesses = suggest(attrib, names);
      return report(w.arg.range, `"${w.text}" is not a Match criterion ${side === 'client' ? 'ssh' : 'sshd'} knows`, guesses.length === 1 && w.arg.value === w.text
        ? [replaceFix(ctx, w.arg.range, `${negated ? '!' : ''}${guesses[0]}`, `Change to "${guesses[0]}"`)]
        : []);
    }
    const newer = NEWER_CRITERIA[attrib];
    if (newer) report(w.arg.range, `Match ${w.text} needs OpenSSH ${newer} or later: ssh and sshd 9.2 refuse the file (L4), so use it only where every copy is new enough.`, undefined, 'warning');
    if (kind === 'none') continue;
    const value = words[i + 1];
    if (!value || value.text === '') return report(w.arg.range, `Match ${w.text} has no value after it`);
    i++;
    if (side === 'server' && (attrib === 'address' || attrib === 'localaddress')) {
      const badEntry = badAddressListEntry(value.text);
      if (badEntry) return report(value.arg.range, `"${badEntry}" in Match ${w.text} is not a usable address or network (a prefix longer than the address, or host bits set)`);
    }
    if (side === 'server' && attrib === 'localport' && a2port(value.text) < 0) return report(value.arg.range, `Match LocalPort takes one port number, not "${value.text}"`);
  }
  if (attributes === 0) report(node.nameRange, 'Match has no criteria');
}

const subsystemCache = new Memo<SshContext, Map<string, Line>>();

/** The first active (global or `Match all`) Subsystem line of each name. */
function firstSubsystems(ctx: SshContext): Map<string, Line> {
  let map = subsystemCache.get(ctx);
  if (!map) {
    map = new Map();
    for (const l of ctx.lines) {
      if (l.key !== 'subsystem') continue;
      const name = l.node.args[0]?.value;
      if (name !== undefined && (!l.section || isMatchAll(l.section)) && !map.has(name)) map.set(name, l);
    }
    subsystemCache.set(ctx, map);
  }
  return map;
}

/** Keywords whose value loop accepts zero words (after a comment, say). */
const CLIENT_EMPTY_OK = new Set(['host', 'include', 'globalknownhostsfile', 'userknownhostsfile', 'logverbose', 'sendenv']);
const SERVER_EMPTY_OK = new Set(['allowusers', 'denyusers', 'allowgroups', 'denygroups', 'acceptenv']);

/** Whether a comment follows the keyword on its line. */
function trailingComment(ctx: SshContext, node: Directive): boolean {
  const line = node.nameRange.start.line;
  return ctx.file.parse.comments.some((c) => c.range.start.line === line && c.range.start.character >= node.nameRange.end.character);
}

function wholeLine(ctx: SshContext, node: Directive): Range {
  const line = node.nameRange.start.line;
  const next = line + 1 < ctx.file.lines.lineCount ? { line: line + 1, character: 0 } : node.range.end;
  return { start: { line, character: 0 }, end: next };
}
