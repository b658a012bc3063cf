// Where a relay sends traffic: every *_pass directive and upstream `server` of a file with its
// parsed target and the families (http/stream) it stands in, plus the host checks the relay
// target rules share.
import { Memo } from '../../engine/memo';
import type { Arg, Directive } from '../../engine/syntax';
import { walk } from '../../engine/syntax';
import type { Family, NginxContext } from './analysis';
import { PlacementRuns, type Resolution } from './context';
import { configView, graphFile, includeGraph, rootsOf, type ConfigView } from './relay-graph';
import { rootName } from './scope';
import { isSchemeName, lowerCase, parseTarget, type Target } from './target';
import { configUpstreams } from './upstreams';
import { argValueOf } from './tree';

/** Directives that hand a request or connection to a backend. */
export const PASS_DIRECTIVES = new Set(['proxy_pass', 'grpc_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'memcached_pass']);
const PASS_NAMES = [...PASS_DIRECTIVES];
/** The http passes without a default port in nginx: a bare name is only valid as an upstream name. */
export const PORTLESS_PASSES = new Set(['fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);
/** A `scheme://` prefix of a pass argument. */
export const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]*:\/\//i;

const FAMILIES = new Set(['http', 'stream', 'mail']);

/**
 * A directive whose first argument names a relay target. `arg` is read from the node when asked
 * for: most targets never need its range, and building the node's arguments for each of a large
 * file's passes cost more than the rest of the record.
 */
class TargetLine {
  constructor(
    readonly node: Directive,
    /** The first argument's value. */
    readonly value: string,
    readonly target: Target,
    /** The top-level blocks this directive stands in (several for a fragment included from both). */
    readonly families: readonly Family[],
  ) {}

  get arg(): Arg {
    return this.node.args[0];
  }
}

export class PassInfo extends TargetLine {
  constructor(
    readonly r: Resolution,
    node: Directive,
    value: string,
    families: readonly Family[],
  ) {
    super(node, value, parseTarget(value), families);
  }
}

export class UpstreamServerInfo extends TargetLine {
  constructor(
    node: Directive,
    value: string,
    readonly upstream: Directive,
    families: readonly Family[],
  ) {
    super(node, value, parseTarget(value), families);
  }
}

const SINGLE: Record<string, Family[]> = { http: ['http'], stream: ['stream'], mail: ['mail'] };
const baseFamilies = new Memo<NginxContext, Family[]>();

/**
 * The families a directive stands in: from its own file when it sits under http/stream, else
 * from the file's context. A fragment whose context is only guessed and could be either takes
 * the family of the reference entry that resolution picked. The arrays returned are shared.
 */
export function familiesOf(ctx: NginxContext, r: Resolution): readonly Family[] {
  const local = r.localPath[0];
  if (local && SINGLE[local]) return SINGLE[local];
  let out = baseFamilies.get(ctx);
  if (!out) {
    out = [];
    for (const b of ctx.context.bases) if (b[0] && FAMILIES.has(b[0]) && !out.includes(b[0] as Family)) out.push(b[0] as Family);
    baseFamilies.set(ctx, out);
  }
  if (ctx.context.mode === 'any' && out.length > 1) {
    const f = r.spec?.family;
    return f && SINGLE[f] ? SINGLE[f] : [];
  }
  return out;
}

const passCache = new Memo<NginxContext, PassInfo[]>();
const NO_FAMILIES: readonly Family[] = [];

/** Every *_pass directive of the file with its parsed target. */
export function passesOf(ctx: NginxContext): PassInfo[] {
  let passes = passCache.get(ctx);
  if (passes) return passes;
  passes = [];
  // Whether a resolution is data or templated, and its families, are shared by the resolutions
  // of one placement.
  const runs = new PlacementRuns();
  let skipped = false;
  let families: readonly Family[] = NO_FAMILIES;
  for (const r of ctx.namedAny(PASS_NAMES)) {
    const node = r.node;
    if (node.children) continue;
    if (runs.starts(r)) {
      skipped = r.data || r.templated;
      families = skipped ? NO_FAMILIES : familiesOf(ctx, r);
    }
    if (skipped) continue;
    const value = argValueOf(node, 0);
    if (value === undefined || value.includes('${')) continue;
    passes.push(new PassInfo(r, node, value, families));
  }
  passCache.set(ctx, passes);
  return passes;
}

/** Every `server` line inside an upstream block of one family (or of a fragment included in one). */
export function upstreamServersOf(ctx: NginxContext, family: Family): UpstreamServerInfo[] {
  const servers: UpstreamServerInfo[] = [];
  const fragment = ctx.context.bases.some((b) => b[b.length - 1] === 'upstream');
  for (const r of ctx.named('server')) {
    // The family first, from what resolutions share: the servers of the other family (often
    // most of them) are passed over without reading their nodes.
    if (r.data) continue;
    const families = familiesOf(ctx, r);
    if (!families.includes(family)) continue;
    const node = r.node;
    if (node.children || r.templated) continue;
    const upstream = node.parent?.name === 'upstream' ? node.parent : !node.parent && fragment ? node : undefined;
    if (!upstream) continue;
    const value = argValueOf(node, 0);
    if (value !== undefined && !value.includes('${')) servers.push(new UpstreamServerInfo(node, value, upstream, families));
  }
  return servers;
}

/** Variables that only ever hold a URI or its query, so they start the path part of a target. */
const URI_VARIABLE = /\$\{?(?:request_uri|uri|document_uri|is_args|args|query_string|arg_[A-Za-z0-9_]+)\b\}?|\$\{?[0-9]\}?/;

/** The part of a target between the scheme and the path: where the host and port are written. */
export function hostPart(raw: string): string {
  const i = raw.indexOf('://');
  const from = i >= 0 ? i + 3 : 0;
  let end = from;
  while (end < raw.length && raw.charCodeAt(end) !== 47 /* / */ && raw.charCodeAt(end) !== 63 /* ? */) end++;
  const dollar = raw.indexOf('$', from);
  if (dollar < 0 || dollar >= end) return from === 0 && end === raw.length ? raw : raw.slice(from, end);
  let rest = raw.slice(from, end);
  // `http://backend$request_uri`: the variable after a written host is the path, not the host.
  const uri = URI_VARIABLE.exec(rest);
  if (uri && uri.index > 0) rest = rest.slice(0, uri.index);
  return rest;
}

/** A `$variable://` scheme, which nginx fills in per request. */
const VARIABLE_SCHEME = /^\$\{?[A-Za-z0-9_]+\}?:\/\//;

/** A target parsed as nginx sees it once variables in the scheme are set (`$scheme://host`). */
export function targetOf(raw: string): Target {
  const t = parseTarget(raw.charCodeAt(0) === 36 /* $ */ ? raw.replace(VARIABLE_SCHEME, 'http://') : raw);
  const host = hostPart(raw);
  if (host.includes('$')) return t;
  const h = parseTarget(host);
  return { ...t, host: h.host, port: h.port };
}

/** Whether targetOf(raw) is a unix socket, without parsing the target. */
export function isUnixTarget(raw: string): boolean {
  const sep = raw.indexOf('://');
  const from = sep > 0 && (isSchemeName(raw, sep) || (raw.charCodeAt(0) === 36 /* $ */ && VARIABLE_SCHEME.test(raw))) ? sep + 3 : 0;
  return raw.startsWith('unix:', from);
}

/** Whether a host names an upstream block of the family anywhere in the configuration. */
export function isUpstreamName(ctx: NginxContext, family: 'http' | 'stream', host: string): boolean {
  return configUpstreams(ctx, family).has(lowerCase(host));
}

const VAR = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/;

/** Directives that assign a variable from a table of literal values, and where the variable is. */
function tableVariable(d: Directive): string | undefined {
  if (!d.children) return undefined;
  if (d.name === 'map' && d.args.length === 2) return d.args[1].value;
  if (d.name === 'geo' && (d.args.length === 1 || d.args.length === 2)) return d.args[d.args.length - 1].value;
  if (d.name === 'split_clients' && d.args.length === 2) return d.args[1].value;
  return undefined;
}

/** Parameter lines of map/geo bodies, which assign no value. */
function isTableKeyword(table: string, line: Directive): boolean {
  if (!line.args.length && ['hostnames', 'volatile', 'ranges', 'proxy_recursive'].includes(line.name)) return true;
  return table === 'geo' && (line.name === 'proxy' || line.name === 'delete');
}

/** One literal value a user variable is given: a line of a map/geo/split_clients table, or `set`. */
export interface VariableSite {
  path: string;
  /** The table line or `set` directive. */
  node: Directive;
  value: Arg;
}

interface VarIndex {
  /** Literal values per variable; null when some assignment is not a literal we can read. */
  values: Map<string, string[] | null>;
  /** Where each variable is given a literal value. */
  sites: Map<string, VariableSite[]>;
}

/** The `$`, `${` and `}` around a variable name. */
const VARIABLE_SIGILS = /^\$\{?|\}$/g;

const varIndexes = new Memo<ConfigView, VarIndex>();

/** The user variables assigned in this file's configuration, with their literal values and where each is given. */
function variableIndex(ctx: NginxContext): VarIndex {
  const view = configView(ctx);
  const hit = varIndexes.get(view);
  if (hit) return hit;
  const files = view.files;
  const graph = includeGraph(ctx.ws);
  const index: VarIndex = { values: new Map(), sites: new Map() };
  const put = (v: string, value: string | undefined, site?: VariableSite) => {
    const key = v.replace(VARIABLE_SIGILS, '');
    if (site && !site.value.value.includes('$')) {
      const sites = index.sites.get(key);
      if (sites) sites.push(site);
      else index.sites.set(key, [site]);
    }
    const list = index.values.get(key);
    if (list === null) return;
    if (value === undefined || value.includes('$')) index.values.set(key, null);
    else if (list) list.push(value);
    else index.values.set(key, [value]);
  };
  for (const path of files) {
    const node = graph.nodes.get(path);
    if (!node) continue;
    for (const d of walk(node.file.parse.tree)) {
      const v = tableVariable(d);
      if (v) {
        for (const c of d.children ?? []) {
          if (c.name === 'include') put(v, undefined);
          else if (!isTableKeyword(d.name, c)) put(v, c.args[0]?.value ?? '', c.args[0] && { path, node: c, value: c.args[0] });
        }
      } else if (d.name === 'set' && d.args.length === 2) put(d.args[0].value, d.args[1].value, { path, node: d, value: d.args[1] });
      else if (d.name.endsWith('_set') && d.args[0]?.value.startsWith('$')) put(d.args[0].value, undefined);
    }
  }
  varIndexes.set(view, index);
  return index;
}

/**
 * Every literal value a user variable can take across this file's configuration (map, geo,
 * split_clients, set), or undefined when one of its assignments is not a plain literal
 * or the variable is never assigned here (a built-in, or set by a module we do not read).
 */
export function variableValues(ctx: NginxContext, name: string): string[] | undefined {
  return variableIndex(ctx).values.get(name) ?? undefined;
}

/** Where a user variable (without `$`) is given a literal value in this file's configuration. */
export function variableSites(ctx: NginxContext, name: string): readonly VariableSite[] {
  return variableIndex(ctx).sites.get(name) ?? [];
}

/** Whether a directive of a configuration file stands in `stream` (by its own blocks, else where its file is included). */
export function inStream(ctx: NginxContext, path: string, d: Directive): boolean {
  const root = rootName(d);
  return root && FAMILIES.has(root) ? root === 'stream' : rootsOf(ctx, path).has('stream');
}

/** A cheap test before walking a file: some proxy_pass whose argument starts with a variable. */
const PASS_BY_VARIABLE = /proxy_pass\s+["']?\$/;
const WHOLE_VAR = /^\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))$/;
const streamPassVars = new Memo<ConfigView, Map<string, PassSite>>();

export interface PassSite {
  path: string;
  node: Directive;
}

/**
 * Variables (without `$`) that make up the whole argument of a stream proxy_pass in this file's
 * configuration, each with the first such pass: the variable's value must carry the port.
 */
export function streamPassVariables(ctx: NginxContext): Map<string, PassSite> {
  const view = configView(ctx);
  const hit = streamPassVars.get(view);
  if (hit) return hit;
  const out = new Map<string, PassSite>();
  for (const path of view.files) {
    const file = graphFile(ctx.ws, path);
    if (!file || !PASS_BY_VARIABLE.test(file.text)) continue;
    for (const d of walk(file.parse.tree)) {
      if (d.name !== 'proxy_pass' || d.children || d.args.length !== 1) continue;
      const m = WHOLE_VAR.exec(d.args[0].value);
      if (!m) continue;
      const name = m[1] ?? m[2];
      if (!out.has(name) && inStream(ctx, path, d)) out.set(name, { path, node: d });
    }
  }
  streamPassVars.set(view, out);
  return out;
}

/** The first variable named in a string, without its `$`. */
export function firstVariable(text: string): string | undefined {
  const m = VAR.exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}
