// An upstream with `keepalive` reached by a proxy_pass that speaks HTTP/1.0 or sends
// "Connection: close": nginx closes every upstream connection, so the idle pool stays empty.
import type { TextEdit } from '../../../engine/rules';
import { chainsOf, findHeader, headerCodes, hiddenHeader, lookup, upstreamPools, type Lookup, type Placed } from '../http-scope';
import { insertAfter, insertBefore, where } from '../directive-edits';
import { passesOf } from '../relay-targets';
import { argValueOf } from '../tree';
import type { NginxRule } from './types';

const CLIMB = new Set(['if', 'limit_except']);

export const upstreamKeepaliveUnused: NginxRule = {
  id: 'nginx/upstream-keepalive-unused',
  language: 'nginx',
  layer: 4,
  severity: 'warning',
  summary: 'An upstream with keepalive used from a location that proxies with HTTP/1.0 or sends "Connection: close", so no connection is ever reused.',
  check(ctx, report) {
    const pools = upstreamPools(ctx);
    if (!pools.size) return;
    const codes = headerCodes(ctx.ws);
    // The http proxy_pass sites (httpSites) with their parsed targets: passes whose argument
    // holds `${` are variables either way.
    for (const p of passesOf(ctx)) {
      const t = p.target;
      if (t.variable || t.unix || t.port !== undefined || (t.scheme !== 'http' && t.scheme !== 'https')) continue;
      if (p.node.name !== 'proxy_pass' || p.r.allowed === false || ctx.familyOfResolution(p.r) !== 'http') continue;
      const keepalive = pools.get(t.host);
      if (!keepalive) continue;
      const pass = p.node;
      for (const chain of chainsOf(ctx, ctx.file, pass.parent)) {
        const version = lookup(ctx.ws, chain, 'proxy_http_version');
        const headers = lookup(ctx.ws, chain, 'proxy_set_header');
        if (version.unknown || headers.unknown) continue;
        const explicit = version.found[version.found.length - 1];
        const v = (explicit && argValueOf(explicit.node, 0)) ?? 'default';
        if (v === '2') continue;
        const connection = findHeader(codes, headers.found, 'connection');
        const cv = connection && argValueOf(connection.node, 1);
        if (cv !== undefined && cv.includes('$')) continue;
        const keepAliveHeader = cv !== undefined && KEEP_ALIVE.test(cv);
        const closes = cv === undefined || CLOSE.test(cv);
        let cause: string;
        let fixVersion = false;
        let fixConnection = false;
        if (v === '1.0' && !keepAliveHeader) {
          cause = `proxies with proxy_http_version 1.0 (${where(explicit!, ctx.file)}), so every upstream connection is closed after one response`;
          fixVersion = true;
          fixConnection = closes;
        } else if (v === 'default' && !keepAliveHeader) {
          cause = DEFAULTS_CLOSE;
          fixVersion = true;
          fixConnection = closes;
        } else if (v === '1.1' && closes) {
          const hidden = cv === undefined ? hiddenHeader(ctx.ws, chain, headers.level, 'connection') : undefined;
          cause = cv !== undefined
            ? `sends "Connection: ${cv}" (${where(connection!, ctx.file)}), so the backend closes every connection after one response`
            : hidden
              ? `sends "Connection: close" (nginx's default before 1.29.7) because the ${headers.level?.block?.name ?? 'block'}'s own proxy_set_header lines replace the Connection header set at ${where(hidden, ctx.file)}, so the backend closes every connection after one response`
              : 'sends "Connection: close" (nginx\'s default before 1.29.7, when proxy_set_header Connection is not set), so the backend closes every connection after one response';
          fixConnection = true;
        } else continue;

        // The fix only when every edit it needs can be made in this file.
        let versionEdit: TextEdit | undefined;
        if (fixVersion) {
          if (!explicit) versionEdit = insertBefore(ctx.file, pass, 'proxy_http_version 1.1;', CLIMB);
          else if (explicit.file === ctx.file) versionEdit = { path: ctx.file.path, range: explicit.node.args[0].range, newText: '1.1' };
        }
        const connectionFix = fixConnection && (versionEdit || !fixVersion) ? connectionEdit(ctx.file, pass, headers, connection) : undefined;
        const complete = (versionEdit || !fixVersion) && (connectionFix || !fixConnection);
        const edits = !complete ? undefined : versionEdit && connectionFix ? [versionEdit, connectionFix] : [(versionEdit ?? connectionFix)!];
        report({
          range: p.arg.range,
          message: `Upstream "${t.host}" keeps a pool of idle connections (keepalive, ${where(keepalive, ctx.file)}) but this proxy_pass ${cause}${ADVICE}`,
          fixes: edits ? [{ title: FIX_TITLE, edits }] : [],
          related: [{ path: keepalive.file.path, range: keepalive.node.range, message: `keepalive of upstream "${t.host}"` }],
        });
        break;
      }
    }
  },
};

const KEEP_ALIVE = /keep-alive/i;
const CLOSE = /close/i;
const DEFAULTS_CLOSE = 'proxies with HTTP/1.0 and "Connection: close" (nginx\'s defaults before 1.29.7), so every upstream connection is closed after one response';
const ADVICE = ': the pool is never used and each request pays a new TCP (and TLS) handshake (L4); set proxy_http_version 1.1; and proxy_set_header Connection "";.';
const FIX_TITLE = 'Keep upstream connections open (HTTP/1.1, empty Connection header)';

/**
 * Where `proxy_set_header Connection "";` goes without changing which headers are sent: replacing
 * an existing Connection value, next to the list in effect, or (no list in effect) before proxy_pass.
 */
function connectionEdit(file: Placed['file'], pass: Placed['node'], headers: Lookup, connection: Placed | undefined): TextEdit | undefined {
  const line = 'proxy_set_header Connection "";';
  if (connection) return connection.file === file ? { path: file.path, range: connection.node.args[1].range, newText: '""' } : undefined;
  if (!headers.found.length) return insertBefore(file, pass, line, CLIMB);
  const last = headers.found[headers.found.length - 1];
  return last.file === file ? insertAfter(file, last.node, line) : undefined;
}
