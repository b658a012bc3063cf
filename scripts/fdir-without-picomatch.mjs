// An esbuild plugin that drops fdir's optional `require("picomatch")`. fdir loads picomatch from
// node_modules at start-up only for its own glob(), which tinyglobby never calls (it passes its
// bundled picomatch as filters), so every process would read and compile a second copy for nothing.
import { readFile } from 'node:fs/promises';

const OPTIONAL_REQUIRE = /try\s*\{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\}\s*catch\s*\{\s*\}/;

export function fdirWithoutPicomatch() {
  return {
    name: 'fdir-without-picomatch',
    setup(b) {
      b.onLoad({ filter: /[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!OPTIONAL_REQUIRE.test(source)) throw new Error(`${path}: fdir's optional picomatch require has changed; update scripts/fdir-without-picomatch.mjs`);
        return { contents: source.replace(OPTIONAL_REQUIRE, ''), loader: 'js' };
      });
    },
  };
}
