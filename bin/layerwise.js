#!/usr/bin/env node
// The installed `layerwise` command. dist/cli.js runs on its own only when it is the main module,
// so here its main() is called explicitly.
process.exitCode = require('../dist/cli.js').main(process.argv.slice(2));
