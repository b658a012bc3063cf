// nginx inheritance across files, for the HTTP relay rules: the levels a directive inherits from
// (its block, the enclosing blocks, and through `include` the blocks of the files that include
// its fragment), each level with its includes expanded in place, as nginx reads them.
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import type { NginxContext } from './analysis';
import { PlacementRuns } from './context';
import { includeAt, includesOf } from './includes';
import { specsOf } from './reference';
import { argCountOf, argValueOf, NginxDirective, type ParseTable } from './tree';
import { configView, type ConfigView } from './relay-graph';
import { configUpstreams } from './upstreams';

/** A directive and the file it is written in. */
export interface Placed {
  node: Directive;
  file: SourceFile;
}

/** One level of nginx inheritance: a block of a file, or the top level of a file. */
export interface Level {
  file: SourceFile;
  /** Undefined for the file's top level. */
  block?: Directive;
}

/** The directives of one level, with `include` replaced by what it includes. */
export interface Expanded {
  byName: Map<string, Placed[]>;
  /** An include that cannot be read (missing, not loaded, a variable): the level may hold more. */
  unknown: boolean;
}

/**
 * The levels a block inherits from, innermost first, along one chain of includes. A chain is its
 * innermost level in front of the chain it extends (`rest`), which the block's siblings share,
 * with the lookups made on it.
 */
export class Chain implements Level {
  /** Whether a level of the chain holds an unknown directive whose name mentions "header" (once computed). */
  headerish: boolean | undefined;
  // The lookups made on this chain, one per name: a few fields, so that most chains need no array.
  private lookup0: Lookup | undefined;
  private lookup1: Lookup | undefined;
  private lookup2: Lookup | undefined;
  private moreLookups: Lookup[] | undefined;

  constructor(
    /** The innermost level's file and block (no block: the file's top level). */
    readonly file: SourceFile,
    readonly block: Directive | undefined,
    /** The chain without its innermost level (none past the outermost level). */
    readonly rest: Chain | undefined,
    /**
     * The chain ends at the top of a fragment that no workspace file includes (its context is
     * declared or inferred): the levels above it exist but are not visible.
     */
    readonly outerUnknown: boolean,
  ) {}

  /** Every level, innermost first (each one the chain from that level on). */
  get levels(): Level[] {
    const all: Level[] = [];
    for (let c: Chain | undefined = this; c; c = c.rest) all.push(c);
    return all;
  }

  /** The lookup of a name made on this chain, if any. */
  looked(name: string): Lookup | undefined {
    if (this.lookup0?.name === name) return this.lookup0;
    if (this.lookup1?.name === name) return this.lookup1;
    if (this.lookup2?.name === name) return this.lookup2;
    const more = this.moreLookups;
    if (more) for (let i = 0; i < more.length; i++) if (more[i].name === name) return more[i];
    return undefined;
  }

  remember(l: Lookup): void {
    if (!this.lookup0) this.lookup0 = l;
    else if (!this.lookup1) this.lookup1 = l;
    else if (!this.lookup2) this.lookup2 = l;
    else (this.moreLookups ??= []).push(l);
  }
}

/** A chain through these levels (innermost first, at least one). */
function chainThrough(levels: readonly Level[], outerUnknown: boolean): Chain {
  let chain: Chain | undefined;
  for (let i = levels.length - 1; i >= 0; i--) chain = new Chain(levels[i].file, levels[i].block, chain, outerUnknown);
  return chain!;
}

/** What a directive name resolves to along a chain. */
export interface Lookup {
  /** The directive name looked up. */
  name: string;
  /** The directives of that name at the nearest level that has any (empty: none in effect). */
  found: Placed[];
  /** The level they stand at. */
  level?: Level;
  /** The answer may be incomplete: an unreadable include or invisible outer levels. */
  unknown: boolean;
  /** Part of `unknown`: an include on the way could not be read. */
  unreadable: boolean;
  /** An unreadable include stands at a level closer than the one found, and may replace its list. */
  shadowed: boolean;
  /** Part of `unknown`: nothing found, and the chain's outer levels are not visible. */
  outer: boolean;
}

