// The CLI bundle's nginx reference (scripts/trimmed-reference.mjs) must give reference.ts the same
// directive specs as the full @nginx/reference-lib, descriptions aside: its syntax facts are
// derived at build time and only read at run time.
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { directives, variables, type DirectiveSpec } from '../../server/src/dialects/nginx/reference';
import { ROOT } from '../support/cli';
// @ts-expect-error: a build script without type declarations
import { trimmedReference } from '../../scripts/trimmed-reference.mjs';

/** reference.ts bundled as the CLI bundles it, over the trimmed reference. */
async function trimmedReferenceTs(): Promise<{ directives: typeof directives; variables: typeof variables }> {
  const out = await build({
    entryPoints: ['server/src/dialects/nginx/reference.ts'],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    plugins: [await trimmedReference()],
  });
  const module = { exports: {} as never };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

const withoutDescription = (specs: DirectiveSpec[]) => specs.map((s) => ({ ...s, description: '' }));

describe('the trimmed nginx reference', () => {
  it('gives every directive the specs the full reference gives, descriptions aside', async () => {
    const trimmed = (await trimmedReferenceTs()).directives();
    const full = directives();
    expect([...trimmed.keys()]).toEqual([...full.keys()]);
    for (const [name, specs] of full) expect(trimmed.get(name), name).toEqual(withoutDescription(specs));
    // Derived facts of every kind are there: unbounded arity, enum values, markup removed.
    expect(trimmed.get('add_header')![0].maxArgs).toBe(3);
    expect(trimmed.get('proxy_set_header')![0].minArgs).toBe(2);
    expect(trimmed.get('server_name')![0].maxArgs).toBe(Infinity);
    expect(trimmed.get('gzip')![0].enumValues).toEqual(['on', 'off']);
    expect(trimmed.get('gzip')![0].plainSyntax).toEqual(['on | off']);
  });

  it('keeps every variable, without descriptions', async () => {
    const trimmed = (await trimmedReferenceTs()).variables();
    expect([...trimmed].map(([k, v]) => [k, v.map((s) => ({ ...s, description: '' }))])).toEqual([...variables()].map(([k, v]) => [k, v.map((s) => ({ ...s, description: '' }))]));
  });
});
