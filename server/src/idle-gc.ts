// Young-generation garbage collection between edits. Nearly everything one analysis allocates
// (tree, indexes, findings) stays alive until it ends, so a collection that falls inside an
// analysis copies all of it and delays the diagnostics. Collecting once the diagnostics are
// written, while the editor is busy showing them, starts the next analysis with an empty young
// generation, and an analysis of a 10k-line file then usually runs without any collection.
import { setFlagsFromString } from 'node:v8';
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
