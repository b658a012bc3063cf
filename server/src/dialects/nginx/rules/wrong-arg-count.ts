// Argument counts outside what the reference syntax allows ("invalid number of arguments").
import { lexiconCandidates } from '../lexicon-scan';
import type { NginxRule } from './types';

/** Directives whose syntax line does not capture their real argument count. */
const UNCHECKED = new Set(['if']);

export const wrongArgCount: NginxRule = {
  id: 'nginx/wrong-arg-count',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A directive with fewer or more arguments than its syntax allows.',
  check(ctx, report) {
    for (const r of lexiconCandidates(ctx).argCount) {
      const spec = r.spec;
      if (!spec || r.data || r.templated || r.allowed === false) continue;
      const n = r.node.args.length;
      if ((n >= spec.minArgs && n <= spec.maxArgs) || UNCHECKED.has(spec.name)) continue;
      if (r.node.args.some((a) => a.value.includes('${'))) continue;
      const expected = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : spec.maxArgs === Infinity ? `at least ${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      const range = n > spec.maxArgs
        ? { start: r.node.args[spec.maxArgs].range.start, end: r.node.args[n - 1].range.end }
        : r.node.nameRange;
      report({
        range,
        message: `"${spec.name}" takes ${expected} argument${expected === '1' ? '' : 's'} but has ${n}: nginx refuses the file. Expected: ${spec.name} ${spec.plainSyntax[0]}`,
      });
    }
  },
};
