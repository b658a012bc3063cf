// Full-tunnel redirection without a DNS server for the tunnel: after redirect-gateway every
// packet goes into the VPN, but the client keeps asking its old resolver, which either leaks the
// lookups outside the tunnel (a resolver on the local LAN stays reachable) or stops answering
// (a provider's resolver now sees queries from the VPN's address). block-outside-dns (Windows)
// then blocks the old resolver as well, so nothing resolves.
// - server / ccd: `push "redirect-gateway ..."` with no pushed `dhcp-option DNS|DNS6` or
//   `dns server N address` (a ccd file also gets its servers' pushes unless it has push-reset);
// - client: `redirect-gateway` with no DNS of its own, when pushed DNS cannot arrive
//   (route-nopull or a pull-filter that ignores "dhcp-option") or the paired server pushes none.
import type { Related } from '../../../engine/rules';
import { analyzeOpenvpn, type OpenvpnContext, type OptionLine } from '../analysis';
import { anchor, isDnsServer, pushedOptions, serversOfCcd } from '../routing-view';
import { peerContexts } from '../transport-model';
import type { OpenvpnRule } from './types';

const pushesDns = (c: OpenvpnContext) => c.lines.some((l) => l.pushed && isDnsServer(l));
const setsDns = (c: OpenvpnContext) => c.lines.some((l) => !l.pushed && isDnsServer(l));

/** The line that keeps pushed DNS servers from the client, if any. */
function dnsBlocker(ctx: OpenvpnContext): OptionLine | undefined {
  const nopull = ctx.first('route-nopull');
  if (nopull) return nopull;
  for (const f of ctx.all('pull-filter')) {
    const text = f.node.args[1]?.value;
    if (!text || !'dhcp-option DNS '.startsWith(text)) continue;
    return f.node.args[0]?.value === 'ignore' ? f : undefined;
  }
  return undefined;
}

function blockNote(c: OpenvpnContext): string {
  const pushed = c.lines.some((l) => l.node.name === 'block-outside-dns');
  return pushed ? ', and block-outside-dns then cuts Windows clients off that resolver too, so nothing resolves' : '';
}

export const redirectWithoutDns: OpenvpnRule = {
  id: 'openvpn/redirect-without-dns',
  language: 'openvpn',
  layer: 3,
  severity: 'warning',
  summary: 'Full-tunnel redirect-gateway without a DNS server for the tunnel: lookups leak or fail.',
  check(ctx, report) {
    if (ctx.kind === 'server' || ctx.kind === 'ccd') {
      const redirect = pushedOptions(ctx, 'redirect-gateway')[0];
      if (!redirect || pushesDns(ctx)) return;
      const related: Related[] = [];
      if (ctx.kind === 'ccd') {
        const servers = serversOfCcd(ctx).map((f) => analyzeOpenvpn(f, ctx.ws));
        // Without its server in sight, a ccd file cannot tell whether DNS is pushed to everyone.
        if (!servers.length || (!ctx.first('push-reset') && servers.some(pushesDns))) return;
        for (const s of servers) related.push({ path: s.file.path, range: anchor(s, 'server', 'client-config-dir'), message: 'this server pushes no DNS server either' });
      }
      report({
        range: (redirect.node.parent ?? redirect.node).range,
        message: `Clients send all traffic into the tunnel but are given no DNS server for it, so their lookups still go to their old resolver, which leaks them outside the VPN or no longer answers${blockNote(ctx)} (L3); push "dhcp-option DNS <resolver>" (or "dns server 1 address <resolver>") with an address reachable through the tunnel.`,
        related,
      });
      return;
    }
    if (ctx.kind !== 'client') return;
    const redirect = ctx.first('redirect-gateway');
    if (!redirect || setsDns(ctx)) return;
    const blocker = dnsBlocker(ctx);
    if (blocker) {
      report({
        range: redirect.node.range,
        message: `All traffic goes into the tunnel, but line ${blocker.node.range.start.line + 1} (${blocker.node.name}) drops the DNS servers the server pushes and this file sets none, so lookups go to the old resolver, which leaks them outside the VPN or no longer answers (L3); add "dhcp-option DNS <resolver>" (or "dns server 1 address <resolver>") here.`,
        related: [{ path: ctx.file.path, range: blocker.node.range, message: 'drops pushed DNS servers' }],
      });
      return;
    }
    const servers = peerContexts(ctx);
    if (!servers.length || servers.some(pushesDns)) return;
    report({
      range: redirect.node.range,
      message: `All traffic goes into the tunnel, but neither this file nor its server sets a DNS server for the tunnel, so lookups go to the old resolver, which leaks them outside the VPN or no longer answers (L3); push "dhcp-option DNS <resolver>" from the server or set it here.`,
      related: servers.map((s) => ({ path: s.file.path, range: anchor(s, 'server', 'mode'), message: 'the server pushes no DNS server' })),
    });
  },
};
