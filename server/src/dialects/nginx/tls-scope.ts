// Shared lookups of the TLS rules: nginx inheritance followed across included files (a
// directive set in an included snippet counts at the level of its `include`, and a fragment
// inherits from the blocks around the `include` that pulls it in), the ports that usually carry
// TLS or plaintext.
import { Memo } from '../../engine/memo';
import type { Arg, Directive, Range } from '../../engine/syntax';
import type { SourceFile } from '../../engine/workspace';
import type { TextEdit } from '../../engine/rules';
import type { NginxContext } from './analysis';
import type { Resolution } from './context';
import { includeAt, includesOf } from './includes';
import { graphFile, readParsed } from './relay-graph';
import { rootName } from './scope';

export interface Found {
  directive: Directive;
  path: string;
}

/**
 * What one line of inheritance says about a directive. A fragment included from several places
 * has one branch per place.
 */
export interface Branch {
  /** The directives at the nearest level that has any (empty: none on the whole chain). */
  found: Found[];
  /** An `include` on the chain could not be read: the directive may hide there. */
  unresolved: boolean;
  /** The chain ends in a fragment whose including file is not in the workspace. */
  open: boolean;
}

/** Ports that normally carry TLS from the first byte. */
export const TLS_PORTS = new Set([443, 465, 636, 853, 993, 995, 5986, 6443, 8443, 9443]);
/** Ports where plain HTTP is the usual protocol. */
export const HTTP_PLAIN_PORTS = new Set([80, 3000, 5000, 8000, 8008, 8080, 8081, 8888]);
/** Ports whose protocol starts in clear (HTTP, or STARTTLS mail and directory protocols). */
export const STREAM_PLAIN_PORTS = new Set([...HTTP_PLAIN_PORTS, 25, 110, 143, 389, 587]);
/** Ports an http `listen` without `ssl` should not use. */
export const HTTPS_LISTEN_PORTS = new Set([443, 8443, 9443]);

/** What depends only on the workspace state: shared by the analyses of every file. */
interface Cache {
  levels: Map<readonly Directive[], Level>;
}

/** One level's directives with includes expanded, and an index by name. */
export interface Level {
  items: Found[];
  byName: Map<string, Found[]>;
  unresolved: boolean;
}

/** This module's indexes in the workspace (see Workspace.derived). */
const CACHE = {};
const newCache = (): Cache => ({ levels: new Map() });

function cacheOf(ctx: NginxContext): Cache {
  return ctx.ws.derived(CACHE, newCache);
}

/**
 * An included file: as the include graph holds it (loaded, or already read from disk for an
 * include), else read and parsed now (a graph stops growing at its size limit).
 */
function includedFile(ctx: NginxContext, path: string): SourceFile | undefined {
  return graphFile(ctx.ws, path) ?? readParsed(ctx.ws, path);
}

/**
 * The directives standing at one level (a block's children, or a file's top level), with the
 * top levels of included files spliced in where their `include` stands.
 */
export function levelDirectives(ctx: NginxContext, file: SourceFile, nodes: readonly Directive[]): Level {
  const cache = cacheOf(ctx);
  const hit = cache.levels.get(nodes);
  if (hit) return hit;
  const items: Found[] = [];
  let unresolved = false;
  const visit = (f: SourceFile, list: readonly Directive[], seen: Set<string>): void => {
    for (const d of list) {
      if (d.name !== 'include') {
        items.push({ directive: d, path: f.path });
        continue;
      }
      const target = includeAt(f, ctx.ws, d);
      if (!target || !target.paths.length) {
        unresolved = true;
        continue;
      }
      for (const p of target.paths) {
        const inc = includedFile(ctx, p);
        if (!inc || inc.language !== 'nginx') {
          unresolved = true;
          continue;
        }
        if (seen.has(p)) continue;
        visit(inc, inc.parse.tree, new Set([...seen, p]));
      }
    }
  };
  visit(file, nodes, new Set([file.path]));
  const byName = new Map<string, Found[]>();
  for (const i of items) {
    const list = byName.get(i.directive.name);
    if (list) list.push(i);
    else byName.set(i.directive.name, [i]);
  }
  const out = { items, byName, unresolved };
  cache.levels.set(nodes, out);
  return out;
}