/** The header codes of `proxy_set_header` lines (see headerCodeOf), fetched once per rule run: each read is then a slot, not a workspace lookup. */
export interface HeaderCodes {
  /** Each parse's codes, a slot per directive (0: not read yet). */
  headerCodes: Map<ParseTable, Uint8Array>;
  /** The parse whose codes were read last, and its codes: most reads are of one parse in a row. */
  codesTable: ParseTable | undefined;
  codes: Uint8Array | undefined;
}

interface Cache extends HeaderCodes {
  levels: Map<Directive | SourceFile, Expanded>;
  includers: Map<string, Placed[]>;
  chains: Map<Directive | SourceFile, Chain[]>;
  /** The chains of parsed blocks, in a slot per directive of their parse: no hashing, no table growth. */
  chainSlots: Map<ParseTable, (Chain[] | undefined)[]>;
}

/** This module's indexes in the workspace (see Workspace.derived). */
const CACHE = {};
const newCache = (): Cache => ({ levels: new Map(), includers: new Map(), chains: new Map(), chainSlots: new Map(), headerCodes: new Map(), codesTable: undefined, codes: undefined });

function cacheOf(ws: Workspace): Cache {
  return ws.derived(CACHE, newCache);
}

const MAX_DEPTH = 8;

/** The directives of a level with its includes expanded (cached per workspace state). */
export function expand(ws: Workspace, level: Level): Expanded {
  const cache = cacheOf(ws);
  const key = level.block ?? level.file;
  const hit = cache.levels.get(key);
  if (hit) return hit;
  const out: Expanded = { byName: new Map(), unknown: false };
  const visit = (file: SourceFile, nodes: readonly Directive[], seen: string[]): void => {
    for (const node of nodes) {
      if (node.name === 'include') {
        const t = includeAt(file, ws, node);
        if (!t || !t.paths.length || seen.length > MAX_DEPTH) {
          out.unknown = true;
          continue;
        }
        for (const p of t.paths) {
          const f = ws.get(p);
          if (!f || f.language !== 'nginx' || seen.includes(p)) {
            out.unknown ||= !f || f.language !== 'nginx';
            continue;
          }
          visit(f, f.parse.tree, [...seen, p]);
        }
        continue;
      }
      const placed = { node, file };
      const list = out.byName.get(node.name);
      if (list) list.push(placed);
      else out.byName.set(node.name, [placed]);
    }
  };
  visit(level.file, level.block ? (level.block.children ?? []) : level.file.parse.tree, [level.file.path]);
  cache.levels.set(key, out);
  return out;
}

/** Names of directives at a level that the reference does not know (third-party modules, typos). */
function unknownNames(ws: Workspace, level: Level): string[] {
  return [...expand(ws, level).byName.keys()].filter((n) => !specsOf(n).length);
}

/** The directives of a level (a block's children, or a file's top level). */
function levelNodes(level: Level): readonly Directive[] {
  return level.block ? (level.block.children ?? []) : level.file.parse.tree;
}

/** Whether a level holds an `include` (and so needs the expanded view). */
function hasInclude(nodes: readonly Directive[]): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i].name === 'include') return true;
  return false;
}

/** Whether a level holds a directive unknown to the reference whose name mentions "header". */
function hasUnknownHeaderName(ws: Workspace, level: Level): boolean {
  const nodes = levelNodes(level);
  if (hasInclude(nodes)) return unknownNames(ws, level).some((n) => HEADER.test(n));
  for (let i = 0; i < nodes.length; i++) if (!specsOf(nodes[i].name).length && HEADER.test(nodes[i].name)) return true;
  return false;
}

/** Whether some level of a chain holds an unknown directive whose name mentions "header" (memoised on the chain). */
export function unknownHeaderNameOnChain(ws: Workspace, chain: Chain): boolean {
  chain.headerish ??= hasUnknownHeaderName(ws, chain) || (!!chain.rest && unknownHeaderNameOnChain(ws, chain.rest));
  return chain.headerish;
}

