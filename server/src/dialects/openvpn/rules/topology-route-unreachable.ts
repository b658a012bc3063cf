// Addresses and gateways that the tunnel's topology cannot reach. openvpn accepts all of these
// when it reads the config (the oracle says OK); they fail later, at connect time:
// - a ccd `ifconfig-push L R` under `topology net30` (the 2.6 default for `server`) on dev tun
//   whose L/R are not the two middle addresses of one /30: Windows clients stop with "There is a
//   problem in your selection of --ifconfig endpoints" (their TAP driver's limit; Linux and macOS
//   take the pair as a point-to-point link);
// - under `topology subnet` (or dev tap) the second argument is the client's netmask: one that is
//   not a netmask, or not the pool's, gives the client a different subnet than the server's, and
//   the pushed route-gateway (the server's address) can fall outside it;
// - an ifconfig-push address outside the tunnel subnet: in subnet topology OpenVPN logs "violates
//   tunnel network/netmask constraint" and lets the client in anyway, with no route back to it;
// - a pushed route whose gateway is not on the tunnel subnet: the client cannot add the route;
// - `topology` with dev tap: it only shapes dev tun, so it does nothing (info).
import { deleteLines } from '../../../engine/line-edits';
import { baseName } from '../../../engine/paths';
import type { Fix } from '../../../engine/rules';
import type { SourceFile } from '../../../engine/workspace';
import { analyzeOpenvpn, type OpenvpnContext } from '../analysis';
import { formatIpv4, inRange, isNet30Pair, isNetmask, parseIpv4 } from '../routing-net';
import { appendLine, cidr, insertAfterLine, routingView, serversOfCcd, type RoutingView } from '../routing-view';
import type { OpenvpnRule } from './types';

type ReportFn = Parameters<OpenvpnRule['check']>[1];
const GATEWAY_WORDS = new Set(['vpn_gateway', 'net_gateway', 'remote_host', 'default']);

function tapTopology(ctx: OpenvpnContext, view: RoutingView, report: ReportFn): void {
  const t = view.topologyLine;
  if (view.dev !== 'tap' || !t) return;
  report({
    range: t.node.range,
    severity: 'info',
    message: 'topology only shapes dev tun addressing; on dev tap every client sits on one Ethernet segment with a real netmask, so this line does nothing (L3); remove it.',
    fixes: [{ title: 'Remove the topology line', edits: [deleteLines(ctx.file, t.node.range.start.line)] }],
  });
}

