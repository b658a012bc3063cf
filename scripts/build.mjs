// Bundles the three entry points into dist/ (one file each, no node_modules needed at run time).
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { trimmedReference } from './trimmed-reference.mjs';

// ESM dependencies read import.meta.url; in a CommonJS bundle it comes from __filename.
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__layerwiseImportMetaUrl' },
  banner: { js: "const __layerwiseImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // The CLI shows no hover text: it gets the reference's facts without their descriptions
  // (0.1 MB instead of 1.8 MB), which every run would otherwise load and compile.
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-bundle.js', plugins: [await trimmedReference()] }),
]);
// dist/cli.js loads the bundle through V8's code cache, made here by one run on the examples.
copyFileSync('scripts/code-cache-loader.cjs', 'dist/cli.js');
rmSync('dist/cli.js.map', { force: true });
const cache = spawnSync(process.execPath, ['scripts/make-code-cache.cjs', 'dist', 'examples'], { encoding: 'utf8' });
if (cache.status !== 0) throw new Error(`making the CLI's code cache failed: ${cache.stderr || cache.error?.message}`);
