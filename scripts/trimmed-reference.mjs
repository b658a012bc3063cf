// An esbuild plugin that replaces @nginx/reference-lib with the same API over its facts only:
// names, modules, contexts, syntax, block or not, defaults. Descriptions (most of the package's
// size) are left out, so `description` is empty and `find` finds nothing. Each directive also
// carries the facts server/src/dialects/nginx/reference.ts derives from its syntax (arity, enum
// values, plain syntax), derived here by that same code: a run then only reads them.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const NAMESPACE = 'layerwise-trimmed-reference';
const REFERENCE_TS = fileURLToPath(new URL('../server/src/dialects/nginx/reference.ts', import.meta.url));

/** reference.ts's exports, bundled on the fly with the real @nginx/reference-lib. */
async function loadReferenceTs() {
  const out = await build({ entryPoints: [REFERENCE_TS], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

export async function trimmedReference() {
  const ref = await import('@nginx/reference-lib');
  const { syntaxFacts } = await loadReferenceTs();
  const version = createRequire(import.meta.url)('@nginx/reference-lib/package.json').version;
  const directives = ref.getDirectives(ref.Format.Markdown).map((d) => {
    const f = syntaxFacts(d.syntax);
    // JSON has no Infinity: an unbounded maxArgs is written as -1.
    return [d.name, d.module, d.contexts, d.syntax, d.isBlock, d.default, f.plainSyntax, f.minArgs, f.maxArgs === Infinity ? -1 : f.maxArgs, f.enumValues];
  });
  const variables = ref.getVariables(ref.Format.Markdown).map((v) => [v.name, v.module]);
  // JSON.parse of a string literal loads faster than the same data as object literals; it is
  // parsed when first asked for (~1 ms that a run on other languages' files never needs).
  const source = `// @nginx/reference-lib ${version}, facts only (built by scripts/trimmed-reference.mjs).
export const Format = ${JSON.stringify(ref.Format)};
let directives;
let variables;
function markdownOnly(format) {
  if (format !== Format.Markdown) throw new Error('this build holds the reference in Markdown form only');
}
export function getDirectives(format) {
  markdownOnly(format);
  directives ??= JSON.parse(${JSON.stringify(JSON.stringify(directives))});
  return directives.map(([name, module, contexts, syntax, isBlock, dflt, plainSyntax, minArgs, maxArgs, enumValues]) => ({
    name, module, description: '', syntax, contexts, isBlock, default: dflt,
    plainSyntax, minArgs, maxArgs: maxArgs === -1 ? Infinity : maxArgs, enumValues,
  }));
}
export function getVariables(format) {
  markdownOnly(format);
  variables ??= JSON.parse(${JSON.stringify(JSON.stringify(variables))});
  return variables.map(([name, module]) => ({ name, description: '', module }));
}
export function find() {
  return undefined;
}
`;
  return {
    name: NAMESPACE,
    setup(b) {
      b.onResolve({ filter: /^@nginx\/reference-lib$/ }, () => ({ path: 'reference-lib', namespace: NAMESPACE }));
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: source, loader: 'js' }));
    },
  };
}
