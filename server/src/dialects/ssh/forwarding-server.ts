// The server side of forwarding, for the forwarding rules: an sshd_config flattened with its
// resolved Includes, the effective forwarding policy for one connection (sshd's order: global
// lines first value wins, then matching Match blocks override), and the same computed once more
// with every Match block whose criteria cannot be checked counted as matching, so a rule can tell
// a certain outcome from one that depends on those blocks.
import { Memo, type HasMemos } from '../../engine/memo';
import { baseName } from '../../engine/paths';
import type { Directive, Range } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import type { ServerConnection } from './effective';
import { sshIncludesOf } from './includes';
import type { KeywordSpec } from './keyword-types';
import { matchPattern } from './patterns';
import { specOf } from './schema';
import { firstSetting, matchedLines, serverBlocks, type MatchedLines, type ServerBlocks } from './server-blocks';

export interface ServerLine {
  node: Directive;
  path: string;
  /** The Match line governing this line (undefined for global lines). */
  match?: ServerLine;
  key: string;
}

export interface ServerConfig extends HasMemos {
  file: SourceFile;
  /** Every line in sshd's reading order, Includes expanded; Match lines included. */
  lines: ServerLine[];
}

const MAX_DEPTH = 16;

/** Flattens an sshd_config and the Includes that resolve in the workspace. */
export function flattenServer(file: SourceFile, ws: Workspace): ServerConfig {
  const lines: ServerLine[] = [];
  const seen = new Set<string>();
  const visit = (f: SourceFile, inherited: ServerLine | undefined, depth: number) => {
    if (seen.has(f.path) || depth > MAX_DEPTH) return;
    seen.add(f.path);
    const includes = sshIncludesOf(f, ws);
    // An included file's own Match blocks end with the file; its lines before the first Match
    // belong to the block the Include line is in.
    let current = inherited;
    const one = (d: Directive) => {
      const key = d.name.toLowerCase();
      if (key === 'match') {
        const m: ServerLine = { node: d, path: f.path, key };
        lines.push(m);
        current = m;
        return;
      }
      lines.push({ node: d, path: f.path, match: current, key });
      if (key === 'include') {
        for (const inc of includes) {
          if (inc.directive !== d) continue;
          for (const p of inc.paths) {
            const g = ws.load(p, 'sshd_config');
            if (g && g.language === 'sshd_config') visit(g, current, depth + 1);
          }
        }
      }
    };
    for (const d of f.parse.tree) {
      one(d);
      if (d.children) for (const c of d.children) one(c);
    }
    seen.delete(f.path);
  };
  visit(file, undefined, 0);
  return { file, lines, memos: new Map() };
}

/** Each sshd_config root flattened, in the workspace (see Workspace.derived). */
const CONFIGS = {};

/** The sshd_config files of the workspace that are not included by another one. */
export function serverRoots(peers: readonly SourceFile[], ws: Workspace): ServerConfig[] {
  const included = new Set<string>();
  for (const p of peers) for (const inc of sshIncludesOf(p, ws)) for (const q of inc.paths) included.add(q);
  let roots = peers.filter((p) => !included.has(p.path));
  // Drop-in fragments stand for the server only when no main file is there.
  const main = roots.filter((p) => !/\/sshd_config\.d\//.test(p.path.replace(/\\/g, '/')));
  if (main.length) roots = main;
  return roots.map((f) => ws.derivedOf(CONFIGS, f, () => flattenServer(f, ws)));
}

/** One effective value: the deciding line, or the default when no line sets it. */
export interface ServerValue {
  key: string;
  /** Lower-case argument values (the default split on blanks when unset). */
  values: string[];
  line?: ServerLine;
  spec?: KeywordSpec;
}

export interface ServerEffective {
  get(key: string): ServerValue;
}

/**
 * sshd's effective configuration for a connection. With `includeUnknown`, Match blocks whose
 * criteria cannot be evaluated count as matching.
 */
export function serverEffective(config: ServerConfig, conn: ServerConnection, includeUnknown: boolean): ServerEffective {
  const blocks = serverBlocks(config);
  return effectiveOf(blocks, matchedLines(blocks, conn), includeUnknown);
}

function effectiveOf(blocks: ServerBlocks, matched: MatchedLines, includeUnknown: boolean): ServerEffective {
  const values = new Map<string, ServerValue>();
  return {
    get(key) {
      const k = key.toLowerCase();
      const hit = values.get(k);
      if (hit) return hit;
      const v = compute(k);
      values.set(k, v);
      return v;
    },
  };
  function compute(k: string): ServerValue {
    const spec = specOf('server', k);
    const line = matched.line(k, includeUnknown) ?? blocks.global.get(k);
    if (line) return { key: k, values: line.node.args.map((a) => a.value.toLowerCase()), line, spec };
    return { key: k, values: (spec?.default ?? '').toLowerCase().split(/\s+/).filter(Boolean), spec };
  }
}

// ---- forwarding policy -------------------------------------------------------------------------

export type Direction = 'local' | 'remote';

/** Whether an AllowTcpForwarding / AllowStreamLocalForwarding value permits a direction. */
export function permitsDirection(value: string | undefined, dir: Direction): boolean {
  const v = (value ?? 'yes').toLowerCase();
  return v === 'yes' || v === 'all' || v === dir;
}

/** Why the server refuses something, with the line that decides (undefined: the default). */
export interface Refusal {
  value: ServerValue;
  /** Short text: `AllowTcpForwarding no`. */
  setting: string;
}

function refusal(v: ServerValue): Refusal {
  return { value: v, setting: `${v.spec?.name ?? v.key} ${v.values.join(' ')}`.trim() };
}

/** DisableForwarding yes, or the direction's Allow*Forwarding value that forbids it. */
export function forwardingRefusal(eff: ServerEffective, dir: Direction, stream: boolean): Refusal | undefined {
  const df = eff.get('disableforwarding');
  if (df.values[0] === 'yes') return refusal(df);
  const allow = eff.get(stream ? 'allowstreamlocalforwarding' : 'allowtcpforwarding');
  if (!permitsDirection(allow.values[0], dir)) return refusal(allow);
  return undefined;
}

/** Splits a PermitOpen / PermitListen entry into host and port (`[v6]:port`, `host:port`, `port`). */
export function splitPermit(entry: string, bareIsPort: boolean): { host: string; port: string } | undefined {
  if (bareIsPort && !entry.includes(':')) return { host: '*', port: entry };
  const m = /^\[([^\]]*)\]:(.*)$/.exec(entry) ?? /^([^:]*):([^:]*)$/.exec(entry);
  if (!m) {
    // Unbracketed IPv6: the last colon separates the port.
    const i = entry.lastIndexOf(':');
    if (i <= 0) return undefined;
    return { host: entry.slice(0, i), port: entry.slice(i + 1) };
  }
  return { host: m[1], port: m[2] };
}

