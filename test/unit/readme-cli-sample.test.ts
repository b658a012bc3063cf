// The README's sample of `layerwise lint` output must be what the CLI prints today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runCli } from '../support/cli';

beforeAll(requireBuiltCli);

it('the README shows the current output of layerwise lint on the L4 proxy example', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /```text\n\$ layerwise (lint [^\n]+)\n([\s\S]*?)```/.exec(readme);
  expect(m, 'a ```text block starting with "$ layerwise lint ..." in README.md').toBeTruthy();
  const r = runCli(m![1].split(' '));
  expect(r.stdout).toBe(m![2]);
});
