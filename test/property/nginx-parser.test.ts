// Property test: the nginx parser and the full analysis stay total, fast and in bounds on
// randomly damaged corpus files (stray braces, quotes, escapes, comments, truncation,
// duplicated slices, a BOM, line-ending conversions).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { walk } from '../../server/src/engine/syntax';
import { LineIndex } from '../../server/src/engine/text';
import { Workspace } from '../../server/src/engine/workspace';
import { apply, checkFinding, checkParse, opArb } from '../support/damage';
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

const sampleArb = fc.record({
  file: fc.nat({ max: corpus.length - 1 }),
  ops: fc.array(opArb, { minLength: 1, maxLength: 8 }),
  context: fc.constantFrom(undefined, 'main', 'http', 'server', 'location', 'stream', 'stream-server', 'upstream'),
});

/** Parses and analyses one text, checking every range as the property does. */
function checkAll(text: string, context?: string): void {
  const lines = new LineIndex(text);
  const result = nginx.parse(text);
  checkParse(lines, result);
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
        checkParse(lines, result);

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
