// A server's `route LAN MASK` (the kernel sends LAN into tun) needs an `iroute LAN MASK` in the
// ccd file of the client behind which LAN lives: OpenVPN picks the client for a packet from the
// iroutes, and drops what matches none. The reverse, reported in the ccd file: an `iroute`
// whose server has no `route` for it, so the server's kernel never sends that subnet into tun.
// Both apply to dev tun only (on dev tap OpenVPN learns MAC addresses instead).
//
// Severity on the server side: error when the ccd folder is readable and no file in it has a
// matching iroute (the packets are certainly dropped); warning when there is no client-config-dir
// at all (no client can claim the subnet, but there is no file to point at and the route may be
// a leftover); info when a client-connect script, a plugin or management-client-auth may hand out
// the iroute at connect time. Quiet when the ccd folder cannot be read: openvpn refuses to start
// without it (a missing client-config-dir is fatal at startup), and the iroute may be there.
import { baseName } from '../../../engine/paths';
import type { Fix, Related } from '../../../engine/rules';
import type { SourceFile } from '../../../engine/workspace';
import { analyzeOpenvpn, type OpenvpnContext } from '../analysis';
import { containsRange, overlaps } from '../routing-net';
import {
  anchor, appendLine, ccdDir, ccdLabel, ccdName, cidr, insertAfterLine, intoTunnel, routeArgs, routingView,
  serverCcdFiles, serversOfCcd, type RouteEntry,
} from '../routing-view';
import type { OpenvpnRule } from './types';

const DYNAMIC = ['client-connect', 'plugin', 'management-client-auth'];
const MAX_FIX_FILES = 5;

interface CcdIroute {
  file: SourceFile;
  entry: RouteEntry;
}

function serverSide(ctx: OpenvpnContext, report: Parameters<OpenvpnRule['check']>[1]): void {
  const view = routingView(ctx);
  if (view.dev === 'tap') return;
  const pool = view.pool?.subnet ?? view.pool?.range;
  const routes = view.routes.filter((r) => intoTunnel(r, view) && !(pool && overlaps(r.range, pool)));
  if (!routes.length) return;
  const dir = ccdDir(ctx);
  const files = serverCcdFiles(ctx);
  const iroutes: CcdIroute[] = files.flatMap((file) => routingView(analyzeOpenvpn(file, ctx.ws)).iroutes.map((entry) => ({ file, entry })));
  const dynamic = DYNAMIC.find((n) => ctx.first(n));
  for (const r of routes) {
    if (iroutes.some((i) => containsRange(i.entry.range, r.range))) continue;
    const args = routeArgs(r.range);
    const net = cidr(r.range);
    const related: Related[] = iroutes
      .filter((i) => overlaps(i.entry.range, r.range))
      .map((i) => ({ path: i.file.path, range: i.entry.line.node.range, message: `this iroute covers only ${cidr(i.entry.range)} of ${net}` }));
    const fixes: Fix[] = [];
    const named = files.filter((f) => ccdName(f) !== 'DEFAULT');
    if (named.length && named.length <= MAX_FIX_FILES) {
      for (const f of named) fixes.push({ title: `Add "iroute ${args}" to ${ccdLabel(f)}`, edits: [appendLine(f, `iroute ${args}`)] });
    }
    let severity: 'error' | 'warning' | 'info';
    let message: string;
    if (dynamic) {
      severity = 'info';
      message = `No ccd file has "iroute ${args}", so unless ${dynamic} hands it to a client at connect time, OpenVPN drops what the kernel sends into the tunnel for ${net} (L3); make sure it does, or add the iroute to the ccd file of the client whose LAN this is.`;
    } else if (dir && files.length) {
      severity = 'error';
      message = `No file in the client-config-dir has "iroute ${args}": the kernel sends ${net} into the tunnel, but OpenVPN knows no client behind it and drops the packets (L3); add the iroute to the ccd file of the client whose LAN this is.`;
      if (!related.length) related.push(...files.slice(0, MAX_FIX_FILES).map((f) => ({ path: f.path, range: anchor(analyzeOpenvpn(f, ctx.ws), 'iroute', 'ifconfig-push'), message: `${ccdLabel(f)} has no iroute for ${net}` })));
    } else if (dir) {
      // The folder cannot be read: openvpn itself refuses to start without it, and the iroute may well be there.
      continue;
    } else {
      severity = 'warning';
      message = `Without a client-config-dir no client can claim ${net} with an iroute, so OpenVPN drops what the kernel sends into the tunnel for it (L3); add client-config-dir and "iroute ${args}" in the ccd file of the client whose LAN this is.`;
    }
    report({ range: r.line.node.range, message, severity, related, fixes });
  }
}

function ccdSide(ctx: OpenvpnContext, report: Parameters<OpenvpnRule['check']>[1]): void {
  const { iroutes } = routingView(ctx);
  if (!iroutes.length) return;
  const servers = serversOfCcd(ctx).map((f) => ({ file: f, ctx: analyzeOpenvpn(f, ctx.ws) })).filter((s) => routingView(s.ctx).dev !== 'tap');
  if (!servers.length) return;
  for (const i of iroutes) {
    const lacking = servers.filter((s) => {
      const view = routingView(s.ctx);
      return !view.routes.some((r) => intoTunnel(r, view) && containsRange(r.range, i.range));
    });
    if (!lacking.length) continue;
    const args = routeArgs(i.range);
    const net = cidr(i.range);
    // With client-to-client, OpenVPN itself delivers traffic from other clients that were pushed a route for it.
    const c2c = lacking.every((s) => !!s.ctx.first('client-to-client') && routingView(s.ctx).pushedRoutes.some((e) => containsRange(e.range, i.range)));
    const names = lacking.map((s) => baseName(s.file.path)).join(', ');
    const message = c2c
      ? `${names} has no "route ${args}", so only other VPN clients (through client-to-client) reach ${net}; the server host and its LAN never send it into the tunnel (L3); add the route to the server config if they should.`
      : `${names} has no "route ${args}", so the server's kernel never sends ${net} into the tunnel and this client's LAN is unreachable through the VPN (L3); add the route to the server config.`;
    const edits = lacking.map((s) => {
      const routes = s.ctx.all('route');
      const after = routes[routes.length - 1] ?? s.ctx.first('server') ?? s.ctx.first('client-config-dir');
      return after ? insertAfterLine(s.file, after.node.range.end.line, `route ${args}`) : appendLine(s.file, `route ${args}`);
    });
    report({
      range: i.line.node.range,
      message,
      severity: c2c ? 'info' : 'warning',
      related: lacking.map((s) => ({ path: s.file.path, range: anchor(s.ctx, 'client-config-dir'), message: `this server has no route for ${net}` })),
      fixes: [{ title: `Add "route ${args}" to ${names}`, edits }],
    });
  }
}

export const routeWithoutIroute: OpenvpnRule = {
  id: 'openvpn/route-without-iroute',
  language: 'openvpn',
  layer: 3,
  severity: 'warning',
  summary: 'A server route into the tunnel with no client iroute for it (packets dropped), or a ccd iroute the server never routes.',
  check(ctx, report) {
    if (ctx.kind === 'server') serverSide(ctx, report);
    else if (ctx.kind === 'ccd') ccdSide(ctx, report);
  },
};
