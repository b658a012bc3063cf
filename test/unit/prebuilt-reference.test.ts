// The bundles' nginx reference (scripts/prebuilt-reference.mjs) must give reference.ts the same
// directive and variable specs as @nginx/reference-lib itself (the CLI's without descriptions):
// their syntax facts are derived at build time and only read at run time.
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { directives, variables } from '../../server/src/dialects/nginx/reference';
import { ROOT } from '../support/cli';
// @ts-expect-error: a build script without type declarations
import { prebuiltReference } from '../../scripts/prebuilt-reference.mjs';

type ReferenceTs = { directives: typeof directives; variables: typeof variables };

/** reference.ts bundled as dist/ bundles it, over the prebuilt reference. */
async function prebuiltReferenceTs(descriptions: boolean): Promise<ReferenceTs> {
  const out = await build({
    entryPoints: ['server/src/dialects/nginx/reference.ts'],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [await prebuiltReference({ descriptions })],
  });
  const module = { exports: {} as never };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

/** A name-to-specs map as entries, descriptions emptied or kept. */
const entriesOf = <T extends { description: string }>(map: Map<string, T[]>, descriptions: boolean) =>
  [...map].map(([name, specs]) => [name, descriptions ? specs : specs.map((s) => ({ ...s, description: '' }))]);

describe.each([true, false])('the prebuilt nginx reference (descriptions: %s)', (descriptions) => {
  it('gives every directive the specs the package gives', async () => {
    const prebuilt = (await prebuiltReferenceTs(descriptions)).directives();
    expect(entriesOf(prebuilt, descriptions)).toEqual(entriesOf(directives(), descriptions));
    // Derived facts of every kind are there: unbounded arity, enum values, markup removed.
    expect(prebuilt.get('add_header')![0].maxArgs).toBe(3);
    expect(prebuilt.get('proxy_set_header')![0].minArgs).toBe(2);
    expect(prebuilt.get('server_name')![0].maxArgs).toBe(Infinity);
    expect(prebuilt.get('gzip')![0].enumValues).toEqual(['on', 'off']);
    expect(prebuilt.get('gzip')![0].plainSyntax).toEqual(['on | off']);
    expect(prebuilt.get('gzip')![0].description !== '').toBe(descriptions);
  });

  it('gives every variable the specs the package gives', async () => {
    const prebuilt = (await prebuiltReferenceTs(descriptions)).variables();
    expect(entriesOf(prebuilt, descriptions)).toEqual(entriesOf(variables(), descriptions));
  });
});
