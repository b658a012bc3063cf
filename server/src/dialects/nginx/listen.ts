// The address and port of a `listen` directive, normalised so that sockets can be compared.
import type { Arg } from '../../engine/syntax';

export interface ListenSocket {
  /** Normalised host part: '*' for the wildcard, '[::]' style for IPv6, or a name/IPv4 address. */
  host: string;
  port?: number;
  unix?: string;
  ipv6: boolean;
  /** Flags and key=value parameters after the address (ssl, default_server, udp, ...). */
  params: Set<string>;
  /** `host:port` as it should appear in messages. */
  key: string;
}

/** Parses the arguments of `listen`; returns undefined when the address part is not understood. */
export function parseListen(args: readonly Arg[], defaultPort = 80): ListenSocket | undefined {
  if (!args.length) return undefined;
  const addr = args[0].value;
  const params = new Set(args.slice(1).map((a) => a.value.split('=')[0]));
  if (addr.includes('$')) return undefined;
  if (addr.startsWith('unix:')) return { host: '', unix: addr.slice(5), ipv6: false, params, key: addr };
  let host = '*';
  let portText: string | undefined;
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(addr);
  if (v6) {
    host = `[${v6[1].toLowerCase()}]`;
    portText = v6[2];
  } else if (/^\d+$/.test(addr)) {
    portText = addr;
  } else {
    const i = addr.lastIndexOf(':');
    if (i >= 0) {
      host = addr.slice(0, i);
      portText = addr.slice(i + 1);
    } else host = addr;
  }
  if (host === '0.0.0.0') host = '*';
  const port = portText === undefined ? defaultPort : /^\d+$/.test(portText) ? Number(portText) : NaN;
  const ipv6 = host.startsWith('[');
  return { host, port, ipv6, params, key: `${host}:${Number.isNaN(port) ? portText : port}` };
}
