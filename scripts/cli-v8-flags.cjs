'use strict';
// V8 flags of the CLI (set by dist/cli.js before it compiles the bundle, and by
// make-code-cache.cjs, since a code cache holds only under the flags it was made with).
// --interrupt-budget 8x V8's default: a function is sent to TurboFan after 8x as much work, so a
// lint optimises only the few functions that pay back within one run. On the 10k-line nginx file
// the main thread is as fast as with the default while the background compiles drop from ~120 ms
// to ~30 ms of CPU (--no-opt drops them to ~20 ms but makes the main thread ~25 ms slower); on a
// busy machine that is a quarter less whole-process time (without it the run takes ~1.5x as long).
// The 10k-line ssh_config gives back a little (its rules have many moderately hot functions).
// --semi-space-growth-factor 16 (V8's default: 2): the young generation starts at 1 MB and grows
// at each scavenge that finds most of it alive, which in a lint (syntax trees, indexes) it is. The
// 10k-line nginx file then takes 2 scavenges instead of 7, ~4% less whole-process time for ~2 MB
// more peak memory. (Its initial and largest sizes are fixed before any code runs.)
module.exports = '--interrupt-budget=524288 --semi-space-growth-factor=16';
