// V8 flags the language server is started with (by VS Code through the extension, and by the
// `layerwise-language-server` command), since V8 fixes them when Node.js starts.
//
// --max-semi-space-size=64 (MB; V8's default on 64-bit: 16): an analysis keeps nearly everything
// it allocates (tree, indexes, findings) until it ends, and the server collects the young
// generation once the diagnostics are out (idle-gc.ts). A young generation that holds a whole
// analysis then means no collection inside one: the 50k-line nginx perf file allocates ~34 MB per
// analysis, and its lint took ~45 ms instead of ~80 ms, where the collections inside it copied
// the tree and indexes built so far, twice. V8 grows the young generation only as far as the
// analyses need: after 50 edits, the server's resident memory was the same as without the flag
// on the 1k- and 10k-line files (~80 and ~145 MB), and ~370 MB instead of ~210 MB on the 50k one.
export const SERVER_START_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
