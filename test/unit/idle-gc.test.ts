// The language server collects the young generation between edits; the collection must really run.
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectYoungGeneration, idleCollector } from '../../server/src/idle-gc';

const youngUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;

describe('collectYoungGeneration', () => {
  it('empties the young generation of garbage at once', () => {
    collectYoungGeneration();
    // ~0.4 MB of garbage: less than the young generation holds (1 MB at the least), so V8 does not
    // collect on its own meanwhile.
    let sum = 0;
    for (let i = 0; i < 800; i++) sum += new Array(64).fill(i).length;
    const before = youngUsed();
    collectYoungGeneration();
    const after = youngUsed();
    expect(sum).toBe(51200);
    expect(before).toBeGreaterThan(256 * 1024);
    expect(after).toBeLessThan(before / 4);
  });
});

describe('idleCollector', () => {
  it('waits while the young generation has room for twice the allocations between idle points, then collects', () => {
    const collect = idleCollector();
    // No history yet: it collects.
    expect(collect()).toBe(true);
    // ~0.1 MB of garbage, then an idle point: the room left holds far more, so nothing is collected.
    let sum = 0;
    for (let i = 0; i < 200; i++) sum += new Array(64).fill(i).length;
    const before = youngUsed();
    expect(collect()).toBe(false);
    expect(youngUsed()).toBeGreaterThanOrEqual(before);
    // Garbage until less room is left than the amount just allocated: now it collects.
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!;
    const start = youngUsed();
    while (young().space_available_size > young().space_used_size - start) {
      for (let i = 0; i < 100; i++) sum += new Array(64).fill(i).length;
      // The loop stops before the room runs out, so V8 has no reason to collect meanwhile.
      if (youngUsed() < start) return expect.fail('V8 collected the young generation on its own before its room ran out');
    }
    const full = youngUsed();
    expect(collect()).toBe(true);
    expect(youngUsed()).toBeLessThan(full / 4);
    expect(sum).toBeGreaterThan(0);
  });
});