const HEADER = /header/i;

/** The `include` directives of other workspace files that pull in a path. */
function includersOf(ws: Workspace, path: string): Placed[] {
  const cache = cacheOf(ws);
  const hit = cache.includers.get(path);
  if (hit) return hit;
  const out: Placed[] = [];
  for (const f of ws.all()) {
    if (f.language !== 'nginx' || f.path === path) continue;
    for (const t of includesOf(f, ws)) if (t.paths.includes(path)) out.push({ node: t.directive, file: f });
  }
  cache.includers.set(path, out);
  return out;
}

const MAX_CHAINS = 8;

/**
 * The chains of levels a block inherits from, innermost first. `block` undefined starts at the
 * file's top level. A fragment's top level is not a level of its own: it is part of the block
 * that includes it, so the chain continues there (one chain per including place).
 */
export function chainsOf(ctx: NginxContext, file: SourceFile, block: Directive | undefined): Chain[] {
  const cache = cacheOf(ctx.ws);
  if (block) {
    const parsed = block instanceof NginxDirective ? block : undefined;
    const slots = parsed ? slotsOf(cache, parsed.table) : undefined;
    const hit = parsed ? slots![parsed.id] : cache.chains.get(block);
    if (hit) return hit;
    // A block's chains are those of the block around it (or of its file's top level), each
    // with the block's own level in front.
    const outer = chainsOf(ctx, file, block.parent);
    const chains: Chain[] = outer.length === 1 ? [new Chain(file, block, outer[0], outer[0].outerUnknown)] : outer.map((c) => new Chain(file, block, c, c.outerUnknown));
    if (parsed) slots![parsed.id] = chains;
    else cache.chains.set(block, chains);
    return chains;
  }
  const hit = cache.chains.get(file);
  if (hit) return hit;
  const out: Chain[] = [];
  cache.chains.set(file, out);
  const go = (f: SourceFile, b: Directive | undefined, prefix: Level[], seen: string[]): void => {
    if (out.length >= MAX_CHAINS) return;
    const levels = [...prefix];
    for (let x = b; x; x = x.parent) levels.push({ file: f, block: x });
    const includers = seen.length <= MAX_DEPTH ? includersOf(ctx.ws, f.path) : [];
    const inc = includers.length ? includers.filter((p) => !seen.includes(p.file.path)) : includers;
    if (inc.length) {
      for (const p of inc) go(p.file, p.node.parent, levels, [...seen, p.file.path]);
      return;
    }
    levels.push({ file: f });
    const source = ctx.contextOf(f).context.source;
    out.push(chainThrough(levels, source !== 'main'));
  };
  go(file, block, [], [file.path]);
  return out;
}

/** The chain slots of a parse, one per directive (made on first use). */
function slotsOf(cache: Cache, table: ParseTable): (Chain[] | undefined)[] {
  let slots = cache.chainSlots.get(table);
  if (!slots) cache.chainSlots.set(table, (slots = new Array(table.dirCount)));
  return slots;
}

/** What a lookup answers when nothing is in effect (the list is shared: never changed). */
const NOTHING: Placed[] = [];

/**
 * The directives named `name` in effect along a chain (nginx: the nearest level that has any).
 * Memoised on the chain, so the levels a chain shares with its siblings are asked once.
 */
export function lookup(ws: Workspace, chain: Chain, name: string): Lookup {
  const memo = chain.looked(name);
  if (memo) return memo;
  const level: Level = chain;
  const nodes = levelNodes(level);
  let found: Placed[] | undefined;
  let unknown = false;
  // A level without includes (nearly all) is scanned in place: no index to build.
  const named = namedIn(nodes, name, level.file);
  if (named === INCLUDES) {
    const e = expand(ws, level);
    found = e.byName.get(name);
    unknown = e.unknown;
  } else found = named;
  let out: Lookup;
  if (found?.length) out = { name, found, level, unknown, unreadable: unknown, shadowed: false, outer: false };
  else if (!chain.rest) out = { name, found: NOTHING, level: undefined, unknown: unknown || chain.outerUnknown, unreadable: unknown, shadowed: unknown, outer: chain.outerUnknown };
  else {
    // Nothing here: what the outer levels say, which an unreadable include here may change.
    const outer = lookup(ws, chain.rest, name);
    out = unknown ? { ...outer, unknown: true, unreadable: true, shadowed: true } : outer;
  }
  chain.remember(out);
  return out;
}

