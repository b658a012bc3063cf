// A URL (http://, https://) given to proxy_pass inside `stream`: the L4 proxy takes host:port.
import { defaultPort } from '../target';
import { isUpstreamName, passesOf } from '../relay-targets';
import type { NginxRule } from './types';

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export const streamProxyPassScheme: NginxRule = {
  id: 'nginx/stream-proxy-pass-scheme',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'proxy_pass in a stream (L4) server written as a URL with a scheme instead of host:port or an upstream name.',
  check(ctx, report) {
    for (const p of passesOf(ctx)) {
      if (p.node.name !== 'proxy_pass' || !p.families.includes('stream')) continue;
      const m = SCHEME.exec(p.value);
      if (!m) continue;
      const scheme = m[1].toLowerCase();
      const t = p.target;
      let replacement: string | undefined;
      if (t.unix !== undefined) replacement = `unix:${t.unix}`;
      else if (t.host && !t.variable) {
        const port = t.port ?? (isUpstreamName(ctx, 'stream', t.host) ? undefined : defaultPort(scheme));
        replacement = port === undefined ? t.host : `${t.host}:${port}`;
      }
      const example = `"proxy_pass ${replacement ?? 'host:port'};"`;
      const todo = scheme === 'https' ? `write ${example} and add "proxy_ssl on;" to keep TLS towards the backend` : `write ${example}`;
      report({
        range: p.arg.range,
        message: `A stream (L4) proxy_pass takes host:port or an upstream name, not a "${m[0]}" URL: nginx refuses the file ("invalid host in upstream") and the relay never accepts a connection; ${todo}.`,
        fixes: replacement ? [{ title: `Use ${replacement} (no URL scheme)`, edits: [{ path: ctx.file.path, range: p.arg.range, newText: replacement }], preferred: true }] : undefined,
      });
    }
  },
};
