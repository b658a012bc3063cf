// Every rule has a doc page whose bad examples trigger it and whose good examples do not.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { LAYERS } from '../../server/src/engine/layers';
import { memoryWorkspace } from '../support/memory-host';
import { readRuleDoc } from '../support/rule-docs';

const EXAMPLE_NAMES: Record<string, string> = {
  nginx: '/docs-example/example.conf',
  ssh_config: '/docs-example/.ssh/config',
  sshd_config: '/docs-example/sshd_config',
  openvpn: '/docs-example/example.ovpn',
};

const rules = [...DIALECTS.values()].flatMap((d) => d.rules);

describe('rule doc pages', () => {
  it('exist for at least one rule per dialect', () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      const doc = readRuleDoc(rule.id);

      it('has a page with what, layer, why, bad, good and fix', () => {
        expect(doc, `docs/rules/${rule.id}.md is missing`).toBeDefined();
        for (const s of ['what', 'why it breaks connectivity', 'bad', 'good', 'fix']) expect(doc!.sections.has(s), `section "${s}"`).toBe(true);
        expect(doc!.text).toContain(`# ${rule.id}`);
        expect(doc!.text).toContain(`L${rule.layer} ${LAYERS[rule.layer].name}`);
        expect(doc!.bad.length).toBeGreaterThan(0);
        expect(doc!.good.length).toBeGreaterThan(0);
      });

      it('reports every bad example', () => {
        for (const code of doc?.bad ?? []) {
          const path = EXAMPLE_NAMES[rule.language];
          const ws = memoryWorkspace({ [path]: code }, rule.language);
          const hits = ws.analyze(path).filter((f) => f.rule === rule.id);
          expect(hits.length, `bad example of ${rule.id}:\n${code}`).toBeGreaterThan(0);
        }
      });

      it('stays quiet on every good example, which has no error at all', () => {
        for (const code of doc?.good ?? []) {
          const path = EXAMPLE_NAMES[rule.language];
          const ws = memoryWorkspace({ [path]: code }, rule.language);
          const findings = ws.analyze(path);
          expect(findings.filter((f) => f.rule === rule.id), `good example of ${rule.id}`).toEqual([]);
          expect(findings.filter((f) => f.severity === 'error'), `errors in good example of ${rule.id}`).toEqual([]);
        }
      });
    });
  }
});
