// A route (the server's own or pushed to clients) whose subnet overlaps the VPN address pool:
// the tunnel addresses and the routed network share address space, so one of them loses. The
// exact pool subnet is left alone where OpenVPN does the same itself (net30 `server` adds that
// route and pushes it with client-to-client); in subnet topology it is redundant (the subnet is
// already on the tunnel interface, and adding it again fails with "File exists"): info.
// Also, as info: a pushed route that reaches the client whose own LAN it is (its ccd iroute),
// unless that ccd file removes it with push-reset or push-remove (both are ccd-only options).
import type { SourceFile } from '../../../engine/workspace';
import { analyzeOpenvpn } from '../analysis';
import { containsRange, overlaps, sameRange } from '../routing-net';
import { appendLine, ccdLabel, cidr, routingView, serverCcdFiles, type RouteEntry } from '../routing-view';
import type { OpenvpnRule } from './types';

function removedFor(ccd: SourceFile, pushText: string, ws: Parameters<typeof analyzeOpenvpn>[1]): boolean {
  const c = analyzeOpenvpn(ccd, ws);
  if (c.first('push-reset')) return true;
  return c.all('push-remove').some((l) => {
    const v = l.node.args[0]?.value;
    return !!v && pushText.startsWith(v);
  });
}

export const pushedRouteOverlapsPool: OpenvpnRule = {
  id: 'openvpn/pushed-route-overlaps-pool',
  language: 'openvpn',
  layer: 3,
  severity: 'warning',
  summary: 'A route or pushed route that overlaps the VPN address pool, or reaches the client whose own LAN it is.',
  check(ctx, report) {
    if (ctx.kind !== 'server') return;
    const view = routingView(ctx);
    const pool = view.pool;
    if (pool) {
      const range = pool.range;
      const label = cidr(range);
      const net30Helper = pool.node.name === 'server' && view.dev !== 'tap' && view.topology !== 'subnet';
      const check = (r: RouteEntry) => {
        if (!overlaps(r.range, range) && !(pool.subnet && sameRange(r.range, pool.subnet))) return;
        const who = r.push ? 'clients route' : 'the server routes';
        const related = [{ path: ctx.file.path, range: pool.node.range, message: `the VPN pool ${label}` }];
        const subnet = pool.subnet ?? range;
        if (sameRange(r.range, subnet)) {
          if (net30Helper) return;
          report({
            range: r.line.node.range,
            severity: 'info',
            message: `${cidr(subnet)} is the tunnel subnet itself, which is already on the tunnel interface, so this route adds nothing and adding it again fails with "File exists" (L3); remove it.`,
            related,
          });
          return;
        }
        const message = containsRange(r.range, range)
          ? `${cidr(r.range)} contains the VPN pool ${label}: ${who} a network that shares addresses with the tunnel, so hosts there and VPN clients with the same addresses cannot both be reached (L3); move the pool (server) outside ${cidr(r.range)} or route a narrower network.`
          : `${cidr(r.range)} overlaps the VPN pool ${label}: ${who} part of the tunnel's own addresses somewhere else, so the clients holding them lose their traffic (L3); route a subnet outside the pool or move the pool.`;
        report({ range: r.line.node.range, message, related });
      };
      view.routes.forEach(check);
      view.pushedRoutes.forEach(check);
    }
    // A pushed route back to the client that owns the LAN.
    if (!view.pushedRoutes.length || view.dev === 'tap') return;
    const ccds = serverCcdFiles(ctx);
    for (const r of view.pushedRoutes) {
      if (pool && overlaps(r.range, pool.range)) continue;
      const pushText = r.push?.args[0]?.value ?? '';
      for (const file of ccds) {
        const own = routingView(analyzeOpenvpn(file, ctx.ws)).iroutes.find((i) => overlaps(i.range, r.range));
        if (!own || removedFor(file, pushText, ctx.ws)) continue;
        const fixes = /["\\]/.test(pushText) ? [] : [{ title: `Add push-remove "${pushText}" to ${ccdLabel(file)}`, edits: [appendLine(file, `push-remove "${pushText}"`)] }];
        report({
          range: r.line.node.range,
          severity: 'info',
          message: `${ccdLabel(file)} is the client whose LAN ${cidr(own.range)} this is, yet it is pushed this route too, which competes with its own LAN route and can pull local traffic into the tunnel (L3); add push-remove "${pushText}" to its ccd file.`,
          related: [{ path: file.path, range: own.line.node.range, message: `the iroute of ${ccdLabel(file)}` }],
          fixes,
        });
      }
    }
  },
};
