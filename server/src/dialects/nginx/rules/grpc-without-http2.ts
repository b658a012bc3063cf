// grpc_pass in a server that does not speak HTTP/2 to its clients: gRPC runs only over HTTP/2.
import type { Fix, Related, TextEdit } from '../../../engine/rules';
import { chainFrom, chainsOf, enclosingOnChain, expand, httpSites, lookup, type Placed } from '../http-scope';
import { insertAfter, insertBefore } from '../directive-edits';
import { listenOf } from '../listen';
import { configServers } from '../relay-graph';
import type { NginxRule } from './types';

export const grpcWithoutHttp2: NginxRule = {
  id: 'nginx/grpc-without-http2',
  language: 'nginx',
  layer: 7,
  severity: 'error',
  summary: 'grpc_pass in a server whose listen sockets do not accept HTTP/2 (no http2 parameter, no http2 on).',
  check(ctx, report) {
    const sites = httpSites(ctx, 'grpc_pass');
    if (!sites.length) return;
    // Sockets on which some server enables HTTP/2 by a listen parameter: nginx applies it to the
    // whole socket, whichever server on it carries the parameter.
    const h2Sockets = new Set<string>();
    for (const s of configServers(ctx)) {
      if (s.family !== 'http') continue;
      for (const l of s.listens) if (l.socket.params.has('http2')) h2Sockets.add(l.socket.key);
    }
    const done = new Set<unknown>();
    for (const pass of sites) {
      for (const chain of chainsOf(ctx, ctx.file, pass.parent)) {
        const server = enclosingOnChain(chain, 'server');
        if (!server) continue;
        const body = expand(ctx.ws, server);
        if (body.unknown) continue;
        const listens = body.byName.get('listen') ?? [];
        const sockets = listens.map((l) => listenOf(l.node, 80));
        if (sockets.some((s) => !s)) continue;
        if (sockets.some((s) => s!.params.has('http2') || h2Sockets.has(s!.key))) continue;
        if (!listens.length && (h2Sockets.has('*:80') || h2Sockets.has('*:8000'))) continue;
        const h2 = lookup(ctx.ws, chainFrom(chain, server), 'http2');
        if (h2.unknown) continue;
        const on = h2.found[h2.found.length - 1];
        if (on && on.node.args[0]?.value === 'on') continue;
        const key = `${server.file.path}:${server.block?.nameRange.start.line}:${pass.nameRange.start.line}`;
        if (done.has(key)) continue;
        done.add(key);

        const fixes: Fix[] = [];
        const h2Line = 'http2 on;';
        if (on && on.file === ctx.file) fixes.push({ title: 'Turn http2 on (nginx 1.25.1 or later)', edits: [{ path: ctx.file.path, range: on.node.args[0].range, newText: 'on' }] });
        else if (!on) {
          const anchor = listens.filter((l) => l.file === server.file).pop();
          const first = server.block?.children?.[0];
          const edit = anchor ? insertAfter(server.file, anchor.node, h2Line) : first ? insertBefore(server.file, first, h2Line) : undefined;
          if (edit) fixes.push({ title: 'Add http2 on; to the server (nginx 1.25.1 or later)', edits: [edit] });
        }
        const listenEdits: TextEdit[] = listens
          .filter((l) => !l.node.args.some((a) => a.value === 'quic'))
          .map((l) => {
            const last = l.node.args[l.node.args.length - 1];
            return { path: l.file.path, range: { start: last.range.end, end: last.range.end }, newText: ' http2' };
          });
        if (listenEdits.length) fixes.push({ title: 'Add the http2 parameter to listen (nginx before 1.25.1)', edits: listenEdits });
        const related: Related[] = listens.map((l: Placed) => ({ path: l.file.path, range: l.node.range, message: 'listens without HTTP/2' }));
        if (on) related.push({ path: on.file.path, range: on.node.range, message: 'HTTP/2 is turned off here' });
        const where = listens.length ? 'none of this server\'s listen sockets accepts HTTP/2' : 'this server listens on the default port 80 without HTTP/2';
        report({
          range: pass.nameRange,
          message: `grpc_pass relays gRPC, which runs only over HTTP/2, but ${where}, so every gRPC call fails before it reaches the backend (L7); add http2 on; to the server (nginx 1.25.1+) or the http2 parameter to its listen (older nginx).`,
          fixes,
          related,
        });
        break;
      }
    }
  },
};