/** What namedIn answers for a list that holds an `include` (shared: never changed). */
const INCLUDES: Placed[] = [];

/**
 * The directives of a list with a name, placed in a file (undefined: none), or INCLUDES when the
 * list holds an `include` and needs the expanded view: one walk tells both. The array has just
 * their number of slots.
 */
function namedIn(nodes: readonly Directive[], name: string, file: SourceFile): Placed[] | undefined {
  let count = 0;
  let first = -1;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i].name;
    if (n === name) {
      if (count++ === 0) first = i;
    } else if (n === 'include') return INCLUDES;
  }
  if (count === 0) return undefined;
  const found: Placed[] = new Array(count);
  for (let i = first, j = 0; j < count; i++) if (nodes[i].name === name) found[j++] = { node: nodes[i], file };
  return found;
}

/** The innermost enclosing block named `name` along a chain. */
export function enclosingOnChain(chain: Chain, name: string): Level | undefined {
  return chain.levels.find((l) => l.block?.name === name);
}

/** The part of a chain from a level on (e.g. from the server block outwards). */
export function chainFrom(chain: Chain, level: Level): Chain {
  for (let c: Chain | undefined = chain; c; c = c.rest) if (c === level) return c;
  return chain;
}

/**
 * The http upstreams of this file's configuration that keep idle connections, by name (as
 * configUpstreams), each with its `keepalive N` (N > 0): that of the first block whose first
 * keepalive has one. Worked out for every upstream in one walk, once per configuration.
 */
export function upstreamPools(ctx: NginxContext): ReadonlyMap<string, Placed> {
  const view = configView(ctx);
  let pools = poolsOf.get(view);
  if (!pools) {
    pools = new Map();
    for (const [name, blocks] of configUpstreams(ctx, 'http')) {
      for (let i = 0; i < blocks.length; i++) {
        const k = poolSize(ctx.ws, blocks[i]);
        if (k) {
          pools.set(name, k);
          break;
        }
      }
    }
    poolsOf.set(view, pools);
  }
  return pools;
}

const poolsOf = new Memo<ConfigView, Map<string, Placed>>();

/** The first `keepalive` of an upstream block when it keeps idle connections (N > 0). */
function poolSize(ws: Workspace, def: Placed): Placed | undefined {
  const children = def.node.children ?? NOTHING_NODES;
  let k: Placed | undefined;
  // Only an upstream that includes a file needs the expanded view.
  if (hasInclude(children)) k = expand(ws, { file: def.file, block: def.node }).byName.get('keepalive')?.[0];
  else {
    for (let i = 0; i < children.length; i++) {
      if (children[i].name === 'keepalive') {
        k = { node: children[i], file: def.file };
        break;
      }
    }
  }
  const n = k && argValueOf(k.node, 0);
  return n !== undefined && DIGITS.test(n) && Number(n) > 0 ? k : undefined;
}

const DIGITS = /^\d+$/;
const NOTHING_NODES: readonly Directive[] = [];

const sitesCache = new Memo<NginxContext, Map<string, Directive[]>>();

/** The directives named `name` of this file that nginx reads in an http block (not data, not misplaced). */
export function httpSites(ctx: NginxContext, name: string): Directive[] {
  let byName = sitesCache.get(ctx);
  if (!byName) sitesCache.set(ctx, (byName = new Map()));
  let list = byName.get(name);
  if (!list) {
    list = [];
    // What decides besides the node's own children is shared by the resolutions of one
    // placement (for a node without children, its family too).
    const runs = new PlacementRuns();
    let reads = false;
    for (const r of ctx.named(name)) {
      const node = r.node;
      if (node.children) continue;
      if (runs.starts(r)) reads = !r.data && !r.templated && r.allowed !== false && ctx.familyOfResolution(r) === 'http';
      if (reads) list.push(node);
    }
    byName.set(name, list);
  }
  return list;
}

