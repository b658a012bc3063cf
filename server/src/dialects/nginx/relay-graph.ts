// The include graph of the workspace, for rules that must see a whole configuration: upstreams
// defined in other files, `resolver` set in the including file, include cycles, and whether the
// analysis sees a complete configuration (a main file whose every include was found).
// Files reached through `include` but not loaded in the workspace are read and parsed here,
// privately: the workspace is never changed while rules run.
import { Memo } from '../../engine/memo';
import { posix } from 'node:path';
import type { Directive } from '../../engine/syntax';
import { LineIndex } from '../../engine/text';
import type { SourceFile, Workspace } from '../../engine/workspace';
import type { NginxContext, ServerInfo } from './analysis';
import { includesOf, type IncludeTarget } from './includes';
import { rootName } from './scope';

export type Root = '' | 'http' | 'stream' | 'mail';

export interface GraphNode {
  file: SourceFile;
  /** False for files read from disk only because an include reaches them. */
  loaded: boolean;
  includes: IncludeTarget[];
}

export interface IncludeEdge {
  from: string;
  include: IncludeTarget;
}

export interface IncludeGraph {
  nodes: Map<string, GraphNode>;
  /** For each file, the include directives (in other files) that pull it in. */
  includedBy: Map<string, IncludeEdge[]>;
}

interface WsCache {
  graph: IncludeGraph;
  /** graphMentions' answers, by word. */
  mentions: Map<string, boolean>;
  roots: Map<string, Set<Root>>;
  closed: Map<string, boolean>;
  configs: Map<string, ConfigView>;
  configKeys: Map<string, string>;
}

/** One configuration: its files, and what other modules work out about it once (see memo.ts). */
export interface ConfigView {
  files: ReadonlySet<string>;
  memos: Map<object, unknown>;
}

const MAX_NODES = 2000;
const MAIN_ONLY = new Set(['http', 'events', 'stream', 'mail', 'worker_processes', 'user', 'pid', 'load_module', 'worker_rlimit_nofile', 'daemon', 'master_process']);
const FAMILIES = new Set(['http', 'stream', 'mail']);

/** This module's indexes in the workspace (see Workspace.derived). */
const STATE = {};
/** Privately parsed files (see readParsed), reused while their text is unchanged. */
const parsedCache = new WeakMap<Workspace, Map<string, SourceFile>>();

function state(ws: Workspace): WsCache {
  return ws.derived(STATE, () => ({ graph: buildGraph(ws), mentions: new Map(), roots: new Map(), closed: new Map(), configs: new Map(), configKeys: new Map() }));
}

/**
 * A file that is not loaded, read from the host and parsed as nginx without adding it to the
 * workspace (adding would change its generation in the middle of an analysis).
 */
export function readParsed(ws: Workspace, path: string): SourceFile | undefined {
  const text = ws.host.readFile(path);
  if (text === undefined) return undefined;
  let files = parsedCache.get(ws);
  if (!files) parsedCache.set(ws, (files = new Map()));
  const known = files.get(path);
  if (known && known.text === text) return known;
  const dialect = ws.dialect('nginx');
  if (!dialect) return undefined;
  const file: SourceFile = { path, language: 'nginx', text, lines: new LineIndex(text), parse: dialect.parse(text), open: false, memos: new Map() };
  files.set(path, file);
  return file;
}

function buildGraph(ws: Workspace): IncludeGraph {
  const nodes = new Map<string, GraphNode>();
  const includedBy = new Map<string, IncludeEdge[]>();
  const queue: SourceFile[] = [];
  for (const f of ws.all()) {
    if (f.language !== 'nginx') continue;
    nodes.set(f.path, { file: f, loaded: true, includes: [] });
    queue.push(f);
  }
  for (let i = 0; i < queue.length; i++) {
    const f = queue[i];
    const node = nodes.get(f.path)!;
    node.includes = includesOf(f, ws);
    for (const inc of node.includes) {
      for (const p of inc.paths) {
        const edges = includedBy.get(p);
        if (edges) edges.push({ from: f.path, include: inc });
        else includedBy.set(p, [{ from: f.path, include: inc }]);
        if (nodes.has(p) || nodes.size >= MAX_NODES) continue;
        const loaded = ws.get(p);
        const file = loaded ?? readParsed(ws, p);
        if (!file || file.language !== 'nginx') continue;
        nodes.set(p, { file, loaded: !!loaded, includes: [] });
        queue.push(file);
      }
    }
  }
  return { nodes, includedBy };
}

