// The same single-valued directive twice in one block: nginx stops with "is duplicate".
import type { Directive } from '../../../engine/syntax';
import type { DirectiveSpec } from '../reference';
import type { NginxRule } from './types';

/** Directives that hold one value per block although their syntax does not show it. */
const SINGLE = new Set(['root', 'alias', 'proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);
const SCALAR = /^(on \| off|size|time|timeout|number|interval)$/;

const singleValued = new WeakMap<DirectiveSpec, boolean>();

/** Single-valued: a flag, an enum, or one size/time/number value, as nginx's slot setters are. */
export function isSingleValued(spec: DirectiveSpec): boolean {
  let hit = singleValued.get(spec);
  if (hit === undefined) singleValued.set(spec, (hit = singleValuedUncached(spec)));
  return hit;
}

function singleValuedUncached(spec: DirectiveSpec): boolean {
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
    // Per block, the first single-valued directive of each name: the directive itself while it
    // is the only one, then a short list (blocks hold few of them), then a map.
    const firstByBlock = new Map<readonly Directive[], Directive | Directive[] | Map<string, Directive>>();
    const resolved = ctx.resolved;
    for (let i = 0; i < resolved.length; i++) {
      const r = resolved[i];
      if (!r.spec || r.data || r.templated || r.allowed === false || !isSingleValued(r.spec)) continue;
      const siblings = r.node.parent?.children ?? ctx.file.parse.tree;
      const name = r.node.name;
      const seen = firstByBlock.get(siblings);
      let first: Directive | undefined;
      if (!seen) {
        firstByBlock.set(siblings, r.node);
        continue;
      }
      if (seen instanceof Map) {
        first = seen.get(name);
        if (!first) {
          seen.set(name, r.node);
          continue;
        }
      } else if (Array.isArray(seen)) {
        first = seen.find((d) => d.name === name);
        if (!first) {
          if (seen.length < 16) seen.push(r.node);
          else firstByBlock.set(siblings, new Map([...seen.map((d): [string, Directive] => [d.name, d]), [name, r.node]]));
          continue;
        }
      } else if (seen.name === name) {
        first = seen;
      } else {
        firstByBlock.set(siblings, [seen, r.node]);
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
