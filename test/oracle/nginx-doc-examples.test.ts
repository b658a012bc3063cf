// Every nginx Good example in the rule docs is a config the real nginx accepts, in its context.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { runOracle } from '../support/oracles';
import { readRuleDoc } from '../support/rule-docs';

const TLS = join(__dirname, '..', '..', '..', 'shared', 'oracles', 'test', 'nginx', 'tls');
const CONTEXT_FLAG: Record<string, string[]> = {
  main: [], http: ['--ctx', 'http'], server: ['--ctx', 'server'], location: ['--ctx', 'location'], stream: ['--ctx', 'stream'],
};

/** Wraps contexts the oracle has no flag for, and points example certificates at the oracle's test pair. */
function prepare(code: string): { text: string; args: string[] } | undefined {
  const declared = /^#\s*layerwise:\s*context\s*=\s*([a-z-]+)/m.exec(code)?.[1] ?? 'main';
  let text = code.replace(/\/etc\/nginx\/tls\/[\w.-]+\.crt/g, join(TLS, 'test-only.crt')).replace(/\/etc\/nginx\/tls\/[\w.-]+\.key/g, join(TLS, 'test-only.key'));
  if (declared === 'stream-server') text = `server {\n${text}\n}\n`;
  else if (declared === 'upstream') text = `upstream wrapped {\n${text}\n}\n`;
  else if (declared === 'stream-upstream') text = `upstream wrapped {\n${text}\n}\n`;
  const ctx = declared === 'stream-server' || declared === 'stream-upstream' ? 'stream' : declared === 'upstream' ? 'http' : declared;
  const args = CONTEXT_FLAG[ctx];
  return args ? { text, args } : undefined;
}

describe('nginx doc examples against the real nginx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-docs-'));
  const rules = DIALECTS.get('nginx')!.rules;
  let n = 0;
  for (const rule of rules) {
    const doc = readRuleDoc(rule.id);
    (doc?.good ?? []).forEach((code, i) => {
      const prepared = prepare(code);
      if (!prepared || code.startsWith('\uFEFF')) return;
      it(`${rule.id} good example ${i + 1} is accepted by nginx`, () => {
        const file = join(dir, `${rule.id.replace('/', '-')}-${i}.conf`);
        writeFileSync(file, prepared.text);
        const verdict = runOracle('nginx', [...prepared.args, file]);
        expect(verdict.errors, prepared.text).toEqual([]);
      });
      n++;
    });
  }
  it('covers every rule with at least one example', () => {
    expect(n).toBeGreaterThanOrEqual(rules.length - 1);
  });
});
