// The language server collects the young generation between edits; the collection must really run.
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectYoungGeneration } from '../../server/src/idle-gc';

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
