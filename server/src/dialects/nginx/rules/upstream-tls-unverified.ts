// TLS to a backend without certificate verification (anyone on the path can impersonate it), and
// verification switched on without a trusted CA (nginx refuses the config: it has no default store).
import type { Directive } from '../../../engine/syntax';
import { allLoopback, targetPorts } from '../tls-reach';
import { tlsPasses } from '../tls-passes';
import { flagOn, inherited, missing } from '../tls-scope';
import { graphMentions } from '../relay-graph';
import type { NginxRule } from './types';

interface Names {
  verify: string;
  trusted: string;
  /** The same names as lists, for inherited(). */
  verifyList: string[];
  trustedList: string[];
}

const PROXY_SSL = ['proxy_ssl'];
const namesOf = (verify: string, trusted: string): Names => ({ verify, trusted, verifyList: [verify], trustedList: [trusted] });
const PROXY = namesOf('proxy_ssl_verify', 'proxy_ssl_trusted_certificate');
const GRPC = namesOf('grpc_ssl_verify', 'grpc_ssl_trusted_certificate');

export const upstreamTlsUnverified: NginxRule = {
  id: 'nginx/upstream-tls-unverified',
  language: 'nginx',
  layer: 6,
  severity: 'warning',
  summary: 'TLS to a backend without certificate verification, or verification without a trusted CA.',
  check(ctx, report) {
    const reportedVerify = new Set<Directive>();
    for (const pass of tlsPasses(ctx).all) {
      const { node: d, family, target } = pass;
      let names: Names;
      /** TLS for sure (https://, grpcs://, stream proxy_ssl on). */
      let tls: boolean;
      /** nginx prepares TLS for this pass (any variable may turn out https at run time). */
      let prepared: boolean;
      if (family === 'http') {
        names = d.name === 'grpc_pass' ? GRPC : PROXY;
        tls = target.scheme === (d.name === 'grpc_pass' ? 'grpcs' : 'https');
        prepared = tls || target.variable;
      } else if (family === 'stream' && d.name === 'proxy_pass') {
        names = PROXY;
        const ssl = inherited(ctx, d, PROXY_SSL);
        tls = ssl.some((b) => flagOn(b) && !b.unresolved);
        prepared = tls;
      } else continue;
      // A pass that is not TLS for sure only matters when verification is switched on somewhere.
      if (!prepared || (!tls && !graphMentions(ctx.ws, names.verify))) continue;

      const verify = inherited(ctx, d, names.verifyList);
      const verifyOn = verify.filter((b) => flagOn(b));
      if (verifyOn.length) {
        const verdict = missing(inherited(ctx, d, names.trustedList), (b) => b.found.length > 0);
        if (!verdict) continue;
        const on = verifyOn[0].found[0];
        const inFile = on.path === ctx.file.path;
        if (inFile && reportedVerify.has(on.directive)) continue;
        if (inFile) reportedVerify.add(on.directive);
        report({
          range: inFile ? on.directive.range : pass.arg.range,
          severity: verdict === 'certain' ? 'error' : 'warning',
          message: `${names.verify} is on for this ${d.name} but no ${names.trusted} is in effect${verdict === 'open' ? ' (unless the file that includes this one sets one)' : ''}: nginx has no default CA store for backends and refuses to start ("no ${names.trusted} for ${names.verify}") (L6); set ${names.trusted} to the CA bundle that signed the backend's certificate.`,
          related: inFile ? [] : [{ path: on.path, range: on.directive.range, message: `${names.verify} on is set here` }],
        });
        continue;
      }
      if (!tls) continue;
      const reach = targetPorts(ctx, target, family, 443);
      if (reach ? allLoopback(reach.hosts) : target.unix !== undefined || allLoopback([target.host])) continue;
      if (!missing(verify, flagOn)) continue;
      const how = family === 'stream' ? 'proxy_ssl on makes this stream proxy open TLS to its backend' : `${d.name} opens TLS to ${target.host || pass.arg.value}`;
      report({
        range: pass.arg.range,
        message: `${how} without ${names.verify} on: nginx accepts any certificate the backend presents, so anyone on the path between them can impersonate it and read the traffic (L6); set ${names.verify} on with ${names.trusted} pointing at the CA that signed the backend.`,
      });
    }
  },
};
