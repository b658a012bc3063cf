// Two stream servers on one socket: nginx 1.22 refuses the duplicate address and port pair;
// nginx 1.25.5 and later accept it only as SNI virtual servers told apart by server_name.
import { configsWith, earlierOfOtherServer, listensBySocket, type LoadedListen, type SocketKey } from '../listeners-config';
import { socketLabel, whereIs } from '../listeners-sockets';
import type { NginxRule } from './types';

/** The exact socket of a stream listen; other families are left out. */
const exactKey: SocketKey = (b, l) => (l.server.family === 'stream' ? `${b.proto}|${b.family}|${b.addr}|${b.port}` : undefined);

export const streamSocketShared: NginxRule = {
  id: 'nginx/stream-socket-shared',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'Two stream servers listening on the same address, port and protocol.',
  check(ctx, report) {
    const done = new Set<LoadedListen['directive']>();
    for (const config of configsWith(ctx.ws, ctx.file.path)) {
      const byKey = listensBySocket(config, exactKey);
      for (const list of byKey.values()) {
        if (list.length < 2) continue;
        const earlier = earlierOfOtherServer(list);
        for (const l of list) {
          if (l.path !== ctx.file.path || done.has(l.directive)) continue;
          // nginx stops at the later listen, in load order; the same server twice is nginx/duplicate-listen.
          const first = earlier(l);
          if (!first) continue;
          done.add(l.directive);
          const socket = socketLabel(l.bound.find((b) => list === byKey.get(exactKey(b, l)!)) ?? l.bound[0]);
          const where = whereIs(first.path, first.directive, ctx.file.path);
          const named = l.server.writtenNames.length > 0 || first.server.writtenNames.length > 0;
          report({
            range: l.directive.args[0].range,
            severity: named ? 'info' : undefined,
            message: named
              ? `Another stream server (${where}) already listens on ${socket}; sharing a socket between stream servers told apart by server_name (TLS SNI) needs nginx 1.25.5 or later, and older nginx refuses the duplicate address and port pair and does not start (L4); check the nginx version, or give each server its own port.`
              : `Another stream server (${where}) already listens on ${socket} and neither has a server_name to tell them apart: nginx refuses the duplicate address and port pair and does not start (L4); give this server another port or address, or merge the two.`,
            related: [{ path: first.path, range: first.directive.args[0].range, message: `first stream listen on ${socket}` }],
          });
        }
      }
    }
  },
};
