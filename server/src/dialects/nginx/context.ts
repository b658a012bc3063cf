// Where a directive stands: the path of block names from the root, and which reference entry
// (module) applies there. `proxy_pass` in stream > server is the L4 one, in http > ... > location
// the L7 one; a name with no entry allowed at its path is "not allowed here", as nginx -t says.
import type { Directive } from '../../engine/syntax';
import { specsOf, type DirectiveSpec } from './reference';
import { treeSizeOf } from './tree';

/** Context names a fragment can be declared or inferred to live in, and their block paths. */
export const CONTEXT_PATHS: Record<string, string[]> = {
  main: [],
  events: ['events'],
  http: ['http'],
  server: ['http', 'server'],
  location: ['http', 'server', 'location'],
  upstream: ['http', 'upstream'],
  stream: ['stream'],
  'stream-server': ['stream', 'server'],
  'stream-upstream': ['stream', 'upstream'],
  mail: ['mail'],
};

/** Blocks whose bodies are data (key/value lines), not directives. */
export const DATA_BLOCKS = new Set(['map', 'geo', 'types', 'split_clients', 'charset_map', 'num_map', 'match']);

const TOP_FAMILIES = new Set(['http', 'stream', 'mail']);

/** Whether a reference entry is allowed at a block path (outermost block first). */
export function allowedAt(spec: DirectiveSpec, path: readonly string[]): boolean {
  if (spec.contexts.includes('')) return true;
  if (path.length === 0) return spec.contexts.includes('main');
  const root = TOP_FAMILIES.has(path[0]) ? path[0] : 'core';
  const family = spec.family === 'any' && !spec.contexts.some((c) => c === 'main' || c === 'events') ? 'http' : spec.family;
  if (family !== 'any' && family !== root) return false;
  const last = path[path.length - 1];
  if (last === 'if') return spec.contexts.includes('if') || (path[path.length - 2] === 'location' && spec.contexts.includes('if in location'));
  return spec.contexts.includes(last);
}

/** Human-readable list of where a directive may stand, e.g. "http: server, location; stream: server". */
export function describeContexts(specs: readonly DirectiveSpec[]): string {
  const parts: string[] = [];
  for (const s of specs) {
    const where = s.contexts.map((c) => (c === '' ? 'any block' : c)).join(', ');
    const family = s.family === 'any' ? '' : s.family;
    const label = family && !(s.contexts.length === 1 && s.contexts[0] === 'main') ? `${where} (${family})` : where;
    if (!parts.includes(label)) parts.push(label);
  }
  return parts.join('; ');
}

export interface Resolution {
  node: Directive;
  /** Block names from the file's root to the directive's parent. */
  localPath: string[];
  /** Every reference entry with this name. */
  specs: DirectiveSpec[];
  /** The entry that applies (the first allowed one; or the first entry when none is). */
  spec?: DirectiveSpec;
  /**
   * true/false when the context is known; undefined when the file's context is unknown and
   * context rules must stay quiet.
   */
  allowed?: boolean;
  /** With several bases that must all hold: the block paths where the directive is not allowed. */
  failedPaths?: string[][];
  /** Inside a data block (map, types, ...) or an opaque body: not a directive at all. */
  data: boolean;
  /** Contains a template placeholder such as `${NAME}`: not checked against the reference. */
  templated: boolean;
}

/** What resolution says about one directive name at one block path (shared by every such node). */
interface Verdict {
  specs: DirectiveSpec[];
  spec?: DirectiveSpec;
  allowed?: boolean;
  failedPaths?: string[][];
  templated: boolean;
  /** The resolutions with this name, when the caller asked for an index by name. */
  named?: Resolution[];
  /** What directives with this verdict share, outside and inside a misplaced block (built on first use). */
  loud?: Placement;
  quiet?: Placement;
}

/** Everything a Resolution says besides its node: shared by the directives of one name at one block path. */
export interface Placement {
  localPath: string[];
  verdict: Verdict;
  allowed: boolean | undefined;
  data: boolean;
  /** How the lexicon scan sorts these directives (see lexicon-scan.ts), worked out once for all of them. */
  lexicon: number | undefined;
}

/**
 * One block path of the tree (outermost block name first), shared by every block that stands at
 * it: its `localPath` array, the verdicts of the names met there, and the paths one level down.
 */
interface PathNode {
  localPath: string[];
  verdicts: Map<string, Verdict>;
  /** The same verdicts inside a data block or opaque body (no spec is picked there). */
  dataVerdicts: Map<string, Verdict>;
  kids: Map<string, PathNode>;
}

/**
 * A Resolution as resolveTree makes it: what is common to the directives of one name at one
 * block path is read from their shared placement, so that each of a large file's thousands of
 * directives costs two fields (the resolutions outlive the young generation, so their bytes are
 * copied by the GC).
 */
class ResolvedDirective implements Resolution {
  constructor(
    readonly node: Directive,
    readonly placement: Placement,
  ) {}

  get localPath(): string[] {
    return this.placement.localPath;
  }

  get allowed(): boolean | undefined {
    return this.placement.allowed;
  }

  get data(): boolean {
    return this.placement.data;
  }

  get specs(): DirectiveSpec[] {
    return this.placement.verdict.specs;
  }

