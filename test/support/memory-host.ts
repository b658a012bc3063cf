// An in-memory file system for tests: a map of absolute paths to texts.
import picomatch from 'picomatch';
import { DIALECTS } from '../../server/src/dialects/index';
import type { LanguageId } from '../../server/src/engine/syntax';
import { Workspace, type FileHost } from '../../server/src/engine/workspace';

export function memoryHost(files: Record<string, string>): FileHost {
  return {
    readFile: (path) => files[path],
    glob: (pattern) => Object.keys(files).filter((p) => picomatch(pattern, { dot: true })(p)).sort(),
  };
}

/** A workspace over in-memory files, each loaded as an open document. */
export function memoryWorkspace(files: Record<string, string>, language?: LanguageId): Workspace {
  const ws = new Workspace(memoryHost(files), DIALECTS);
  for (const [path, text] of Object.entries(files)) ws.setFile(path, text, language);
  return ws;
}
