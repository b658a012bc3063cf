// Two `listen` directives for the same socket in one server: nginx stops with "a duplicate listen".
import { listenOf } from '../listen';
import type { Directive } from '../../../engine/syntax';
import type { NginxRule } from './types';

/** Whether a server block has at most one listen: most do, and need no bookkeeping. */
function onlyListen(server: Directive): boolean {
  let count = 0;
  for (const c of server.children ?? []) if (c.name === 'listen' && ++count > 1) return false;
  return true;
}

export const duplicateListen: NginxRule = {
  id: 'nginx/duplicate-listen',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'The same address and port given twice to `listen` in one server.',
  check(ctx, report) {
    // Per server, its first listen on each socket: the listen itself while it is the only one.
    const seenByServer = new Map<Directive, { key: string; node: Directive } | Map<string, Directive>>();
    for (const r of ctx.named('listen')) {
      if (r.data || !r.node.parent || r.node.parent.name !== 'server' || onlyListen(r.node.parent)) continue;
      const socket = listenOf(r.node, 80);
      if (!socket) continue;
      const key = socket.key + (socket.params.has('udp') ? '/udp' : '');
      const seen = seenByServer.get(r.node.parent);
      let first: Directive | undefined;
      if (!seen) {
        seenByServer.set(r.node.parent, { key, node: r.node });
        continue;
      }
      if (seen instanceof Map) {
        first = seen.get(key);
        if (!first) {
          seen.set(key, r.node);
          continue;
        }
      } else if (seen.key === key) {
        first = seen.node;
      } else {
        seenByServer.set(r.node.parent, new Map([[seen.key, seen.node], [key, r.node]]));
        continue;
      }
      report({
        range: r.node.args[0].range,
        message: `This server already listens on ${socket.key} (line ${first.nameRange.start.line + 1}): nginx refuses to start with a duplicate listen socket (L4). Remove one of the two.`,
        related: [{ path: ctx.file.path, range: first.args[0].range, message: 'first listen on this socket' }],
      });
    }
  },
};
