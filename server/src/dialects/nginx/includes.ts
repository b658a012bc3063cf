// `include` resolution: patterns are globs, relative paths are tried against the including
// file's directory and then its parent directories (where the nginx prefix usually is).
import { posix } from 'node:path';
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';

export interface IncludeTarget {
  directive: Directive;
  pattern: string;
  /** Files the pattern matches (empty when nothing does). */
  paths: string[];
  glob: boolean;
}

const GLOB = /[*?[]/;
const PREFIX_DEPTH = 3;

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Resolves one include pattern as seen from the file that contains it. */
export function resolveInclude(ws: Workspace, from: string, pattern: string): string[] {
  if (!pattern || pattern.includes('$')) return [];
  const glob = GLOB.test(pattern);
  const candidates: string[] = [];
  if (posix.isAbsolute(toPosix(pattern))) candidates.push(toPosix(pattern));
  else {
    let dir = posix.dirname(toPosix(from));
    for (let i = 0; i <= PREFIX_DEPTH; i++) {
      candidates.push(posix.join(dir, pattern));
      const up = posix.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  for (const c of candidates) {
    if (glob) {
      const hits = ws.host.glob(c).filter((p) => p !== from);
      if (hits.length) return hits;
    } else if (ws.get(c) || ws.host.readFile(c) !== undefined) return [c];
  }
  return [];
}

// What an unchanged file's includes match changes only when files are added or removed, not
// when texts change: the cache is keyed by a version of the workspace's set of paths.
const cache = new Memo<SourceFile, { ws: Workspace; fileSet: number; targets: IncludeTarget[] }>();
const fileSets = new WeakMap<Workspace, { generation: number; paths: string; version: number }>();

function fileSetVersion(ws: Workspace): number {
  const known = fileSets.get(ws);
  if (known && known.generation === ws.generation) return known.version;
  const paths = ws
    .all()
    .map((f) => f.path)
    .join('\n');
  const version = known && known.paths === paths ? known.version : (known?.version ?? 0) + 1;
  fileSets.set(ws, { generation: ws.generation, paths, version });
  return version;
}

/** Every `include` of a file with what it resolves to (cached per parsed file). */
export function includesOf(file: SourceFile, ws: Workspace): IncludeTarget[] {
  const hit = cache.get(file);
  const fileSet = fileSetVersion(ws);
  if (hit && hit.ws === ws && hit.fileSet === fileSet) return hit.targets;
  const targets: IncludeTarget[] = [];
  // Depth first, parents before children, with an explicit stack of (block, next index): nested
  // generators (walk) cost more than the rest of this on large files, and recursion would
  // overflow on absurdly deep nesting.
  const lists: (readonly Directive[])[] = [file.parse.tree];
  const next: number[] = [0];
  while (lists.length) {
    const top = lists.length - 1;
    const nodes = lists[top];
    const i = next[top]++;
    if (i >= nodes.length) {
      lists.pop();
      next.pop();
      continue;
    }
    const d = nodes[i];
    if (d.name === 'include' && d.args.length === 1) {
      const pattern = d.args[0].value;
      targets.push({ directive: d, pattern, glob: GLOB.test(pattern), paths: resolveInclude(ws, file.path, pattern) });
    }
    if (d.children) {
      lists.push(d.children);
      next.push(0);
    }
  }
  cache.set(file, { ws, fileSet, targets });
  return targets;
}

const byDirective = new Memo<SourceFile, { targets: IncludeTarget[]; map: Map<Directive, IncludeTarget> }>();

/** What one `include` directive of a file resolves to (indexed once per includesOf result). */
export function includeAt(file: SourceFile, ws: Workspace, node: Directive): IncludeTarget | undefined {
  const targets = includesOf(file, ws);
  let hit = byDirective.get(file);
  if (!hit || hit.targets !== targets) byDirective.set(file, (hit = { targets, map: new Map(targets.map((t) => [t.directive, t])) }));
  return hit.map.get(node);
}
