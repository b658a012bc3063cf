// The same single-valued directive twice in one block: nginx stops with "is duplicate".
import type { Directive } from '../../../engine/syntax';
import type { DirectiveSpec } from '../reference';
import type { NginxRule } from './types';

/** Directives that hold one value per block although their syntax does not show it. */
const SINGLE = new Set(['root', 'alias', 'proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);
const SCALAR = /^(on \| off|size|time|timeout|number|interval)$/;

/** Single-valued: a flag, an enum, or one size/time/number value, as nginx's slot setters are. */
export function isSingleValued(spec: DirectiveSpec): boolean {
  if (SINGLE.has(spec.name)) return true;
  if (spec.isBlock || spec.plainSyntax.length !== 1) return false;
  return spec.enumValues.length > 0 || SCALAR.test(spec.plainSyntax[0]);
}

export const duplicateDirective: NginxRule = {
  id: 'nginx/duplicate-directive',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A single-valued directive set twice in the same block.',
  check(ctx, report) {
    const firstByBlock = new Map<Directive[] | undefined, Map<string, Directive>>();
    for (const r of ctx.resolved) {
      if (!r.spec || r.data || r.templated || r.allowed === false || !isSingleValued(r.spec)) continue;
      const siblings = r.node.parent?.children ?? ctx.file.parse.tree;
      let seen = firstByBlock.get(siblings);
      if (!seen) firstByBlock.set(siblings, (seen = new Map()));
      const first = seen.get(r.node.name);
      if (!first) {
        seen.set(r.node.name, r.node);
        continue;
      }
      report({
        range: r.node.nameRange,
        message: `"${r.node.name}" is already set in this block on line ${first.nameRange.start.line + 1}: nginx refuses the file as a duplicate. Keep one of them.`,
        related: [{ path: ctx.file.path, range: first.nameRange, message: 'first set here' }],
        fixes: [{ title: `Remove this "${r.node.name}"`, edits: [{ path: ctx.file.path, range: r.node.range, newText: '' }] }],
      });
    }
  },
};
