// An esbuild plugin that replaces @nginx/reference-lib with the same API over its facts only:
// names, modules, contexts, syntax, block or not, defaults. Descriptions (most of the package's
// size) are left out, so `description` is empty and `find` finds nothing.
import { createRequire } from 'node:module';

const NAMESPACE = 'layerwise-trimmed-reference';

export async function trimmedReference() {
  const ref = await import('@nginx/reference-lib');
  const version = createRequire(import.meta.url)('@nginx/reference-lib/package.json').version;
  const directives = ref.getDirectives(ref.Format.Markdown).map((d) => [d.name, d.module, d.contexts, d.syntax, d.isBlock, d.default]);
  const variables = ref.getVariables(ref.Format.Markdown).map((v) => [v.name, v.module]);
  // JSON.parse of a string literal loads faster than the same data as object literals.
  const source = `// @nginx/reference-lib ${version}, facts only (built by scripts/trimmed-reference.mjs).
export const Format = ${JSON.stringify(ref.Format)};
const directives = JSON.parse(${JSON.stringify(JSON.stringify(directives))});
const variables = JSON.parse(${JSON.stringify(JSON.stringify(variables))});
function markdownOnly(format) {
  if (format !== Format.Markdown) throw new Error('this build holds the reference in Markdown form only');
}
export function getDirectives(format) {
  markdownOnly(format);
  return directives.map(([name, module, contexts, syntax, isBlock, dflt]) => ({ name, module, description: '', syntax, contexts, isBlock, default: dflt }));
}
export function getVariables(format) {
  markdownOnly(format);
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
