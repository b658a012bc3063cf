// `include` resolution: patterns are globs, relative paths are tried against the including
// file's directory and then its parent directories (where the nginx prefix usually is).
import { posix } from 'node:path';
import type { Directive } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { walk } from '../../engine/syntax';

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

const cache = new WeakMap<SourceFile, { ws: Workspace; targets: IncludeTarget[] }>();

/** Every `include` of a file with what it resolves to (cached per parsed file). */
export function includesOf(file: SourceFile, ws: Workspace): IncludeTarget[] {
  const hit = cache.get(file);
  if (hit && hit.ws === ws) return hit.targets;
  const targets: IncludeTarget[] = [];
  for (const d of walk(file.parse.tree)) {
    if (d.name !== 'include' || d.args.length !== 1) continue;
    const pattern = d.args[0].value;
    targets.push({ directive: d, pattern, glob: GLOB.test(pattern), paths: resolveInclude(ws, file.path, pattern) });
  }
  cache.set(file, { ws, targets });
  return targets;
}
