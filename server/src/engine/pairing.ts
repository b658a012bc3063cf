// Pairing files across a workspace (an ssh client with its server, an OpenVPN client with its
// server): when several candidates exist, the ones in the nearest directory win.
import type { SourceFile } from './workspace';

/**
 * The other side's files that belong with this one: all of them when there is at most one,
 * else those in the directory nearest to this file's (by shared path prefix). When several
 * unrelated places tie, pairing would be a guess, so there are none.
 */
export function nearestPeers(path: string, candidates: SourceFile[]): SourceFile[] {
  if (candidates.length <= 1) return candidates;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  const shared = (other: string) => {
    const odir = other.slice(0, other.lastIndexOf('/') + 1);
    let i = 0;
    while (i < dir.length && i < odir.length && dir[i] === odir[i]) i++;
    return dir.slice(0, i).lastIndexOf('/');
  };
  const scored = candidates.map((f) => ({ f, score: shared(f.path) }));
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best).map((s) => s.f);
  const topDirs = new Set(top.map((f) => f.path.slice(0, f.path.lastIndexOf('/'))));
  return topDirs.size === 1 ? top : [];
}
