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

/** Sockets already parsed, per argument list, for the two default ports rules use (http 80, stream none). */
const parsed80 = new WeakMap<readonly Arg[], ListenSocket | undefined>();
const parsedNaN = new WeakMap<readonly Arg[], ListenSocket | undefined>();

/**
 * Parses the arguments of `listen`; returns undefined when the address part is not understood.
 * The result is shared between callers (a directive's arguments are parsed once): do not modify it.
 */
export function parseListen(args: readonly Arg[], defaultPort = 80): ListenSocket | undefined {
  const memo = defaultPort === 80 ? parsed80 : Number.isNaN(defaultPort) ? parsedNaN : undefined;
  if (!memo) return parseListenUncached(args, defaultPort);
  let socket = memo.get(args);
  if (socket === undefined && !memo.has(args)) memo.set(args, (socket = parseListenUncached(args, defaultPort)));
  return socket;
}

function parseListenUncached(args: readonly Arg[], defaultPort: number): ListenSocket | undefined {
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
