// Everything nginx rules need about one file, computed once: its context and each directive's
// resolution against the reference.
import type { SourceFile, Workspace } from '../../engine/workspace';
import { resolveTree, type Resolution } from './context';
import { fileContext, type FileContext } from './fragment';

export interface NginxContext {
  file: SourceFile;
  ws: Workspace;
  context: FileContext;
  /** Every directive of the file, parents before children. */
  resolved: Resolution[];
}

export function analyzeContext(file: SourceFile, ws: Workspace, forcedContext?: string): NginxContext {
  const context = fileContext(file, ws, { forced: forcedContext });
  return { file, ws, context, resolved: resolveTree(file.parse.tree, context.bases) };
}
