// A stream server that terminates TLS (`listen ... ssl`) and relays the decrypted bytes to a TLS
// port without `proxy_ssl on`: the backend waits for a handshake and gets cleartext.
import type { Fix } from '../../../engine/rules';
import { parseListen } from '../listen';
import { passTargets } from '../relay-targets';
import { describeReach, familyAt, flagOn, inherited, insertBefore, levelDirectives, missing, targetPorts, TLS_PORTS } from '../tls-scope';
import type { NginxRule } from './types';

export const streamTlsThenPlaintext: NginxRule = {
  id: 'nginx/stream-tls-then-plaintext',
  language: 'nginx',
  layer: 6,
  severity: 'warning',
  summary: 'A stream server that terminates TLS and forwards cleartext to a TLS port without `proxy_ssl on`.',
  check(ctx, report) {
    const targetOf = passTargets(ctx);
    for (const r of ctx.named('proxy_pass')) {
      const d = r.node;
      if (r.data || !d.args[0] || !d.parent || d.parent.name !== 'server') continue;
      if (familyAt(ctx, d) !== 'stream') continue;
      const level = levelDirectives(ctx, ctx.file, d.parent.children ?? []);
      const tlsListen = level.items.find((i) => i.directive.name === 'listen' && parseListen(i.directive.args, NaN)?.params.has('ssl'));
      if (!tlsListen) continue;
      const target = targetOf(d, d.args[0]);
      const reach = targetPorts(ctx, target, 'stream', undefined);
      if (!reach || !reach.ports.every((p) => TLS_PORTS.has(p))) continue;
      const branches = inherited(ctx, d, ['proxy_ssl']);
      if (!missing(branches, flagOn)) continue;
      const where = describeReach(target, reach);
      const off = branches.flatMap((b) => b.found).find((f) => f.path === ctx.file.path && f.directive.parent === d.parent && f.directive.args[0]);
      const fixes: Fix[] = [
        off
          ? { title: 'Turn proxy_ssl on', edits: [{ path: ctx.file.path, range: off.directive.args[0].range, newText: 'on' }], preferred: true }
          : { title: 'Add "proxy_ssl on;"', edits: [insertBefore(ctx, d, 'proxy_ssl on;')], preferred: true },
      ];
      report({
        range: d.args[0].range,
        message: `This server decrypts TLS on its listener, then forwards the cleartext to ${where}, which expects a TLS handshake: the backend rejects the first bytes and closes every connection (L6); add "proxy_ssl on;" so nginx opens TLS to the backend, or target its plaintext port.`,
        related: tlsListen.path === ctx.file.path ? [{ path: tlsListen.path, range: tlsListen.directive.range, message: 'TLS is terminated here' }] : [],
        fixes,
      });
    }
  },
};
