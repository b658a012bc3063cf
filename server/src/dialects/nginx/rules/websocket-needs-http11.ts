// A location that forwards the WebSocket upgrade while proxying with HTTP/1.0: the backend cannot
// switch protocols, so the handshake fails. Also: only one of the two upgrade headers forwarded.
import type { Fix, Related } from '../../../engine/rules';
import type { Directive } from '../../../engine/syntax';
import { chainsOf, findHeader, headerCodes, httpSites, lookup, type Placed } from '../http-scope';
import { graphMentions } from '../relay-graph';
import { insertBefore, where } from '../directive-edits';
import type { NginxRule } from './types';

/** Blocks where proxy_http_version is not allowed; the fix goes before them. */
const CLIMB = new Set(['if', 'limit_except']);

export const websocketNeedsHttp11: NginxRule = {
  id: 'nginx/websocket-needs-http11',
  language: 'nginx',
  layer: 7,
  severity: 'error',
  summary: 'WebSocket upgrade headers forwarded over HTTP/1.0 (proxy_http_version), or only one of Upgrade/Connection forwarded.',
  check(ctx, report) {
    if (!graphMentions(ctx.ws, /upgrade/i)) return;
    const reportedPairs = new Set<Directive>();
    const codes = headerCodes(ctx.ws);
    for (const pass of httpSites(ctx, 'proxy_pass')) {
      for (const chain of chainsOf(ctx, ctx.file, pass.parent)) {
        const headers = lookup(ctx.ws, chain, 'proxy_set_header');
        if (headers.shadowed) continue;
        const upgrade = findHeader(codes, headers.found, 'upgrade');
        const connection = findHeader(codes, headers.found, 'connection');
        const upgradeValue = upgrade ? upgrade.node.args[1].value : '';
        const connectionValue = connection ? connection.node.args[1].value : '';
        const forwardsUpgrade = upgradeValue !== '';
        const connectionUpgrade = /upgrade/i.test(connectionValue);
        if (!forwardsUpgrade && !connectionUpgrade) continue;
        const trigger = (forwardsUpgrade ? upgrade : connection) as Placed;
        const related: Related[] = [{ path: trigger.file.path, range: trigger.node.range, message: 'the upgrade header is forwarded here' }];

        const version = lookup(ctx.ws, chain, 'proxy_http_version');
        const explicit = version.found[version.found.length - 1];
        const value = explicit?.node.args[0]?.value;
        if (value === '1.0' || (!explicit && !version.unreadable)) {
          const fixes: Fix[] = [];
          if (explicit && explicit.file === ctx.file) {
            fixes.push({ title: 'Proxy with HTTP/1.1', preferred: true, edits: [{ path: ctx.file.path, range: explicit.node.args[0].range, newText: '1.1' }] });
            related.push({ path: explicit.file.path, range: explicit.node.range, message: 'HTTP/1.0 is chosen here' });
          } else if (!explicit) {
            fixes.push({ title: 'Add proxy_http_version 1.1;', preferred: true, edits: [insertBefore(ctx.file, pass, 'proxy_http_version 1.1;', CLIMB)] });
          }
          const why = explicit
            ? `proxy_http_version 1.0 (${where(explicit, ctx.file)})`
            : version.outer
              ? 'HTTP/1.0, the default before nginx 1.29.7, unless a level outside this fragment sets proxy_http_version'
              : 'HTTP/1.0, the default before nginx 1.29.7';
          report({
            range: pass.nameRange,
            severity: explicit || !version.outer ? undefined : 'warning',
            message: `This location forwards the WebSocket upgrade (${where(trigger, ctx.file)}) but proxies with ${why}: an HTTP/1.0 request cannot switch protocols, so WebSocket clients fail at the handshake (L7); set proxy_http_version 1.1; here.`,
            fixes,
            related,
          });
        }

        if (headers.unreadable) break;
        const connectionForwards = connectionUpgrade || connectionValue.includes('$');
        if (forwardsUpgrade && !connectionForwards && !reportedPairs.has(upgrade!.node)) {
          reportedPairs.add(upgrade!.node);
          const here = upgrade!.file === ctx.file;
          const fix: Fix[] = here && !connection ? [{ title: 'Forward Connection: upgrade', edits: [insertBefore(ctx.file, upgrade!.node, 'proxy_set_header Connection "upgrade";')] }] : [];
          const sent = connection ? (connectionValue === '' ? 'no Connection header' : `"Connection: ${connectionValue}"`) : '"Connection: close" (nginx\'s default)';
          report({
            range: here ? upgrade!.node.nameRange : pass.nameRange,
            severity: 'warning',
            message: `The Upgrade header is forwarded but the backend gets ${sent}, so it does not treat the request as an upgrade and WebSocket clients fail at the handshake (L7); also set proxy_set_header Connection "upgrade"; (or $connection_upgrade from a map).`,
            fixes: fix,
            related: here ? [] : [{ path: upgrade!.file.path, range: upgrade!.node.range, message: 'Upgrade is forwarded here' }],
          });
        } else if (connectionUpgrade && !forwardsUpgrade && !reportedPairs.has(connection!.node)) {
          reportedPairs.add(connection!.node);
          const here = connection!.file === ctx.file;
          const fix: Fix[] = here && !upgrade ? [{ title: 'Forward the Upgrade header', edits: [insertBefore(ctx.file, connection!.node, 'proxy_set_header Upgrade $http_upgrade;')] }] : [];
          report({
            range: here ? connection!.node.nameRange : pass.nameRange,
            severity: 'warning',
            message: `Connection: upgrade is forwarded but the Upgrade header is not (nginx drops the client's by default), so the backend has no protocol to switch to and WebSocket clients fail at the handshake (L7); also set proxy_set_header Upgrade $http_upgrade;.`,
            fixes: fix,
            related: here ? [] : [{ path: connection!.file.path, range: connection!.node.range, message: 'Connection is set here' }],
          });
        }
        break;
      }
    }
  },
};
