// Everything nginx rules need about one file, computed once per workspace state: its context,
// each directive's resolution against the reference, and its servers and listen sockets.
import type { Directive } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { resolveTree, type Resolution } from './context';
import { fileContext, type FileContext } from './fragment';
import { parseListen, type ListenSocket } from './listen';
import { startsBefore } from './tree';

export type Family = 'http' | 'stream' | 'mail';

export interface ListenInfo {
  directive: Directive;
  socket: ListenSocket;
}

export interface ServerInfo {
  node: Directive;
  family: Family;
  listens: ListenInfo[];
  path: string;
}

export interface NginxContext {
  file: SourceFile;
  ws: Workspace;
  context: FileContext;
  /** Every directive of the file, parents before children. */
  resolved: Resolution[];
  /** Resolution of each directive node. */
  byNode: Map<Directive, Resolution>;
  /** The top-level block a node stands in (http, stream, mail), from the file's context. */
  familyOf(node: Directive): Family | undefined;
  /** The `server` blocks of this file with their families and listen sockets. */
  servers(): ServerInfo[];
  /** The `server` blocks of every nginx file in the workspace (this one included). */
  workspaceServers(): ServerInfo[];
  /** Other nginx files' contexts, for rules that look across files. */
  contextOf(file: SourceFile): NginxContext;
  /** The resolutions of the directives with a name, in document order (an index over `resolved`). */
  named(name: string): readonly Resolution[];
  /** The resolutions of the directives with any of the names, in document order. */
  namedAny(names: readonly string[]): readonly Resolution[];
  /** `familyOf` for a directive of this file, from its resolution. */
  familyOfResolution(r: Resolution): Family | undefined;
  /** The entry of `servers()` for a server block of this file. */
  serverInfo(node: Directive): ServerInfo | undefined;
}

/** Each file's context, in the workspace (see Workspace.derived). */
const CONTEXTS = {};
const newContexts = () => new Map<SourceFile, { forced?: string; ctx: NginxContext }>();
const FAMILIES = new Set(['http', 'stream', 'mail']);

const NONE: readonly Resolution[] = [];

export function analyzeContext(file: SourceFile, ws: Workspace, forcedContext?: string): NginxContext {
  const hit = ws.derived(CONTEXTS, newContexts).get(file);
  if (hit && hit.forced === forcedContext) return hit.ctx;
  const context = fileContext(file, ws, { forced: forcedContext });
  // The index by name is filled while resolving, without a pass of its own.
  const byName = new Map<string, Resolution[]>();
  const resolved = resolveTree(file.parse.tree, context.bases, context.mode, byName);
  const baseRoot = context.bases[0]?.[0];
  // Built on first use: most analyses never look a node up.
  let byNode: Map<Directive, Resolution> | undefined;
  const byNames = new Map<string, readonly Resolution[]>();
  let servers: ServerInfo[] | undefined;
  let serverByNode: Map<Directive, ServerInfo> | undefined;
  let everyServer: ServerInfo[] | undefined;
  const rootOf = (node: Directive, r: Resolution | undefined): Family | undefined => {
    const root = baseRoot ?? r?.localPath[0] ?? (node.children && FAMILIES.has(node.name) ? node.name : undefined);
    return root && FAMILIES.has(root) ? (root as Family) : undefined;
  };
  const ctx: NginxContext = {
    file,
    ws,
    context,
    resolved,
    get byNode() {
      if (!byNode) {
        byNode = new Map();
        for (const r of resolved) byNode.set(r.node, r);
      }
      return byNode;
    },
    familyOf(node) {
      return rootOf(node, baseRoot === undefined ? ctx.byNode.get(node) : undefined);
    },
    familyOfResolution(r) {
      return rootOf(r.node, r);
    },
    named(name) {
      return byName.get(name) ?? NONE;
    },
    namedAny(names) {
      const key = names.join(' ');
      let list = byNames.get(key);
      if (!list) {
        const lists = names.map((n) => ctx.named(n)).filter((l) => l.length);
        list = lists.length === 0 ? NONE : lists.length === 1 ? lists[0] : mergeInOrder(lists);
        byNames.set(key, list);
      }
      return list;
    },
    servers() {
      if (!servers) {
        servers = [];
        for (const r of ctx.named('server')) {
          if (!r.node.children || r.data) continue;
          const family = rootOf(r.node, r);
          if (!family || (r.node.parent && r.node.parent.name === 'upstream')) continue;
          const listens: ListenInfo[] = [];
          for (const c of r.node.children) {
            if (c.name !== 'listen') continue;
            const socket = parseListen(c.args, family === 'http' ? 80 : NaN);
            if (socket) listens.push({ directive: c, socket });
          }
          servers.push({ node: r.node, family, listens, path: file.path });
        }
      }
      return servers;
    },
    serverInfo(node) {
      if (!serverByNode) {
        serverByNode = new Map();
        for (const s of ctx.servers()) serverByNode.set(s.node, s);
      }
      return serverByNode.get(node);
    },
    workspaceServers() {
      everyServer ??= ws.all().filter((f) => f.language === 'nginx').flatMap((f) => (f === file ? ctx.servers() : analyzeContext(f, ws, ws.contextOverride.get(f.path)).servers()));
      return everyServer;
    },
    contextOf(other) {
      return other === file ? ctx : analyzeContext(other, ws, ws.contextOverride.get(other.path));
    },
  };
  // Taken again: reading an included file from disk on the way starts a new set of indexes.
  ws.derived(CONTEXTS, newContexts).set(file, { forced: forcedContext, ctx });
  return ctx;
}

/** Merges lists of resolutions, each in document order, into one list in document order. */
export function mergeInOrder(lists: readonly (readonly Resolution[])[]): Resolution[] {
  let total = 0;
  for (const l of lists) total += l.length;
  // Sized up front: the merged lists of a large file hold thousands of entries.
  const out: Resolution[] = new Array(total);
  let n = 0;
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i] >= lists[i].length) continue;
      if (best < 0 || startsBefore(lists[i][at[i]].node, lists[best][at[best]].node)) best = i;
    }
    if (best < 0) return out;
    out[n++] = lists[best][at[best]++];
  }
}
