// An upstream block with no `server` line: nginx stops with "no servers are inside upstream".
import type { Directive } from '../../../engine/syntax';
import { graphFile, includeGraph } from '../relay-graph';
import { specsOf } from '../reference';
import { familiesOf } from '../relay-targets';
import type { NginxContext } from '../analysis';
import type { NginxRule } from './types';

/** 'yes' when the block (or a file it includes) has a server line, 'unknown' when it cannot tell. */
function hasServer(ctx: NginxContext, path: string, children: readonly Directive[], seenSoFar?: Set<string>): 'yes' | 'no' | 'unknown' {
  let result: 'yes' | 'no' | 'unknown' = 'no';
  for (const c of children) {
    if (c.name === 'server' || c.name.includes('${')) return 'yes';
    // A directive nginx itself does not know may come from a module that fills the group.
    if (!specsOf(c.name).length) result = 'unknown';
    if (c.name !== 'include') continue;
    // The files on the way here (just this one when it is the block's own file).
    const seen = seenSoFar ?? new Set([path]);
    const inc = includeGraph(ctx.ws).nodes.get(path)?.includes.find((i) => i.directive === c);
    if (!inc || !inc.paths.length) {
      result = 'unknown';
      continue;
    }
    for (const p of inc.paths) {
      const f = graphFile(ctx.ws, p);
      if (!f || seen.has(p)) {
        result = 'unknown';
        continue;
      }
      const r = hasServer(ctx, p, f.parse.tree, new Set([...seen, p]));
      if (r === 'yes') return 'yes';
      if (r === 'unknown') result = 'unknown';
    }
  }
  return result;
}

export const emptyUpstream: NginxRule = {
  id: 'nginx/empty-upstream',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'An upstream block without any server in it.',
  check(ctx, report) {
    for (const r of ctx.named('upstream')) {
      const d = r.node;
      if (!d.children || r.data || r.templated || r.allowed === false) continue;
      if (!familiesOf(ctx, r).some((f) => f === 'http' || f === 'stream')) continue;
      // A shared-memory zone lets the group be filled at run time (nginx Plus API, `resolve`).
      if (d.children.some((c) => c.name === 'zone')) continue;
      if (hasServer(ctx, ctx.file.path, d.children) !== 'no') continue;
      const name = d.args[0]?.value ?? '';
      report({
        range: d.args[0]?.range ?? d.nameRange,
        message: `upstream "${name}" has no server in it: nginx refuses the file ("no servers are inside upstream"), so nothing is relayed to this group (L4); add at least one "server address:port;" line.`,
      });
    }
  },
};