  get spec(): DirectiveSpec | undefined {
    return this.placement.verdict.spec;
  }

  get failedPaths(): string[][] | undefined {
    return this.placement.verdict.failedPaths;
  }

  get templated(): boolean {
    return this.placement.verdict.templated;
  }
}

/** The placement a resolution shares with the others of its name and block path, when resolveTree made it. */
export function placementOf(r: Resolution): Placement | undefined {
  return r instanceof ResolvedDirective ? r.placement : undefined;
}

/**
 * For a walk over resolutions in order: tells where a run of resolutions sharing a placement
 * starts, so that what their placement decides is worked out once per run.
 */
export class PlacementRuns {
  private last: Placement | undefined;

  /** Whether `r` starts a run: it shares no placement with the resolution before it. */
  starts(r: Resolution): boolean {
    const placement = placementOf(r);
    if (placement && placement === this.last) return false;
    this.last = placement;
    return true;
  }
}

function pathNode(localPath: string[]): PathNode {
  return { localPath, verdicts: new Map(), dataVerdicts: new Map(), kids: new Map() };
}

/**
 * Resolves every directive of a tree. `bases` are the possible block paths of the file's root
 * (one per context the file is included from); an empty list means the context is unknown.
 * Verdicts depend only on the block path and the name, so each (path, name) pair is worked out
 * once; nodes at the same path share their `localPath` array. `byName`, when given, is filled
 * with the resolutions of each name, in document order.
 */
export function resolveTree(tree: readonly Directive[], bases: readonly string[][], mode: 'each' | 'any' = 'any', byName?: Map<string, Resolution[]>): Resolution[] {
  // Sized up front: a list grown by push copies itself each time it grows.
  const out: Resolution[] = new Array(treeSizeOf(tree));
  let count = 0;
  const verdict = (at: PathNode, name: string, data: boolean): Verdict => {
    const memo = data ? at.dataVerdicts : at.verdicts;
    let v = memo.get(name);
    if (v) return v;
    const specs = specsOf(name);
    const templated = name.includes('${');
    let spec: DirectiveSpec | undefined;
    let allowed: boolean | undefined;
    let failedPaths: string[][] | undefined;
    if (!data && specs.length) {
      const localPath = at.localPath;
      if (bases.length) {
        const failed: string[][] = [];
        for (const base of bases) {
          const full = base.length ? [...base, ...localPath] : localPath;
          const hit = specs.find((s) => allowedAt(s, full));
          if (hit) spec ??= hit;
          else failed.push(full);
        }
        allowed = mode === 'each' ? failed.length === 0 : failed.length < bases.length;
        if (!allowed) failedPaths = failed;
      }
      spec ??= pickByFamily(specs, localPath, bases);
    }
    let named: Resolution[] | undefined;
    if (byName) {
      named = byName.get(name);
      if (!named) byName.set(name, (named = []));
    }
    v = { specs, spec, allowed, failedPaths, templated, named };
    memo.set(name, v);
    return v;
  };
  // Inside a block that is itself misplaced, context verdicts would only repeat that one error.
  const visit = (nodes: readonly Directive[], at: PathNode, data: boolean, quiet: boolean): void => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const v = verdict(at, node.name, data);
      const specs = v.specs;
      const checked = !data && specs.length > 0;
      const placement = quiet
        ? (v.quiet ??= { localPath: at.localPath, verdict: v, allowed: undefined, data, lexicon: undefined })
        : (v.loud ??= { localPath: at.localPath, verdict: v, allowed: checked ? v.allowed : undefined, data, lexicon: undefined });
      const r = new ResolvedDirective(node, placement);
      out[count++] = r;
      v.named?.push(r);
      const children = node.children;
      if (!children) continue;
      let kid = at.kids.get(node.name);
      if (!kid) at.kids.set(node.name, (kid = pathNode([...at.localPath, node.name])));
      // The body of a block no reference entry names (a misspelt `geo`, a third-party `rtmp`) is
      // another module's syntax: checking it as nginx directives only piles errors on the one
      // the block's name already gets.
      const foreign = !specs.length && !data;
      visit(children, kid, data || DATA_BLOCKS.has(node.name) || !!node.opaque || foreign, quiet || (checked && v.allowed === false) || !specs.length);
    }
  };
  visit(tree, pathNode([]), bases.length > 0 && bases.every((b) => b.some((n) => DATA_BLOCKS.has(n))), false);
  return out;
}

function pickByFamily(specs: DirectiveSpec[], localPath: string[], bases: readonly string[][]): DirectiveSpec {
  const root = localPath[0] ?? bases[0]?.[0];
  return specs.find((s) => s.family === root) ?? specs[0];
}

/** Full block paths of a node, given the possible bases of its file. */
export function fullPaths(localPath: readonly string[], bases: readonly string[][]): string[][] {
  return bases.map((b) => [...b, ...localPath]);
}

/**
 * A directive that exists only for HTTP, standing (in some context of its file) inside `stream`:
 * the L7-in-L4 mistake, which has its own rule and message.
 */
export function isL7InStream(r: Resolution, bases: readonly string[][]): boolean {
  const path = r.failedPaths?.[0] ?? [...(bases[0] ?? []), ...r.localPath];
  return path[0] === 'stream' && r.specs.length > 0 && r.specs.every((s) => s.family === 'http');
}