/**
 * Whether any file of the include graph (loaded, or read for an include) holds a word: a text, or
 * a pattern. A cheap test before costly lookups, answered once per workspace state.
 */
export function graphMentions(ws: Workspace, word: string | RegExp): boolean {
  const st = state(ws);
  const key = typeof word === 'string' ? `=${word}` : `/${word.source}/${word.flags}`;
  let hit = st.mentions.get(key);
  if (hit === undefined) {
    hit = false;
    for (const node of st.graph.nodes.values()) {
      if (typeof word === 'string' ? node.file.text.includes(word) : word.test(node.file.text)) {
        hit = true;
        break;
      }
    }
    st.mentions.set(key, hit);
  }
  return hit;
}

/** The include graph of the workspace (cached per workspace generation). */
export function includeGraph(ws: Workspace): IncludeGraph {
  return state(ws).graph;
}

/** A file known to the graph: loaded in the workspace, or read because an include reaches it. */
export function graphFile(ws: Workspace, path: string): SourceFile | undefined {
  return state(ws).graph.nodes.get(path)?.file;
}

/** Whether a file is a whole configuration by itself (nginx.conf, or main-only directives at its top). */
export function looksMain(file: SourceFile): boolean {
  return posix.basename(file.path) === 'nginx.conf' || file.parse.tree.some((d) => MAIN_ONLY.has(d.name));
}

/**
 * The top-level blocks a file's content stands in: '' for the main context, else http, stream
 * or mail. Loaded files take it from their analysed context; files read only for an include
 * take it from where they are included.
 */
export function rootsOf(ctx: NginxContext, path: string): Set<Root> {
  const st = state(ctx.ws);
  const hit = st.roots.get(path);
  if (hit) return hit;
  const out = new Set<Root>();
  st.roots.set(path, out); // guards cycles: a file reached again contributes nothing new
  const node = st.graph.nodes.get(path);
  if (!node) return out;
  if (node.loaded) {
    const c = ctx.contextOf(node.file).context;
    for (const b of c.bases) out.add(b.length === 0 ? '' : FAMILIES.has(b[0]) ? (b[0] as Root) : '');
    if (c.source === 'main') out.add('');
    return out;
  }
  for (const e of st.graph.includedBy.get(path) ?? []) {
    const local = rootName(e.include.directive);
    if (local && FAMILIES.has(local)) out.add(local as Root);
    else if (!local) for (const r of rootsOf(ctx, e.from)) out.add(r);
  }
  return out;
}

/** Whether a file nothing includes is a main file (its own configuration) rather than a fragment. */
function isMainTop(ctx: NginxContext, node: GraphNode): boolean {
  return node.loaded ? ctx.contextOf(node.file).context.source === 'main' : looksMain(node.file);
}

/** The files reachable from `tops` through includes, the tops among them. */
function reachedFrom(st: WsCache, tops: Iterable<string>): Set<string> {
  const out = new Set<string>(tops);
  const todo = [...out];
  while (todo.length) {
    for (const inc of st.graph.nodes.get(todo.pop()!)?.includes ?? []) for (const p of inc.paths) if (!out.has(p)) out.add(p), todo.push(p);
  }
  return out;
}

/**
 * The files at the top of every chain of includers above `path` (the file itself when nothing
 * includes it), and every file met on the way up.
 */
function includersAbove(st: WsCache, path: string): { tops: string[]; seen: Set<string> } {
  const tops: string[] = [];
  const seen = new Set<string>([path]);
  const stack = [path];
  while (stack.length) {
    const p = stack.pop()!;
    const up = st.graph.includedBy.get(p) ?? [];
    if (!up.length) tops.push(p);
    for (const e of up) if (!seen.has(e.from)) seen.add(e.from), stack.push(e.from);
  }
  return { tops, seen };
}

