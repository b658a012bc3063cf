// Property test: the nginx parser and the full analysis stay total, fast and in bounds on
// randomly damaged corpus files (stray braces, quotes, escapes, comments, truncation,
// duplicated slices, a BOM, line-ending conversions).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import type { Finding } from '../../server/src/engine/rules';
import { walk, type Directive, type Position, type Range } from '../../server/src/engine/syntax';
import { LineIndex } from '../../server/src/engine/text';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost } from '../support/memory-host';
import { corpusDir } from '../support/oracle';

// Fixed for CI; LW_PROP_SEED / LW_PROP_RUNS only widen a local exploration run.
const SEED = Number(process.env.LW_PROP_SEED ?? 20260523);
const RUNS = Number(process.env.LW_PROP_RUNS ?? 300);
/** Per document, on files of corpus size (< 10 kB); generous for a loaded CI machine. */
const PARSE_MS = 200;
const ANALYZE_MS = 500;

const NGINX_DIR = path.join(corpusDir, 'nginx');
const corpus = readdirSync(NGINX_DIR).sort().map((name) => ({ name, text: readFileSync(path.join(NGINX_DIR, name), 'utf8') }));
const nginx = DIALECTS.get('nginx')!;

// ---- mutations -----------------------------------------------------------------------------

const SPECIAL = ['{', '}', ';', '"', "'", '#', '\\', '$', '\n', '\r', '\t', ' ', '\r\n', '${', '\uFEFF'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz_'.split('');

type Op =
  | { op: 'insert'; at: number; chars: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate'; from: number; len: number; to: number }
  | { op: 'bom' }
  | { op: 'eol'; style: 'crlf' | 'lf' | 'cr' };

const at = fc.nat({ max: 1_000_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at, chars: fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...LETTERS)), { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate' as const), from: at, len: fc.integer({ min: 1, max: 400 }), to: at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('eol' as const), style: fc.constantFrom('crlf' as const, 'lf' as const, 'cr' as const) }) },
);

function apply(text: string, o: Op): string {
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

const sampleArb = fc.record({
  file: fc.nat({ max: corpus.length - 1 }),
  ops: fc.array(opArb, { minLength: 1, maxLength: 8 }),
  context: fc.constantFrom(undefined, 'main', 'http', 'server', 'location', 'stream', 'stream-server', 'upstream'),
});

// ---- checks --------------------------------------------------------------------------------

function checkPosition(lines: LineIndex, p: Position, what: string): void {
  expect(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position ${JSON.stringify(p)}`).toBe(true);
  expect(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} of ${lines.lineCount}`).toBe(true);
  const len = lines.lineText(p.line).length;
  expect(p.character >= 0 && p.character <= len, `${what}: character ${p.character} on line ${p.line} of length ${len}`).toBe(true);
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);

function checkRange(lines: LineIndex, r: Range, what: string): void {
  checkPosition(lines, r.start, `${what} start`);
  checkPosition(lines, r.end, `${what} end`);
  expect(before(r.start, r.end), `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`).toBe(true);
}

const inside = (inner: Range, outer: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);

function checkDirective(lines: LineIndex, d: Directive): void {
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

function checkFinding(lines: LineIndex, f: Finding, file: string): void {
  const what = `${f.rule} "${f.message.slice(0, 60)}"`;
  checkRange(lines, f.range, what);
  for (const r of f.related ?? []) if (r.path === file) checkRange(lines, r.range, `${what} related`);
  for (const fix of f.fixes ?? []) for (const e of fix.edits) if (e.path === file) checkRange(lines, e.range, `${what} fix`);
}

/** Parses and analyses one text, checking every range as the property does. */
function checkAll(text: string, context?: string): void {
  const lines = new LineIndex(text);
  const result = nginx.parse(text);
  for (const d of walk(result.tree)) checkDirective(lines, d);
  result.problems.forEach((p) => checkRange(lines, p.range, `problem ${p.code}`));
  result.comments.forEach((c) => checkRange(lines, c.range, 'comment'));
  const ws = new Workspace(memoryHost({}), DIALECTS);
  ws.setFile('/virtual/x.conf', text, 'nginx');
  if (context) ws.contextOverride.set('/virtual/x.conf', context);
  for (const f of ws.analyze('/virtual/x.conf')) checkFinding(lines, f, '/virtual/x.conf');
}

describe('nginx parser on damaged corpus files', () => {
  it('handles the inputs the property once found', () => {
    // `\` at the end of a line: the tokenizer stopped before it and looped forever.
    checkAll('http {\n  return 200 a\\\n b;\n}\n');
    checkAll('\\\n;');
    // An escaped CRLF (after a BOM-prefixed word) ended a word between CR and LF.
    checkAll('\uFEFF\\\r\nn;\r\n', 'location');
    // A Lua block whose string is never closed ran the end of file one character past the text.
    checkAll('content_by_lua_block {\n  ngx.say("unterminated\\');
    // nginx's reading: the escaped line break belongs to the word, so `return` has 3 arguments.
    const ret = [...walk(nginx.parse('return 200 a\\\n b;').tree)][0];
    expect(ret.args.map((a) => a.text)).toEqual(['200', 'a\\\n', 'b']);
    expect(ret.args[1].range).toEqual({ start: { line: 0, character: 11 }, end: { line: 1, character: 0 } });
  });


  it('never throws, stays fast, and keeps every range inside the document', () => {
    expect(corpus.length).toBeGreaterThan(50);
    // Warm up (reference index, JIT) so that the time bound measures the parse itself.
    for (const c of corpus) nginx.parse(c.text);
    let slowest = { parse: 0, analyze: 0 };
    fc.assert(
      fc.property(sampleArb, ({ file, ops, context }) => {
        const text = ops.reduce(apply, corpus[file].text);
        const lines = new LineIndex(text);

        let t = performance.now();
        const result = nginx.parse(text);
        const parseMs = performance.now() - t;
        expect(parseMs, `parse took ${parseMs.toFixed(1)} ms`).toBeLessThan(PARSE_MS);
        for (const d of walk(result.tree)) checkDirective(lines, d);
        result.problems.forEach((p) => checkRange(lines, p.range, `problem ${p.code} "${p.message.slice(0, 60)}"`));
        result.comments.forEach((c) => checkRange(lines, c.range, 'comment'));

        const p = `/virtual/${corpus[file].name}`;
        const ws = new Workspace(memoryHost({}), DIALECTS);
        ws.setFile(p, text, 'nginx');
        if (context) ws.contextOverride.set(p, context);
        t = performance.now();
        const findings = ws.analyze(p);
        const analyzeMs = performance.now() - t;
        expect(analyzeMs, `analysis took ${analyzeMs.toFixed(1)} ms`).toBeLessThan(ANALYZE_MS);
        for (const f of findings) checkFinding(lines, f, p);
        slowest = { parse: Math.max(slowest.parse, parseMs), analyze: Math.max(slowest.analyze, analyzeMs) };
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`nginx parser property: ${RUNS} damaged documents, slowest parse ${slowest.parse.toFixed(1)} ms, slowest analysis ${slowest.analyze.toFixed(1)} ms`);
  }, 60_000);
});
