// Child of bench/run.mjs: the warm back-to-back nginx lint of one file in a fresh process under
// V8's defaults (allocation-site pretenuring on), which bench/run.mjs cannot undo in its own
// process once its tuned runs have shaped V8's allocation sites. Prints {"median": ms, "runs": n}.
// Usage: node lint-default-v8.cjs LIB_CJS FILE RUNS
'use strict';
const { readFileSync } = require('node:fs');

const [libPath, path, runsArg] = process.argv.slice(2);
const lib = require(libPath);
const text = readFileSync(path, 'utf8');
const ws = new lib.Workspace(lib.nodeHost(), lib.DIALECTS);
const lint = () => {
  ws.removeFile(path);
  ws.setFile(path, text, 'nginx');
  ws.analyze(path);
};
// Warm-up as in run.mjs's timeIt: at least 5 runs and 300 ms.
const w0 = performance.now();
for (let i = 0; i < 5 || performance.now() - w0 < 300; i++) lint();
const times = [];
for (let i = 0; i < Number(runsArg); i++) {
  const t = performance.now();
  lint();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const m = times.length >> 1;
console.log(JSON.stringify({ median: times.length % 2 ? times[m] : (times[m - 1] + times[m]) / 2, runs: times.length }));