/**
 * The files of the configuration(s) the analysed file belongs to, where names (upstreams, maps, variables)
 * are looked up: every file the main files above it reach through `include`. A fragment that
 * nothing here includes may be included from outside, so it also sees the other such fragments
 * and the main files with an include that found nothing (either may be its configuration).
 * Unrelated configurations in one workspace never see each other. Cached per workspace generation.
 */
export function configFiles(ctx: NginxContext): ReadonlySet<string> {
  return configView(ctx).files;
}

const viewOfContext = new Memo<NginxContext, { generation: number; view: ConfigView }>();

/** This file's configuration, looked up once per analysis. */
export function configView(ctx: NginxContext): ConfigView {
  const known = viewOfContext.get(ctx);
  if (known && known.generation === ctx.ws.generation) return known.view;
  const st = state(ctx.ws);
  const key = configKey(ctx, st, ctx.file.path);
  let view = st.configs.get(key);
  if (!view) {
    const tops = key.split('\0');
    if (tops[0] === '') {
      tops.shift();
      for (const [p, node] of st.graph.nodes) {
        if (st.graph.includedBy.get(p)?.length) continue;
        if (!isMainTop(ctx, node) || node.includes.some((inc) => !inc.paths.length)) tops.push(p);
      }
    }
    view = { files: reachedFrom(st, tops), memos: new Map() };
    st.configs.set(key, view);
  }
  viewOfContext.set(ctx, { generation: ctx.ws.generation, view });
  return view;
}

/** Names one configuration: its sorted top files, led by an empty part when one top is a fragment. */
function configKey(ctx: NginxContext, st: WsCache, path: string): string {
  let key = st.configKeys.get(path);
  if (key === undefined) {
    const above = includersAbove(st, path);
    // Files that only include one another in a ring have no top: the ring is the configuration.
    const tops = (above.tops.length ? above.tops : [...above.seen]).sort();
    const open = tops.some((t) => {
      const node = st.graph.nodes.get(t);
      return !node || !isMainTop(ctx, node);
    });
    key = (open ? ['', ...tops] : tops).join('\0');
    st.configKeys.set(path, key);
  }
  return key;
}

/** The servers (http, stream, mail) of the loaded files of this file's configuration. */
export function configServers(ctx: NginxContext): ServerInfo[] {
  const files = configFiles(ctx);
  return ctx.workspaceServers().filter((s) => files.has(s.path));
}

/**
 * Whether the analysis sees the whole configuration this file belongs to: every chain of
 * includers ends in a main file, and every include reachable from those main files was found.
 * Only then can "defined nowhere" be told apart from "defined in a file we cannot see".
 */
export function closedWorld(ctx: NginxContext): boolean {
  const st = state(ctx.ws);
  const path = ctx.file.path;
  const hit = st.closed.get(path);
  if (hit !== undefined) return hit;
  let closed = true;
  const { tops } = includersAbove(st, path);
  for (const t of tops) {
    const node = st.graph.nodes.get(t);
    if (!node || !node.loaded || ctx.contextOf(node.file).context.source !== 'main') closed = false;
  }
  if (closed) {
    const down = new Set<string>(tops);
    const todo = [...tops];
    while (closed && todo.length) {
      const node = st.graph.nodes.get(todo.pop()!);
      if (!node) {
        closed = false;
        break;
      }
      for (const inc of node.includes) {
        if (!inc.paths.length) closed = false;
        for (const p of inc.paths) if (!down.has(p)) down.add(p), todo.push(p);
      }
    }
  }
  st.closed.set(path, closed);
  return closed;
}

export type InEffect = 'yes' | 'no' | 'unknown';

/**
 * Whether a directive named `name` is in effect for a node: set in its block or an enclosing
 * one (inheritance), directly or through an include at that level, following the file's
 * includers upwards. 'no' when some real inclusion chain reaching a main file lacks it;
 * 'unknown' when the chain leaves what the workspace shows.
 */
