#!/usr/bin/env node
'use strict';
// Copied by scripts/build.mjs to dist/cli.js. Runs the CLI bundle (cli-bundle.js) from V8's code
// cache: compiling the ~1 MB bundle and the functions a run calls costs more than the rest of a
// short run. The cache is keyed by the bundle's content; the build ships one next to the bundle,
// and when V8 rejects it (another Node.js version or other V8 flags) one is written to the temp
// directory after the run. Any failure to read or write a cache only means a normal compile.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { tmpdir } = require('node:os');
const vm = require('node:vm');
const { wrap } = require('node:module');

const bundle = path.join(__dirname, 'cli-bundle.js');
const source = fs.readFileSync(bundle, 'utf8');
const key = createHash('sha1').update(source).digest('hex').slice(0, 16);
const shipped = path.join(__dirname, `cli-bundle.${key}.cache`);
const local = path.join(tmpdir(), `layerwise-code-cache-${process.getuid ? process.getuid() : 'user'}`, `cli-${key}-${process.version}-${process.arch}.cache`);

function read(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// A local cache exists only when the shipped one was rejected before: try it first then.
const cachedData = read(local) ?? read(shipped);
const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
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
