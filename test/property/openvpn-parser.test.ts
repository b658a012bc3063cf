// Property test: the OpenVPN parser and the full analysis stay total and in bounds on randomly
// damaged corpus files (quotes, inline blocks losing their end tags, comments, CRLF, truncation).
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

const SEED = Number(process.env.LW_PROP_SEED ?? 20261124);
const RUNS = Number(process.env.LW_PROP_RUNS ?? 300);
/** A bound against hangs on corpus-sized files, not a speed target (those are in npm run bench). */
const ANALYZE_MS = 1000;

const corpus = readdirSync(path.join(corpusDir, 'openvpn')).sort().map((name) => ({ name, text: readFileSync(path.join(corpusDir, 'openvpn', name), 'utf8') }));
const dialect = DIALECTS.get('openvpn')!;
const SERVER = '/virtual/etc/openvpn/server.conf';
const CLIENT = '/virtual/etc/openvpn/client.ovpn';

describe('OpenVPN parser on damaged corpus files', () => {
  it('never throws, never hangs, and keeps every range inside the document', () => {
    expect(corpus.length).toBeGreaterThan(20);
    let slowest = 0;
    fc.assert(
      fc.property(fc.record({ file: fc.nat({ max: corpus.length - 1 }), ops: fc.array(opArb, { minLength: 1, maxLength: 8 }), withPeer: fc.boolean() }), ({ file, ops, withPeer }) => {
        const text = ops.reduce(apply, corpus[file].text);
        const lines = new LineIndex(text);
        const result = dialect.parse(text);
        checkParse(lines, result);
        const ws = new Workspace(memoryHost({}), DIALECTS);
        ws.setFile(SERVER, text, 'openvpn');
        // Half the runs pair the damaged file with an intact one, so pairing rules run too.
        if (withPeer) ws.setFile(CLIENT, corpus[(file + 1) % corpus.length].text, 'openvpn');
        const t = performance.now();
        const findings = ws.analyze(SERVER);
        const ms = performance.now() - t;
        expect(ms, `analysis took ${ms.toFixed(1)} ms`).toBeLessThan(ANALYZE_MS);
        slowest = Math.max(slowest, ms);
        for (const f of findings) checkFinding(lines, f, SERVER);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`openvpn parser property: ${RUNS} damaged documents, slowest analysis ${slowest.toFixed(1)} ms`);
  }, 60_000);
});
