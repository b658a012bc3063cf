// Which nodes and hops a finding is about. A finding goes to every item whose own lines it
// overlaps (the forward line, the proxy_pass, the listen). A finding on no such line but inside a
// block that shapes some items (a stream server with an HTTP directive, a Host section) goes to
// the items of the smallest such block: that block is what the broken hop runs through.
import type { Finding } from '../engine/rules';
import type { Range } from '../engine/syntax';
import type { Anchored } from './builder';
import type { SourceRef } from './model';

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether two ranges meet (ranges that only touch at an end count: an empty range marks a position). */
export function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function contains(outer: Range, inner: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

function lines(r: Range): number {
  return (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
}

function hits(refs: readonly SourceRef[], f: Finding, test: (r: Range, f: Range) => boolean): SourceRef | undefined {
  return refs.find((s) => s.path === f.path && test(s.range, f.range));
}

/** Items by the lines their own ranges cover, per path, so each finding looks at few candidates. */
class LineIndex {
  private readonly byLine = new Map<string, Anchored[]>();
  private readonly wide: Anchored[] = [];

  constructor(anchored: readonly Anchored[]) {
    for (const a of anchored) {
      for (const r of a.ranges) {
        const span = r.range.end.line - r.range.start.line;
        if (span > 64) {
          if (!this.wide.includes(a)) this.wide.push(a);
          continue;
        }
        for (let line = r.range.start.line; line <= r.range.end.line; line++) {
          const key = `${line}:${r.path}`;
          const list = this.byLine.get(key);
          if (!list) this.byLine.set(key, [a]);
          else if (list[list.length - 1] !== a) list.push(a);
        }
      }
    }
  }

  candidates(f: Finding): Set<Anchored> {
    const out = new Set<Anchored>(this.wide);
    const last = Math.min(f.range.end.line, f.range.start.line + 64);
    for (let line = f.range.start.line; line <= last; line++) for (const a of this.byLine.get(`${line}:${f.path}`) ?? []) out.add(a);
    return out;
  }
}

export function attachFindings(anchored: readonly Anchored[], findings: readonly Finding[]): void {
  const index = new LineIndex(anchored);
  const scoped = anchored.filter((a) => a.scopes.length);
  for (const f of findings) {
    let targets = [...index.candidates(f)].filter((a) => hits(a.ranges, f, overlaps));
    if (!targets.length) {
      let best = Infinity;
      const sized: { a: Anchored; size: number }[] = [];
      for (const a of scoped) {
        let size = Infinity;
        for (const x of a.scopes) if (x.path === f.path && contains(x.range, f.range)) size = Math.min(size, lines(x.range));
        if (size === Infinity) continue;
        sized.push({ a, size });
        best = Math.min(best, size);
      }
      targets = sized.filter((s) => s.size === best).map((s) => s.a);
    }
    for (const t of targets) {
      const entry = { rule: f.rule, severity: f.severity, message: f.message, path: f.path, range: f.range };
      if (!t.item.findings.some((x) => x.rule === entry.rule && x.path === entry.path && x.range.start.line === entry.range.start.line && x.range.start.character === entry.range.start.character && x.message === entry.message)) {
        t.item.findings.push(entry);
      }
    }
  }
}
