// A plain `include` of a file that does not exist: nginx stops at start-up. A glob that matches
// nothing is fine for nginx and is not reported.
import { posix } from 'node:path';
import { suggest } from '../../../engine/suggest';
import type { Fix } from '../../../engine/rules';
import { includesOf } from '../includes';
import type { NginxRule } from './types';

/** The pattern with its last path segment replaced, keeping the directory as written. */
function replaceBase(pattern: string, base: string): string {
  const i = pattern.lastIndexOf('/');
  return i >= 0 ? pattern.slice(0, i + 1) + base : base;
}

export const includeNotFound: NginxRule = {
  id: 'nginx/include-not-found',
  language: 'nginx',
  layer: 4,
  severity: 'warning',
  summary: 'An include of a file that does not exist (a glob that matches nothing is fine).',
  check(ctx, report) {
    for (const inc of includesOf(ctx.file, ctx.ws)) {
      if (inc.glob || inc.paths.length || !inc.pattern || inc.pattern.includes('$')) continue;
      const arg = inc.directive.args[0];
      const pattern = inc.pattern.replace(/\\/g, '/');
      const absolute = posix.isAbsolute(pattern);
      const full = absolute ? pattern : posix.join(posix.dirname(ctx.file.path), pattern);
      const dir = posix.dirname(full);
      const siblings = ctx.ws.host.glob(posix.join(dir, '*')).map((p) => posix.basename(p)).filter((n) => n !== posix.basename(ctx.file.path) || dir !== posix.dirname(ctx.file.path));
      const close = suggest(posix.basename(pattern), siblings);
      const where = absolute ? 'does not exist on this machine' : 'is not found next to this file or in the directories above it';
      const hint = close.length ? ` (did you mean "${close[0]}"?)` : '';
      const fixes: Fix[] = close.map((n) => ({
        title: `Include ${n}`,
        edits: [{ path: ctx.file.path, range: arg.range, newText: replaceBase(pattern, n) }],
        preferred: close.length === 1,
      }));
      report({
        range: arg.range,
        message: `"${inc.pattern}" ${where}${hint}: if it is missing on the server too, nginx refuses to start ("No such file or directory") and nothing listens (L4); fix the path or create the file.`,
        fixes,
      });
    }
  },
};
