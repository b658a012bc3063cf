// A server that routes between the tunnel and other networks (its own `route` to a client LAN,
// a pushed route to a LAN behind the server, pushed redirect-gateway) also needs the host to
// forward packets between interfaces, and the far side to send replies back: a route on the LAN
// router for the VPN subnet, or NAT (masquerade) on the server. None of that can be written in
// the OpenVPN file, so this is a hint, once per file, on the first line that needs it.
// Not for routes OpenVPN handles itself: the pool subnet, and, with client-to-client, routes to
// a client's LAN (an iroute in a ccd file), which OpenVPN delivers between clients on its own.
import { analyzeOpenvpn } from '../analysis';
import { containsRange, overlaps } from '../routing-net';
import { cidr, intoTunnel, pushedOptions, routingView, serverCcdFiles } from '../routing-view';
import type { OpenvpnRule } from './types';
import type { Range } from '../../../engine/syntax';

export const forwardingNeedsHost: OpenvpnRule = {
  id: 'openvpn/forwarding-needs-host',
  language: 'openvpn',
  layer: 3,
  severity: 'info',
  summary: 'A server that routes LANs or the whole internet through the tunnel needs IP forwarding and a route back or NAT on the host.',
  check(ctx, report) {
    if (ctx.kind !== 'server') return;
    const view = routingView(ctx);
    const pool = view.pool?.subnet ?? view.pool?.range;
    const poolText = pool ? cidr(pool) : 'the VPN subnet';
    const c2c = !!ctx.first('client-to-client');
    let clientLans: { range: { first: number; last: number } }[] | undefined;
    const isClientLan = (r: { first: number; last: number }) => {
      clientLans ??= serverCcdFiles(ctx).flatMap((f) => routingView(analyzeOpenvpn(f, ctx.ws)).iroutes);
      return clientLans.some((i) => containsRange(i.range, r));
    };
    const candidates: { range: Range; line: number; what: string; nat: boolean }[] = [];
    for (const r of view.routes) {
      if (!intoTunnel(r, view) || (pool && overlaps(r.range, pool))) continue;
      if (c2c && isClientLan(r.range)) continue;
      candidates.push({ range: r.line.node.range, line: r.line.node.range.start.line, what: `${cidr(r.range)} behind a client`, nat: false });
    }
    for (const r of view.pushedRoutes) {
      if (pool && overlaps(r.range, pool)) continue;
      if (r.gateway && r.gateway.value === 'net_gateway') continue;
      if (c2c && isClientLan(r.range)) continue;
      candidates.push({ range: r.push!.range, line: r.push!.range.start.line, what: `${cidr(r.range)} for the clients`, nat: false });
    }
    const redirect = pushedOptions(ctx, 'redirect-gateway')[0];
    if (redirect?.node.parent) candidates.push({ range: redirect.node.parent.range, line: redirect.node.parent.range.start.line, what: 'all client traffic', nat: true });
    if (!candidates.length) return;
    const first = candidates.reduce((a, b) => (b.line < a.line ? b : a));
    const back = first.nat
      ? `NAT (masquerade) from ${poolText} to the internet`
      : `either a route back to ${poolText} on the LAN's router or NAT (masquerade) for it`;
    report({
      range: first.range,
      message: `Routing ${first.what} through the VPN also needs the server host to forward packets (net.ipv4.ip_forward=1) and ${back}, neither of which lives in this file (L3); check both on the host.`,
    });
  },
};