/** The header names the rules look for, each with a code (its index + 1). */
const KNOWN_HEADERS = ['host', 'x-forwarded-for', 'x-real-ip', 'forwarded', 'connection', 'upgrade'];
/** The code of any other header, and of a line without a value argument. */
export const OTHER_HEADER = 255;

/** The code of a header name written in any case: that of a known header, else OTHER_HEADER. */
export function headerCode(name: string): number {
  // The rules ask with the lower-case names, on every lookup: found without a character loop.
  const exact = KNOWN_HEADERS.indexOf(name);
  if (exact >= 0) return exact + 1;
  for (let i = 0; i < KNOWN_HEADERS.length; i++) if (lowerIs(name, KNOWN_HEADERS[i])) return i + 1;
  return OTHER_HEADER;
}

/** The known header (lower-case) of a code, if any. */
export function headerOfCode(code: number): string | undefined {
  return KNOWN_HEADERS[code - 1];
}

function readHeaderCode(node: Directive): number {
  return argCountOf(node) >= 2 ? headerCode(argValueOf(node, 0)!) : OTHER_HEADER;
}

/** The header codes of the workspace's parses. */
export function headerCodes(ws: Workspace): HeaderCodes {
  return cacheOf(ws);
}

/**
 * The code of a `proxy_set_header` line's header. Kept per parse, a slot per directive: the
 * several lookups that pass a line compare its name once, without reading its text again.
 */
export function headerCodeOf(codes: HeaderCodes, node: Directive): number {
  if (!(node instanceof NginxDirective)) return readHeaderCode(node);
  let slots = codes.codesTable === node.table ? codes.codes! : codes.headerCodes.get(node.table);
  if (!slots) codes.headerCodes.set(node.table, (slots = new Uint8Array(node.table.dirCount)));
  codes.codesTable = node.table;
  codes.codes = slots;
  return (slots[node.id] ||= readHeaderCode(node));
}

/** The header of a `proxy_set_header` list in effect with that (lower-case) name: the last one, as in nginx. */
export function findHeader(codes: HeaderCodes, found: readonly Placed[], name: string): Placed | undefined {
  const code = headerCode(name);
  if (code === OTHER_HEADER) {
    for (let i = found.length - 1; i >= 0; i--) {
      const node = found[i].node;
      if (argCountOf(node) >= 2 && lowerIs(argValueOf(node, 0)!, name)) return found[i];
    }
    return undefined;
  }
  for (let i = found.length - 1; i >= 0; i--) if (headerCodeOf(codes, found[i].node) === code) return found[i];
  return undefined;
}

/** `text.toLowerCase() === lower`, without making the lower-case copy for ASCII text. */
export function lowerIs(text: string, lower: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Outside ASCII, lower-casing may change the length: ask the real thing. Lower-casing
    // never removes characters, so an ASCII mismatch before that settles it.
    if (c >= 128) return text.toLowerCase() === lower;
    if (i >= lower.length || (c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i)) return false;
  }
  return n === lower.length;
}

/**
 * A header set by `proxy_set_header` at a level outside `level` (the one whose list is in effect),
 * and so not sent: a block's own list replaces every inherited one.
 */
export function hiddenHeader(ws: Workspace, chain: Chain, level: Level | undefined, header: string): Placed | undefined {
  if (!level) return undefined;
  // Past `level` (or from the start when it is not on the chain, as `indexOf` + 1 gives 0).
  let c: Chain | undefined = chain;
  while (c && c !== level) c = c.rest;
  for (c = c ? c.rest : chain; c; c = c.rest) {
    const h = findHeader(cacheOf(ws), expand(ws, c).byName.get('proxy_set_header') ?? NOTHING, header);
    if (h) return h;
  }
  return undefined;
}
