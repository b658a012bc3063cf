// The address and port of a `listen` directive, normalised so that sockets can be compared.
import type { Directive } from '../../engine/syntax';
import { argValuesOf } from './tree';

export interface ListenSocket {
  /** Normalised host part: '*' for the wildcard, '[::]' style for IPv6, or a name/IPv4 address. */
  host: string;
  port?: number;
  unix?: string;
  ipv6: boolean;
  /** Flags and key=value parameters after the address (ssl, default_server, udp, ...). */
  params: ReadonlySet<string>;
  /** `host:port` as it should appear in messages. */
  key: string;
}

/** The parameters of most listens (a bare address): one shared empty set. */
const NO_PARAMS: ReadonlySet<string> = new Set();

/** Whether text[from..] is one or more ASCII digits (/^\d+$/ on the rest). */
function digitsFrom(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether a listen address is a bare port (which listens on every address). */
export function isPortOnly(addr: string): boolean {
  return digitsFrom(addr, 0);
}

function paramsOf(values: readonly string[]): ReadonlySet<string> {
  if (values.length < 2) return NO_PARAMS;
  const params = new Set<string>();
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    const eq = v.indexOf('=');
    params.add(eq < 0 ? v : v.slice(0, eq));
  }
  return params;
}

/** The socket a `listen` directive opens (see parseListen); its arguments are read as values only. */
export function listenOf(node: Directive, defaultPort = 80): ListenSocket | undefined {
  return parseListen(argValuesOf(node), defaultPort);
}

// Character scans instead of regular expressions: every listen of a config is parsed. The forms
// are /^\[([^\]]*)\](?::(\d+))?$/ for a bracketed IPv6 address and /^\d+$/ for a port.
/**
 * Parses the argument values of `listen`; returns undefined when the address part is not
 * understood. Not memoised: a parse costs less than a lookup in a weak map keyed by the
 * directive (and the entries such a map piles up for every edit). Indexes keep the sockets they parse.
 */
export function parseListen(values: readonly string[], defaultPort = 80): ListenSocket | undefined {
  if (!values.length) return undefined;
  const addr = values[0];
  if (addr.includes('$')) return undefined;
  const params = paramsOf(values);
  if (addr.startsWith('unix:')) return { host: '', unix: addr.slice(5), ipv6: false, params, key: addr };
  let host = '*';
  let portText: string | undefined;
  const close = addr.charCodeAt(0) === 91 /* [ */ ? addr.indexOf(']') : -1;
  if (close > 0 && (close === addr.length - 1 || (addr.charCodeAt(close + 1) === 58 /* : */ && digitsFrom(addr, close + 2)))) {
    host = `[${addr.slice(1, close).toLowerCase()}]`;
    portText = close === addr.length - 1 ? undefined : addr.slice(close + 2);
  } else if (digitsFrom(addr, 0)) {
    portText = addr;
  } else {
    const i = addr.lastIndexOf(':');
    if (i >= 0) {
      host = addr.slice(0, i);
      portText = addr.slice(i + 1);
    } else host = addr;
  }
  if (host === '0.0.0.0') host = '*';
  const port = portText === undefined ? defaultPort : digitsFrom(portText, 0) ? Number(portText) : NaN;
  const ipv6 = host.charCodeAt(0) === 91 /* [ */;
  return { host, port, ipv6, params, key: `${host}:${Number.isNaN(port) ? portText : port}` };
}
