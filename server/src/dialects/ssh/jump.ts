// ProxyJump values: `none`, or comma-separated hops `[user@]host[:port]` or
// `ssh://[user[;params]@]host[:port][/]`. Follows OpenSSH 9.2's parse_jump(): every hop goes through
// parse_ssh_uri() (misc.c parse_uri) when it starts with `ssh://`, else parse_user_host_port()
// (last `@` ends the user, the host runs to the first `:`, a `/` there is refused, a `[...]`
// host may hold colons), and a port may be a number 1..65535 or a service name.
import { a2port, cleanHostname, hpdelim } from './host-port';

export interface Hop {
  user?: string;
  host: string;
  port?: number;
  /** Offsets of the hop inside the argument value. */
  start: number;
  end: number;
  /** Offsets of the host name inside the argument value (brackets excluded). */
  hostStart: number;
  hostEnd: number;
  /** Written as an `ssh://` URI. */
  uri: boolean;
  /** Set when ssh rejects the hop (ssh -G: `Invalid ProxyJump`). */
  error?: string;
}

/** A hop's port: a2port(), where ssh takes 1..65535 (parse_user_host_port and parse_uri refuse 0). */
function hopPort(text: string): number | undefined {
  const port = a2port(text);
  return port > 0 ? port : undefined;
}

/** misc.c valid_domain(): what an `ssh://` host may look like. */
function validDomain(name: string): boolean {
  return /^[a-z0-9]/i.test(name) && /^[a-z0-9._-]*$/i.test(name) && !name.includes('..') && !/[-.]$/.test(name);
}

function urldecode(s: string): string | undefined {
  if (/%(?![0-9a-f]{2})/i.test(s)) return undefined;
  return s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** hpdelim()'s split of a hop, with the host's offsets inside the argument value. */
interface Split {
  /** The host name, without the brackets of `[addr]`. */
  host: string;
  hostStart: number;
  hostEnd: number;
  /** Length of the host text as written (brackets included). */
  raw: number;
  delim?: ':' | '/';
  rest?: string;
}

/** hpdelim() on the text at offset `base` of the value, or why ssh refuses it. */
function splitHost(text: string, base: number): Split | string {
  const split = hpdelim(text);
  if (!split) {
    const close = text.indexOf(']');
    return close < 0 ? 'unterminated "["' : `unexpected "${text[close + 1]}" after "]"`;
  }
  const raw = split.host.length;
  const host = cleanHostname(split.host);
  const bracket = host === split.host ? 0 : 1;
  return { ...split, host, hostStart: base + bracket, hostEnd: base + raw - bracket, raw };
}

/** A copy of the hop so far with the reason ssh refuses it. */
const failed = (hop: Hop, error: string): Hop => ({ ...hop, error });

function parseHop(raw: string, start: number): Hop {
  const hop: Hop = { host: '', start, end: start + raw.length, hostStart: start, hostEnd: start + raw.length, uri: false };
  if (raw.startsWith('ssh://')) {
    hop.uri = true;
    let text = raw.slice(6);
    let base = start + 6;
    const at = text.indexOf('@');
    if (at >= 0) {
      const info = text.slice(0, at);
      const user = info.split(';')[0];
      if (!user) return failed(hop, 'empty user name before "@"');
      const decoded = urldecode(user);
      if (decoded === undefined) return failed(hop, 'bad %-escape in the user name');
      hop.user = decoded;
      text = text.slice(at + 1);
      base += at + 1;
    }
    const split = splitHost(text, base);
    if (typeof split === 'string') return failed(hop, split);
    hop.host = split.host;
    hop.hostStart = split.hostStart;
    hop.hostEnd = split.hostEnd;
    if (!split.host) return failed(hop, 'empty host name');
    if (!validDomain(split.host)) return failed(hop, `"${split.host}" is not a valid host name for an ssh:// address (IPv6 addresses and special characters are refused there)`);
    let rest = split.rest;
    if (rest && split.delim === ':') {
      const slash = rest.indexOf('/');
      const portText = slash >= 0 ? rest.slice(0, slash) : rest;
      const port = hopPort(portText);
      if (port === undefined) return failed(hop, `"${portText}" is not a port number (1-65535)`);
      hop.port = port;
      rest = slash >= 0 ? rest.slice(slash + 1) : '';
    }
    if (rest) return failed(hop, `an ssh:// address with a path ("/${rest}") is refused`);
    return hop;
  }
  let text = raw;
  let base = start;
  const at = text.lastIndexOf('@');
  if (at >= 0) {
    if (at === 0) return failed(hop, 'empty user name before "@"');
    hop.user = text.slice(0, at);
    text = text.slice(at + 1);
    base += at + 1;
  }
  const split = splitHost(text, base);
  if (typeof split === 'string') return failed(hop, split);
  hop.host = split.host;
  hop.hostStart = split.hostStart;
  hop.hostEnd = split.hostEnd;
  if (split.delim === '/') return failed(hop, '"/" cannot separate host and port (use ":")');
  if (!split.raw) return failed(hop, 'empty host name');
  if (split.rest) {
    const port = hopPort(split.rest);
    if (port === undefined) {
      return failed(hop, split.rest.includes(':') ? `"${split.rest}" is not a port number (an IPv6 address needs brackets: [addr]:port)` : `"${split.rest}" is not a port number (1-65535)`);
    }
    hop.port = port;
  }
  return hop;
}

export function parseJump(value: string): Hop[] {
  if (value.length === 4 && value.toLowerCase() === 'none') return [];
  const hops: Hop[] = [];
  let offset = 0;
  for (const raw of value.includes(',') ? value.split(',') : [value]) {
    hops.push(raw ? parseHop(raw, offset) : { host: '', start: offset, end: offset, hostStart: offset, hostEnd: offset, uri: false, error: 'empty hop (two commas, or a comma at either end)' });
    offset += raw.length + 1;
  }
  return hops;
}
