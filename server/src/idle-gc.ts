// Young-generation garbage collection between edits. Nearly everything one analysis allocates
// (tree, indexes, findings) stays alive until it ends, so a collection that falls inside an
// analysis copies all of it and delays the diagnostics. Collecting once the diagnostics are
// written, while the editor is busy showing them, starts the next analysis with an empty young
// generation, and an analysis of a 10k-line file then usually runs without any collection.
// While the young generation still has room for the next analysis, the collection waits: it
// costs the same whenever it runs (it copies what is alive: the latest tree and findings), and an
// edit typed right after the diagnostics no longer finds the server collecting.
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'minor' | 'major' }) => void;

let gc: Gc | undefined | null = null;

/** V8's own `gc`, made available at run time; undefined where the runtime refuses. */
function gcFunction(): Gc | undefined {
  if (gc === null) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = undefined;
    }
  }
  return gc;
}

/** Runs a minor collection now (a few milliseconds); does nothing where gc is not available. */
export function collectYoungGeneration(): void {
  gcFunction()?.({ type: 'minor' });
}

function youngGeneration(): { used: number; free: number } {
  for (const s of getHeapSpaceStatistics()) {
    if (s.space_name === 'new_space') return { used: s.space_used_size, free: s.space_available_size };
  }
  return { used: 0, free: 0 };
}

/**
 * A collector for idle points (the server's: diagnostics written, nothing waiting). Each call
 * collects the young generation unless its free room holds twice what was allocated between
 * idle points lately (the largest amount, fading by a tenth a call); returns whether it did.
 */
export function idleCollector(): () => boolean {
  let usedAfterLast = -1;
  let between = 0;
  return () => {
    const young = youngGeneration();
    // Less in use than last time: V8 collected meanwhile, and the amount is unknown.
    if (usedAfterLast >= 0 && young.used >= usedAfterLast) between = Math.max(between * 0.9, young.used - usedAfterLast);
    if (between > 0 && young.free > 2 * between) {
      usedAfterLast = young.used;
      return false;
    }
    collectYoungGeneration();
    usedAfterLast = youngGeneration().used;
    return true;
  };
}