/** PermitListen against what a client asks for (the host it sends and the port), as remote_open_match does. */
export function permitListenAllows(values: readonly string[], requestedHost: string, port: number): boolean {
  if (!values.length || values.includes('any')) return true;
  if (values.includes('none')) return false;
  return values.some((v) => {
    const p = splitPermit(v, true);
    if (!p) return false;
    if (p.port !== '*' && Number(p.port) !== port) return false;
    return matchPattern(requestedHost.toLowerCase(), p.host);
  });
}

/** PermitOpen against a connect target, as open_match does (exact host text or `*`). */
export function permitOpenAllows(values: readonly string[], host: string, port: number): boolean {
  if (!values.length || values.includes('any')) return true;
  if (values.includes('none')) return false;
  return values.some((v) => {
    const p = splitPermit(v, false);
    if (!p) return false;
    if (p.port !== '*' && Number(p.port) !== port) return false;
    return p.host === '*' || p.host === host.toLowerCase();
  });
}

// ---- messages ----------------------------------------------------------------------------------

/** `sshd_config:12 has GatewayPorts no` or `sshd_config leaves GatewayPorts at its default no`. */
export function describeValue(v: ServerValue, config: ServerConfig): string {
  const name = v.spec?.name ?? v.key;
  if (!v.line) return `${baseName(config.file.path)} leaves ${name} at its default ${v.values.join(' ')}`;
  const where = `${baseName(v.line.path)}:${v.line.node.range.start.line + 1}`;
  const scope = v.line.match ? ` (in ${matchText(v.line.match)})` : '';
  return `${where}${scope} has ${name} ${v.line.node.args.map((a) => a.text).join(' ')}`;
}

export function matchText(m: ServerLine): string {
  return `Match ${m.node.args.map((a) => a.text).join(' ')}`;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A `related` entry for the deciding line, or the file's start when the default decides. */
export function relatedFor(v: ServerValue, config: ServerConfig, message: string): { path: string; range: Range; message: string } {
  if (v.line) return { path: v.line.path, range: v.line.node.range, message };
  return { path: config.file.path, range: FILE_START, message };
}

/** An outcome computed twice: without and with the Match blocks that cannot be checked. */
export interface Judged<T> {
  sure: T;
  maybe: T;
  /** Match lines whose criteria cannot be checked for the connection. */
  unknown: ServerLine[];
}

interface Evaluated {
  sure: ServerEffective;
  maybe: ServerEffective;
  unknown: ServerLine[];
}

const evaluated = new Memo<ServerConfig, Map<string, Evaluated>>();

/** The two effective configurations for a connection, cached per config and connection facts. */
function evaluate(config: ServerConfig, conn: ServerConnection): Evaluated {
  let byConn = evaluated.get(config);
  if (!byConn) {
    byConn = new Map();
    evaluated.set(config, byConn);
  }
  const key = JSON.stringify(conn);
  let e = byConn.get(key);
  if (!e) {
    const blocks = serverBlocks(config);
    const matched = matchedLines(blocks, conn);
    const unknown = matched.unknown;
    const sure = effectiveOf(blocks, matched, false);
    e = { sure, maybe: unknown.length ? effectiveOf(blocks, matched, true) : sure, unknown };
    byConn.set(key, e);
  }
  return e;
}

export function judge<T>(config: ServerConfig, conn: ServerConnection, fn: (eff: ServerEffective) => T): Judged<T> {
  const e = evaluate(config, conn);
  const sure = fn(e.sure);
  const maybe = e.maybe === e.sure ? sure : fn(e.maybe);
  return { sure, maybe, unknown: e.unknown };
}

/**
 * The undecidable Match block behind a value, else the first undecidable block that sets one of
 * `keys`, else the first undecidable one (`unknown` in file order, as judge() gives it).
 */
export function blameMatch(v: ServerValue | undefined, unknown: readonly ServerLine[], config?: ServerConfig, keys?: readonly string[]): ServerLine | undefined {
  const m = v?.line?.match;
  if (m && unknown.includes(m)) return m;
  if (config && keys) {
    const hit = firstSetting(serverBlocks(config), unknown, keys);
    if (hit) return hit.match;
  }
  return unknown[0];
}

/** `sshd_config:9 (Match Address 192.0.2.0/24)`. */
export function matchWhere(m: ServerLine): string {
  return `${baseName(m.path)}:${m.node.range.start.line + 1} (${matchText(m)})`;
}
