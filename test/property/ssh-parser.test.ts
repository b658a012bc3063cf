// Property test: the OpenSSH parser and the full analysis of both files stay total and in
// bounds on randomly damaged corpus files (quotes, `=`, comments, CRLF, truncation, ...).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { LineIndex } from '../../server/src/engine/text';
import { Workspace } from '../../server/src/engine/workspace';
import { apply, checkFinding, checkParse, opArb } from '../support/damage';
import { memoryHost } from '../support/memory-host';
import { corpusDir } from '../support/oracle';

const SEED = Number(process.env.LW_PROP_SEED ?? 20261123);
const RUNS = Number(process.env.LW_PROP_RUNS ?? 300);
/** A bound against hangs on corpus-sized files, not a speed target (those are in npm run bench). */
const ANALYZE_MS = 1000;

const corpus = (['ssh_config', 'sshd_config'] as const).flatMap((language) =>
  readdirSync(path.join(corpusDir, language)).sort().map((name) => ({ language, name, text: readFileSync(path.join(corpusDir, language, name), 'utf8') })));

const PATHS = { ssh_config: '/virtual/home/.ssh/config', sshd_config: '/virtual/etc/ssh/sshd_config' };

describe('OpenSSH parser on damaged corpus files', () => {
  it('never throws, never hangs, and keeps every range inside the document', () => {
    expect(corpus.length).toBeGreaterThan(30);
    let slowest = 0;
    fc.assert(
      fc.property(fc.record({ file: fc.nat({ max: corpus.length - 1 }), ops: fc.array(opArb, { minLength: 1, maxLength: 8 }), withPeer: fc.boolean() }), ({ file, ops, withPeer }) => {
        const { language, text: original } = corpus[file];
        const text = ops.reduce(apply, original);
        const lines = new LineIndex(text);
        const dialect = DIALECTS.get(language)!;
        const result = dialect.parse(text);
        checkParse(lines, result);
        const ws = new Workspace(memoryHost({}), DIALECTS);
        ws.setFile(PATHS[language], text, language);
        // Half the runs pair the damaged file with an intact file of the other side.
        if (withPeer) {
          const peer = corpus.find((c) => c.language !== language)!;
          ws.setFile(PATHS[peer.language], peer.text, peer.language);
        }
        const t = performance.now();
        const findings = ws.analyze(PATHS[language]);
        const ms = performance.now() - t;
        expect(ms, `analysis took ${ms.toFixed(1)} ms`).toBeLessThan(ANALYZE_MS);
        slowest = Math.max(slowest, ms);
        for (const f of findings) checkFinding(lines, f, PATHS[language]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`ssh parser property: ${RUNS} damaged documents, slowest analysis ${slowest.toFixed(1)} ms`);
  }, 60_000);
});
