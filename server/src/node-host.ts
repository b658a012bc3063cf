// The engine's view of the real file system, for the CLI and the language server.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { FileHost } from './engine/workspace';

/** Files larger than this are not read to follow includes (they are not configs). */
const MAX_BYTES = 16 * 1024 * 1024;

export interface NodeHostOptions {
  /**
   * The folders reads are confined to, asked on every read; undefined means no limit. The
   * language server confines an untrusted workspace to its folders, so that opening a config
   * never makes it read `/etc/...` or `~/.ssh/...` because an `include` points there.
   */
  allowedRoots?: () => readonly string[] | undefined;
}

export function nodeHost(options: NodeHostOptions = {}): FileHost {
  const allowed = (path: string) => {
    const roots = options.allowedRoots?.();
    return !roots || isUnderAny(path, roots);
  };
  return {
    readFile(path) {
      try {
        if (!allowed(path)) return undefined;
        if (statSync(path).size > MAX_BYTES) return undefined;
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    homeDir() {
      try {
        return homedir();
      } catch {
        return undefined;
      }
    },
    glob(pattern) {
      try {
        // Listing a folder is a read too: a pattern whose fixed part lies outside is not expanded.
        if (options.allowedRoots?.() && !allowed(globBase(pattern))) return [];
        return globSync(pattern, { absolute: true, onlyFiles: true, dot: true, expandDirectories: false })
          .filter(allowed)
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/**
 * Whether the file, after following symbolic links, lies inside one of the folders. A path that
 * does not resolve (missing file, dangling link) is not inside: nothing is read for it.
 */
export function isUnderAny(path: string, roots: readonly string[]): boolean {
  const real = realOrUndefined(path);
  if (!real) return false;
  return realRootsOf(roots).some((base) => {
    if (!base) return false;
    const rel = relative(base, real);
    return rel === '' || (rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel));
  });
}

/**
 * The real paths of a list of folders, resolved once per list rather than on every read: the
 * language server hands over a new list whenever its workspace folders change.
 */
const realRoots = new WeakMap<readonly string[], (string | undefined)[]>();
function realRootsOf(roots: readonly string[]): (string | undefined)[] {
  let real = realRoots.get(roots);
  if (!real) realRoots.set(roots, (real = roots.map(realOrUndefined)));
  return real;
}

/** The leading folders of a glob pattern that contain no pattern characters. */
export function globBase(pattern: string): string {
  const parts = resolve(pattern).split('/');
  const fixed: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}()!]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/') || '/';
}

function realOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