/** The file a directive stands in, among the workspace's files. */
function fileOf(ctx: NginxContext, path: string): SourceFile | undefined {
  return path === ctx.file.path ? ctx.file : ctx.ws.get(path);
}

/** Per analysis and looked-up name (or names): the answer per starting block, or the one answer for all. */
interface NameMemo {
  byStart: Map<Directive | SourceFile, Branch[]>;
  /** Set when no chain can meet the names (see unreachable): every start gets this answer. */
  nowhere?: Branch[];
}

interface Memos {
  byKey: Map<string, NameMemo>;
  /** The last list of names asked about: a rule's loop asks with one list many times over. */
  lastNames?: readonly string[];
  last?: NameMemo;
}

const inheritedMemo = new Memo<NginxContext, Memos>();

/**
 * The nearest definition of any of `names` for a directive or block at `node`, following nginx
 * inheritance upwards: the node's own block (when `fromSelf` and it is a block), its enclosing
 * blocks, the file's top level, then the blocks around each `include` that pulls the file in.
 * The result is shared between callers (cached per analysis): do not modify it.
 */
export function inherited(ctx: NginxContext, node: Directive | undefined, names: readonly string[], options: { path?: string; fromSelf?: boolean } = {}): Branch[] {
  const file = fileOf(ctx, options.path ?? ctx.file.path);
  if (!file) return [{ found: [], unresolved: true, open: true }];
  const start = options.fromSelf && node?.children ? node : node?.parent;
  if (file !== ctx.file) {
    const branches: Branch[] = [];
    climb(ctx, names, branches, file, start, false, undefined);
    return branches;
  }
  // Rules ask the same question of a block several times (ssl, ssl_certificate per server).
  const memo = nameMemo(ctx, names);
  if (memo.nowhere) return memo.nowhere;
  let branches = memo.byStart.get(start ?? file);
  if (!branches) {
    climb(ctx, names, (branches = []), file, start, false, undefined);
    memo.byStart.set(start ?? file, branches);
  }
  return branches;
}

function nameMemo(ctx: NginxContext, names: readonly string[]): NameMemo {
  let memos = inheritedMemo.get(ctx);
  if (!memos) inheritedMemo.set(ctx, (memos = { byKey: new Map() }));
  if (memos.lastNames === names) return memos.last!;
  const key = names.length === 1 ? names[0] : names.join('\n');
  let memo = memos.byKey.get(key);
  if (!memo) memos.byKey.set(key, (memo = { byStart: new Map(), nowhere: unreachable(ctx, names) ? nowhere(ctx) : undefined }));
  memos.lastNames = names;
  memos.last = memo;
  return memo;
}

/**
 * Whether no chain of inheritance from the analysed file can meet any of `names`: the file holds
 * none of them, includes nothing and is not included (most configs never set most directives).
 */
function unreachable(ctx: NginxContext, names: readonly string[]): boolean {
  if (ctx.context.source === 'included' || ctx.named('include').length) return false;
  for (const n of names) if (ctx.named(n).length) return false;
  return true;
}

/** climb's answer when nothing is found on the way up the analysed file: one branch, found nowhere. */
function nowhere(ctx: NginxContext): Branch[] {
  const fc = ctx.context;
  const closed = fc.source === 'main' || (fc.bases.length === 1 && fc.bases[0].length === 0);
  return [{ found: [], unresolved: false, open: !closed }];
}

/** Levels up to this size without `include` are scanned in place instead of being indexed. */
const SMALL_LEVEL = 24;

/**
 * The directives named by `names` at one level, or undefined when there are none; sets
 * `scanUnresolved` when an include of the level could not be read.
 */
let scanUnresolved = false;
function scanLevel(ctx: NginxContext, names: readonly string[], file: SourceFile, nodes: readonly Directive[]): Found[] | undefined {
  scanUnresolved = false;
  if (nodes.length <= SMALL_LEVEL) {
    let found: Found[] | undefined;
    let include = false;
    for (const c of nodes) {
      if (c.name === 'include') {
        include = true;
        break;
      }
      if (names.includes(c.name)) (found ??= []).push({ directive: c, path: file.path });
    }
    if (!include) return found;
  }
  const level = levelDirectives(ctx, file, nodes);
  scanUnresolved = level.unresolved;
  const found = names.length === 1 ? level.byName.get(names[0]) ?? [] : names.flatMap((n) => level.byName.get(n) ?? []);
  return found.length ? found : undefined;
}

