// Tokenizer and brace problems: nginx refuses the whole file, so nothing it configures listens.
import type { NginxRule } from './types';

export const syntax: NginxRule = {
  id: 'nginx/syntax',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'Missing ";", unbalanced braces, unterminated quotes and stray tokens that make nginx refuse the file.',
  check(ctx, report) {
    for (const p of ctx.file.parse.problems) {
      if (p.code === 'nginx/syntax') report({ range: p.range, message: p.message, severity: p.severity });
    }
  },
};
