#!/usr/bin/env node
// The installed `layerwise-language-server` command: starts dist/server.js with the server's V8
// flags (server/src/server-launcher.ts).
require('../dist/server-launcher.js').launch();
