// Go to definition: a ProxyJump hop to the Host block that defines it, Include to its files.
import type { Place } from '../../engine/dialect';
import type { Position } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { locate } from '../../features/locate';
import { analyzeSsh } from './analysis';
import { sshIncludesOf } from './includes';
import { parseJump } from './jump';

export function sshDefinition(file: SourceFile, pos: Position, ws: Workspace): Place[] {
  const hit = locate(file.parse.tree, pos);
  if (!hit?.arg) return [];
  const key = hit.directive.name.toLowerCase();
  if (key === 'include') {
    const inc = sshIncludesOf(file, ws).find((i) => i.directive === hit.directive && i.pattern === hit.arg!.value);
    return (inc?.paths ?? []).map((path) => ({ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  }
  if (key === 'proxyjump') {
    const offset = pos.character - hit.arg.range.start.character;
    const hop = parseJump(hit.arg.value).find((h) => offset >= h.start && offset <= h.end);
    if (!hop) return [];
    const defs = analyzeSsh(file, ws).hostAliases().get(hop.host.toLowerCase()) ?? [];
    return defs.map((d) => {
      const arg = d.args.find((a) => a.value.toLowerCase() === hop.host.toLowerCase())!;
      return { path: pathOf(ws, d), range: arg.range };
    });
  }
  return [];
}

/** The file a Host block belongs to. */
function pathOf(ws: Workspace, node: { range: unknown }): string {
  for (const f of ws.all()) if (f.parse.tree.includes(node as never)) return f.path;
  return '';
}
