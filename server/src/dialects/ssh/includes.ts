// `Include` resolution as ssh and sshd do it: `~` is the home directory, and a relative path is
// taken from ~/.ssh (user ssh_config) or /etc/ssh (system ssh_config, sshd_config). In a
// workspace the including file's directory stands for that folder.
import { Memo } from '../../engine/memo';
import { posix } from 'node:path';
import type { Directive } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';

export interface SshInclude {
  directive: Directive;
  pattern: string;
  paths: string[];
  glob: boolean;
}

const GLOB = /[*?[]/;

export function resolveSshInclude(ws: Workspace, from: string, pattern: string): string[] {
  let p = pattern.replace(/\\/g, '/');
  if (p.startsWith('~/')) {
    const home = ws.host.homeDir?.();
    if (!home) return [];
    p = posix.join(home, p.slice(2));
  } else if (!posix.isAbsolute(p)) {
    p = posix.join(posix.dirname(from.replace(/\\/g, '/')), p);
  }
  if (GLOB.test(p)) return ws.host.glob(p).filter((x) => x !== from);
  return ws.get(p) || ws.host.readFile(p) !== undefined ? [p] : [];
}

const cache = new Memo<SourceFile, { ws: Workspace; includes: SshInclude[] }>();

export function sshIncludesOf(file: SourceFile, ws: Workspace): SshInclude[] {
  const hit = cache.get(file);
  if (hit?.ws === ws) return hit.includes;
  const includes: SshInclude[] = [];
  const visit = (d: Directive) => {
    // Cheap length test first: this runs over every line of the file.
    if (d.name.length !== 7 || d.name.toLowerCase() !== 'include') return;
    for (const a of d.args) {
      includes.push({ directive: d, pattern: a.value, glob: GLOB.test(a.value), paths: resolveSshInclude(ws, file.path, a.value) });
    }
  };
  // Depth first, parents before children (the order of walk()); ssh sections nest one level.
  const each = (nodes: readonly Directive[]) => {
    for (const d of nodes) {
      visit(d);
      if (d.children) each(d.children);
    }
  };
  each(file.parse.tree);
  cache.set(file, { ws, includes });
  return includes;
}
