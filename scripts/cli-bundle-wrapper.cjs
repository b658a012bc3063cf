'use strict';
// The text dist/cli.js wraps the CLI bundle in before compiling it (a function of CommonJS's module
// arguments, as Node.js's own wrapper), set into it by build.mjs and used by make-code-cache.cjs,
// since a code cache holds only for the same source. Written out here rather than taken from
// node:module at run time: loading that module costs dist/cli.js ~0.3 ms.
module.exports = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
