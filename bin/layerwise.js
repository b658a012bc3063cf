#!/usr/bin/env node
// The installed `layerwise` command. dist/cli.js runs on its own only when it is the main module,
// so here it is run explicitly.
require('../dist/cli.js').run(process.argv.slice(2));
