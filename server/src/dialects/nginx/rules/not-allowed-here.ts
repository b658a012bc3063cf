// A known directive in a block where its module does not accept it ("directive is not allowed here").
import { layerFactOf } from '../roles';
import { describeContexts, isL7InStream } from '../context';
import { lexiconCandidates } from '../lexicon-scan';
import type { NginxRule } from './types';

export const notAllowedHere: NginxRule = {
  id: 'nginx/not-allowed-here',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A directive placed in a block where nginx does not accept it.',
  check(ctx, report) {
    for (const r of lexiconCandidates(ctx).misplaced) {
      // HTTP directives inside stream are reported by nginx/l7-in-stream, with its L4 explanation.
      if (r.allowed !== false || r.data || r.templated || isL7InStream(r, ctx.context.bases)) continue;
      const where = r.failedPaths?.[0] ?? [...ctx.context.bases[0], ...r.localPath];
      const here = where.length ? where.join(' > ') : 'the main context';
      const via = ctx.context.source === 'included' && ctx.context.bases.length > 1 ? ` (this file is included there by ${ctx.context.includers.map((p) => p.split('/').pop()).join(', ')})` : '';
      const fact = r.spec ? layerFactOf(r.spec) : {};
      const why = ` Move it to one of: ${describeContexts(r.specs)}.`;
      report({
        range: r.node.nameRange,
        layer: fact.layer ?? 4,
        message: `"${r.node.name}" is not allowed in ${here}${via}: nginx refuses the file.${why}`,
      });
    }
  },
};
