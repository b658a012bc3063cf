// Go to definition: upstream names in *_pass URLs, named locations (@name), and include paths.
import { walk, type Directive, type Position } from '../../engine/syntax';
import type { Place } from '../../engine/dialect';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { locate } from '../../features/locate';
import { analyzeContext } from './analysis';
import { includesOf } from './includes';
import { lowerCase } from './target';
import { configUpstreams } from './upstreams';

const PASS = /^(proxy_pass|grpc_pass|uwsgi_pass|fastcgi_pass|scgi_pass|memcached_pass)$/;

/** The upstream name a *_pass argument refers to, if it names one. */
export function upstreamNameOf(arg: string): string | undefined {
  const m = /^(?:[a-z]+:\/\/)?([A-Za-z0-9_.-]+)(?::\d+)?(?:\/.*)?$/.exec(arg);
  return m?.[1];
}

export function nginxDefinition(file: SourceFile, pos: Position, ws: Workspace): Place[] {
  const hit = locate(file.parse.tree, pos);
  if (!hit?.arg) return [];
  const d = hit.directive;
  if (d.name === 'include') {
    const target = includesOf(file, ws).find((t) => t.directive === d);
    return (target?.paths ?? []).map((path) => ({ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  }
  if (PASS.test(d.name) && hit.argIndex === 0) {
    const name = upstreamNameOf(hit.arg.value);
    return name ? findUpstreams(ws, file, name) : [];
  }
  if (hit.arg.value.startsWith('@')) {
    return findNamedLocations(file, hit.arg.value);
  }
  return [];
}

/** Upstreams of that name in the file's own configuration (its file first): another config's are another nginx's. */
function findUpstreams(ws: Workspace, from: SourceFile, name: string): Place[] {
  const ctx = analyzeContext(from, ws, ws.contextOverride.get(from.path));
  const key = lowerCase(name);
  const blocks = [...(configUpstreams(ctx, 'http').get(key) ?? []), ...(configUpstreams(ctx, 'stream').get(key) ?? [])];
  const own = blocks.filter((b) => b.file.path === from.path);
  const seen = new Set<Directive>();
  const out: Place[] = [];
  // A fragment included in both http and stream has its blocks in each family: listed once.
  for (const b of [...own, ...blocks.filter((b) => b.file.path !== from.path)]) {
    if (seen.has(b.node)) continue;
    seen.add(b.node);
    out.push({ path: b.file.path, range: b.node.args[0].range });
  }
  return out;
}

function findNamedLocations(file: SourceFile, name: string): Place[] {
  const out: Place[] = [];
  for (const d of walk(file.parse.tree) as Iterable<Directive>) {
    if (d.name === 'location' && d.args[0]?.value === name) out.push({ path: file.path, range: d.args[0].range });
  }
  return out;
}
