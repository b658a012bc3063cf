// ProxyJump hops located in the file: each hop of each ProxyJump line with its exact range.
import type { Arg, Range } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import type { SourceFile } from '../../engine/workspace';
import { sshIncludesOf } from './includes';
import { parseJump, type Hop } from './jump';

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

const cache = new WeakMap<SshContext, LocatedHop[]>();

export function jumpHops(ctx: SshContext): LocatedHop[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out: LocatedHop[] = [];
  for (const line of ctx.lines) {
    if (line.key !== 'proxyjump') continue;
    const arg = line.node.args[0];
    if (!arg) continue;
    parseJump(arg.value).forEach((hop, index) => {
      // An empty hop is shown on the comma next to it.
      const [from, to] = hop.start < hop.end ? [hop.start, hop.end] : hop.start < arg.value.length ? [hop.start, hop.start + 1] : [hop.start - 1, hop.start];
      out.push({
        line, arg, hop, index,
        range: argSubRange(arg, Math.max(0, from), to) ?? arg.range,
        hostRange: argSubRange(arg, hop.hostStart, hop.hostEnd),
      });
    });
  }
  cache.set(ctx, out);
  return out;
}

/**
 * Host names and patterns (other than the catch-all) and Match host names of the workspace's
 * ssh_config files and of the files they include (read on demand).
 */
export function hostNamePatterns(ctx: SshContext): { patterns: string[]; canonicalizes: boolean } {
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
  for (const f of files.values()) {
    for (const d of f.parse.tree) {
      const key = d.name.toLowerCase();
      const lines = d.children ? [d, ...d.children] : [d];
      for (const l of lines) {
        if (l.name.toLowerCase() === 'canonicalizehostname' && /^(yes|always)$/i.test(l.args[0]?.value ?? '')) canonicalizes = true;
      }
      if (!d.children) continue;
      if (key === 'host') {
        for (const a of d.args) for (const p of a.value.split(',')) if (p && !p.startsWith('!') && p !== '*') patterns.push(p);
      } else if (key === 'match') {
        for (let i = 0; i + 1 < d.args.length; i++) {
          const c = d.args[i].value.toLowerCase();
          if (c === 'host' || c === 'originalhost') for (const p of d.args[++i].value.split(',')) if (p && !p.startsWith('!') && p !== '*') patterns.push(p);
        }
      }
    }
  }
  return { patterns, canonicalizes };
}
