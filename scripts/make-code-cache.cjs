'use strict';
// node scripts/make-code-cache.cjs DIST KEY INPUT...: writes the V8 code cache that dist/cli.js (see
// code-cache-loader.cjs) loads the CLI bundle with. The bundle is compiled and run once in this
// process on the inputs (the build sends its output to /dev/null), so that the cache also holds the functions a lint calls.
// KEY is the bundle key scripts/build.mjs wrote into dist/cli.js: the cache is named as the loader looks for it.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const [dist, key, ...inputs] = process.argv.slice(2);
const v8Flags = require('./cli-v8-flags.cjs');
const wrapper = require('./cli-bundle-wrapper.cjs');
if (v8Flags) require('node:v8').setFlagsFromString(v8Flags);
const bundle = path.resolve(dist, 'cli-bundle.js');
const source = fs.readFileSync(bundle, 'utf8');
for (const f of fs.readdirSync(dist)) if (/^cli-bundle\.[0-9a-f]+\.cache$/.test(f)) fs.rmSync(path.join(dist, f));

const script = new vm.Script(wrapper[0] + source + wrapper[1], { filename: bundle });
// The bundle runs its CLI when `require.main === module`: give it a module that is main.
const mod = { exports: {} };
// The CLI exits when done: here it must return instead.
const exit = process.exit;
process.exit = (code) => {
  process.exitCode = code;
};
const req = Object.assign((id) => require(id), { main: mod });
const argv = process.argv;
process.argv = [argv[0], bundle, 'lint', '--format', 'json', ...inputs];
try {
  script.runInThisContext()(mod.exports, req, mod, bundle, path.dirname(bundle));
} finally {
  process.exit = exit;
  process.argv = argv;
}
if (process.exitCode !== 0 && process.exitCode !== 1) throw new Error(`the CLI failed on ${inputs.join(' ')} while warming the code cache (exit ${process.exitCode})`);
process.exitCode = 0;
fs.writeFileSync(path.join(dist, `cli-bundle.${key}.cache`), script.createCachedData());
