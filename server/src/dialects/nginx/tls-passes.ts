// The proxy_pass and grpc_pass directives of a file as the TLS rules read them: each with its
// family and parsed target, found in one sweep over the file so that the four rules that walk
// them read a short list instead of the tree (and the stream ones only the stream passes).
import type { Arg, Directive } from '../../engine/syntax';
import type { Family, NginxContext } from './analysis';
import { passTargets } from './relay-targets';
import { rootName } from './scope';
import type { Target } from './target';

export interface TlsPass {
  node: Directive;
  /** The first argument: where the pass sends traffic. */
  arg: Arg;
  family: Family | undefined;
  target: Target;
}

export interface TlsPasses {
  /** Every proxy_pass and grpc_pass with an argument (not in a data block), in document order. */
  all: TlsPass[];
  /** The proxy_pass directives of them that stand in stream. */
  streamProxy: TlsPass[];
}

const PASSES = ['proxy_pass', 'grpc_pass'];
const cache = new WeakMap<NginxContext, TlsPasses>();

/** The passes of the analysed file. Shared: do not modify. */
export function tlsPasses(ctx: NginxContext): TlsPasses {
  let out = cache.get(ctx);
  if (out) return out;
  out = { all: [], streamProxy: [] };
  const targetOf = passTargets(ctx);
  for (const r of ctx.namedAny(PASSES)) {
    const node = r.node;
    const arg = node.args[0];
    if (r.data || !arg) continue;
    // familyAt's answer, from the resolution at hand.
    const own = rootName(node);
    const family = own === 'http' || own === 'stream' || own === 'mail' ? own : ctx.familyOfResolution(r);
    const pass: TlsPass = { node, arg, family, target: targetOf(node, arg) };
    out.all.push(pass);
    if (pass.family === 'stream' && node.name === 'proxy_pass') out.streamProxy.push(pass);
  }
  cache.set(ctx, out);
  return out;
}
