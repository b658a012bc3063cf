// A stream server that terminates TLS (`listen ... ssl`) and relays the decrypted bytes to a TLS
// port without `proxy_ssl on`: the backend waits for a handshake and gets cleartext.
import type { Fix } from '../../../engine/rules';
import { listenOf } from '../listen';
import { describeReach, targetPortsAllIn } from '../tls-reach';
import { tlsPasses } from '../tls-passes';
import { argCountOf } from '../tree';
import { flagOn, inherited, insertBefore, levelDirectives, missing, TLS_PORTS, type Found } from '../tls-scope';
import type { NginxContext } from '../analysis';
import type { Directive } from '../../../engine/syntax';
import type { NginxRule } from './types';

const PROXY_SSL = ['proxy_ssl'];

const isTlsListen = (d: Directive): boolean => d.name === 'listen' && argCountOf(d) > 1 && !!listenOf(d, NaN)?.params.has('ssl');

/** The first `listen ... ssl` of a server, with its included files read in place. */
function tlsListenOf(ctx: NginxContext, server: Directive): Found | undefined {
  const children = server.children ?? [];
  if (!children.some((c) => c.name === 'include')) {
    const own = children.find(isTlsListen);
    return own && { directive: own, path: ctx.file.path };
  }
  return levelDirectives(ctx, ctx.file, children).items.find((i) => isTlsListen(i.directive));
}

export const streamTlsThenPlaintext: NginxRule = {
  id: 'nginx/stream-tls-then-plaintext',
  language: 'nginx',
  layer: 6,
  severity: 'warning',
  summary: 'A stream server that terminates TLS and forwards cleartext to a TLS port without `proxy_ssl on`.',
  check(ctx, report) {
    for (const { node: d, target } of tlsPasses(ctx).streamProxy) {
      if (!d.parent || d.parent.name !== 'server') continue;
      const tlsListen = tlsListenOf(ctx, d.parent);
      if (!tlsListen) continue;
      const reach = targetPortsAllIn(ctx, target, 'stream', TLS_PORTS);
      if (!reach) continue;
      const branches = inherited(ctx, d, PROXY_SSL);
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
