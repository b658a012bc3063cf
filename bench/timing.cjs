// Timing helpers of the bench, shared by bench/run.mjs and the processes it starts
// (bench/lint-child.cjs): medians after a warm-up, runs of two functions in turn, and the GC
// pauses V8 reports inside timed runs.
'use strict';
const { PerformanceObserver } = require('node:perf_hooks');

const now = () => performance.now();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

/**
 * Median time of `fn` after `warmup` calls and at least `warmupMs` of calls (a few calls of a
 * small input leave V8 still compiling); stops early once `budgetMs` is spent (min 5 runs).
 */
function timeIt(fn, { warmup = 3, warmupMs = 300, runs = 20, budgetMs = 4000, between } = {}) {
  const w0 = now();
  for (let i = 0; i < warmup || now() - w0 < warmupMs; i++) fn();
  const times = [];
  const windows = [];
  const t0 = now();
  for (let i = 0; i < runs; i++) {
    between?.(); // untimed work before each run
    const t = now();
    fn();
    const end = now();
    times.push(end - t);
    windows.push([t, end]);
    if (times.length >= 5 && now() - t0 > budgetMs) break;
  }
  return { median: median(times), runs: times.length, windows };
}

/**
 * Times `a` and `b` in turn (a, b, a, b, ...) after warming both, so that a change in the machine's
 * speed during the measurement touches both alike: each one's median, and the median of the
 * per-pair ratios b / a.
 */
function timePaired(a, b, { warmup = 3, warmupMs = 300, runs = 20, budgetMs = 4000 } = {}) {
  const w0 = now();
  for (let i = 0; i < warmup || now() - w0 < warmupMs; i++) {
    a();
    b();
  }
  const sides = [{ times: [], windows: [] }, { times: [], windows: [] }];
  const ratios = [];
  const t0 = now();
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of [[0, a], [1, b]]) {
      const t = now();
      fn();
      const end = now();
      sides[k].times.push(end - t);
      sides[k].windows.push([t, end]);
    }
    ratios.push(sides[1].times[i] / sides[0].times[i]);
    if (ratios.length >= 5 && now() - t0 > budgetMs) break;
  }
  const [ra, rb] = sides.map(({ times, windows }) => ({ median: median(times), runs: times.length, windows }));
  return { a: ra, b: rb, ratio: median(ratios) };
}

// Garbage-collection pauses, as V8 reports them, to tell how much of a timed run they take.
const gcPauses = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push([e.startTime, e.startTime + e.duration]);
}).observe({ entryTypes: ['gc'] });
/** Lets the observer above receive the entries of the runs just timed. */
const flushGc = () => new Promise((r) => setTimeout(r, 0));
/** Per timed run, the milliseconds spent in GC pauses that started during it; then their median and the median run without them. */
function gcShare({ windows }) {
  const gc = windows.map(([a, b]) => gcPauses.reduce((n, [s, e]) => (s >= a && s < b ? n + Math.min(e, b) - s : n), 0));
  return { medianGc: median(gc), medianWithout: median(windows.map(([a, b], i) => b - a - gc[i])) };
}

/**
 * What the language server does once an analysis is published (collectWhenIdle in server.ts): drop
 * the workspace's derived indexes and collect the young generation. `step` is run between timed
 * runs; `times` keeps how long each took, reported apart from the runs.
 */
function idleCollection(ws, collectYoungGeneration) {
  const times = [];
  const step = () => {
    const t = now();
    ws.forgetDerived();
    collectYoungGeneration();
    times.push(now() - t);
  };
  return { step, times };
}

module.exports = { now, median, percentile, timeIt, timePaired, flushGc, gcShare, idleCollection };
