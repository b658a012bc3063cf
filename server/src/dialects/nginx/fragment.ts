// The context a file's top level stands in. A full config is `main`; a fragment takes the context
// of the includes that pull it in, else a `# layerwise: context=...` comment, else what its
// content allows. When none of these tells, the result is empty and context rules stay quiet.
import { posix } from 'node:path';
import { blockPath } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { allowedAt, CONTEXT_PATHS } from './context';
import { includesOf } from './includes';
import { specsOf } from './reference';

const DECLARED = /^#\s*layerwise:\s*context\s*=\s*([a-z-]+)/;
const MAIN_ONLY = new Set(['http', 'events', 'stream', 'mail', 'worker_processes', 'user', 'pid', 'load_module', 'worker_rlimit_nofile', 'daemon', 'master_process']);
const INFERABLE = ['main', 'http', 'server', 'location', 'stream', 'stream-server', 'upstream', 'stream-upstream'];

export interface FileContext {
  bases: string[][];
  /**
   * 'each': every base is a real inclusion, so a directive must be allowed in all of them.
   * 'any': the bases are guesses from content, so one that allows it is enough.
   */
  mode: 'each' | 'any';
  /** How the context was found, for hover and messages. */
  source: 'main' | 'included' | 'declared' | 'inferred' | 'unknown';
  /** Files including this one, when that is the source. */
  includers: string[];
}

/** The comment-declared context of a file, if its first comment lines declare one. */
export function declaredContext(file: SourceFile): string | undefined {
  for (const c of file.parse.comments) {
    if (c.range.start.line > 5) break;
    const m = DECLARED.exec(c.text);
    if (m && CONTEXT_PATHS[m[1]]) return m[1];
  }
  return undefined;
}

export function fileContext(file: SourceFile, ws: Workspace, options: { forced?: string } = {}): FileContext {
  if (options.forced && CONTEXT_PATHS[options.forced]) return { bases: [CONTEXT_PATHS[options.forced]], mode: 'each', source: 'declared', includers: [] };
  const declared = declaredContext(file);
  if (declared) return { bases: [CONTEXT_PATHS[declared]], mode: 'each', source: 'declared', includers: [] };
  const base = posix.basename(file.path);
  if (base === 'nginx.conf' || file.parse.tree.some((d) => MAIN_ONLY.has(d.name))) return { bases: [[]], mode: 'each', source: 'main', includers: [] };
  const included = includerPaths(file, ws, new Set([file.path]));
  if (included.bases.length) return { bases: included.bases, mode: 'each', source: 'included', includers: included.includers };
  return inferContext(file);
}

/** Block paths at which other workspace files include this one (following their own includers). */
function includerPaths(file: SourceFile, ws: Workspace, seen: Set<string>): { bases: string[][]; includers: string[] } {
  const bases: string[][] = [];
  const includers: string[] = [];
  for (const other of ws.all()) {
    if (other.language !== 'nginx' || seen.has(other.path)) continue;
    for (const inc of includesOf(other, ws)) {
      if (!inc.paths.includes(file.path)) continue;
      const local = [...blockPath(inc.directive)];
      let otherBases: string[][];
      const declared = declaredContext(other);
      if (declared) otherBases = [CONTEXT_PATHS[declared]];
      else if (posix.basename(other.path) === 'nginx.conf' || other.parse.tree.some((d) => MAIN_ONLY.has(d.name))) otherBases = [[]];
      else {
        seen.add(other.path);
        otherBases = includerPaths(other, ws, seen).bases;
        if (!otherBases.length) otherBases = inferContext(other).bases;
      }
      for (const b of otherBases) {
        const full = [...b, ...local];
        if (!bases.some((x) => x.join('>') === full.join('>'))) bases.push(full);
      }
      if (!includers.includes(other.path)) includers.push(other.path);
    }
  }
  return { bases, includers };
}

/** The contexts in which every known top-level directive of the file is allowed. */
export function inferContext(file: SourceFile): FileContext {
  const top = file.parse.tree.filter((d) => specsOf(d.name).length && d.name !== 'include');
  if (!top.length) return { bases: [], mode: 'any', source: 'unknown', includers: [] };
  const fits = INFERABLE.filter((ctx) => top.every((d) => specsOf(d.name).some((s) => allowedAt(s, CONTEXT_PATHS[ctx]))));
  if (!fits.length) return { bases: [], mode: 'any', source: 'unknown', includers: [] };
  return { bases: fits.map((c) => CONTEXT_PATHS[c]), mode: 'any', source: 'inferred', includers: [] };
}
