// V8 setting for a long-lived process that analyses configs (the language server; the bench's
// in-process figures run under it too).
//
// V8 allocates objects from an allocation site straight into the old generation once objects
// from that site have often survived young-generation collections ("pretenuring"). An analysis
// builds a tree and indexes that live exactly as long as it runs, so after a few analyses V8
// pretenures them. Dead, they stay in the old generation until a full collection, and every young
// object they point to is taken as alive by each young collection meanwhile, copied once more
// and promoted. On the 10k-line nginx perf file, 150 back-to-back analyses promoted 268 MB with
// pretenuring and 55 MB without, their young-collection pauses took 560 ms instead of 221 ms, and
// the median analysis took 8.7 ms instead of 14-15 ms. A short CLI run is not affected. In a
// young generation of V8's default size (16 MB), the setting costs on files whose analysis
// outgrows it: the 50k-line file's lint took ~10-20% longer without pretenuring, which then spares
// copying part of it. The server starts with a young generation that holds such an analysis
// (start-flags.ts).
import { setFlagsFromString } from 'node:v8';

export const ANALYSIS_V8_FLAGS = '--no-allocation-site-pretenuring';

/** Applies ANALYSIS_V8_FLAGS to this process; V8 reads it at each collection, so it takes effect at once. */
export function tuneGcForAnalysis(): void {
  setFlagsFromString(ANALYSIS_V8_FLAGS);
}
