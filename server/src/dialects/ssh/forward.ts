// Forwarding specifications of LocalForward, RemoteForward and DynamicForward (and -L/-R/-D),
// parsed the way ssh parses them: [bind:]port, host:hostport, IPv6 in brackets, Unix sockets.
import type { Arg, Range } from '../../engine/syntax';
import { a2port, cleanHostname } from './host-port';

export interface Endpoint {
  /** Host or bind address as written ('' for an explicitly empty bind, '*' for all). */
  host?: string;
  port?: number;
  /** A Unix-domain socket path instead of host:port. */
  socket?: string;
  range: Range;
  /** The port part's text when it is not a valid number. */
  badPort?: string;
}

export interface ForwardSpec {
  kind: 'local' | 'remote' | 'dynamic';
  /** Where the forward listens (client side for -L/-D, server side for -R). */
  listen: Endpoint;
  /** Where the forwarded connections go; absent for dynamic (SOCKS) forwards. */
  target?: Endpoint;
  /** A remote forward with only a listen part: the server opens a SOCKS proxy reached through the client. */
  remoteDynamic?: boolean;
}

export type ForwardParse = { ok: true; spec: ForwardSpec } | { ok: false; message: string; range: Range };

/** Splits `a:b:c` honouring `[v6]` brackets; also accepts `/` as the separator, as ssh does. */
function splitHostPort(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  const sep = text.includes('/') && !text.includes(':') && !text.startsWith('/') ? 47 : 58; // / or :
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) depth++;
    else if (c === 93) depth--;
    else if (c === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A forward's port as ssh reads it (a2port: a number, or a TCP service name such as `http`). */
function portOf(text: string): number | undefined {
  const port = a2port(text);
  return port < 0 ? undefined : port;
}

/** Parses the listen part: `port`, `bind:port`, `[v6]:port`, `*:port`, `:port`, or a socket path. */
export function parseListen(arg: Arg, allowZero: boolean): Endpoint | { error: string } {
  const v = arg.value;
  if (v.includes('/') && !/^\[?[\d:.a-f*]*\]?\/\d+$/i.test(v)) return { socket: v, range: arg.range };
  const parts = splitHostPort(v);
  if (parts.length === 1) {
    const port = portOf(parts[0]);
    if (port === undefined || (port === 0 && !allowZero)) return { error: `"${v}" is not a port number (1-65535)` };
    return { port, range: arg.range };
  }
  if (parts.length === 2) {
    const port = portOf(parts[1]);
    if (port === undefined || (port === 0 && !allowZero)) return { error: `"${parts[1]}" is not a port number (1-65535)` };
    return { host: cleanHostname(parts[0]), port, range: arg.range };
  }
  return { error: `"${v}" is not [bind_address:]port` };
}

/** Parses the target part: `host:port`, `[v6]:port`, or a socket path. */
export function parseTarget(arg: Arg): Endpoint | { error: string } {
  const v = arg.value;
  if (v.startsWith('/')) return { socket: v, range: arg.range };
  const parts = splitHostPort(v);
  if (parts.length !== 2 || !parts[0]) return { error: `"${v}" is not host:port` };
  const port = portOf(parts[1]);
  if (port === undefined || port === 0) return { error: `"${parts[1]}" is not a port number (1-65535)` };
  return { host: cleanHostname(parts[0]), port, range: arg.range };
}

/** Parses a forwarding keyword's arguments. */
export function parseForward(keyword: string, args: readonly Arg[], whole: Range): ForwardParse {
  const kind = keyword.toLowerCase() === 'localforward' ? 'local' : keyword.toLowerCase() === 'remoteforward' ? 'remote' : 'dynamic';
  const expected = kind === 'local' ? '[bind_address:]port host:hostport' : kind === 'remote' ? '[bind_address:]port [host:hostport]' : '[bind_address:]port';
  const maxArgs = kind === 'dynamic' ? 1 : 2;
  const minArgs = kind === 'local' ? 2 : 1;
  if (args.length < minArgs || args.length > maxArgs) {
    return { ok: false, message: `${keyword} takes ${expected}, but has ${args.length} argument${args.length === 1 ? '' : 's'}`, range: whole };
  }
  // Remote forwards may ask for a dynamically allocated port (0).
  const listen = parseListen(args[0], kind === 'remote');
  if ('error' in listen) return { ok: false, message: `${listen.error} in ${keyword} (${expected})`, range: args[0].range };
  if (kind === 'dynamic') return { ok: true, spec: { kind, listen } };
  if (args.length === 1) return { ok: true, spec: { kind, listen, remoteDynamic: true } };
  const target = parseTarget(args[1]);
  if ('error' in target) return { ok: false, message: `${target.error} in ${keyword} (${expected})`, range: args[1].range };
  return { ok: true, spec: { kind, listen, target } };
}
