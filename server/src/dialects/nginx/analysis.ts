// Everything nginx rules need about one file, computed once per workspace state: its context,
// each directive's resolution against the reference, and its servers and listen sockets.
import type { Directive } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { resolveTree, type Resolution } from './context';
import { fileContext, type FileContext } from './fragment';
import { parseListen, type ListenSocket } from './listen';

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
}

const cache = new WeakMap<SourceFile, { generation: number; forced?: string; ctx: NginxContext }>();
const FAMILIES = new Set(['http', 'stream', 'mail']);

export function analyzeContext(file: SourceFile, ws: Workspace, forcedContext?: string): NginxContext {
  const hit = cache.get(file);
  if (hit && hit.generation === ws.generation && hit.forced === forcedContext) return hit.ctx;
  const context = fileContext(file, ws, { forced: forcedContext });
  const resolved = resolveTree(file.parse.tree, context.bases, context.mode);
  const byNode = new Map(resolved.map((r) => [r.node, r]));
  const baseRoot = context.bases[0]?.[0];
  let servers: ServerInfo[] | undefined;
  const ctx: NginxContext = {
    file,
    ws,
    context,
    resolved,
    byNode,
    familyOf(node) {
      const r = byNode.get(node);
      const root = baseRoot ?? r?.localPath[0] ?? (node.children && FAMILIES.has(node.name) ? node.name : undefined);
      return root && FAMILIES.has(root) ? (root as Family) : undefined;
    },
    servers() {
      if (!servers) {
        servers = [];
        for (const r of resolved) {
          if (r.node.name !== 'server' || !r.node.children || r.data) continue;
          const family = ctx.familyOf(r.node);
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
    workspaceServers() {
      return ws.all().filter((f) => f.language === 'nginx').flatMap((f) => (f === file ? ctx.servers() : analyzeContext(f, ws, ws.contextOverride.get(f.path)).servers()));
    },
    contextOf(other) {
      return other === file ? ctx : analyzeContext(other, ws, ws.contextOverride.get(other.path));
    },
  };
  cache.set(file, { generation: ws.generation, forced: forcedContext, ctx });
  return ctx;
}
