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

export function attachFindings(anchored: readonly Anchored[], findings: readonly Finding[]): void {
  for (const f of findings) {
    const direct = anchored.filter((a) => hits(a.ranges, f, overlaps));
    let targets = direct;
    if (!targets.length) {
      let best = Infinity;
      const sized: { a: Anchored; size: number }[] = [];
      for (const a of anchored) {
        const s = hits(a.scopes, f, contains);
        if (!s) continue;
        const size = Math.min(...a.scopes.filter((x) => x.path === f.path && contains(x.range, f.range)).map((x) => lines(x.range)));
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
