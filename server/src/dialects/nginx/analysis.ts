// Everything nginx rules need about one file, computed once per workspace state: its context,
// each directive's resolution against the reference, and its servers and listen sockets.
import type { Directive } from '../../engine/syntax';
import type { HasMemos } from '../../engine/memo';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { resolveTree, type Resolution } from './context';
import { fileContext, type FileContext } from './fragment';
import { listenOf, type ListenSocket } from './listen';
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

export interface NginxContext extends HasMemos {
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
  const ctx = new FileAnalysis(file, ws, fileContext(file, ws, { forced: forcedContext }));
  // Taken again: reading an included file from disk on the way starts a new set of indexes.
  ws.derived(CONTEXTS, newContexts).set(file, { forced: forcedContext, ctx });
  return ctx;
}

/**
 * A class rather than an object literal with getters over local variables: measured with
 * --trace-gc-nvp, such a literal kept everything the analysis held alive through young-generation
 * collections (copied, then promoted) until the next full collection, long after it was dropped.
 */
class FileAnalysis implements NginxContext {
  readonly resolved: Resolution[];
  readonly memos = new Map<object, unknown>();
  /** The index by name is filled while resolving, without a pass of its own. */
  private readonly byName = new Map<string, Resolution[]>();
  private readonly baseRoot: string | undefined;
  // Built on first use: most analyses never look a node up.
  private nodeIndex: Map<Directive, Resolution> | undefined = undefined;
  private readonly byNames = new Map<string, readonly Resolution[]>();
  private serverList: ServerInfo[] | undefined = undefined;
  private serverByNode: Map<Directive, ServerInfo> | undefined = undefined;
  private everyServer: ServerInfo[] | undefined = undefined;

  constructor(
    readonly file: SourceFile,
    readonly ws: Workspace,
    readonly context: FileContext,
  ) {
    this.resolved = resolveTree(file.parse.tree, context.bases, context.mode, this.byName);
    this.baseRoot = context.bases[0]?.[0];
  }

  get byNode(): Map<Directive, Resolution> {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      for (const r of this.resolved) this.nodeIndex.set(r.node, r);
    }
    return this.nodeIndex;
  }

  private rootOf(node: Directive, r: Resolution | undefined): Family | undefined {
    const root = this.baseRoot ?? r?.localPath[0] ?? (node.children && FAMILIES.has(node.name) ? node.name : undefined);
    return root && FAMILIES.has(root) ? (root as Family) : undefined;
  }

  familyOf(node: Directive): Family | undefined {
    return this.rootOf(node, this.baseRoot === undefined ? this.byNode.get(node) : undefined);
  }

  familyOfResolution(r: Resolution): Family | undefined {
    return this.rootOf(r.node, r);
  }

  named(name: string): readonly Resolution[] {
    return this.byName.get(name) ?? NONE;
  }

  namedAny(names: readonly string[]): readonly Resolution[] {
    const key = names.join(' ');
    let list = this.byNames.get(key);
    if (!list) {
      const lists = names.map((n) => this.named(n)).filter((l) => l.length);
      list = lists.length === 0 ? NONE : lists.length === 1 ? lists[0] : mergeInOrder(lists);
      this.byNames.set(key, list);
    }
    return list;
  }

  servers(): ServerInfo[] {
    if (!this.serverList) {
      const servers: ServerInfo[] = (this.serverList = []);
      for (const r of this.named('server')) {
        if (!r.node.children || r.data) continue;
        const family = this.rootOf(r.node, r);
        if (!family || (r.node.parent && r.node.parent.name === 'upstream')) continue;
        const listens: ListenInfo[] = [];
        for (const c of r.node.children) {
          if (c.name !== 'listen') continue;
          const socket = listenOf(c, family === 'http' ? 80 : NaN);
          if (socket) listens.push({ directive: c, socket });
        }
        servers.push({ node: r.node, family, listens, path: this.file.path });
      }
    }
    return this.serverList;
  }

  serverInfo(node: Directive): ServerInfo | undefined {
    if (!this.serverByNode) {
      this.serverByNode = new Map();
      for (const s of this.servers()) this.serverByNode.set(s.node, s);
    }
    return this.serverByNode.get(node);
  }

  workspaceServers(): ServerInfo[] {
    const { ws, file } = this;
    this.everyServer ??= ws.all().filter((f) => f.language === 'nginx').flatMap((f) => (f === file ? this.servers() : analyzeContext(f, ws, ws.contextOverride.get(f.path)).servers()));
    return this.everyServer;
  }

  contextOf(other: SourceFile): NginxContext {
    return other === this.file ? this : analyzeContext(other, this.ws, this.ws.contextOverride.get(other.path));
  }
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
