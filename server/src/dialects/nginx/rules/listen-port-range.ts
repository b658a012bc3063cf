// A listen port outside 1-65535 or not a number (nginx refuses it), and a stream listen without
// a port (nginx 1.22 then binds a random free port that no client knows).
import { fileListens, validPort } from '../listeners-sockets';
import type { NginxRule } from './types';

export const listenPortRange: NginxRule = {
  id: 'nginx/listen-port-range',
  language: 'nginx',
  layer: 4,
  severity: 'error',
  summary: 'A listen port that is 0, above 65535 or not a number, or a stream listen without a port.',
  check(ctx, report) {
    for (const l of fileListens(ctx)) {
      const { address, directive } = l;
      if (address.unix !== undefined) continue;
      const arg = directive.args[0];
      if (address.portText !== undefined) {
        if (validPort(address.portText) !== undefined) continue;
        const what = /^\d+$/.test(address.portText) ? `Port ${Number(address.portText)} is outside 1-65535` : address.portText === '' ? 'The port after the colon is empty' : `"${address.portText}" is not a port number`;
        report({
          range: arg.range,
          message: `${what}: nginx refuses the listen ("invalid port") and does not start, so nothing listens (L4); give a port from 1 to 65535.`,
        });
        continue;
      }
      if (l.family === 'stream') {
        report({
          range: arg.range,
          message: `This stream listen names no port: nginx has no default port for stream servers and binds a random free port that no client knows, so connections to the intended port are refused (L4); add the port (listen ${address.host || '*'}:PORT;).`,
        });
      }
    }
  },
};
