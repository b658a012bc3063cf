// Child of bench/run.mjs: the warm nginx lint of one file in a fresh process, since V8's heap
// settings are fixed when a process starts and its allocation-site feedback when its first runs
// are done. Usage: node [V8 flags] lint-child.cjs LIB_CJS FILE RUNS MODE, where MODE is
//   server:   as the language server runs (started by run.mjs with its start flags): its runtime
//             V8 setting, and the derived indexes dropped and the young generation collected
//             after each analysis, timed apart;
//   defaults: V8's defaults, runs back to back.
// Prints {"median", "runs", "gc", "withoutGc", "collect", "findings"} (milliseconds; gc: the median
// GC pauses inside a run; collect: the median collection between runs, server mode only).
'use strict';
const { readFileSync } = require('node:fs');
const { median, timeIt, flushGc, gcShare, idleCollection } = require('./timing.cjs');

const [libPath, path, runsArg, mode] = process.argv.slice(2);
if (mode !== 'server' && mode !== 'defaults') throw new Error(`lint-child.cjs: MODE must be server or defaults, not ${mode}`);
const lib = require(require('node:path').resolve(libPath));
if (mode === 'server') lib.tuneGcForAnalysis();
const text = readFileSync(path, 'utf8');
const ws = new lib.Workspace(lib.nodeHost(), lib.DIALECTS);
let findings = [];
const lint = () => {
  ws.removeFile(path); // setFile keeps an identical file; force a real re-parse each run
  ws.setFile(path, text, 'nginx');
  findings = ws.analyze(path);
};
const idle = idleCollection(ws, lib.collectYoungGeneration);
const runs = Number(runsArg);
const r = timeIt(lint, { warmup: 5, runs, budgetMs: 4000 + runs * 300, between: mode === 'server' ? idle.step : undefined });
flushGc().then(() => {
  const gc = gcShare(r);
  console.log(JSON.stringify({
    median: r.median, runs: r.runs, gc: gc.medianGc, withoutGc: gc.medianWithout,
    collect: idle.times.length ? median(idle.times) : undefined, findings: findings.length,
  }));
});
