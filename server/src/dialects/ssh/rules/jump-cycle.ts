// ProxyJump chains that come back to a host already on the way: A jumps via B, B via A, or a
// `Host *` ProxyJump that also applies to the jump host itself. Only the first hop's own
// configuration matters (ssh hands the rest of a hop list to the next ssh as -J, which overrides
// its ProxyJump), so the chain follows first hops. ssh 9.2 stops a direct self-loop with "jumphost
// loop via ..."; a longer loop keeps starting ssh processes until a limit is hit. Either way the
// connection never gets through, so this is an error at L4: the proxied stream that stands in for
// the TCP connection to the server never comes up. ProxyCommand lines of the form `ssh -W ... host`
// are followed too.
import type { Range } from '../../../engine/syntax';
import { clientResolver, sshCommandHop, type ProxyEdge } from '../hosts-eval';
import { jumpHops } from '../hosts-jump';
import type { SshRule } from './types';

export const sshJumpCycle: SshRule = {
  id: 'ssh/jump-cycle',
  language: 'ssh_config',
  layer: 4,
  severity: 'error',
  summary: 'ProxyJump chains that loop (A via B, B via A, or a Host * jump host that jumps via itself): the connection never gets through.',
  check(ctx, report) {
    // Where chains start: first hops of ProxyJump lines, then `ProxyCommand ssh ...` targets. A
    // start already walked is skipped (its walk marked it), so each is taken once, in that order.
    let resolver: ReturnType<typeof clientResolver> | undefined;
    const keyOf = (n: { to: string; user?: string }) => `${n.to}\0${n.user ?? ''}`;
    const state = new Map<string, 'open' | 'done'>();
    const reported = new Set<string>();
    const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}`;

    const walkFrom = (s: { to: string; user?: string }) => {
      if (state.has(keyOf(s))) return;
      resolver ??= clientResolver(ctx);
      // Iterative walk along the single outgoing edge of each node.
      const path: { node: { to: string; user?: string }; edge?: ProxyEdge }[] = [];
      let node: { to: string; user?: string } | undefined = s;
      while (node) {
        const k = keyOf(node);
        const st = state.get(k);
        if (st === 'done') break;
        if (st === 'open') {
          const at = path.findIndex((p) => keyOf(p.node) === k);
          const closing = path[path.length - 1].edge!;
          const chain = [...path.slice(at).map((p) => p.node.to), node.to].join(' → ');
          if (!reported.has(rangeKey(closing.range))) {
            reported.add(rangeKey(closing.range));
            const self = at === path.length - 1;
            const kw = closing.line.spec?.name ?? 'ProxyJump';
            report({
              range: closing.range,
              message: self
                ? `Jump loop ${chain}: this ${kw} also applies to "${node.to}" itself, so reaching the jump host needs the jump host first: ssh stops with "jumphost loop" or keeps nesting ssh processes, and never connects (L4); give "${node.to}" a direct route: a \`Host ${node.to}\` block with \`${kw} none\` placed before this line.`
                : `Jump loop ${chain}: each jump host is reached through the next, so ssh keeps starting new ssh processes and never connects (L4); give one of them a direct route (\`ProxyJump none\` in its own Host block, placed first).`,
              related: path.slice(at).filter((p) => p.edge).map((p) => ({ path: ctx.file.path, range: p.edge!.line.node.range, message: `${p.node.to} → ${p.edge!.to}` })),
            });
          }
          break;
        }
        state.set(k, 'open');
        const edge = resolver.proxyOf(node.to, node.user);
        path.push({ node });
        if (!edge) break;
        path[path.length - 1].edge = edge;
        node = { to: edge.to, user: edge.user };
      }
      for (const p of path) state.set(keyOf(p.node), 'done');
    };

    for (const h of jumpHops(ctx)) if (h.index === 0 && !h.hop.error && h.hop.host) walkFrom({ to: h.hop.host.toLowerCase(), user: h.hop.user });
    for (const l of ctx.lines) {
      if (l.key !== 'proxycommand') continue;
      const edge = sshCommandHop(l);
      if (edge) walkFrom({ to: edge.to, user: edge.user });
    }
  },
};