/** Follows one chain of inheritance upwards from `start` in `file`, adding its branch(es). */
function climb(ctx: NginxContext, names: readonly string[], branches: Branch[], file: SourceFile, start: Directive | undefined, unresolved: boolean, seen: Set<string> | undefined): void {
  for (let b = start; b; b = b.parent) {
    if (!b.children) continue;
    const found = scanLevel(ctx, names, file, b.children);
    if (found) {
      branches.push({ found, unresolved, open: false });
      return;
    }
    unresolved ||= scanUnresolved;
  }
  const found = scanLevel(ctx, names, file, file.parse.tree);
  if (found) {
    branches.push({ found, unresolved, open: false });
    return;
  }
  unresolved ||= scanUnresolved;
  const fc = ctx.contextOf(file).context;
  if (fc.source === 'main' || (fc.bases.length === 1 && fc.bases[0].length === 0)) {
    branches.push({ found: [], unresolved, open: false });
    return;
  }
  if (fc.source !== 'included') {
    branches.push({ found: [], unresolved, open: true });
    return;
  }
  seen ??= new Set([file.path]);
  let any = false;
  for (const includerPath of fc.includers) {
    const includer = ctx.ws.get(includerPath);
    if (!includer || seen.has(includerPath)) continue;
    for (const t of includesOf(includer, ctx.ws)) {
      if (!t.paths.includes(file.path)) continue;
      any = true;
      climb(ctx, names, branches, includer, t.directive.parent, unresolved, new Set([...seen, includerPath]));
    }
  }
  if (!any) branches.push({ found: [], unresolved, open: true });
}

/** The value (first argument, lower case) of the nearest flag directive, per branch. */
export function flagOn(branch: Branch): boolean {
  return branch.found.some((f) => f.directive.args[0]?.value.toLowerCase() === 'on');
}

/**
 * How sure a "missing" verdict is across branches: 'certain' when some branch is complete and
 * lacks it, 'open' when the only lacking branches end in a fragment of unknown surroundings,
 * undefined when it is present everywhere or an unreadable include may hold it.
 */
export function missing(branches: readonly Branch[], present: (b: Branch) => boolean): 'certain' | 'open' | undefined {
  let verdict: 'certain' | 'open' | undefined;
  for (const b of branches) {
    if (present(b) || b.unresolved) continue;
    if (!b.open) return 'certain';
    verdict = 'open';
  }
  return verdict;
}


/** The top-level family block a node stands in within its own file, else the file's. */
export function familyAt(ctx: NginxContext, node: Directive): 'http' | 'stream' | 'mail' | undefined {
  const own = rootName(node);
  if (own === 'http' || own === 'stream' || own === 'mail') return own;
  return ctx.familyOf(node);
}

/** familyAt for a directive of the analysed file, from its resolution instead of a walk up its parents. */
export function familyAtResolution(ctx: NginxContext, r: Resolution): 'http' | 'stream' | 'mail' | undefined {
  const own = r.localPath[0];
  if (own === 'http' || own === 'stream' || own === 'mail') return own;
  return ctx.familyOfResolution(r);
}

/** The range of the `scheme` part of a proxy_pass argument, when it can be located exactly. */
export function schemeRange(arg: Arg, scheme: string): Range | undefined {
  const i = arg.text.toLowerCase().indexOf(`${scheme}://`);
  if (i < 0 || arg.range.start.line !== arg.range.end.line) return undefined;
  const line = arg.range.start.line;
  return { start: { line, character: arg.range.start.character + i }, end: { line, character: arg.range.start.character + i + scheme.length } };
}

/** An edit that inserts a directive on its own line just before `before`, with its indentation. */
export function insertBefore(ctx: NginxContext, before: Directive, text: string): TextEdit {
  const line = before.range.start.line;
  const lineText = ctx.file.lines.lineText(line);
  const indent = /^[ \t]*/.exec(lineText)![0];
  const at = { line, character: before.range.start.character };
  if (lineText.slice(0, before.range.start.character).trim() === '') {
    return { path: ctx.file.path, range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${text}\n` };
  }
  return { path: ctx.file.path, range: { start: at, end: at }, newText: `${text} ` };
}
