// A *_pass whose backend host is only known per request (it contains a variable) with no
// `resolver` in effect: nginx cannot look the name up at run time and answers 502.
import type { Family, NginxContext } from '../analysis';
import { inEffect } from '../relay-graph';
import { firstVariable, hostPart, isLiteralAddress, isUpstreamName, passesOf, targetOf, variableValues, type PassInfo } from '../relay-targets';
import type { NginxRule } from './types';

/** Passes that accept variables (memcached_pass does not). */
const VARIABLE_PASSES = new Set(['proxy_pass', 'grpc_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass']);
const SINGLE_VAR = /^\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))(?::\d+)?$/;

/** A host nginx finds without DNS at run time: an address, a unix socket, or an upstream name (no port). */
function known(ctx: NginxContext, family: 'http' | 'stream', raw: string, statics: Set<string>): boolean {
  if (hostPart(raw).includes('$')) return false;
  const t = targetOf(raw);
  if (isLiteralAddress(t)) return true;
  return t.port === undefined ? isUpstreamName(ctx, family, t.host) || statics.has(t.host) : statics.has(t.host);
}

/**
 * What makes the pass need a DNS lookup per request, or undefined when it never does: the
 * variable in the host, or a literal host name that the variable elsewhere turns into a
 * per-request lookup.
 */
function lookupCause(ctx: NginxContext, p: PassInfo, family: 'http' | 'stream', statics: Set<string>): { variable?: string; host?: string } | undefined {
  const raw = p.arg.value;
  const host = hostPart(raw);
  if (!host.includes('$')) return known(ctx, family, raw, statics) ? undefined : { host: targetOf(raw).host };
  const m = SINGLE_VAR.exec(host);
  const name = m ? (m[1] ?? m[2]) : firstVariable(host);
  if (!m || !name) return { variable: name };
  const values = variableValues(ctx, name);
  if (!values?.length) return { variable: name };
  const pattern = new RegExp(`\\$(?:\\{${name}\\}|${name}(?![A-Za-z0-9_]))`);
  // Other variables (in the path) stay as they are; only the host matters here.
  return values.every((v) => known(ctx, family, raw.replace(pattern, v), statics)) ? undefined : { variable: name };
}

export const variableTargetWithoutResolver: NginxRule = {
  id: 'nginx/variable-target-without-resolver',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'A relay target with a variable (resolved per request) and no resolver in effect.',
  check(ctx, report) {
    const passes = passesOf(ctx);
    // Hosts of fixed targets elsewhere in the file: nginx keeps them as implicit upstreams.
    const statics = new Set<string>();
    for (const p of passes) if (!p.target.variable && p.target.host) statics.add(p.target.host);
    for (const p of passes) {
      if (!VARIABLE_PASSES.has(p.node.name) || !p.target.variable) continue;
      const families = p.families.filter((f): f is Exclude<Family, 'mail'> => f !== 'mail');
      let cause: { variable?: string; host?: string } | undefined;
      for (const f of families) cause ??= lookupCause(ctx, p, f, statics);
      if (!cause) continue;
      if (inEffect(ctx, p.node, 'resolver') !== 'no') continue;
      const scope = families.includes('stream') ? 'this server or stream' : 'this location, its server or http';
      const message = cause.host
        ? `Because this ${p.node.name} contains a variable, nginx looks up "${cause.host}" per request instead of once at start-up, and with no resolver in effect every such request fails with 502 ("no resolver defined") (L3); add "resolver <dns-address>;" to ${scope}, or use an address, an upstream block or a target without variables.`
        : `The backend host of this ${p.node.name} comes from ${cause.variable ? `"$${cause.variable}"` : 'a variable'}, so nginx looks it up per request, and with no resolver in effect every request for a name that is not an upstream fails with 502 ("no resolver defined") (L3); add "resolver <dns-address>;" to ${scope}, or make every value an address or upstream name.`;
      report({ range: p.arg.range, message });
    }
  },
};
