// The renderers: golden pictures of examples/, escaping, themes, and a stable layout.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { Workspace } from '../../server/src/engine/workspace';
import { buildRelayGraph } from '../../server/src/graph/build';
import { renderDot } from '../../server/src/graph/dot';
import { layoutGraphSync } from '../../server/src/graph/layout';
import { renderMermaid } from '../../server/src/graph/mermaid';
import type { RelayGraph } from '../../server/src/graph/model';
import { renderSvg } from '../../server/src/graph/svg';
import { nodeHost } from '../../server/src/node-host';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const GOLDEN = join(__dirname, 'golden');

function examplesGraph(reverse = false): RelayGraph {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(EXAMPLES);
  if (reverse) files.reverse();
  const ws = new Workspace(nodeHost(), DIALECTS);
  for (const p of files) ws.setFile(p, readFileSync(p, 'utf8'));
  return buildRelayGraph(ws);
}

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('relay graph renderers', () => {
  const graph = examplesGraph();

  it('draws examples/ as the golden Mermaid text', () => {
    golden('examples.mmd', renderMermaid(graph));
  });

  it('draws examples/ as the golden standalone SVG', () => {
    golden('examples.svg', renderSvg(layoutGraphSync(graph), { theme: 'standalone' }));
  });

  it('gives the same picture whatever order the files were read in', () => {
    // Findings too, messages included: a name in one config never resolves in another.
    const again = examplesGraph(true);
    expect(renderMermaid(again)).toBe(renderMermaid(graph));
    expect(renderSvg(layoutGraphSync(again), { theme: 'standalone' })).toBe(renderSvg(layoutGraphSync(graph), { theme: 'standalone' }));
    const findings = (g: RelayGraph) => g.hops.map((h) => [h.id, h.findings.map((f) => `${f.rule}: ${f.message}`)]);
    expect(findings(again)).toEqual(findings(graph));
  });

  it('lays out left to right: every hop out of a public-side node goes right, and no boxes overlap', () => {
    const laid = layoutGraphSync(graph);
    const at = new Map(laid.nodes.map((n) => [n.id, n]));
    for (const h of laid.hops) {
      const from = at.get(h.from)!;
      if (from.side === 0) expect(at.get(h.to)!.x, h.id).toBeGreaterThan(from.x);
    }
    for (const a of laid.nodes) {
      for (const b of laid.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('gives the vscode theme classes and data attributes instead of colours', () => {
    const svg = renderSvg(layoutGraphSync(graph), { theme: 'vscode' });
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/#[0-9a-f]{6}\b/i);
    expect(svg).not.toMatch(/\b(fill|stroke)="/);
    const remote = /<g class="(lw-hop [^"]*)" data-id="ssh-remote-listener:ssh\/reverse-tunnel\/broken[^"]*" data-path="([^"]+)" data-line="(\d+)"/.exec(svg);
    expect(remote).not.toBeNull();
    expect(remote![1].split(' ')).toEqual(expect.arrayContaining(['lw-hopkind-remote-forward', 'lw-layer-4', 'broken']));
    expect(remote![2]).toBe(join(EXAMPLES, 'ssh/reverse-tunnel/broken/ssh_config'));
    expect(remote![3]).toBe('6');
    expect(svg).toMatch(/<title>[^<]*(error|warning) ssh\/remote-forward-bind: /);
  });

  it('draws a graph too big for one picture in part, and says what it left out', () => {
    const nodes: RelayGraph['nodes'] = [];
    const hops: RelayGraph['hops'] = [];
    for (let i = 0; i < 30; i++) {
      const hub = `p${String(i).padStart(2, '0')}`;
      nodes.push({ id: hub, kind: 'client', label: hub, side: 0, findings: [] });
      for (let k = 0; k < 9; k++) {
        nodes.push({ id: `${hub}-${k}`, kind: 'host', label: `${hub}-${k}`, side: 2, findings: [] });
        hops.push({ id: `${hub}->${k}`, from: hub, to: `${hub}-${k}`, layer: 4, protocol: 'ssh', kind: 'ssh', findings: [] });
      }
    }
    const whole: RelayGraph = { nodes, hops, files: [] };
    const laid = layoutGraphSync(whole, 95);
    expect(laid.nodes.length).toBe(95);
    expect(laid.omitted).toEqual({ nodes: 300 - 95, hops: 270 - laid.hops.length });
    // Whole pieces first, then the start of the next one with the hops among what is kept.
    expect(laid.nodes.filter((n) => n.id.startsWith('p09')).length).toBe(5);
    for (const h of laid.hops) expect(laid.nodes.some((n) => n.id === h.to)).toBe(true);
    const svg = renderSvg(laid, { theme: 'standalone' });
    expect(svg).toContain('205 more endpoints and');
    expect(layoutGraphSync(whole).omitted).toBeUndefined();
  });

  it('escapes config text in every format', () => {
    const nasty = 'a<b>&"c"|#[x]\\';
    const g: RelayGraph = {
      files: [],
      nodes: [
        { id: 'x:"1"', kind: 'listener', label: nasty, detail: nasty, side: 0, findings: [] },
        { id: 'x:2', kind: 'upstream-server', label: 'plain', side: 2, findings: [] },
      ],
      hops: [{ id: 'h', from: 'x:"1"', to: 'x:2', layer: 7, protocol: 'http', kind: 'proxy', label: nasty, findings: [{ rule: 'r/x', severity: 'error', message: '<boom> & "bang"', path: '/p', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] }],
    };
    const svg = renderSvg(layoutGraphSync(g), { theme: 'standalone' });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c&quot;|#[x]\\');
    expect(svg).toContain('&lt;boom&gt; &amp; &quot;bang&quot;');
    const mmd = renderMermaid(g);
    const quoted = [...mmd.matchAll(/"([^"]*)"/g)].map((m) => m[1].replace(/<br\/>/g, ''));
    expect(quoted.length).toBeGreaterThan(2);
    for (const q of quoted) expect(q).not.toMatch(/[<>"|]/);
    expect(mmd).toContain('a#60;b#62;#38;#34;c#34;#124;#35;[x]#92;');
    const dot = renderDot(g);
    expect(dot).toContain('"x:\\"1\\"" -> "x:2"');
    expect(dot).toContain('label="a<b>&\\"c\\"|#[x]\\\\');
  });
});
