// An esbuild plugin that loads some Node.js built-in modules at their first use instead of at
// start-up. `node:tty` and `node:net` (which it loads) take ~1 ms to compile with the stream
// modules under them, and a `lint --format json` run never calls them: isatty is asked only for
// text output or on Windows, isIPv6 only for OpenVPN files. Each module is given with the
// functions the code imports from it; importing any other name fails the build.
const NAMESPACE = 'layerwise-lazy-builtin';

export function lazyBuiltins(functionsByModule) {
  const escaped = Object.keys(functionsByModule).map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    name: NAMESPACE,
    setup(b) {
      // The stand-in's own require is of the real module.
      b.onResolve({ filter: new RegExp(`^(${escaped.join('|')})$`) }, ({ path, namespace }) => (namespace === NAMESPACE ? { path, external: true } : { path, namespace: NAMESPACE }));
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, ({ path }) => ({
        loader: 'js',
        contents: [
          'let loaded;',
          `const load = () => (loaded ??= require(${JSON.stringify(path)}));`,
          ...functionsByModule[path].map((f) => `export function ${f}(...args) { return load().${f}(...args); }`),
        ].join('\n'),
      }));
    },
  };
}
