// HTTP-only directives and blocks inside `stream`: an L4 proxy never parses HTTP.
import { isL7InStream } from '../context';
import type { NginxRule } from './types';

export const l7InStream: NginxRule = {
  id: 'nginx/l7-in-stream',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'HTTP-only directives or blocks (location, proxy_set_header, add_header, ...) inside a stream (L4) proxy.',
  check(ctx, report) {
    for (const r of ctx.resolved) {
      if (r.allowed !== false || r.data || r.templated || !isL7InStream(r, ctx.context.bases)) continue;
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
