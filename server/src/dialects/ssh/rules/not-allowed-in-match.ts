// A keyword sshd accepts only in the global section, written inside a Match block: sshd stops with
// "Directive ... is not allowed within a Match block". `Match all` blocks are exempt (sshd treats
// their lines as global).
import { isMatchAll } from '../hosts-scope';
import { refusal } from '../lexicon-check';
import type { SshRule } from './types';

export const sshdNotAllowedInMatch: SshRule = {
  id: 'sshd/not-allowed-in-match',
  language: 'sshd_config',
  layer: 4,
  severity: 'error',
  summary: 'A global-only keyword (Port, ListenAddress, HostKey, Ciphers, UsePAM, ...) inside a Match block, which makes sshd refuse the whole file.',
  check(ctx, report) {
    const firstMatch = ctx.sections[0];
    for (const { node, spec, section } of ctx.lines) {
      if (!section || !spec || spec.matchAllowed !== false || spec.status === 'removed') continue;
      if (isMatchAll(section)) continue;
      const lineNo = node.nameRange.start.line;
      const lineText = ctx.file.lines.lineText(lineNo).trim();
      const nextLine = lineNo + 1 < ctx.file.lines.lineCount ? { line: lineNo + 1, character: 0 } : { line: lineNo, character: ctx.file.lines.lineText(lineNo).length };
      const at = { line: firstMatch.nameRange.start.line, character: 0 };
      report({
        range: node.nameRange,
        message: `${spec.name} is not allowed inside a Match block: ${refusal(ctx.side)}; move it above the first Match line so it applies to every connection.`,
        related: [{ path: ctx.file.path, range: section.nameRange, message: 'the Match block it is in' }],
        fixes: [{
          title: `Move ${spec.name} above the first Match line`,
          edits: [
            { path: ctx.file.path, range: { start: at, end: at }, newText: `${lineText}\n` },
            { path: ctx.file.path, range: { start: { line: lineNo, character: 0 }, end: nextLine }, newText: '' },
          ],
        }],
      });
    }
  },
};
