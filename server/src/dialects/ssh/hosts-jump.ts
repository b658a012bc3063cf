// ProxyJump hops located in the file: each hop of each ProxyJump line with its exact range.
import { Memo } from '../../engine/memo';
import type { Arg, Directive, Range } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import type { SourceFile } from '../../engine/workspace';
import { sshIncludesOf } from './includes';
import { parseJump, type Hop } from './jump';
import { matchPattern } from './patterns';

export interface LocatedHop {
  line: Line;
  arg: Arg;
  hop: Hop;
  index: number;
  /** The hop's text in the file (the whole argument when it is quoted or escaped). */
  range: Range;
  /** The host name's text in the file, when it can be located exactly. */
  hostRange?: Range;
}

/** Exact range of value offsets [from, to) inside an argument, when the argument is written plainly. */
export function argSubRange(arg: Arg, from: number, to: number): Range | undefined {
  if (arg.text !== arg.value || arg.range.start.line !== arg.range.end.line) return undefined;
  const line = arg.range.start.line;
  const c = arg.range.start.character;
  return { start: { line, character: c + from }, end: { line, character: c + to } };
}

/** A hop whose ranges are worked out when a rule reports it. */
class Located implements LocatedHop {
  private ranges?: { range: Range; hostRange?: Range };

  constructor(readonly line: Line, readonly arg: Arg, readonly hop: Hop, readonly index: number) {}

  private locate(): { range: Range; hostRange?: Range } {
    if (!this.ranges) {
      const { arg, hop } = this;
      // An empty hop is shown on the comma next to it.
      let from = hop.start;
      let to = hop.end;
      if (!(hop.start < hop.end)) {
        if (hop.start < arg.value.length) to = hop.start + 1;
        else {
          from = hop.start - 1;
          to = hop.start;
        }
      }
      this.ranges = { range: argSubRange(arg, Math.max(0, from), to) ?? arg.range, hostRange: argSubRange(arg, hop.hostStart, hop.hostEnd) };
    }
    return this.ranges;
  }

  get range(): Range {
    return this.locate().range;
  }

  get hostRange(): Range | undefined {
    return this.locate().hostRange;
  }
}

const cache = new Memo<SshContext, LocatedHop[]>();

export function jumpHops(ctx: SshContext): LocatedHop[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: LocatedHop[] = [];
  for (const line of ctx.lines) {
    if (line.key !== 'proxyjump') continue;
    const arg = line.node.args[0];
    if (!arg) continue;
    const hops = parseJump(arg.value);
    for (let index = 0; index < hops.length; index++) out.push(new Located(line, arg, hops[index], index));
  }
  cache.set(ctx, out);
  return out;
}

/**
 * Host names and patterns (other than the catch-all) and Match host names of the workspace's
 * ssh_config files and of the files they include (read on demand). `covers` tells whether one of
 * the patterns matches a name: literal patterns are looked up, only wildcards are tried.
 */
export function hostNamePatterns(ctx: SshContext): { patterns: string[]; canonicalizes: boolean; covers(name: string): boolean } {
  const patterns: string[] = [];
  let canonicalizes = false;
  const files = new Map<string, SourceFile>();
  const visit = (f: SourceFile, depth: number) => {
    if (files.has(f.path) || f.language !== 'ssh_config') return;
    files.set(f.path, f);
    if (depth > 8) return;
    for (const inc of sshIncludesOf(f, ctx.ws)) {
      for (const p of inc.paths) {
        const g = ctx.ws.load(p, 'ssh_config');
        if (g) visit(g, depth + 1);
      }
    }
  };
  for (const f of ctx.ws.all()) visit(f, 0);
  /** The positive patterns of a comma list, the catch-all left out. */
  const add = (list: string) => {
    if (!list.includes(',')) {
      if (list && !list.startsWith('!') && list !== '*') patterns.push(list);
      return;
    }
    for (const p of list.split(',')) if (p && !p.startsWith('!') && p !== '*') patterns.push(p);
  };
  const canonical = (l: Directive) => {
    if (l.name.length === 20 && l.name.toLowerCase() === 'canonicalizehostname' && /^(yes|always)$/i.test(l.args[0]?.value ?? '')) canonicalizes = true;
  };
  for (const f of files.values()) {
    for (const d of f.parse.tree) {
      canonical(d);
      if (!d.children) continue;
      for (const c of d.children) canonical(c);
      const key = d.name.toLowerCase();
      if (key === 'host') {
        for (const a of d.args) add(a.value);
      } else if (key === 'match') {
        for (let i = 0; i + 1 < d.args.length; i++) {
          const c = d.args[i].value.toLowerCase();
          if (c === 'host' || c === 'originalhost') add(d.args[++i].value);
        }
      }
    }
  }
  let literal: Set<string> | undefined;
  const literalPatterns: string[] = [];
  let wild: string[] | undefined;
  return {
    patterns,
    canonicalizes,
    covers(name) {
      if (!wild) {
        wild = [];
        for (const p of patterns) {
          if (p.includes('*') || p.includes('?')) wild.push(p);
          else literalPatterns.push(p);
        }
      }
      // Wildcards first: when one matches, the literal names need no set at all.
      for (const p of wild) if (matchPattern(name, p)) return true;
      literal ??= new Set(literalPatterns.map((p) => p.toLowerCase()));
      return literal.has(name.toLowerCase());
    },
  };
}
