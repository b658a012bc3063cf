// A client that refuses the server's routes (`route-nopull`, or a `pull-filter ignore` that
// matches every "route ..." line) and routes nothing itself: only the tunnel subnet goes
// through the VPN. pull-filter compares the start of each pushed option with its text, first
// matching filter wins; route-nopull also drops a pushed redirect-gateway, pull-filter "route"
// does not. Scripts (`up`, `route-up`) may add routes themselves, so they keep the rule quiet,
// as does a known server that pushes nothing the filter would drop.
import { deleteLines } from '../../../engine/line-edits';
import type { OptionLine } from '../analysis';
import { pushedOptions } from '../routing-view';
import { peerContexts } from '../transport-model';
import type { OpenvpnRule } from './types';

const OWN_ROUTING = ['route', 'redirect-gateway', 'redirect-private', 'route-up', 'up'];
const SAMPLE = 'route ';

/** The pull-filter line that drops every pushed route, if the filters do. */
function ignoringFilter(filters: OptionLine[]): OptionLine | undefined {
  for (const f of filters) {
    const action = f.node.args[0]?.value;
    const text = f.node.args[1]?.value;
    if (!text) continue;
    if (SAMPLE.startsWith(text)) return action === 'ignore' ? f : undefined;
    // A more specific filter that accepts some routes lets those through.
    if (text.startsWith(SAMPLE) && action === 'accept') return undefined;
  }
  return undefined;
}

export const clientIgnoresRoutes: OpenvpnRule = {
  id: 'openvpn/client-ignores-routes',
  language: 'openvpn',
  layer: 3,
  severity: 'warning',
  summary: 'A client that drops pushed routes (route-nopull, pull-filter ignore "route") and has no route of its own.',
  check(ctx, report) {
    if (ctx.kind !== 'client') return;
    if (OWN_ROUTING.some((n) => ctx.first(n))) return;
    const nopull = ctx.first('route-nopull');
    const blocker = nopull ?? ignoringFilter(ctx.all('pull-filter'));
    if (!blocker) return;
    const servers = peerContexts(ctx);
    const dropped = servers.flatMap((s) => [
      ...pushedOptions(s, 'route'),
      ...(nopull ? [...pushedOptions(s, 'redirect-gateway'), ...pushedOptions(s, 'redirect-private')] : []),
    ].map((l) => ({ file: s.file, line: l })));
    if (servers.length && !dropped.length) return;
    const what = nopull ? 'route-nopull drops every route the server pushes' : 'This pull-filter drops every route the server pushes';
    report({
      range: blocker.node.range,
      message: `${what} and this file adds none of its own, so nothing but the tunnel subnet goes through the VPN (L3); add "route" lines for the networks you need, or remove this line.`,
      related: dropped.slice(0, 5).map((d) => ({ path: d.file.path, range: (d.line.node.parent ?? d.line.node).range, message: 'a pushed route this client drops' })),
      fixes: [{ title: `Remove ${nopull ? 'route-nopull' : 'this pull-filter'}`, edits: [deleteLines(ctx.file, blocker.node.range.start.line)] }],
    });
  },
};
