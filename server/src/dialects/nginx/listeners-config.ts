// The servers nginx would load together, in load order. A "config" starts at a workspace file
// that no other workspace file includes (nginx.conf, or a lone fragment) and follows its
// includes in place, the way nginx reads them; files that are not linked by includes are never
// compared with each other (sites-available/ next to sites-enabled/, two unrelated projects).
import type { Directive } from '../../engine/syntax';
import { Memo, type HasMemos } from '../../engine/memo';
import type { SourceFile, Workspace } from '../../engine/workspace';
import type { Family } from './analysis';
import { fileContext } from './fragment';
import { includeAt, includesOf } from './includes';
import { parseListen, type ListenSocket } from './listen';
import { boundSockets, type BoundSocket } from './listeners-sockets';
import { lowerCase } from './target';
import { argValuesOf } from './tree';

export interface LoadedListen {
  /** The listen directive, or the server block itself for the implicit `listen *:80`. */
  directive: Directive;
  path: string;
  socket: ListenSocket;
  bound: BoundSocket[];
  implicit: boolean;
  /** Position in load order across the whole config. */
  order: number;
  server: LoadedServer;
}

export interface LoadedServer {
  node: Directive;
  path: string;
  family: Family;
  listens: LoadedListen[];
  /** server_name values, lower-cased (worked out on first read). */
  readonly names: string[];
  /** The server_name values as written, in load order. */
  writtenNames: string[];
  /** False when an include or a variable hides some of the server's listens from us. */
  complete: boolean;
  order: number;
  config: LoadedConfig;
}

export interface LoadedConfig extends HasMemos {
  root: string;
  servers: LoadedServer[];
  files: Set<string>;
  /** The families with at least one listen in the config. */
  listening: Set<Family>;
}

/** A LoadedServer whose names are lower-cased only when read: most rules never read them. */
class ServerView implements LoadedServer {
  listens: LoadedListen[] = [];
  writtenNames: string[] = [];
  complete = true;
  private lowered: string[] | undefined = undefined;

  constructor(
    readonly node: Directive,
    readonly path: string,
    readonly family: Family,
    readonly order: number,
    readonly config: LoadedConfig,
  ) {}

  get names(): string[] {
    if (!this.lowered) {
      this.lowered = [];
      for (const name of this.writtenNames) this.lowered.push(lowerCase(name));
    }
    return this.lowered;
  }
}

interface Model {
  configs: LoadedConfig[];
  /** The first loaded view of each server block. */
  byNode: Map<Directive, LoadedServer>;
}

/** The socket of a server without listen (`*:80`): parsed once for every such server. */
const IMPLICIT_SOCKET = parseListen(['*:80'], 80)!;


function hasTemplate(values: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i].includes('${')) return true;
  return false;
}

const FAMILIES = new Set(['http', 'stream', 'mail']);
/** The listeners model in the workspace (see Workspace.derived). */
const MODEL = {};
function build(ws: Workspace): Model {
  const files = ws.all().filter((f) => f.language === 'nginx');
  const included = new Set<string>();
  for (const f of files) for (const t of includesOf(f, ws)) for (const p of t.paths) if (p !== f.path) included.add(p);
  const byNode = new Map<Directive, LoadedServer>();
  const configs: LoadedConfig[] = [];
  const reached = new Set<string>();

  const load = (top: SourceFile): void => {
    const config: LoadedConfig = { root: top.path, servers: [], files: new Set([top.path]), listening: new Set(), memos: new Map() };
    configs.push(config);
    reached.add(top.path);
    let order = 0;
    // A top file is included by no other file, so this is its main, declared or inferred context.
    const base = fileContext(top, ws, { forced: ws.contextOverride.get(top.path) }).bases[0] ?? [];

    // Only three levels matter: the main level (http/stream/mail blocks), the family block
    // (server blocks) and the server block (listen, server_name); includes are followed at each.
    const visit = (file: SourceFile, nodes: readonly Directive[], top: string | undefined, depth: number, server: LoadedServer | undefined, stack: Set<string>): void => {
      for (const node of nodes) {
        if (node.name === 'include' && !node.children) {
          const target = node.args.length === 1 ? includeAt(file, ws, node) : undefined;
          if (!target || !target.paths.length) {
            if (server) server.complete = false;
            continue;
          }
          for (const p of target.paths) {
            const f = ws.get(p);
            if (!f || f.language !== 'nginx') {
              if (server) server.complete = false;
              continue;
            }
            if (stack.has(p)) continue;
            config.files.add(p);
            reached.add(p);
            stack.add(p);
            visit(f, f.parse.tree, top, depth, server, stack);
            stack.delete(p);
          }
          continue;
        }
        if (depth === 0) {
          if (node.children && FAMILIES.has(node.name)) visit(file, node.children, node.name, 1, undefined, stack);
          continue;
        }
        if (depth === 1) {
          if (node.name !== 'server' || !node.children || !top || !FAMILIES.has(top)) continue;
          const s: LoadedServer = new ServerView(node, file.path, top as Family, order++, config);
          config.servers.push(s);
          if (!byNode.has(node)) byNode.set(node, s);
          visit(file, node.children, top, 2, s, stack);
          if (!s.listens.length && s.complete && s.family === 'http') {
            s.listens.push({ directive: node, path: file.path, socket: IMPLICIT_SOCKET, bound: boundSockets(node, IMPLICIT_SOCKET), implicit: true, order: order++, server: s });
          }
          if (s.listens.length) config.listening.add(s.family);
          continue;
        }
        if (depth !== 2 || !server) continue;
        if (node.name === 'listen') {
          const values = argValuesOf(node);
          const socket = parseListen(values, server.family === 'http' ? 80 : NaN);
          if (!socket || hasTemplate(values)) server.complete = false;
          else server.listens.push({ directive: node, path: file.path, socket, bound: boundSockets(node, socket), implicit: false, order: order++, server });
        } else if (node.name === 'server_name') {
          server.writtenNames.push(...argValuesOf(node));
        }
      }
    };
    visit(top, top.parse.tree, base[0], base.length, undefined, new Set([top.path]));
  };

  for (const f of files) if (!included.has(f.path)) load(f);
  // Files that only include each other in a cycle: start from each one not reached yet.
  for (const f of files) if (!reached.has(f.path)) load(f);
  return { configs, byNode };
}

