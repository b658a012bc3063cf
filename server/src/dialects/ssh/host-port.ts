// How OpenSSH (misc.c) reads a port and splits a host from what follows it. The lexicon checks and
// the ProxyJump reader both use these and add their own limits (port 0, which delimiter counts).
import { tcpServicePort } from './tcp-services';

/**
 * a2port(): strtonum(s, 0, 65535), which (through strtoll) allows leading blanks and a sign, so
 * `+22` and `-0` pass; else the port of a TCP service name; else -1.
 */
export function a2port(s: string): number {
  // Plain digits, the usual case, without a regular expression.
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === s.length && i > 0) {
    const n = Number(s);
    return n <= 65535 ? n : -1;
  }
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(s);
  if (m) {
    const n = Number(m[2]);
    // strtonum's range check: a negative number is too small unless it is -0.
    return (m[1] === '-' && n !== 0) || n > 65535 ? -1 : n;
  }
  return tcpServicePort(s) ?? -1;
}

/** What hpdelim() cut from a text: the host as written (brackets kept) and the rest. */
export interface HostSplit {
  host: string;
  /** The `:` or `/` after the host; absent when the host runs to the end. */
  delim?: ':' | '/';
  /** The text after the delimiter; absent when there is none. */
  rest?: string;
}

/**
 * hpdelim2(): the host runs to the first `:` or `/`, or is a whole `[...]` (IPv6), which only a
 * delimiter or the end may follow. Undefined when the `[` is not closed or something else follows
 * the `]`.
 */
export function hpdelim(s: string): HostSplit | undefined {
  let i: number;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0) return undefined;
    i = close + 1;
  } else {
    i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 58 || c === 47) break; // : or /
      i++;
    }
  }
  if (i === s.length) return { host: s };
  const delim = s[i];
  if (delim !== ':' && delim !== '/') return undefined;
  return { host: s.slice(0, i), delim, rest: s.slice(i + 1) };
}

/** cleanhostname(): the host of `[addr]` without its brackets; any other host as it is. */
export function cleanHostname(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
