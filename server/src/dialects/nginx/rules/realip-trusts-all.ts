// set_real_ip_from trusting (nearly) every address: any client can name its own source address,
// and everything keyed on the client address (allow/deny, geo, limits, logs) believes it.
import type { Related } from '../../../engine/rules';
import { chainsOf, lookup } from '../http-scope';
import type { NginxRule } from './types';

/**
 * The share of the address space a CIDR covers, when it is wider than any private or loopback
 * block (IPv4 shorter than /8, IPv6 shorter than /7, the ULA block fc00::/7).
 */
export function wideRange(value: string): string | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const v6 = m[1].includes(':');
  if (!v6 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(m[1])) return undefined;
  if (prefix === 0) return v6 ? 'every IPv6 address' : 'every IPv4 address';
  if (v6 ? prefix < 7 : prefix < 8) return `1/${2 ** prefix} of all ${v6 ? 'IPv6' : 'IPv4'} addresses`;
  return undefined;
}

export const realipTrustsAll: NginxRule = {
  id: 'nginx/realip-trusts-all',
  language: 'nginx',
  layer: 3,
  severity: 'warning',
  summary: 'set_real_ip_from trusts every address (0.0.0.0/0, ::/0), so any client can forge the source address nginx acts on.',
  check(ctx, report) {
    for (const r of ctx.named('set_real_ip_from')) {
      const d = r.node;
      if (r.data || r.templated || r.allowed === false || !d.args[0]) continue;
      const share = wideRange(d.args[0].value);
      if (!share) continue;
      const family = ctx.familyOf(d);
      let source: string;
      const related: Related[] = [];
      if (family === 'http') {
        const chain = chainsOf(ctx, ctx.file, d.parent)[0];
        const header = chain ? lookup(ctx.ws, chain, 'real_ip_header').found.at(-1) : undefined;
        const name = header?.node.args[0]?.value;
        if (header) related.push({ path: header.file.path, range: header.node.range, message: 'the client address is taken from here' });
        source = !name ? 'an X-Real-IP header (real_ip_header\'s default)' : name === 'proxy_protocol' ? 'a PROXY protocol header' : `an ${name} header`;
      } else source = 'a PROXY protocol header';
      report({
        range: d.args[0].range,
        message: `set_real_ip_from ${d.args[0].value} trusts ${share}, so any client can send ${source} naming any source address and nginx adopts it as the client's: allow/deny, geo and per-address limits then act on a forged address (L3); list only the addresses of your load balancers or CDN.`,
        related,
      });
    }
  },
};
