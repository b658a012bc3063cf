// Unterminated quotes: ssh and sshd stop reading the line ("invalid quotes") and refuse the file.
import { refusal } from '../lexicon-check';
import type { SshSide } from '../schema';
import type { SshRule } from './types';

/** The quote character still open at the end of `text`, read the way the parser reads it. */
function openQuote(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (!quote && (c === '"' || c === "'")) quote = c;
    else if (quote && c === quote) quote = '';
  }
  return quote || '"';
}

function make(side: SshSide): SshRule {
  return {
    id: side === 'client' ? 'ssh/syntax' : 'sshd/syntax',
    language: side === 'client' ? 'ssh_config' : 'sshd_config',
    layer: 4,
    severity: 'error',
    summary: `Unterminated quotes, which make ${side === 'client' ? 'ssh' : 'sshd'} refuse the whole file.`,
    check(ctx, report) {
      for (const p of ctx.file.parse.problems) {
        if (p.code !== 'ssh/syntax') continue;
        report({
          range: p.range,
          message: `This quote is never closed: ${refusal(side)}; add the closing quote or escape it with a backslash.`,
          fixes: [{ title: 'Close the quote', edits: [{ path: ctx.file.path, range: { start: p.range.end, end: p.range.end }, newText: openQuote(ctx.file.text.slice(ctx.file.lines.offset(p.range.start), ctx.file.lines.offset(p.range.end))) }] }],
        });
      }
    },
  };
}

export const sshSyntax = make('client');
export const sshdSyntax = make('server');
