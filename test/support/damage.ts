// Random damage to config files, and checks that every range a parser or rule produces lies
// inside the document. Shared by the property tests of every dialect.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { walk, type Directive, type ParseResult, type Position, type Range } from '../../server/src/engine/syntax';
import { LineIndex } from '../../server/src/engine/text';

// ---- mutations -----------------------------------------------------------------------------

export const SPECIAL = ['{', '}', ';', '"', "'", '#', '\\', '$', '\n', '\r', '\t', ' ', '\r\n', '${', '\uFEFF', '=', ','];
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz_'.split('');

export type Op =
  | { op: 'insert'; at: number; chars: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; from: number; len: number; to: number }
  | { op: 'bom' }
  | { op: 'eol'; style: 'crlf' | 'lf' | 'cr' };

const at = fc.nat({ max: 1_000_000 });
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at, chars: fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...LETTERS)), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), from: at, len: fc.integer({ min: 1, max: 400 }), to: at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), style: fc.constantFrom('crlf' as const, 'lf' as const, 'cr' as const) }) },
);

export function apply(text: string, o: Op): string {
  const pos = (n: number): number => n % (text.length + 1);
  switch (o.op) {
    case 'insert':
      return text.slice(0, pos(o.at)) + o.chars + text.slice(pos(o.at));
    case 'delete':
      return text.slice(0, pos(o.at)) + text.slice(pos(o.at) + o.len);
    case 'truncate':
      return text.slice(0, pos(o.at));
    case 'duplicate': {
      const slice = text.slice(pos(o.from), pos(o.from) + o.len);
      return text.slice(0, pos(o.to)) + slice + text.slice(pos(o.to));
    }
    case 'bom':
      return text.startsWith('\uFEFF') ? text : '\uFEFF' + text;
    case 'eol': {
      const lf = text.replace(/\r\n?/g, '\n');
      return o.style === 'lf' ? lf : lf.replace(/\n/g, o.style === 'crlf' ? '\r\n' : '\r');
    }
  }
}

// ---- checks --------------------------------------------------------------------------------

export function checkPosition(lines: LineIndex, p: Position, what: string): void {
  expect(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position ${JSON.stringify(p)}`).toBe(true);
  expect(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} of ${lines.lineCount}`).toBe(true);
  const len = lines.lineText(p.line).length;
  expect(p.character >= 0 && p.character <= len, `${what}: character ${p.character} on line ${p.line} of length ${len}`).toBe(true);
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

export function checkRange(lines: LineIndex, r: Range, what: string): void {
  checkPosition(lines, r.start, `${what} start`);
  checkPosition(lines, r.end, `${what} end`);
  expect(before(r.start, r.end), `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`).toBe(true);
}

const inside = (inner: Range, outer: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);

export function checkDirective(lines: LineIndex, d: Directive): void {
  const at = `"${d.name}" at ${d.nameRange.start.line}:${d.nameRange.start.character}`;
  checkRange(lines, d.range, `${at} range`);
  checkRange(lines, d.nameRange, `${at} nameRange`);
  expect(inside(d.nameRange, d.range), `${at}: name outside the directive`).toBe(true);
  d.args.forEach((a, i) => {
    checkRange(lines, a.range, `${at} arg ${i}`);
    expect(inside(a.range, d.range), `${at}: arg ${i} outside the directive`).toBe(true);
  });
  if (d.bodyRange) {
    checkRange(lines, d.bodyRange, `${at} bodyRange`);
    expect(inside(d.bodyRange, d.range), `${at}: body outside the directive`).toBe(true);
  }
  for (const c of d.children ?? []) expect(inside(c.range, d.range), `${at}: child "${c.name}" outside its parent`).toBe(true);
}

/** Every directive, problem and comment of a parse lies inside the document. */
export function checkParse(lines: LineIndex, result: ParseResult): void {
  for (const d of walk(result.tree)) checkDirective(lines, d);
  result.problems.forEach((p) => checkRange(lines, p.range, `problem ${p.code} "${p.message.slice(0, 60)}"`));
  result.comments.forEach((c) => checkRange(lines, c.range, 'comment'));
}

export function checkFinding(lines: LineIndex, f: Finding, file: string): void {
  const what = `${f.rule} "${f.message.slice(0, 60)}"`;
  checkRange(lines, f.range, what);
  for (const r of f.related ?? []) if (r.path === file) checkRange(lines, r.range, `${what} related`);
  for (const fix of f.fixes ?? []) for (const e of fix.edits) if (e.path === file) checkRange(lines, e.range, `${what} fix`);
}


