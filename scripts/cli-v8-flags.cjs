'use strict';
// V8 flags of the CLI (set by dist/cli.js before it compiles the bundle, and by
// make-code-cache.cjs, since a code cache holds only under the flags it was made with).
// --no-opt: a lint is over before TurboFan's work pays back. Its background compiles of the hot
// functions cost more CPU than they save (~30% of the whole process on the 10k-line nginx file,
// and still ~20% on the 50k-line one); Sparkplug's baseline code stays.
module.exports = '--no-opt';
