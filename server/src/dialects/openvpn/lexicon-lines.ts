// The options of a file as openvpn's option reader sees them, for the lexicon rules:
// - `setenv opt NAME ARGS...` is option NAME with ARGS, and openvpn only warns when it does not
//   know NAME or its arguments do not fit (the `setenv opt` escape);
// - after `ignore-unknown-option A B`, unknown A and B (or A/B with the wrong arguments) only warn;
// - after `setenv FORWARD_COMPATIBLE 1`, every unknown option only warns;
// - an inline block `<ca>`...`</ca>` is option ca with one argument, the block; its tag keeps the
//   case it was written in (openvpn's names are case-sensitive, `<CA>` is unknown).
// None of the escapes reach inside a `<connection>` block, whose options openvpn reads into a
// fresh option set.
import { Memo } from '../../engine/memo';
import type { Arg, Directive, Range } from '../../engine/syntax';
import type { OpenvpnContext, OptionLine } from './analysis';
import type { OptionSpec } from './option-types';
import { optionSpec } from './schema';

export type Softener = 'setenv-opt' | 'ignore-unknown-option' | 'forward-compatible';

export interface LexLine {
  line: OptionLine;
  /** The option name as openvpn reads it. */
  name: string;
  nameRange: Range;
  /** Its arguments (an inline block counts as one argument openvpn supplies: see `inline`). */
  args: Arg[];
  /** Number of arguments openvpn sees (an inline block adds its content as one). */
  argCount: number;
  spec?: OptionSpec;
  /** Why openvpn would only warn if it did not know this option or its argument count. */
  soft?: Softener;
  /** The line that softens it (setenv or ignore-unknown-option). */
  softBy?: Directive;
}

const cache = new Memo<OpenvpnContext, LexLine[]>();

/** The raw text of an inline tag (`<CA>` → `CA`), as written. */
function tagName(ctx: OpenvpnContext, node: Directive): string {
  const r = node.nameRange;
  if (r.start.line !== r.end.line) return node.name;
  const text = ctx.file.lines.lineText(r.start.line).slice(r.start.character, r.end.character);
  const m = /^<\/?([^>\s]+)>$/.exec(text.replace(/^\uFEFF/, ''));
  return m ? m[1] : node.name;
}

export function lexLines(ctx: OpenvpnContext): LexLine[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: LexLine[] = [];
  const ignored = new Map<string, Directive>();
  let forward: Directive | undefined;
  for (const line of ctx.lines) {
    const { node } = line;
    // The <connection> block itself is structure, not an option line.
    if (node.name === 'connection' && node.children && !node.opaque) continue;
    const inConnection = !!line.connection;
    if (line.inline) {
      const name = tagName(ctx, node);
      out.push({ line, name, nameRange: node.nameRange, args: [], argCount: 1, spec: optionSpec(name) });
      continue;
    }
    let name = node.name;
    let nameRange = node.nameRange;
    let args = node.args;
    let soft: Softener | undefined;
    let softBy: Directive | undefined;
    if (!line.pushed && name === 'setenv' && args[0]?.value === 'opt' && args.length >= 2) {
      name = args[1].value;
      nameRange = args[1].range;
      args = args.slice(2);
      soft = 'setenv-opt';
      softBy = node;
    }
    const spec = optionSpec(name);
    if (!soft && !line.pushed && !inConnection) {
      const by = ignored.get(name);
      if (by) {
        soft = 'ignore-unknown-option';
        softBy = by;
      } else if (forward) {
        soft = 'forward-compatible';
        softBy = forward;
      }
    }
    out.push({ line, name, nameRange, args, argCount: args.length, spec, soft, softBy });
    if (line.pushed || inConnection) continue;
    // Later lines see these.
    if (node.name === 'ignore-unknown-option') {
      for (const a of node.args) ignored.set(a.value.replace(/^--/, ''), node);
    } else if (node.name === 'setenv' && node.args[0]?.value === 'FORWARD_COMPATIBLE' && node.args[1]?.value === '1') {
      forward = node;
    }
  }
  cache.set(ctx, out);
  return out;
}

/** Whether a line is the outer `setenv opt` wrapper (its own name is `setenv`). */
export function isSetenvOpt(l: LexLine): boolean {
  return l.soft === 'setenv-opt';
}

/** A short phrase naming what softens a line, for messages. */
export function softenerText(l: LexLine): string {
  const at = l.softBy ? ` on line ${l.softBy.nameRange.start.line + 1}` : '';
  switch (l.soft) {
    case 'setenv-opt':
      return 'it is wrapped in `setenv opt`';
    case 'ignore-unknown-option':
      return `ignore-unknown-option${at} names it`;
    case 'forward-compatible':
      return `setenv FORWARD_COMPATIBLE 1${at} is in effect`;
    default:
      return '';
  }
}