function pushedGateways(ctx: OpenvpnContext, view: RoutingView, report: ReportFn): void {
  const subnet = view.pool?.subnet;
  if (ctx.kind !== 'server' || !subnet) return;
  for (const r of view.pushedRoutes) {
    const gw = r.gateway;
    if (!gw || GATEWAY_WORDS.has(gw.value)) continue;
    const addr = parseIpv4(gw.value);
    if (addr === undefined || inRange(addr, subnet)) continue;
    const push = r.push?.args[0];
    const fixes: Fix[] = [];
    if (push && r.line.node.args.length === 3 && !/["\\]/.test(push.value)) {
      fixes.push({ title: 'Drop the gateway (clients use the tunnel)', edits: [{ path: ctx.file.path, range: { start: r.target.end, end: gw.range.end }, newText: '' }] });
    }
    report({
      range: gw.range,
      message: `Clients cannot reach the gateway ${gw.value}: it is not on the tunnel subnet ${cidr(subnet)}, so adding this route fails on each client when it connects (L3); drop the gateway so clients use the tunnel, or write vpn_gateway.`,
      related: [{ path: ctx.file.path, range: view.pool!.node.range, message: `the tunnel subnet ${cidr(subnet)}` }],
      fixes,
    });
  }
}

function ccdPushes(ctx: OpenvpnContext, report: ReportFn): void {
  const pushes = ctx.all('ifconfig-push');
  if (!pushes.length) return;
  const server = serversOfCcd(ctx).map((f) => ({ file: f, ctx: analyzeOpenvpn(f, ctx.ws) })).find((s) => routingView(s.ctx).pool);
  if (!server) return;
  const view = routingView(server.ctx);
  const pool = view.pool!;
  const related = [{ path: server.file.path, range: pool.node.range, message: 'the server\'s tunnel addresses' }];
  const net30 = view.dev !== 'tap' && view.topology === 'net30';
  const subnetStyle = view.dev === 'tap' || view.topology === 'subnet';
  for (const p of pushes) {
    const [localArg, secondArg] = p.node.args;
    const local = parseIpv4(localArg?.value);
    if (local === undefined || !secondArg) continue;
    const second = parseIpv4(secondArg.value);
    const subnet = pool.subnet;
    if (subnet && !inRange(local, subnet)) {
      report({
        range: localArg.range,
        message: subnetStyle
          ? `${localArg.value} is outside the tunnel subnet ${cidr(subnet)}: OpenVPN logs a network/netmask constraint error when this client connects, lets it in anyway, and has no route back to it (L3); pick an address inside ${cidr(subnet)}.`
          : `${localArg.value} is outside the tunnel subnet ${cidr(subnet)}, which is all the server routes into the tunnel, so replies to this client never reach it (L3); pick an address inside ${cidr(subnet)}.`,
        related,
      });
      continue;
    }
    if (net30 && second !== undefined && !isNet30Pair(local, second)) {
      const fixes: Fix[] = [];
      const lowBits = local & 3;
      if (lowBits === 1 || lowBits === 2) {
        const peer = formatIpv4((local ^ 3) >>> 0);
        fixes.push({ title: `Use ${peer} (the other middle address of the /30)`, preferred: !isNetmask(secondArg.value), edits: [{ path: ctx.file.path, range: secondArg.range, newText: peer }] });
      }
      if (isNetmask(secondArg.value)) fixes.push(topologySubnetFix(server.file, server.ctx));
      const how = isNetmask(secondArg.value)
        ? `${secondArg.value} is a netmask, but under topology net30 (the default for server) the second address is the client's point-to-point peer`
        : `${localArg.value} and ${secondArg.value} are not the two middle addresses of one /30`;
      report({
        range: { start: localArg.range.start, end: secondArg.range.end },
        message: `${how}, so Windows clients refuse this pair when they connect (their TAP driver requires it) while Linux and macOS clients accept it (L3); use a pair like .5/.6, or switch the server to topology subnet.`,
        related,
        fixes,
      });
      continue;
    }
    if (subnetStyle && pool.subnetMask !== undefined && second !== pool.subnetMask) {
      const mask = formatIpv4(pool.subnetMask);
      const message = isNetmask(secondArg.value)
        ? `The client gets netmask ${secondArg.value} but the tunnel subnet is ${cidr(subnet!)}, so the client sees a different subnet than the server and can lose the server's address (the route gateway) and other clients (L3); use ${mask}.`
        : `With topology subnet the second argument is the client's netmask, and ${secondArg.value} is not one, so the client's tunnel interface gets no usable subnet (L3); use ${mask}.`;
      report({
        range: secondArg.range,
        message,
        related,
        fixes: [{ title: `Use the pool's netmask ${mask}`, preferred: true, edits: [{ path: ctx.file.path, range: secondArg.range, newText: mask }] }],
      });
    }
  }
}

function topologySubnetFix(file: SourceFile, ctx: OpenvpnContext): Fix {
  const t = routingView(ctx).topologyLine;
  if (t) return { title: `Set topology subnet in ${baseName(file.path)}`, edits: [{ path: file.path, range: t.node.args[0]?.range ?? t.node.range, newText: 'subnet' }] };
  const at = ctx.first('server') ?? ctx.first('ifconfig-pool') ?? ctx.first('mode') ?? ctx.lines[0];
  const edit = at ? insertAfterLine(file, at.node.range.end.line, 'topology subnet') : appendLine(file, 'topology subnet');
  return { title: `Add topology subnet to ${baseName(file.path)}`, edits: [edit] };
}

export const topologyRouteUnreachable: OpenvpnRule = {
  id: 'openvpn/topology-route-unreachable',
  language: 'openvpn',
  layer: 3,
  severity: 'warning',
  summary: 'Addresses and gateways the tunnel topology cannot reach: ifconfig-push pairs and netmasks, pushed route gateways, topology on dev tap.',
  check(ctx, report) {
    if (ctx.kind === 'ccd') {
      ccdPushes(ctx, report);
      return;
    }
    const view = routingView(ctx);
    tapTopology(ctx, view, report);
    pushedGateways(ctx, view, report);
  },
};
