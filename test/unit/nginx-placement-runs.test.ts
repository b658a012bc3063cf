// PlacementRuns: a walk over resolutions works out what their shared placement decides once per
// run of resolutions with one placement (one name at one block path), and anew for every other.
import { describe, expect, it } from 'vitest';
import { analyzeContext } from '../../server/src/dialects/nginx/analysis';
import { PlacementRuns, type Resolution } from '../../server/src/dialects/nginx/context';
import { memoryWorkspace } from '../support/memory-host';

function resolutions(text: string, name: string): readonly Resolution[] {
  const ws = memoryWorkspace({ '/ws/nginx.conf': text }, 'nginx');
  return analyzeContext(ws.get('/ws/nginx.conf')!, ws, undefined).named(name);
}

/** For each resolution in order, whether it starts a run. */
const starts = (rs: readonly Resolution[]) => {
  const runs = new PlacementRuns();
  return rs.map((r) => runs.starts(r));
};

describe('PlacementRuns', () => {
  it('starts a run where the block path changes, and goes on through directives at one path', () => {
    const rs = resolutions(
      'events {}\nhttp {\n  server { location / { proxy_pass http://a; } location /b { proxy_pass http://b; } }\n  server { proxy_pass http://c; location /d { proxy_pass http://d; } }\n}\n',
      'proxy_pass',
    );
    expect(rs.map((r) => r.localPath.join(' '))).toEqual(['http server location', 'http server location', 'http server', 'http server location']);
    expect(starts(rs)).toEqual([true, false, true, true]);
  });

  it('starts a run at every resolution that has no shared placement', () => {
    const r = resolutions('events {}\nhttp { server { location / { proxy_pass http://a; } } }\n', 'proxy_pass')[0];
    const alone: Resolution = { node: r.node, localPath: r.localPath, specs: r.specs, spec: r.spec, allowed: r.allowed, data: r.data, templated: r.templated };
    expect(starts([alone, alone, r, r])).toEqual([true, true, true, false]);
  });
});
