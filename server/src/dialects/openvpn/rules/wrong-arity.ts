// An option with too few or too many arguments. openvpn matches an option by its name and
// argument count together, so it reports the same "Unrecognized option or missing or extra
// parameter(s)" as for an unknown name and refuses the file. Two common causes get their own
// advice: `push` with an unquoted option, and a script line with arguments outside quotes.
import type { Fix } from '../../../engine/rules';
import { replaceRange } from '../lexicon-edit';
import { SCRIPT_OPTIONS } from '../lexicon-facts';
import { lexLines, softenerText, type LexLine } from '../lexicon-lines';
import type { OpenvpnContext } from '../analysis';
import type { OpenvpnRule } from './types';

/** Argument counts openvpn takes besides the table's min..max range check. */
function countOk(l: LexLine): boolean {
  const spec = l.spec!;
  const n = l.argCount;
  if (n < spec.minArgs || n > spec.maxArgs) return false;
  if (spec.name === 'server-bridge') return n === 0 || n === 1 || n === 4;
  return true;
}

const plural = (n: number) => (n === 1 ? '' : 's');

function expected(l: LexLine): string {
  const { minArgs: min, maxArgs: max, name } = l.spec!;
  if (name === 'server-bridge') return 'no argument, `nogw`, or four (address, netmask, pool start, pool end)';
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} argument${plural(min)}`;
  if (min === max) return min === 0 ? 'no argument' : `exactly ${min} argument${plural(min)}`;
  return `${min} to ${max} arguments`;
}

/** The source text from the first to the last argument, when they share a line. */
function argsText(ctx: OpenvpnContext, l: LexLine): string | undefined {
  const a = l.args;
  if (!a.length || a[0].range.start.line !== a[a.length - 1].range.end.line) return undefined;
  return ctx.file.lines.lineText(a[0].range.start.line).slice(a[0].range.start.character, a[a.length - 1].range.end.character);
}

export const openvpnWrongArity: OpenvpnRule = {
  id: 'openvpn/wrong-arity',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'An option with missing or extra arguments: openvpn does not recognise it and refuses the whole file.',
  check(ctx, report) {
    for (const l of lexLines(ctx)) {
      const spec = l.spec;
      if (!spec || spec.status === 'removed' || spec.name === 'connection') continue;
      if (l.line.inline && !spec.inline) continue; // the syntax rule's
      if (countOk(l)) continue;
      const n = l.argCount;
      const fixes: Fix[] = [];
      const text = argsText(ctx, l);
      let advice: string;
      if (spec.name === 'push' && n > 1 && text && !text.includes('"')) {
        advice = 'put the pushed option in double quotes';
        fixes.push({ title: 'Quote the pushed option', preferred: true, edits: [replaceRange(ctx, { start: l.args[0].range.start, end: l.args[n - 1].range.end }, `"${text}"`)] });
      } else if (SCRIPT_OPTIONS.has(spec.name) && n > 1 && text && !text.includes('"')) {
        advice = 'put the command and its arguments in double quotes';
        fixes.push({ title: 'Quote the command', preferred: true, edits: [replaceRange(ctx, { start: l.args[0].range.start, end: l.args[n - 1].range.end }, `"${text}"`)] });
      } else if (n > spec.maxArgs && spec.maxArgs === 0) {
        advice = `${spec.name} is a switch; remove the words after it`;
        fixes.push({ title: 'Remove the arguments', edits: [replaceRange(ctx, { start: l.nameRange.end, end: l.args[n - 1].range.end }, '')] });
      } else if (n > spec.maxArgs) {
        advice = 'remove the extra words, or quote a value that contains spaces';
      } else {
        advice = `add the missing value${spec.minArgs - n === 1 ? '' : 's'} (${spec.args.slice(n, spec.minArgs).join(', ')})`;
      }
      const got = l.line.inline ? 'an inline block' : n === 0 ? 'none' : String(n);
      const severity = l.line.pushed ? 'warning' : l.soft ? 'warning' : 'error';
      const verdict = l.line.pushed
        ? 'clients reject this pushed option and do without it'
        : l.soft ? `openvpn ignores the line with a warning because ${softenerText(l)}` : 'openvpn does not recognise the line and refuses the whole file';
      report({
        range: { start: l.nameRange.start, end: n ? l.args[n - 1].range.end : l.nameRange.end },
        severity,
        layer: l.line.pushed ? spec.layer : 4,
        message: `${spec.name} takes ${expected(l)} but has ${got}, so ${verdict} (L${l.line.pushed ? spec.layer : 4}); ${advice}.`,
        fixes,
      });
    }
  },
};
