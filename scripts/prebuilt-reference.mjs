// An esbuild plugin that replaces @nginx/reference-lib with its data as JSON, parsed when first
// asked for, and each directive with the facts server/src/dialects/nginx/reference.ts derives from
// its syntax (arity, enum values, plain syntax), derived here by that same code: a run then only
// reads them (deriving them for every directive costs a CLI run ~5 ms and the language server's
// first lint ~20 ms, uncompiled). Markdown form only. Without descriptions (the CLI shows no hover
// text: 0.1 MB instead of 1.8 MB) `description` is empty; `find` always finds nothing.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const NAMESPACE = 'layerwise-prebuilt-reference';
const REFERENCE_TS = fileURLToPath(new URL('../server/src/dialects/nginx/reference.ts', import.meta.url));

/** reference.ts's exports, bundled on the fly with the real @nginx/reference-lib. */
async function loadReferenceTs() {
  const out = await build({ entryPoints: [REFERENCE_TS], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports;
}

export async function prebuiltReference({ descriptions }) {
  const ref = await import('@nginx/reference-lib');
  const { syntaxFacts } = await loadReferenceTs();
  const version = createRequire(import.meta.url)('@nginx/reference-lib/package.json').version;
  const description = (entry) => (descriptions ? entry.description : '');
  const directives = ref.getDirectives(ref.Format.Markdown).map((d) => {
    const f = syntaxFacts(d.syntax);
    // JSON has no Infinity: an unbounded maxArgs is written as -1.
    return [d.name, d.module, description(d), d.contexts, d.syntax, d.isBlock, d.default, f.plainSyntax, f.minArgs, f.maxArgs === Infinity ? -1 : f.maxArgs, f.enumValues];
  });
  const variables = ref.getVariables(ref.Format.Markdown).map((v) => [v.name, v.module, description(v)]);
  // JSON.parse of a string literal loads faster than the same data as object literals; it is
  // parsed when first asked for (~1 ms that a CLI run on other languages' files never needs).
  const source = `// @nginx/reference-lib ${version}${descriptions ? '' : ', without descriptions'} (built by scripts/prebuilt-reference.mjs).
export const Format = ${JSON.stringify(ref.Format)};
let directives;
let variables;
function markdownOnly(format) {
  if (format !== Format.Markdown) throw new Error('this build holds the reference in Markdown form only');
}
export function getDirectives(format) {
  markdownOnly(format);
  directives ??= JSON.parse(${JSON.stringify(JSON.stringify(directives))});
  return directives.map(([name, module, description, contexts, syntax, isBlock, dflt, plainSyntax, minArgs, maxArgs, enumValues]) => ({
    name, module, description, syntax, contexts, isBlock, default: dflt,
    plainSyntax, minArgs, maxArgs: maxArgs === -1 ? Infinity : maxArgs, enumValues,
  }));
}
export function getVariables(format) {
  markdownOnly(format);
  variables ??= JSON.parse(${JSON.stringify(JSON.stringify(variables))});
  return variables.map(([name, module, description]) => ({ name, description, module }));
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
