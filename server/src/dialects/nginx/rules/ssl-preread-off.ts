// $ssl_preread_* variables steering a stream proxy_pass (directly or through maps) in a server
// that never turns `ssl_preread on`: the variables stay empty and the map default takes everything.
import { Memo } from '../../../engine/memo';
import type { Fix, Related } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import { walk } from '../../../engine/syntax';
import type { NginxContext } from '../analysis';
import { configFiles, graphFile } from '../relay-graph';
import { rootName } from '../scope';
import { tlsPasses } from '../tls-passes';
import { flagOn, inherited, insertBefore, missing } from '../tls-scope';
import type { NginxRule } from './types';

const PREREAD = new Set(['ssl_preread_server_name', 'ssl_preread_protocol', 'ssl_preread_alpn_protocols']);
const SSL_PREREAD = ['ssl_preread'];
const VAR = /\$\{?([A-Za-z0-9_]+)\}?/g;

function variablesIn(text: string): string[] {
  return [...text.matchAll(VAR)].map((m) => m[1]);
}

interface Origin {
  /** The preread variable it comes from. */
  source: string;
  /** The map that derives it, when it is not a preread variable itself. */
  map?: { path: string; node: Directive };
}

const cache = new Memo<NginxContext, Map<string, Origin>>();

/** Stream variables (without `$`) of this configuration whose value comes from a preread variable, through any chain of maps. */
function prereadDerived(ctx: NginxContext): Map<string, Origin> {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const out = new Map<string, Origin>();
  for (const v of PREREAD) out.set(v, { source: v });
  const maps: { path: string; node: Directive; inputs: string[]; output: string }[] = [];
  // Only maps of this file's own configuration: a like-named map elsewhere is another nginx's.
  for (const path of configFiles(ctx)) {
    const f = graphFile(ctx.ws, path);
    if (!f) continue;
    let fileFamily: string | undefined;
    for (const d of walk(f.parse.tree)) {
      if (d.name !== 'map' || !d.children || d.args.length < 2) continue;
      const root = rootName(d) ?? (fileFamily ??= ctx.contextOf(f).context.bases[0]?.[0] ?? '');
      if (root !== 'stream') continue;
      const output = variablesIn(d.args[1].value)[0];
      if (!output) continue;
      const inputs = [...variablesIn(d.args[0].value), ...d.children.flatMap((c) => c.args.flatMap((a) => variablesIn(a.value)))];
      maps.push({ path: f.path, node: d, inputs, output });
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of maps) {
      if (out.has(m.output)) continue;
      const from = m.inputs.find((v) => out.has(v));
      if (!from) continue;
      out.set(m.output, { source: out.get(from)!.source, map: { path: m.path, node: m.node } });
      changed = true;
    }
  }
  cache.set(ctx, out);
  return out;
}

export const sslPrereadOff: NginxRule = {
  id: 'nginx/ssl-preread-off',
  language: 'nginx',
  layer: 6,
  severity: 'error',
  summary: 'A stream proxy_pass chosen by $ssl_preread_* variables in a server without `ssl_preread on`.',
  check(ctx, report) {
    for (const { node: d, target } of tlsPasses(ctx).streamProxy) {
      // The target's `variable`: whether the argument holds a `$`.
      if (!target.variable) continue;
      if (d.parent ? d.parent.name !== 'server' : ctx.context.bases[0]?.at(-1) !== 'server') continue;
      const derived = prereadDerived(ctx);
      const used = variablesIn(d.args[0].value).find((v) => derived.has(v));
      if (!used) continue;
      const branches = inherited(ctx, d, SSL_PREREAD);
      const verdict = missing(branches, flagOn);
      if (!verdict) continue;
      const origin = derived.get(used)!;
      const related: Related[] = [];
      let how = `$${used}`;
      if (origin.map) {
        how = `$${used}, which the map at ${origin.map.path === ctx.file.path ? '' : `${origin.map.path}:`}line ${origin.map.node.nameRange.start.line + 1} derives from $${origin.source},`;
        related.push({ path: origin.map.path, range: origin.map.node.nameRange, message: `$${used} is derived from $${origin.source} here` });
      }
      const off = branches.flatMap((b) => b.found).find((f) => f.path === ctx.file.path && f.directive.parent === d.parent && f.directive.args[0]);
      const fixes: Fix[] = [
        off
          ? { title: 'Turn ssl_preread on', edits: [{ path: ctx.file.path, range: off.directive.args[0].range, newText: 'on' }], preferred: true }
          : { title: 'Add "ssl_preread on;"', edits: [insertBefore(ctx, d, 'ssl_preread on;')], preferred: true },
      ];
      report({
        range: d.args[0].range,
        severity: verdict === 'certain' ? 'error' : 'warning',
        message: `proxy_pass is chosen by ${how} but ssl_preread is not on for this server${verdict === 'open' ? ' (unless the file that includes this one turns it on at stream level)' : ''}: nginx never reads the TLS ClientHello, so the variable stays empty and every connection goes to the map's default or fails (L6); add "ssl_preread on;" to this server.`,
        related,
        fixes,
      });
    }
  },
};
