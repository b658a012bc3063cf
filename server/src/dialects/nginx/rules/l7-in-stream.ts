// HTTP-only directives and blocks inside `stream`: an L4 proxy never parses HTTP. Also
// `server_name` in a stream server, which only nginx 1.25.5 and later understand there.
import { fullPaths, isL7InStream } from '../context';
import { mergeInOrder } from '../analysis';
import { lexiconCandidates } from '../lexicon-scan';
import type { NginxRule } from './types';

/** The first nginx release whose stream module accepts `server_name` (SNI-based server selection). */
export const STREAM_SERVER_NAME_SINCE = '1.25.5';

export const l7InStream: NginxRule = {
  id: 'nginx/l7-in-stream',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'HTTP-only directives or blocks (location, proxy_set_header, add_header, ...) inside a stream (L4) proxy.',
  check(ctx, report) {
    // Whether a block path stands in a stream server, per path (nodes of one path share the array).
    const streamServer = new Map<readonly string[], boolean>();
    const inStream = (p: string[]) => p[0] === 'stream' && p[p.length - 1] === 'server';
    // The directives either branch below can report: server_name where it is allowed, and
    // misplaced ones (a misplaced server_name among them).
    const names = ctx.named('server_name').filter((r) => r.allowed !== false);
    const candidates = mergeInOrder([names, lexiconCandidates(ctx).misplaced]);
    for (const r of candidates) {
      if (r.data || r.templated) continue;
      if (r.node.name === 'server_name' && r.allowed !== false) {
        let hit = streamServer.get(r.localPath);
        if (hit === undefined) {
          // Real inclusions ('each') count one by one; guessed contexts ('any') only when all agree.
          const paths = ctx.context.bases.length ? fullPaths(r.localPath, ctx.context.bases) : [r.localPath];
          hit = ctx.context.mode === 'each' ? paths.some(inStream) : paths.every(inStream);
          streamServer.set(r.localPath, hit);
        }
        if (hit) {
          report({
            range: r.node.nameRange,
            severity: 'warning',
            message: `"server_name" in a stream server selects the server by the TLS SNI name only since nginx ${STREAM_SERVER_NAME_SINCE}; older nginx refuses the file and nothing in it listens (L4), so on older versions route by SNI with ssl_preread on; and a map of $ssl_preread_server_name instead.`,
          });
        }
        continue;
      }
      if (r.allowed !== false || !isL7InStream(r, ctx.context.bases)) continue;
      const where = (r.failedPaths?.[0] ?? [...(ctx.context.bases[0] ?? []), ...r.localPath]).join(' > ');
      const block = r.node.children ? 'block' : 'directive';
      report({
        range: r.node.nameRange,
        message: `"${r.node.name}" is an HTTP (L7) ${block} inside ${where}, an L4 proxy that only relays TCP/UDP bytes and never reads requests or headers: nginx refuses the file; move it to an http server, or drop it and keep the stream server to listen, proxy_pass and timeouts.`,
        fixes: [{ title: `Remove "${r.node.name}" from the stream server`, edits: [{ path: ctx.file.path, range: r.node.range, newText: '' }] }],
      });
    }
  },
};
