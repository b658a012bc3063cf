// Bundles the entry points into dist/ (one file each, no node_modules needed at run time).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { fdirWithoutPicomatch } from './fdir-without-picomatch.mjs';
import { lazyBuiltins } from './lazy-builtins.mjs';
import { prebuiltReference } from './prebuilt-reference.mjs';

// ESM dependencies may read import.meta.url; in a CommonJS bundle it comes from __filename, worked
// out when first read (none of today's bundles reads it, and it costs a start-up ~0.3 ms).
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__layerwiseImportMeta.url' },
  banner: { js: "const __layerwiseImportMeta = { get url() { return require('url').pathToFileURL(__filename).href; } };" },
  plugins: [fdirWithoutPicomatch()],
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The `layerwise-language-server` command's start: it runs dist/server.js with the start flags.
  build({ ...common, entryPoints: ['server/src/server-launcher.ts'], outfile: 'dist/server-launcher.js' }),
  // The reference comes as JSON with its syntax facts derived (scripts/prebuilt-reference.mjs).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [...common.plugins, await prebuiltReference({ descriptions: true })] }),
  // The CLI shows no hover text: it gets the reference without descriptions (0.1 MB instead of
  // 1.8 MB), which every run would otherwise load and compile.
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli-bundle.js',
    plugins: [...common.plugins, await prebuiltReference({ descriptions: false }), lazyBuiltins({ 'node:tty': ['isatty'], 'node:net': ['isIPv6'] })],
  }),
]);
// dist/cli.js loads the bundle through V8's code cache, made here by one run on the examples.
const bundleBytes = readFileSync('dist/cli-bundle.js');
// dist/cli.js reads the bundle as latin1, which only ASCII (esbuild's default charset) survives.
if (bundleBytes.some((b) => b > 0x7f)) throw new Error('dist/cli-bundle.js is not ASCII');
const bundleKey = createHash('sha1').update(bundleBytes).digest('hex').slice(0, 16);
const require = createRequire(import.meta.url);
const loader = fillIn(readFileSync('scripts/code-cache-loader.cjs', 'utf8'), {
  BUNDLE_KEY: bundleKey,
  V8_FLAGS: require('./cli-v8-flags.cjs'),
  WRAPPER: require('./cli-bundle-wrapper.cjs'),
});
writeFileSync('dist/cli.js', loader, { mode: 0o755 });
rmSync('dist/cli.js.map', { force: true });
const cache = spawnSync(process.execPath, ['scripts/make-code-cache.cjs', 'dist', bundleKey, 'examples'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
if (cache.status !== 0) throw new Error(`making the CLI's code cache failed: ${cache.stderr || cache.error?.message}`);

/** Sets the values of the loader's `const NAME = ...;` declarations. */
function fillIn(source, values) {
  for (const [name, value] of Object.entries(values)) {
    const declaration = new RegExp(`^const ${name} = .*;$`, 'm');
    if (!declaration.test(source)) throw new Error(`scripts/code-cache-loader.cjs no longer declares ${name}`);
    source = source.replace(declaration, () => `const ${name} = ${JSON.stringify(value)};`);
  }
  return source;
}