export function inEffect(ctx: NginxContext, node: Directive, name: string): InEffect {
  const st = state(ctx.ws);
  const fromBlock = (path: string, block: Directive | undefined, seen: Set<string>): InEffect => {
    let maybe = false;
    const holds = (children: readonly Directive[]): boolean => {
      for (const c of children) {
        if (c.name === name) return true;
        if (c.name !== 'include') continue;
        const inc = st.graph.nodes.get(path)?.includes.find((i) => i.directive === c);
        if (!inc || !inc.paths.length) {
          // A file we cannot see (or a glob that matches nothing here) may set it on the server.
          maybe = true;
          continue;
        }
        for (const p of inc.paths) {
          const f = st.graph.nodes.get(p)?.file;
          if (!f) maybe = true;
          else if (f.parse.tree.some((d) => d.name === name)) return true;
        }
      }
      return false;
    };
    const file = st.graph.nodes.get(path)?.file;
    if (!file) return 'unknown';
    for (let b = block; b; b = b.parent) if (holds(b.children ?? [])) return 'yes';
    if (holds(file.parse.tree)) return 'yes';
    const up = st.graph.includedBy.get(path) ?? [];
    if (!up.length) {
      const node = st.graph.nodes.get(path)!;
      const main = node.loaded ? ctx.contextOf(file).context.source === 'main' : looksMain(file);
      return main && !maybe ? 'no' : 'unknown';
    }
    let result: InEffect = 'unknown';
    let followed = false;
    for (const e of up) {
      if (seen.has(e.from)) continue;
      if (!followed) (followed = true), (result = 'yes');
      const r = fromBlock(e.from, e.include.directive.parent, new Set([...seen, e.from]));
      if (r === 'no') return maybe ? 'unknown' : 'no';
      if (r === 'unknown') result = 'unknown';
    }
    return result;
  };
  return fromBlock(ctx.file.path, node.parent, new Set([ctx.file.path]));
}

export interface IncludeCycle {
  /** The include directive that closes the cycle, and the file it is in. */
  directive: Directive;
  path: string;
  /** Files around the cycle, starting and ending with the same one. */
  chain: string[];
}

/** Cycles per include graph, in the workspace (see Workspace.derived). */
const CYCLES = {};
const newCycles = () => new Map<IncludeGraph, IncludeCycle[]>();

/**
 * Include cycles of the workspace, each reported once: a depth-first walk from the files
 * nothing includes (then from any file left) finds the include that leads back into a file
 * still being read. When that include sits in a file that is not loaded, the cycle is pinned
 * on the last loaded include on the way in, so some open file shows it.
 */
export function includeCycles(ws: Workspace): IncludeCycle[] {
  const graph = includeGraph(ws);
  const cycleCache = ws.derived(CYCLES, newCycles);
  const hit = cycleCache.get(graph);
  if (hit) return hit;
  const cycles: IncludeCycle[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const pinned = new Set<Directive>();
  const paths = [...graph.nodes.keys()].sort();
  const starts = [...paths.filter((p) => !graph.includedBy.get(p)?.length), ...paths];
  type Frame = { path: string; edges: { directive: Directive; to: string }[]; i: number; via?: Directive };
  for (const start of starts) {
    if (state.has(start)) continue;
    const edgesOf = (p: string) => (graph.nodes.get(p)?.includes ?? []).flatMap((inc) => inc.paths.map((to) => ({ directive: inc.directive, to })));
    const stack: Frame[] = [{ path: start, edges: edgesOf(start), i: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (top.i >= top.edges.length) {
        state.set(top.path, 'done');
        stack.pop();
        continue;
      }
      const e = top.edges[top.i++];
      const s = state.get(e.to);
      if (s === 'open') {
        const from = stack.findIndex((f) => f.path === e.to);
        const chain = [...stack.slice(from).map((f) => f.path), e.to];
        let directive = e.directive;
        let path = top.path;
        if (!graph.nodes.get(path)?.loaded) {
          for (let k = stack.length - 1; k > 0; k--) {
            const via = stack[k].via;
            if (via && graph.nodes.get(stack[k - 1].path)?.loaded) {
              directive = via;
              path = stack[k - 1].path;
              break;
            }
          }
        }
        if (!pinned.has(directive)) {
          pinned.add(directive);
          cycles.push({ directive, path, chain });
        }
      } else if (!s && graph.nodes.has(e.to)) {
        state.set(e.to, 'open');
        stack.push({ path: e.to, edges: edgesOf(e.to), i: 0, via: e.directive });
      }
    }
  }
  cycleCache.set(graph, cycles);
  return cycles;
}
