// A *_pass whose backend host is only known per request (it contains a variable) with no
// `resolver` in effect: nginx cannot look the name up at run time and answers 502.
import type { NginxContext } from '../analysis';
import { inEffect } from '../relay-graph';
import { firstVariable, hostPart, isUnixTarget, isUpstreamName, passesOf, variableValues, type PassInfo } from '../relay-targets';
import { isIpAddress, parseTarget } from '../target';
import type { NginxRule } from './types';

/** Passes that accept variables (memcached_pass does not). */
const VARIABLE_PASSES = new Set(['proxy_pass', 'grpc_pass', 'fastcgi_pass', 'uwsgi_pass', 'scgi_pass']);
const SINGLE_VAR = /^\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))(?::\d+)?$/;

/** Hosts of fixed targets in the file (nginx keeps them as implicit upstreams), gathered on first need. */
interface Statics {
  ctx: NginxContext;
  hosts?: Set<string>;
}

function staticHosts(s: Statics): Set<string> {
  if (!s.hosts) {
    s.hosts = new Set();
    for (const p of passesOf(s.ctx)) if (!p.target.variable && p.target.host) s.hosts.add(p.target.host);
  }
  return s.hosts;
}

/**
 * A host nginx finds without DNS at run time: an address, a unix socket, or an upstream name (no
 * port). `host` is hostPart(raw); the host and port are those of targetOf(raw), read from it.
 */
function known(ctx: NginxContext, family: 'http' | 'stream', raw: string, host: string, statics: Statics): boolean {
  if (host.includes('$')) return false;
  if (isUnixTarget(raw)) return true;
  const h = parseTarget(host);
  if (isIpAddress(h.host)) return true;
  return h.port === undefined ? isUpstreamName(ctx, family, h.host) || staticHosts(statics).has(h.host) : staticHosts(statics).has(h.host);
}

/** `raw` with its first `$name` (or `${name}`) replaced by `value` (which has no `$`). */
function substitute(raw: string, name: string, value: string): string {
  for (let i = raw.indexOf('$'); i >= 0; i = raw.indexOf('$', i + 1)) {
    let end = -1;
    if (raw.charCodeAt(i + 1) === 123 /* { */) {
      if (raw.startsWith(name, i + 2) && raw.charCodeAt(i + 2 + name.length) === 125 /* } */) end = i + 3 + name.length;
    } else if (raw.startsWith(name, i + 1) && !isWordChar(raw.charCodeAt(i + 1 + name.length))) end = i + 1 + name.length;
    if (end >= 0) return raw.slice(0, i) + value + raw.slice(end);
  }
  return raw;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * What makes the pass need a DNS lookup per request, or undefined when it never does: the
 * variable in the host, or a literal host name that the variable elsewhere turns into a
 * per-request lookup.
 */
function lookupCause(ctx: NginxContext, p: PassInfo, family: 'http' | 'stream', statics: Statics): { variable?: string; host?: string } | undefined {
  const raw = p.value;
  const host = hostPart(raw);
  if (!host.includes('$')) return known(ctx, family, raw, host, statics) ? undefined : { host: parseTarget(host).host };
  const m = SINGLE_VAR.exec(host);
  const name = m ? (m[1] ?? m[2]) : firstVariable(host);
  if (!m || !name) return { variable: name };
  const values = variableValues(ctx, name);
  if (!values?.length) return { variable: name };
  // Other variables (in the path) stay as they are; only the host matters here.
  for (const v of values) {
    const filled = substitute(raw, name, v);
    if (!known(ctx, family, filled, hostPart(filled), statics)) return { variable: name };
  }
  return undefined;
}

export const variableTargetWithoutResolver: NginxRule = {
  id: 'nginx/variable-target-without-resolver',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'A relay target with a variable (resolved per request) and no resolver in effect.',
  check(ctx, report) {
    const statics: Statics = { ctx };
    for (const p of passesOf(ctx)) {
      if (!p.target.variable || !VARIABLE_PASSES.has(p.node.name)) continue;
      let cause: { variable?: string; host?: string } | undefined;
      for (const f of p.families) if (f !== 'mail') cause ??= lookupCause(ctx, p, f, statics);
      if (!cause) continue;
      if (inEffect(ctx, p.node, 'resolver') !== 'no') continue;
      const scope = p.families.includes('stream') ? 'this server or stream' : 'this location, its server or http';
      const message = cause.host
        ? `Because this ${p.node.name} contains a variable, nginx looks up "${cause.host}" per request instead of once at start-up, and with no resolver in effect every such request fails with 502 ("no resolver defined") (L3); add "resolver <dns-address>;" to ${scope}, or use an address, an upstream block or a target without variables.`
        : `The backend host of this ${p.node.name} comes from ${cause.variable ? `"$${cause.variable}"` : 'a variable'}, so nginx looks it up per request, and with no resolver in effect every request for a name that is not an upstream fails with 502 ("no resolver defined") (L3); add "resolver <dns-address>;" to ${scope}, or make every value an address or upstream name.`;
      report({ range: p.arg.range, message });
    }
  },
};
