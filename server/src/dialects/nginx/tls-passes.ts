// The proxy_pass and grpc_pass directives of a file as the TLS rules read them: each with its
// family and parsed target, found in one sweep over the file so that the four rules that walk
// them read a short list instead of the tree (and the stream ones only the stream passes).
import { Memo } from '../../engine/memo';
import type { Arg, Directive } from '../../engine/syntax';
import type { Family, NginxContext } from './analysis';
import { passesOf } from './relay-targets';
import { parseTarget, type Target } from './target';
import { familyAtResolution } from './tls-scope';
import { argValueOf } from './tree';

export class TlsPass {
  constructor(
    readonly node: Directive,
    readonly family: Family | undefined,
    /** The parsed argument (its `raw` is the argument's value, `variable` whether it holds a `$`). */
    readonly target: Target,
  ) {}

  /** The first argument: where the pass sends traffic (read from the node when a rule reports on it). */
  get arg(): Arg {
    return this.node.args[0];
  }
}

export interface TlsPasses {
  /** Every proxy_pass and grpc_pass with an argument (not in a data block), in document order. */
  all: TlsPass[];
  /** The proxy_pass directives of them that stand in stream. */
  streamProxy: TlsPass[];
}

const PASSES = ['proxy_pass', 'grpc_pass'];
const PASS_NAMES = new Set(PASSES);
const cache = new Memo<NginxContext, TlsPasses>();

/** The passes of the analysed file. Shared: do not modify. */
export function tlsPasses(ctx: NginxContext): TlsPasses {
  let out = cache.get(ctx);
  if (out) return out;
  out = { all: [], streamProxy: [] };
  // passesOf parsed the targets of (nearly) all of them: both lists are in document order, and
  // every proxy_pass or grpc_pass it holds is in ours, so one walk pairs them up.
  const parsed = passesOf(ctx);
  let j = 0;
  for (const r of ctx.namedAny(PASSES)) {
    const node = r.node;
    const value = argValueOf(node, 0);
    if (r.data || value === undefined) continue;
    while (j < parsed.length && !PASS_NAMES.has(parsed[j].node.name)) j++;
    let target: Target;
    if (j < parsed.length && parsed[j].node === node) target = parsed[j++].target;
    else target = parseTarget(value);
    const pass = new TlsPass(node, familyAtResolution(ctx, r), target);
    out.all.push(pass);
    if (pass.family === 'stream' && node.name === 'proxy_pass') out.streamProxy.push(pass);
  }
  cache.set(ctx, out);
  return out;
}
