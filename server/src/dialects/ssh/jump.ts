// ProxyJump values: `none`, or comma-separated hops `[user@]host[:port]` or
// `ssh://[user[;params]@]host[:port][/]`. Follows OpenSSH 9.2's parse_jump(): every hop goes through
// parse_ssh_uri() (misc.c parse_uri) when it starts with `ssh://`, else parse_user_host_port()
// (last `@` ends the user, the host runs to the first `:`, a `/` there is refused, a `[...]`
// host may hold colons), and a port may be a number 1..65535 or a service name.
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

/** Service names a2port() resolves through /etc/services on common systems. */
const SERVICES: Record<string, number> = {
  ssh: 22, telnet: 23, ftp: 21, smtp: 25, domain: 53, http: 80, www: 80, pop3: 110, imap: 143,
  https: 443, imaps: 993, pop3s: 995, submission: 587, rsync: 873, socks: 1080,
};

/** OpenSSH's a2port(): a number 1..65535 (strtonum accepts a leading +), or a known service name. */
export function a2port(text: string): number | undefined {
  if (/^\+?\d+$/.test(text)) {
    const n = Number(text);
    return n >= 1 && n <= 65535 ? n : undefined;
  }
  return SERVICES[text];
}

/** misc.c valid_domain(): what an `ssh://` host may look like. */
function validDomain(name: string): boolean {
  return /^[a-z0-9]/i.test(name) && /^[a-z0-9._-]*$/i.test(name) && !name.includes('..') && !/[-.]$/.test(name);
}

function urldecode(s: string): string | undefined {
  if (/%(?![0-9a-f]{2})/i.test(s)) return undefined;
  return s.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

interface Split {
  host: string;
  hostStart: number;
  hostEnd: number;
  delim: '' | ':' | '/';
  /** Length of the host text as written (brackets included). */
  raw: number;
  rest: string;
  restStart: number;
}

/** misc.c hpdelim2(): the host part up to `:` or `/`, with `[...]` kept whole. */
function hpdelim(text: string, base: number): Split | string {
  let i: number;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return 'unterminated "["';
    i = close + 1;
  } else {
    i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 58 || c === 47) break; // : or /
      i++;
    }
  }
  const c = text[i] ?? '';
  if (c !== '' && c !== ':' && c !== '/') return `unexpected "${c}" after "]"`;
  let host = text.slice(0, i);
  let hostStart = base;
  let hostEnd = base + i;
  if (host.startsWith('[') && host.endsWith(']')) {
    host = host.slice(1, -1);
    hostStart++;
    hostEnd--;
  }
  return { host, hostStart, hostEnd, delim: c as Split['delim'], raw: i, rest: text.slice(i + 1), restStart: base + i + 1 };
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
    const split = hpdelim(text, base);
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
      const port = a2port(portText);
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
  const split = hpdelim(text, base);
  if (typeof split === 'string') return failed(hop, split);
  hop.host = split.host;
  hop.hostStart = split.hostStart;
  hop.hostEnd = split.hostEnd;
  if (split.delim === '/') return failed(hop, '"/" cannot separate host and port (use ":")');
  if (!split.raw) return failed(hop, 'empty host name');
  if (split.rest) {
    const port = a2port(split.rest);
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
