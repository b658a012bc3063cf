// A UTF-8 byte order mark at the start of the file becomes part of the first directive name.
import type { NginxRule } from './types';

export const bom: NginxRule = {
  id: 'nginx/bom',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A UTF-8 byte order mark at the start of the file, which nginx rejects.',
  check(ctx, report) {
    for (const p of ctx.file.parse.problems) {
      if (p.code === 'nginx/bom') {
        report({ range: p.range, message: p.message });
      }
    }
  },
};
