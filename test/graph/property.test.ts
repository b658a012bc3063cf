// Property test: the relay graph and its renderers stay total on randomly damaged example
// setups: no throw, every hop joins known nodes, every source range lies in its document.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRelayGraph } from '../../server/src/graph/build';
import { renderDot } from '../../server/src/graph/dot';
import { renderJson } from '../../server/src/graph/json';
import { layoutGraphSync } from '../../server/src/graph/layout';
import { renderMermaid } from '../../server/src/graph/mermaid';
import { renderSvg } from '../../server/src/graph/svg';
import { LineIndex } from '../../server/src/engine/text';
import { apply, checkRange, opArb } from '../support/damage';
import { memoryWorkspace } from '../support/memory-host';

const SEED = Number(process.env.LW_PROP_SEED ?? 20261124);
const RUNS = Number(process.env.LW_PROP_RUNS ?? 150);
const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** Each folder of examples/ that holds config files, with its files under a virtual root. */
function setups(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const visit = (dir: string) => {
    const files: Record<string, string> = {};
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name === 'ccd') for (const c of readdirSync(p)) files[`/setup/ccd/${c}`] = readFileSync(join(p, c), 'utf8');
        else visit(p);
      } else files[`/setup/${relative(dir, p)}`] = readFileSync(p, 'utf8');
    }
    if (Object.keys(files).length) out.push(files);
  };
  visit(EXAMPLES);
  return out;
}

describe('relay graph on damaged example setups', () => {
  const all = setups();

  it('never throws and keeps hops, ids and ranges consistent', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
    fc.assert(
      fc.property(fc.record({ setup: fc.nat({ max: all.length - 1 }), file: fc.nat(), ops: fc.array(opArb, { minLength: 1, maxLength: 6 }) }), ({ setup, file, ops }) => {
        const files = { ...all[setup] };
        const names = Object.keys(files);
        const target = names[file % names.length];
        files[target] = ops.reduce(apply, files[target]);
        const ws = memoryWorkspace(files);
        const graph = buildRelayGraph(ws);
        const ids = new Set(graph.nodes.map((n) => n.id));
        expect(ids.size).toBe(graph.nodes.length);
        expect(new Set(graph.hops.map((h) => h.id)).size).toBe(graph.hops.length);
        for (const h of graph.hops) expect(ids.has(h.from) && ids.has(h.to), h.id).toBe(true);
        for (const item of [...graph.nodes, ...graph.hops]) {
          const refs = [item.source, ...item.findings].filter((s) => s !== undefined);
          for (const s of refs) {
            const text = files[s!.path] ?? ws.get(s!.path)?.text;
            expect(text, s!.path).toBeDefined();
            checkRange(new LineIndex(text!), s!.range, `${item.id} in ${s!.path}`);
          }
        }
        const svg = renderSvg(layoutGraphSync(graph), { theme: 'vscode' });
        expect(svg.match(/<g[ >]/g)?.length ?? 0).toBe(svg.match(/<\/g>/g)?.length ?? 0);
        renderMermaid(graph);
        renderDot(graph);
        JSON.parse(renderJson(graph));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
