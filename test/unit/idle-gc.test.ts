// The language server collects the young generation between edits; the collection must really run.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { collectYoungGeneration } from '../../server/src/idle-gc';

describe('collectYoungGeneration', () => {
  it('runs a minor collection, as V8 reports it', async () => {
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) kinds.push((e as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    kinds.length = 0;
    collectYoungGeneration();
    await new Promise((r) => setTimeout(r, 20));
    observer.disconnect();
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MINOR);
  });
});
