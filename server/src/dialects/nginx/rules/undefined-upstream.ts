// proxy_pass http://NAME (or another *_pass) where no upstream block is called NAME: nginx falls
// back to a DNS lookup of NAME at start-up, or, without a default port, refuses the file.
import { suggest } from '../../../engine/suggest';
import type { Fix, Related } from '../../../engine/rules';
import { closedWorld } from '../relay-graph';
import { passesOf, PORTLESS_PASSES, SCHEME_PREFIX } from '../relay-targets';
import { isIpAddress, isLoopback, lowerCase } from '../target';
import { configUpstreams, writtenNames, type Upstreams } from '../upstreams';
import type { NginxRule } from './types';


export const undefinedUpstream: NginxRule = {
  id: 'nginx/undefined-upstream',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'A relay target that looks like an upstream name, but no upstream block of that name exists.',
  check(ctx, report) {
    // The two families' upstream names, looked up once rather than per pass.
    let http: Upstreams | undefined;
    let stream: Upstreams | undefined;
    for (const p of passesOf(ctx)) {
      const t = p.target;
      if (t.variable || t.unix !== undefined || t.port !== undefined || !t.host || isIpAddress(t.host) || isLoopback(t.host)) continue;
      for (const family of p.families) {
        if (family === 'mail') continue;
        if (family === 'stream' && (p.node.name !== 'proxy_pass' || SCHEME_PREFIX.test(p.value))) continue;
        const upstreams = family === 'http' ? (http ??= configUpstreams(ctx, 'http')) : (stream ??= configUpstreams(ctx, 'stream'));
        if (upstreams.has(t.host)) continue;
        const close = suggest(t.host, writtenNames(upstreams));
        if (t.host.includes('.') && !close.length) continue;
        const otherHit = configUpstreams(ctx, family === 'http' ? 'stream' : 'http').get(t.host)?.[0]?.node.args[0]?.value;
        const portless = family === 'stream' || PORTLESS_PASSES.has(p.node.name);
        const hint = close.length ? ` (did you mean "${close[0]}"?)` : otherHit ? ` (upstream "${otherHit}" exists, but in ${family === 'http' ? 'stream' : 'http'}, which ${family} cannot use)` : '';
        const what = `No ${family} upstream block is named "${t.host}"${hint}`;
        const message = portless
          ? `${what}, so nginx reads it as a host name without a port and refuses the file ("no port in upstream"): nothing is relayed (L3); define upstream ${t.host} { server address:port; } or name the intended upstream.`
          : `${what}, so nginx takes it for a DNS name and resolves it once at start-up (L3): if it does not resolve there nginx refuses to start, and if it does the traffic goes to whatever that name points at; define upstream ${t.host} { server address:port; } or name the intended upstream.`;
        const raw = p.value;
        const prefix = SCHEME_PREFIX.exec(raw)?.[0] ?? '';
        const after = raw.slice(prefix.length + t.host.length);
        const fixes: Fix[] = close.map((n) => ({
          title: `Change to upstream "${n}"`,
          edits: [{ path: ctx.file.path, range: p.arg.range, newText: `${prefix}${n}${after}` }],
          preferred: close.length === 1,
        }));
        const related: Related[] = close.length
          ? upstreams.get(lowerCase(close[0]))!.map((u) => ({ path: u.file.path, range: u.node.args[0].range, message: `upstream "${close[0]}" is defined here` }))
          : [];
        report({
          range: p.arg.range,
          message,
          severity: portless && closedWorld(ctx) ? 'error' : undefined,
          fixes,
          related,
        });
      }
    }
  },
};
