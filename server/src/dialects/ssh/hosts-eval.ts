// How ssh reaches a host by name, as far as one ssh_config tells: the ProxyJump or ProxyCommand it
// obtains first for that name (first value wins, the two share one slot), and where that sends
// the connection next. Literal Host sections are indexed by name so one lookup costs the host's
// own sections plus the wildcard and Match sections. A Match block whose verdict is unknown and
// that sets the proxy makes the answer unknown.
import { Memo } from '../../engine/memo';
import type { Directive, Range } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import { clientMatch } from './effective';
import { argSubRange } from './hosts-jump';
import { coversAll, hostMatches, hostSections } from './hosts-scope';
import { parseJump } from './jump';

/** The next host a connection to some host goes through. */
export interface ProxyEdge {
  /** The ProxyJump or ProxyCommand line that sends it there. */
  line: Line;
  /** Lower-case host name of the next hop, as ssh will match it against Host patterns. */
  to: string;
  user?: string;
  /** Where the next hop is written. */
  range: Range;
}

/** undefined: unknown; null: ssh connects directly (or through a command we cannot follow). */
export type ProxyAnswer = ProxyEdge | null | undefined;

// ssh(1) options that take an argument (OpenSSH 9.x getopt string).
const WITH_ARG = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));
const NO_ARG = new Set('46AaCfGgKkMNnqsTtVvXxYy'.split(''));
const SHELL = /[;|&<>`]|\$\(/;

/** The next hop of a `ProxyCommand ssh ... host` line, or null when it is not such a command. */
export function sshCommandHop(line: Line): ProxyEdge | null | undefined {
  const args = line.node.args;
  let i = 0;
  if (args[i]?.value === 'exec') i++;
  const bin = args[i]?.value ?? '';
  if (bin !== 'ssh' && !bin.endsWith('/ssh')) return null;
  if (args.some((a) => SHELL.test(a.value))) return undefined;
  let dest: { value: string; index: number } | undefined;
  let jump: { value: string; index: number } | undefined;
  for (i++; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') {
      if (!dest && args[i + 1]) dest = { value: args[i + 1].value, index: i + 1 };
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let k = 1; k < v.length; k++) {
        const c = v[k];
        if (NO_ARG.has(c)) continue;
        if (!WITH_ARG.has(c)) return undefined;
        const inline = v.slice(k + 1);
        const value = inline || args[++i]?.value;
        if (value === undefined) return undefined;
        if (c === 'F') return undefined; // another configuration file
        if (c === 'o' && /^\s*proxy(jump|command)/i.test(value)) return undefined;
        if (c === 'J') jump = { value, index: i };
        break;
      }
      continue;
    }
    if (dest) break; // the remote command starts
    dest = { value: v, index: i };
  }
  if (jump) {
    const hop = parseJump(jump.value)[0];
    if (!hop || hop.error || /[%$]/.test(hop.host)) return undefined;
    const a = args[jump.index];
    return { line, to: hop.host.toLowerCase(), user: hop.user, range: a.range };
  }
  if (!dest) return null;
  let host = dest.value;
  let user: string | undefined;
  if (host.startsWith('ssh://')) {
    const hop = parseJump(host)[0];
    if (!hop || hop.error) return undefined;
    host = hop.host;
    user = hop.user;
  } else {
    const at = host.lastIndexOf('@');
    if (at >= 0) {
      user = host.slice(0, at);
      host = host.slice(at + 1);
    }
  }
  if (!host || /[%$]/.test(host)) return undefined;
  return { line, to: host.toLowerCase(), user, range: args[dest.index].range };
}

export interface ClientResolver {
  /** How ssh continues from host `name` (as typed, or as a jump hop names it). */
  proxyOf(name: string, user?: string): ProxyAnswer;
}

const cache = new Memo<SshContext, ClientResolver>();
const PROXY_KEYS = new Set(['proxyjump', 'proxycommand']);
const CONTEXT_KEYS = new Set(['hostname', 'user']);

export function clientResolver(ctx: SshContext): ClientResolver {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const tree = ctx.file.parse.tree;
  // Only ProxyCommand and ProxyJump lines are ever looked up.
  let linesOf: Map<Directive, Line> | undefined;
  const lineOf = (d: Directive) => {
    if (!linesOf) {
      linesOf = new Map();
      for (const l of ctx.lines) if (PROXY_KEYS.has(l.key)) linesOf.set(l.node, l);
    }
    return linesOf.get(d);
  };
  const globals: Directive[] = [];
  for (const d of tree) if (!d.children) globals.push(d);
  // Literal Host sections are looked up by name and wildcard ones through their literal suffix or
  // prefix; Match sections and the Host sections that apply to every host are checked for every name.
  const { literal, wildcards } = hostSections(ctx);
  const dynamic = ctx.sections.filter((s) => s.name.toLowerCase() !== 'host' || coversAll(s));
  /** Sections sorted by position (their first line). */
  const at = (d: Directive) => d.range.start.line;
  const memo = new Map<string, ProxyAnswer>();

  function evaluate(name: string, hopUser: string | undefined): ProxyAnswer {
    let hostName: string | undefined;
    let user = hopUser;
    let uncertain = false;
    let command: Line | undefined;
    let jump: Line | undefined;
    const decided = () => !!command || !!jump;
    const take = (d: Directive) => {
      const key = d.name.toLowerCase();
      const v = d.args[0]?.value;
      if (key === 'hostname' && hostName === undefined && v) hostName = v.replace(/%h/g, name);
      else if (key === 'user' && user === undefined && v) user = v;
      else if (key === 'proxycommand') {
        if (!command && !(jump && jump.node.args[0]?.value.toLowerCase() !== 'none')) command = lineOf(d);
      } else if (key === 'proxyjump') {
        if (!command && !jump) jump = lineOf(d);
      }
    };
    for (const d of globals) take(d);
    const own = [...(literal.get(name) ?? []), ...wildcards.candidates(name)].sort((x, y) => at(x) - at(y));
    let a = 0;
    let b = 0;
    while (!decided() && (a < own.length || b < dynamic.length)) {
      const s = b >= dynamic.length || (a < own.length && at(own[a]) < at(dynamic[b])) ? own[a++] : dynamic[b++];
      let applies: 'yes' | 'no' | 'unknown';
      if (s.name.toLowerCase() === 'host') applies = hostMatches(s, name) ? 'yes' : 'no';
      else if (uncertain && !(s.args.length === 1 && s.args[0].value.toLowerCase() === 'all')) applies = 'unknown';
      else applies = clientMatch(s, { host: name, hostName: hostName && !/%/.test(hostName) ? hostName : undefined, user });
      if (applies === 'yes') s.children!.forEach(take);
      else if (applies === 'unknown') {
        const keys = s.children!.map((c) => c.name.toLowerCase());
        if (keys.some((k) => PROXY_KEYS.has(k))) return undefined;
        if (keys.some((k) => CONTEXT_KEYS.has(k))) uncertain = true;
      }
    }
    if (command) return sshCommandHop(command);
    if (!jump) return null;
    const arg = jump.node.args[0];
    const hop = arg ? parseJump(arg.value)[0] : undefined;
    if (!hop) return null; // ProxyJump none
    if (hop.error || !hop.host || /[%$]/.test(hop.host)) return undefined;
    return { line: jump, to: hop.host.toLowerCase(), user: hop.user, range: argSubRange(arg, hop.start, hop.end) ?? arg.range };
  }

  const resolver: ClientResolver = {
    proxyOf(name, user) {
      const key = `${name.toLowerCase()}\0${user ?? ''}`;
      if (!memo.has(key)) memo.set(key, evaluate(name.toLowerCase(), user));
      return memo.get(key);
    },
  };
  cache.set(ctx, resolver);
  return resolver;
}
