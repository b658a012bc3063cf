// The same TCP (or UDP, or unix) socket used by an http server and a stream server of one
// config: nginx accepts the file, then the second bind fails at start-up.
import type { Related } from '../../../engine/rules';
import { configsWith, listensBySocket, type LoadedListen, type SocketKey } from '../listeners-config';
import { socketLabel, socketsCollide, whereIs, type BoundSocket } from '../listeners-sockets';
import type { NginxRule } from './types';

/** The port (or unix path) of an http or stream listen; other families are left out. */
const bucket: SocketKey = (b, l) =>
  l.server.family !== 'http' && l.server.family !== 'stream' ? undefined : b.proto === 'unix' ? `unix:${b.addr}` : `${b.proto}:${b.port}`;

export const httpStreamSocketClash: NginxRule = {
  id: 'nginx/http-stream-socket-clash',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'An http server and a stream server listening on the same address and port.',
  check(ctx, report) {
    const done = new Set<LoadedListen['directive']>();
    for (const config of configsWith(ctx.ws, ctx.file.path)) {
      // A clash needs both kinds of server in the config.
      if (!config.listening.has('http') || !config.listening.has('stream')) continue;
      for (const list of listensBySocket(config, bucket).values()) {
        // Each listen is compared with the other family's only (many http servers share a port).
        const http = list.filter((l) => l.server.family === 'http');
        const stream = list.filter((l) => l.server.family === 'stream');
        if (!http.length || !stream.length) continue;
        for (const l of list) {
          if (l.path !== ctx.file.path || done.has(l.directive)) continue;
          let mine: BoundSocket | undefined;
          const partners: { other: LoadedListen; theirs: BoundSocket }[] = [];
          for (const other of l.server.family === 'http' ? stream : http) {
            for (const a of l.bound) {
              const theirs = other.bound.find((b) => socketsCollide(a, b));
              if (theirs) {
                mine ??= a;
                partners.push({ other, theirs });
                break;
              }
            }
          }
          if (!mine || !partners.length) continue;
          done.add(l.directive);
          const { other, theirs } = partners[0];
          const otherKind = other.server.family === 'http' ? 'An http server' : 'A stream server';
          const where = whereIs(other.path, other.directive, ctx.file.path);
          const shared = mine.reuseport && partners.every((p) => p.theirs.reuseport);
          const related: Related[] = partners.slice(0, 5).map((p) => ({
            path: p.other.path,
            range: p.other.implicit ? p.other.directive.nameRange : p.other.directive.args[0].range,
            message: `${p.other.server.family} listen on ${socketLabel(p.theirs)}`,
          }));
          const same = socketLabel(mine) === socketLabel(theirs) ? socketLabel(mine) : `${socketLabel(mine)} and ${socketLabel(theirs)}`;
          const implicitNote = l.implicit ? ' (a server without listen takes *:80)' : '';
          report({
            range: l.implicit ? l.directive.nameRange : l.directive.args[0].range,
            severity: shared ? 'warning' : undefined,
            message: shared
              ? `${otherKind} (${where}) also listens on ${same}${implicitNote} with reuseport, so the kernel splits connections at random between the HTTP server and the stream proxy and about half of them get the wrong protocol (L4); give one of them another port or address.`
              : `${otherKind} (${where}) also listens on ${same}${implicitNote}: http and stream each open their own socket, so nginx accepts the file but fails to bind the second one at start-up ("address already in use") and does not start (L4); give one of them another port or address.`,
            related,
          });
        }
      }
    }
  },
};
