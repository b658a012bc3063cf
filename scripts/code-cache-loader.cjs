#!/usr/bin/env node
'use strict';
// Copied by scripts/build.mjs to dist/cli.js, with BUNDLE_KEY, V8_FLAGS and WRAPPER filled in. Runs
// the CLI bundle (cli-bundle.js) from V8's code cache: compiling the ~1 MB bundle and the functions
// a run calls costs more than the rest of a short run. The cache is keyed by the bundle's content
// hash, taken at build time (hashing it here would cost more than the rest of this file); the build
// ships one next to the bundle, and when V8 rejects it (another Node.js version, or a bundle of
// another length) one is written to the temp directory after the run. Any failure to read or write
// a cache only means a normal compile.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const BUNDLE_KEY = '';
const V8_FLAGS = '';
const WRAPPER = ['', ''];

// Set before compiling: V8 accepts a code cache only under the flags it was made with.
if (V8_FLAGS) require('node:v8').setFlagsFromString(V8_FLAGS);

const bundle = path.join(__dirname, 'cli-bundle.js');
// esbuild writes ASCII only, which latin1 decodes without validating UTF-8.
const source = fs.readFileSync(bundle, 'latin1');
const shipped = path.join(__dirname, `cli-bundle.${BUNDLE_KEY}.cache`);
const local = path.join(require('node:os').tmpdir(), `layerwise-code-cache-${process.getuid ? process.getuid() : 'user'}`, `cli-${BUNDLE_KEY}-${process.version}-${process.arch}.cache`);

function read(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// A local cache exists only when the shipped one was rejected before: try it first then.
const cachedData = read(local) ?? read(shipped);
const script = new vm.Script(WRAPPER[0] + source + WRAPPER[1], { filename: bundle, cachedData });
if (!cachedData || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      fs.mkdirSync(path.dirname(local), { recursive: true, mode: 0o700 });
      const tmp = `${local}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, local);
    } catch {
      // No cache this time.
    }
  });
}
// The bundle runs as this module, so `require.main === module` holds in it as it does here.
script.runInThisContext()(module.exports, require, module, bundle, __dirname);
