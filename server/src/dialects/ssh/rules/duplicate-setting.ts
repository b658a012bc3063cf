// The same first-value-wins keyword twice in one section (or twice in the global part): ssh and
// sshd keep the first value and silently ignore the second. Repeatable keywords (IdentityFile,
// LocalForward, AllowUsers, Port, ...) accumulate instead and are left alone.
import { deleteLines } from '../../../engine/line-edits';
import type { LanguageId } from '../../../engine/syntax';
import type { Line } from '../analysis';
import { sectionLabel, valueOf } from '../hosts-scope';
import type { SshRule } from './types';

/** Whether a line holds a keyword whose first value wins (and that the program really uses). */
export function firstWins(l: Line, side: 'client' | 'server'): boolean {
  if (l.opener || !l.spec || l.spec.repeatable || l.spec.status) return false;
  // sshd rejects a keyword that is not allowed in Match; that is another rule's finding.
  if (side === 'server' && l.section && l.spec.matchAllowed === false) return false;
  return true;
}

function make(language: LanguageId, id: string, tool: string): SshRule {
  return {
    id,
    language,
    layer: 7,
    severity: 'warning',
    summary: `The same keyword twice in one section: ${tool} keeps the first value and silently ignores the second.`,
    check(ctx, report) {
      const lines = ctx.lines;
      /** The first line of a repeated keyword, per section and keyword (only asked for repeats). */
      const firsts = new Map<string, Line>();
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        // Lines of one keyword in one section share firstWins(), so the first of them is the first line.
        if (l.first || !firstWins(l, ctx.side)) continue;
        const at = `${l.sectionIndex}\0${l.key}`;
        let first = firsts.get(at);
        if (!first) {
          let j = i - 1;
          while (!(lines[j].key === l.key && lines[j].first && lines[j].sectionIndex === l.sectionIndex && !lines[j].opener)) j--;
          first = lines[j];
          firsts.set(at, first);
        }
        const same = valueOf(first) === valueOf(l);
        const where = l.section ? `in this ${sectionLabel(l.section)} block` : 'in the global part';
        const firstText = first.node.args.map((a) => a.text).join(' ');
        const name = first.spec!.name;
        report({
          range: l.node.range,
          severity: same ? 'info' : 'warning',
          layer: l.spec!.layer,
          message: same
            ? `\`${name}\` is already set to the same value on line ${first.node.range.start.line + 1} ${where}, so this repeat changes nothing (${tool} keeps the first value); remove it.`
            : `\`${name}\` is already set on line ${first.node.range.start.line + 1} ${where}, so ${tool} silently ignores this value and keeps \`${firstText}\` (L${l.spec!.layer}); remove this line or change the first one.`,
          related: [{ path: ctx.file.path, range: first.node.range, message: `the ${name} line that wins` }],
          fixes: [{ title: `Remove the ignored ${name} line`, edits: [deleteLines(ctx.file, l.node.range.start.line)], preferred: true }],
        });
      }
    },
  };
}

export const sshDuplicateSetting = make('ssh_config', 'ssh/duplicate-setting', 'ssh');
export const sshdDuplicateSetting = make('sshd_config', 'sshd/duplicate-setting', 'sshd');
