// The http listen sockets of a file's configuration, for the TLS rules that ask whether another
// server's `listen ... ssl` makes a socket TLS, and which server is the default on it.
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { NginxContext, ServerInfo } from './analysis';
import { listenOf, type ListenSocket } from './listen';
import { levelDirectives } from './tls-scope';

/** Main configs by file path, in the workspace (see Workspace.derived). */
const ROOTS = {};
const newRoots = (): Map<string, Set<string>> => new Map();

/** Main configs a file belongs to (itself when nothing includes it): servers of one config share sockets. */
function configRoots(ctx: NginxContext, path: string): Set<string> {
  return rootsOf(ctx, ctx.ws.derived(ROOTS, newRoots), path);
}

function rootsOf(ctx: NginxContext, cache: Map<string, Set<string>>, path: string): Set<string> {
  const hit = cache.get(path);
  if (hit) return hit;
  const out = new Set<string>();
  cache.set(path, out);
  const file = path === ctx.file.path ? ctx.file : ctx.ws.get(path);
  const fc = file ? ctx.contextOf(file).context : undefined;
  if (!fc || fc.source !== 'included' || !fc.includers.length) out.add(path);
  else for (const p of fc.includers) for (const r of rootsOf(ctx, cache, p)) out.add(r);
  if (!out.size) out.add(path);
  return out;
}

/** Servers of the same config (sharing a main file) as the given file. */
function sameConfigServers(ctx: NginxContext, path: string): ServerInfo[] {
  const roots = configRoots(ctx, path);
  // Servers of one file share the verdict: once per file, not per server.
  const shares = new Map<string, boolean>();
  return ctx.workspaceServers().filter((s) => {
    let hit = shares.get(s.path);
    if (hit === undefined) {
      hit = false;
      for (const r of configRoots(ctx, s.path)) if (roots.has(r)) hit = true;
      shares.set(s.path, hit);
    }
    return hit;
  });
}

/** Who uses one http socket (`host:port`) in this file's config. */
export interface SocketUsers {
  /** Servers whose listen on it has `ssl`. */
  ssl: Set<Directive>;
  /** Servers whose listen on it has `default_server`. */
  defaults: Set<Directive>;
  /** The server that comes first, when all users stand in this file (else undefined). */
  first?: Directive;
  servers: Set<Directive>;
}

/** Whether a file has no `include` at all (then none of its servers reads listens from elsewhere). */
function includesNothing(ctx: NginxContext, path: string): boolean {
  const file = path === ctx.file.path ? ctx.file : ctx.ws.get(path);
  return !file || ctx.contextOf(file).named('include').length === 0;
}

/** The listen sockets of an http server, with the listens of its included files. */
function socketsOf(ctx: NginxContext, server: ServerInfo, includes: boolean): readonly { socket: ListenSocket }[] {
  const children = server.node.children;
  if (!includes || !children || !children.some((c) => c.name === 'include')) return server.listens;
  const file = server.path === ctx.file.path ? ctx.file : ctx.ws.get(server.path);
  if (!file) return server.listens;
  const out: { socket: ListenSocket }[] = [];
  for (const i of levelDirectives(ctx, file, children).byName.get('listen') ?? []) {
    const socket = listenOf(i.directive, 80);
    if (socket) out.push({ socket });
  }
  return out;
}

/** Whether a file has any `include`, asked server by server (they come file by file). */
function includesPerFile(ctx: NginxContext): (path: string) => boolean {
  let lastPath: string | undefined;
  let last = false;
  return (path) => {
    if (path !== lastPath) {
      lastPath = path;
      last = !includesNothing(ctx, path);
    }
    return last;
  };
}

const sslCaches = new Memo<NginxContext, boolean>();

/** Whether any http listen of this file's config has `ssl` (without it, no socket is TLS). */
export function anyHttpSsl(ctx: NginxContext): boolean {
  let hit = sslCaches.get(ctx);
  if (hit === undefined) {
    const includes = includesPerFile(ctx);
    hit = sameConfigServers(ctx, ctx.file.path).some((s) => s.family === 'http' && socketsOf(ctx, s, includes(s.path)).some((l) => l.socket.params.has('ssl')));
    sslCaches.set(ctx, hit);
  }
  return hit;
}

const socketCaches = new Memo<NginxContext, Map<string, SocketUsers>>();

/** The http listen sockets of this file's config, by `host:port` key. */
export function httpSockets(ctx: NginxContext): Map<string, SocketUsers> {
  const hit = socketCaches.get(ctx);
  if (hit) return hit;
  const out = new Map<string, SocketUsers>();
  let elsewhere: Set<string> | undefined;
  const includes = includesPerFile(ctx);
  for (const server of sameConfigServers(ctx, ctx.file.path)) {
    if (server.family !== 'http') continue;
    for (const { socket } of socketsOf(ctx, server, includes(server.path))) {
      let u = out.get(socket.key);
      if (!u) out.set(socket.key, (u = { ssl: new Set(), defaults: new Set(), servers: new Set() }));
      u.servers.add(server.node);
      if (socket.params.has('ssl')) u.ssl.add(server.node);
      if (socket.params.has('default_server') || socket.params.has('default')) u.defaults.add(server.node);
      // This file's servers come in document order: the first one seen is the first one.
      if (server.path !== ctx.file.path) (elsewhere ??= new Set()).add(socket.key);
      else u.first ??= server.node;
    }
  }
  if (elsewhere) for (const key of elsewhere) out.get(key)!.first = undefined;
  socketCaches.set(ctx, out);
  return out;
}

/** Whether a set holds anything besides `self`. */
export function hasOther<T>(set: ReadonlySet<T>, self: T | undefined): boolean {
  return set.size > (self !== undefined && set.has(self) ? 1 : 0);
}
