// http servers sharing one socket: more than one default_server (nginx refuses it), or none at
// all while the names differ (the first server loaded silently takes every unmatched Host).
import type { Arg, Directive } from '../../../engine/syntax';
import { configsWith, earlierOfOtherServer, listensBySocket, type LoadedListen, type LoadedServer, type SocketKey } from '../listeners-config';
import { paramRemovalRange, socketLabel, whereIs } from '../listeners-sockets';
import type { NginxRule } from './types';

/** The exact socket of an http listen; other families are left out. */
const exactKey: SocketKey = (b, l) => (l.server.family === 'http' ? `${b.proto}|${b.family}|${b.addr}|${b.port}` : undefined);
function defaultArg(l: LoadedListen): Arg | undefined {
  if (l.implicit) return undefined;
  const args = l.directive.args;
  for (let i = 1; i < args.length; i++) if (args[i].value === 'default_server' || args[i].value === 'default') return args[i];
  return undefined;
}
/** Named only '' or '_' (read as written: lower-casing changes neither). */
const catchAll = (s: LoadedServer): boolean => s.writtenNames.every((name) => name === '' || name === '_');
const nameSet = (s: LoadedServer): string => {
  const n = s.names;
  // The usual one or two names without building a set and sorting it.
  if (n.length === 0) return '';
  if (n.length === 1) return n[0];
  if (n.length === 2) return n[0] === n[1] ? n[0] : n[0] < n[1] ? `${n[0]} ${n[1]}` : `${n[1]} ${n[0]}`;
  return [...new Set(n)].sort().join(' ');
};
/** Whether the listens belong to two servers or more. */
function severalServers(listens: readonly LoadedListen[]): boolean {
  for (const l of listens) if (l.server !== listens[0].server) return true;
  return false;
}

/** Whether the servers of the listens answer to two different sets of names or more. */
function namesDiffer(listens: readonly LoadedListen[]): boolean {
  const first = listens[0].server;
  let names: string | undefined;
  for (const l of listens) if (l.server !== first && nameSet(l.server) !== (names ??= nameSet(first))) return true;
  return false;
}

const label = (s: LoadedServer): string => (s.names.length ? `"${s.names[0]}"` : 'the server without server_name');

export const defaultServerConflict: NginxRule = {
  id: 'nginx/default-server-conflict',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'Several http servers on one socket with more than one default_server, or with none while their names differ.',
  check(ctx, report) {
    const done = new Set<Directive>();
    /** Servers that take unmatched Host names by load order alone, with the sockets where they do. */
    const hints = new Map<LoadedServer, { listen: LoadedListen; listens: LoadedListen[]; sockets: string[]; servers: Set<LoadedServer> }>();
    for (const config of configsWith(ctx.ws, ctx.file.path)) {
      for (const [key, listens] of listensBySocket(config, exactKey)) {
        if (!severalServers(listens)) continue;
        const sock = socketLabel(listens[0].bound.find((b) => exactKey(b, listens[0]) === key)!);
        const defaults = listens.filter((l) => defaultArg(l));
        if (defaults.length) {
          const earlier = earlierOfOtherServer(defaults);
          for (const l of defaults) {
            if (l.path !== ctx.file.path || done.has(l.directive)) continue;
            const first = earlier(l);
            if (!first) continue;
            done.add(l.directive);
            const arg = defaultArg(l)!;
            report({
              range: arg.range,
              message: `The server at ${whereIs(first.path, first.directive, ctx.file.path)} is already the default server for ${sock}: nginx refuses a second default_server on one socket and does not start (L4); keep default_server on the one server that should take requests for unknown names and remove it here.`,
              related: [{ path: first.path, range: defaultArg(first)!.range, message: `first default_server for ${sock}` }],
              fixes: [{ title: 'Remove default_server from this listen', preferred: true, edits: [{ path: ctx.file.path, range: paramRemovalRange(l.directive, arg), newText: '' }] }],
            });
          }
          continue;
        }
        if (!namesDiffer(listens)) continue;
        const firstListen = listens.reduce((a, b) => (b.order < a.order ? b : a));
        const first = firstListen.server;
        if (catchAll(first) || firstListen.path !== ctx.file.path) continue;
        const servers = new Set<LoadedServer>();
        for (const l of listens) servers.add(l.server);
        const hint = hints.get(first);
        if (hint) {
          hint.sockets.push(sock);
          if (!hint.listens.includes(firstListen)) hint.listens.push(firstListen);
          for (const s of servers) hint.servers.add(s);
        } else hints.set(first, { listen: firstListen, listens: [firstListen], sockets: [sock], servers });
      }
    }
    for (const [first, { listen, listens, sockets, servers }] of hints) {
      if (done.has(listen.directive)) continue;
      const others = [...servers].filter((s) => s !== first);
      const catcher = others.find(catchAll);
      const d = listen.directive;
      const edits = listens.filter((l) => !l.implicit && l.path === ctx.file.path).map((l) => {
        const end = l.directive.args[l.directive.args.length - 1].range.end;
        return { path: ctx.file.path, range: { start: end, end }, newText: ' default_server' };
      });
      const sock = sockets.join(' and ');
      report({
        range: listen.implicit ? d.nameRange : d.args[0].range,
        severity: 'info',
        message: `No server on ${sock}${listen.implicit ? ' (the implicit listen of a server without one)' : ''} is marked default_server, so requests whose Host matches none of the ${servers.size} servers' names (and requests by bare IP) go to the first one loaded, this one (${label(first)})${catcher ? `, not to the catch-all server at ${whereIs(catcher.path, catcher.node, ctx.file.path)}` : ''} (L4); add default_server to the listen of the server that should take them.`,
        related: others.slice(0, 5).map((s) => ({ path: s.path, range: s.node.nameRange, message: `also on ${sock}: ${label(s)}` })),
        fixes: edits.length ? [{ title: `Make this server the default for ${sock}`, edits }] : undefined,
      });
    }
  },
};
