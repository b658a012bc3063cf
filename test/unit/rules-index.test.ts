// docs/rules/README.md lists every rule as the rules describe themselves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { rulesIndex } from '../../scripts/rules-index';

it('docs/rules/README.md is current (regenerate with npm run docs:rules)', () => {
  expect(readFileSync(join(__dirname, '..', '..', 'docs', 'rules', 'README.md'), 'utf8')).toBe(rulesIndex());
});
