// What openvpn's line reader refuses before it looks at any option: a quote that is never closed,
// an inline block (`<ca>`) or `<connection>` block without its end tag, a closing tag with no
// opening one, an inline block for an option that takes no inline file, and a `<connection>`
// block without a `remote`. The parser finds the first four; openvpn stops at the first.
import { lineBreakOf } from '../../../engine/line-edits';
import type { Fix } from '../../../engine/rules';
import type { Directive, Range } from '../../../engine/syntax';
import type { OpenvpnContext } from '../analysis';
import { deleteDirectiveLines } from '../lexicon-edit';
import { lexLines } from '../lexicon-lines';
import type { OpenvpnRule } from './types';

function textAt(ctx: OpenvpnContext, r: Range): string {
  if (r.start.line !== r.end.line) return '';
  return ctx.file.lines.lineText(r.start.line).slice(r.start.character, r.end.character);
}

/** Where an end tag probably belongs: after the PEM/key footer that follows the opening tag. */
function endTagFix(ctx: OpenvpnContext, open: Range, tag: string): Fix {
  const n = ctx.file.lines.lineCount;
  let at = n - 1;
  for (let l = open.start.line + 1; l < n; l++) {
    const t = ctx.file.lines.lineText(l).trim();
    if (/^-----END [A-Za-z0-9 ]+-----$/.test(t)) {
      at = l;
      break;
    }
    if (l > open.start.line + 1 && /^[a-z][a-z0-9-]*(\s|$)/.test(t) && !/^[A-Za-z0-9+/=]+$/.test(t)) {
      at = l - 1;
      break;
    }
  }
  const end = { line: at, character: ctx.file.lines.lineText(at).length };
  return { title: `Add </${tag}>`, preferred: true, edits: [{ path: ctx.file.path, range: { start: end, end }, newText: `${lineBreakOf(ctx.file)}</${tag}>` }] };
}

export const openvpnSyntax: OpenvpnRule = {
  id: 'openvpn/syntax',
  language: 'openvpn',
  layer: 4,
  severity: 'error',
  summary: 'An unclosed quote, inline block or <connection> block, a stray closing tag, or a misplaced inline block: openvpn refuses the whole file.',
  check(ctx, report) {
    const path = ctx.file.path;
    for (const p of ctx.file.parse.problems) {
      if (p.code !== 'openvpn/syntax') continue;
      const text = textAt(ctx, p.range);
      const fixes: Fix[] = [];
      let message = p.message;
      if (/^["']/.test(text)) {
        const q = text[0];
        message = `This ${q === '"' ? 'double' : 'single'} quote is never closed, so openvpn refuses the file and no tunnel starts (L4); close the quote at the end of the value.`;
        fixes.push({ title: 'Close the quote', preferred: true, edits: [{ path, range: { start: p.range.end, end: p.range.end }, newText: q }] });
      } else if (/^<\//.test(text)) {
        message = `${text} closes a block that was never opened, so openvpn refuses the file (L4); remove it or add the opening tag above its content.`;
        const node: Directive = { name: '', nameRange: p.range, args: [], range: p.range };
        fixes.push({ title: `Remove ${text}`, edits: [deleteDirectiveLines(ctx, node)] });
      } else if (text === '<connection>') {
        message = `This <connection> block has no </connection> before the next block or the end of the file, so openvpn refuses the file (L4); close it after its options.`;
        let at = ctx.file.lines.lineCount - 1;
        for (let l = p.range.start.line + 1; l < ctx.file.lines.lineCount; l++) {
          if (ctx.file.lines.lineText(l).trim() === '<connection>') {
            at = l - 1;
            break;
          }
        }
        const end = { line: at, character: ctx.file.lines.lineText(at).length };
        fixes.push({ title: 'Add </connection>', preferred: true, edits: [{ path, range: { start: end, end }, newText: `${lineBreakOf(ctx.file)}</connection>` }] });
      } else if (/^<[^/]/.test(text)) {
        const tag = text.slice(1, -1);
        message = `The inline block ${text} has no </${tag}>, so openvpn reads the rest of the file as its content and refuses the file (L4); add </${tag}> after the content.`;
        fixes.push(endTagFix(ctx, p.range, tag));
      }
      report({ range: p.range, message, fixes });
    }
    // Inline blocks for options that take no inline file.
    for (const l of lexLines(ctx)) {
      if (!l.line.inline || !l.spec || l.spec.inline || l.spec.status === 'removed') continue;
      if (l.name !== l.spec.name) continue;
      report({
        range: l.nameRange,
        layer: l.spec.layer,
        message: `${l.name} cannot take an inline <${l.name}> block, so openvpn refuses the file (L4); write it as an option line, \`${l.name} ...\`.`,
      });
    }
    // <connection> blocks need exactly one remote.
    for (const line of ctx.lines) {
      const d = line.node;
      if (d.name !== 'connection' || !d.children || d.opaque) continue;
      if (d.children.some((c) => c.name === 'remote' && c.args.length > 0)) continue;
      if (ctx.file.parse.problems.some((p) => p.code === 'openvpn/syntax' && p.range.start.line === d.nameRange.start.line)) continue;
      report({ range: d.range, message: 'This <connection> block has no remote, so openvpn refuses the file (L4); every <connection> block needs its own `remote host port` line.' });
    }
  },
};
