// A line written at the left margin after an indented Host/Match block: the indentation says
// "global", but a section runs until the next Host/Match or the end of the file, so the line
// belongs to the block above and applies only where that block applies. Reported when an earlier
// line of the same block is indented deeper than the section line and this one is not, unless
// the block applies everywhere anyway (`Host *`, `Match all`).
import { deleteLines } from '../../../engine/line-edits';
import type { Fix } from '../../../engine/rules';
import type { Directive, LanguageId } from '../../../engine/syntax';
import type { SourceFile } from '../../../engine/workspace';
import { coversAll, sectionLabel } from '../hosts-scope';
import type { SshRule } from './types';

/** Where a line moved out of the sections goes: above the first section and the comments right before it. */
function globalSpot(file: SourceFile, first: Directive): number {
  let line = first.range.start.line;
  while (line > 0 && file.lines.lineText(line - 1).trim().startsWith('#')) line--;
  return line;
}

function make(language: LanguageId, id: string, severity: 'warning' | 'info', what: string, whom: string): SshRule {
  return {
    id,
    language,
    layer: 7,
    severity,
    summary: `A line at the left margin after an indented ${what} block: it belongs to that block, not to the global part.`,
    check(ctx, report) {
      const first = ctx.sections[0];
      for (const s of ctx.sections) {
        // After `Host *` or `Match all` the line still reaches every host or connection.
        if (coversAll(s)) continue;
        const base = s.nameRange.start.character;
        /** The first line indented deeper than the section line: its indentation, taken when needed. */
        let deeper: Directive | undefined;
        let indent: string | undefined;
        for (const c of s.children!) {
          const col = c.nameRange.start.character;
          if (col > base) {
            deeper ??= c;
            continue;
          }
          if (deeper === undefined) continue;
          indent ??= ctx.file.lines.lineText(deeper.range.start.line).slice(0, deeper.nameRange.start.character);
          const ln = c.range.start.line;
          const text = ctx.file.lines.lineText(ln).trim();
          const at = { line: globalSpot(ctx.file, first), character: 0 };
          const fixes: Fix[] = [
            {
              title: `Move this line above the first ${what}`,
              edits: [{ path: ctx.file.path, range: { start: at, end: at }, newText: `${text}\n` }, deleteLines(ctx.file, ln)],
            },
            {
              title: `Indent it (keep it in the ${what} block)`,
              edits: [{ path: ctx.file.path, range: { start: { line: ln, character: 0 }, end: { line: ln, character: 0 } }, newText: indent }],
            },
          ];
          const layer = ctx.spec(c.name)?.layer ?? 7;
          report({
            range: c.range,
            layer,
            message: `This line looks global but belongs to the ${sectionLabel(s)} block on line ${s.range.start.line + 1} (a ${what} block runs to the next ${what} or the end of the file), so it applies only to ${whom} that block matches (L${layer}); move it above the first ${what}, or indent it if it is meant for the block.`,
            related: [{ path: ctx.file.path, range: s.nameRange, message: `the ${what} block it belongs to` }],
            fixes,
          });
        }
      }
    },
  };
}

export const sshdUnreachableAfterMatch = make('sshd_config', 'sshd/unreachable-after-match', 'warning', 'Match', 'the connections');
export const sshUnindentedInHost = make('ssh_config', 'ssh/unindented-in-host', 'info', 'Host/Match', 'the hosts');
