// One pass over a file's resolutions for the lexicon rules (unknown, misplaced, block/simple,
// argument count, single-valued): each rule then walks only its own candidates, in document
// order, instead of every directive of the file again.
import { Memo } from '../../engine/memo';
import type { NginxContext } from './analysis';
import { placementOf, type Resolution } from './context';
import type { DirectiveSpec } from './reference';
import { argCountOf } from './tree';

/** Candidates of the lexicon rules, each list in document order (shared: do not modify). */
export interface LexiconCandidates {
  /** No reference entry by that name (not data, not templated). */
  unknown: Resolution[];
  /** Not allowed where it stands (`allowed === false`, not data, not templated). */
  misplaced: Resolution[];
  /** The rest, resolved to an entry: a block where the entry is simple or the other way round. */
  blockMismatch: Resolution[];
  /** ... with fewer or more arguments than the entry's syntax allows. */
  argCount: Resolution[];
  /** ... whose entry holds one value per block. */
  singleValued: Resolution[];
}

const cache = new Memo<NginxContext, LexiconCandidates>();

export function lexiconCandidates(ctx: NginxContext): LexiconCandidates {
  let out = cache.get(ctx);
  if (out) return out;
  out = { unknown: [], misplaced: [], blockMismatch: [], argCount: [], singleValued: [] };
  const resolved = ctx.resolved;
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i];
    // What depends only on the name and block path is sorted once per placement.
    const placement = placementOf(r);
    const kind = placement ? (placement.lexicon ??= kindOf(r)) : kindOf(r);
    if (kind === SKIP) continue;
    if (kind === UNKNOWN) {
      out.unknown.push(r);
      continue;
    }
    if (kind === MISPLACED) {
      out.misplaced.push(r);
      continue;
    }
    const spec = r.spec!;
    if (spec.isBlock !== !!r.node.children) out.blockMismatch.push(r);
    const n = argCountOf(r.node);
    if (n < spec.minArgs || n > spec.maxArgs) out.argCount.push(r);
    if (kind === SINGLE_VALUED) out.singleValued.push(r);
  }
  cache.set(ctx, out);
  return out;
}

/** Kinds of resolution for the scan: not a directive to check, unknown, misplaced, resolved (one value per block or not). */
const SKIP = 0;
const UNKNOWN = 1;
const MISPLACED = 2;
const RESOLVED = 3;
const SINGLE_VALUED = 4;

function kindOf(r: Resolution): number {
  if (r.data || r.templated) return SKIP;
  if (!r.specs.length) return UNKNOWN;
  if (r.allowed === false) return MISPLACED;
  const spec = r.spec;
  if (!spec) return SKIP;
  return isSingleValued(spec) ? SINGLE_VALUED : RESOLVED;
}

/** Directives that hold one value per block although their syntax does not show it. */
const SINGLE = new Set(['root', 'alias', 'proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass', 'grpc_pass', 'memcached_pass']);
const SCALAR = /^(on \| off|size|time|timeout|number|interval)$/;
const singleValued = new WeakMap<DirectiveSpec, boolean>();

/** Single-valued: a flag, an enum, or one size/time/number value, as nginx's slot setters are. */
export function isSingleValued(spec: DirectiveSpec): boolean {
  let hit = singleValued.get(spec);
  if (hit === undefined) singleValued.set(spec, (hit = singleValuedUncached(spec)));
  return hit;
}

function singleValuedUncached(spec: DirectiveSpec): boolean {
  if (SINGLE.has(spec.name)) return true;
  if (spec.isBlock || spec.plainSyntax.length !== 1) return false;
  return spec.enumValues.length > 0 || SCALAR.test(spec.plainSyntax[0]);
}
