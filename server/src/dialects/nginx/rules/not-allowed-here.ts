// A known directive in a block where its module does not accept it ("directive is not allowed here").
import { layerFactOf } from '../roles';
import { describeContexts } from '../context';
import type { NginxRule } from './types';

export const notAllowedHere: NginxRule = {
  id: 'nginx/not-allowed-here',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A directive placed in a block where nginx does not accept it.',
  check(ctx, report) {
    for (const r of ctx.resolved) {
      if (r.allowed !== false || r.data || r.templated) continue;
      const where = [...ctx.context.bases[0], ...r.localPath];
      const here = where.length ? where.join(' > ') : 'the main context';
      const fact = r.spec ? layerFactOf(r.spec) : {};
      const inStream = where[0] === 'stream';
      const l7InL4 = inStream && r.specs.every((s) => s.family === 'http');
      const why = l7InL4
        ? ' A stream server relays raw TCP/UDP bytes (L4) and never parses HTTP, so HTTP-level directives have nothing to act on; move it to an http server or drop it.'
        : ` Move it to one of: ${describeContexts(r.specs)}.`;
      report({
        range: r.node.nameRange,
        layer: l7InL4 ? 4 : fact.layer ?? 4,
        message: `"${r.node.name}" is not allowed in ${here}: nginx refuses the file.${why}`,
      });
    }
  },
};
