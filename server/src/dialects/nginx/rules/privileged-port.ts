// A port below 1024 that is not one of the usual web, mail or DNS ports: binding it needs root or
// CAP_NET_BIND_SERVICE, which rootless and container setups often lack.
import { fileListens, validPort } from '../listeners-sockets';
import type { NginxRule } from './types';

/** Web, mail and DNS ports that every deployment knows to need privileges. */
const WELL_KNOWN = new Set([80, 443, 53, 853, 25, 465, 587, 110, 143, 993, 995]);

export const privilegedPort: NginxRule = {
  id: 'nginx/privileged-port',
  language: 'nginx',
  layer: 4,
  severity: 'info',
  summary: 'A listen port below 1024 (other than the usual web, mail and DNS ports) that needs root or CAP_NET_BIND_SERVICE.',
  check(ctx, report) {
    for (const { address, directive } of fileListens(ctx)) {
      const port = validPort(address.portText);
      if (port === undefined || port >= 1024 || WELL_KNOWN.has(port)) continue;
      report({
        range: directive.args[0].range,
        message: `Port ${port} is below 1024, so binding it needs root or CAP_NET_BIND_SERVICE: an nginx started without them (rootless container, non-root service user) fails with "permission denied" and nothing listens (L4); grant the capability or use a port from 1024 up.`,
      });
    }
  },
};