function model(ws: Workspace): Model {
  return ws.derived(MODEL, () => build(ws));
}

/** The configs (load roots) that read the given file. */
export function configsWith(ws: Workspace, path: string): LoadedConfig[] {
  return model(ws).configs.filter((c) => c.files.has(path));
}

/** The loaded view of a server block (the first config that reads it). */
export function loadedServer(ws: Workspace, node: Directive): LoadedServer | undefined {
  return model(ws).byNode.get(node);
}

const listenCache = new Memo<LoadedConfig, LoadedListen[]>();
const groupCache = new Memo<LoadedConfig, Map<SocketKey, Map<string, LoadedListen[]>>>();

/** A grouping key for a bound socket of a listen; undefined leaves the socket out. */
export type SocketKey = (b: BoundSocket, l: LoadedListen) => string | undefined;

/** Every listen of a config, in load order. */
export function listensOf(config: LoadedConfig): LoadedListen[] {
  let list = listenCache.get(config);
  if (!list) listenCache.set(config, (list = config.servers.flatMap((s) => s.listens)));
  return list;
}

/**
 * The listens of a config grouped by a key of their bound sockets: each listen once per key, in
 * load order. Built once per config and key function (pass a module-level function).
 */
export function listensBySocket(config: LoadedConfig, keyOf: SocketKey): Map<string, LoadedListen[]> {
  let byKey = groupCache.get(config);
  if (!byKey) groupCache.set(config, (byKey = new Map()));
  let map = byKey.get(keyOf);
  if (!map) {
    map = new Map();
    for (const l of listensOf(config)) {
      for (let i = 0; i < l.bound.length; i++) {
        const key = keyOf(l.bound[i], l);
        if (key === undefined || keyBefore(keyOf, l, i, key)) continue;
        const list = map.get(key);
        if (list) list.push(l);
        else map.set(key, [l]);
      }
    }
    byKey.set(keyOf, map);
  }
  return map;
}

/** Whether a bound socket of `l` before the i-th has the same key (a listen counts once per key). */
function keyBefore(keyOf: SocketKey, l: LoadedListen, i: number, key: string): boolean {
  for (let j = 0; j < i; j++) if (keyOf(l.bound[j], l) === key) return true;
  return false;
}

const portKey: SocketKey = (b) => (b.proto === 'unix' ? undefined : `${b.port}/${b.proto}`);

/** The listens of a config on one port and protocol (`443/tcp`, `443/udp`; unix sockets are left out). */
export function listensOnPort(config: LoadedConfig, port: number, proto: 'tcp' | 'udp'): LoadedListen[] {
  return listensBySocket(config, portKey).get(`${port}/${proto}`) ?? [];
}

/**
 * `(l) => list.find((o) => o.order < l.order && o.server !== l.server)`: the first listen of
 * another server loaded before `l`. In constant time per question when `list` is in load order
 * (as listensOf gives it), so that many servers on one socket are not compared pairwise.
 */
export function earlierOfOtherServer(list: readonly LoadedListen[]): (l: LoadedListen) => LoadedListen | undefined {
  let inOrder = true;
  for (let i = 1; i < list.length && inOrder; i++) if (list[i].order < list[i - 1].order) inOrder = false;
  if (!inOrder || !list.length) return (l) => list.find((o) => o.order < l.order && o.server !== l.server);
  const e0 = list[0];
  // The first listen of another server than the first one's.
  const e1 = list.find((o) => o.server !== e0.server);
  return (l) => {
    // In load order, nothing before l when the very first is not.
    if (!(e0.order < l.order)) return undefined;
    if (e0.server !== l.server) return e0;
    return e1 && e1.order < l.order ? e1 : undefined;
  };
}
