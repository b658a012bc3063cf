// The engine's view of the real file system, for the CLI and the language server.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { globSync } from 'tinyglobby';
import type { FileHost } from './engine/workspace';

/** Files larger than this are not read to follow includes (they are not configs). */
const MAX_BYTES = 16 * 1024 * 1024;

export function nodeHost(): FileHost {
  return {
    readFile(path) {
      try {
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
        return globSync(pattern, { absolute: true, onlyFiles: true, dot: true, expandDirectories: false }).sort();
      } catch {
        return [];
      }
    },
  };
}
