// The target of proxy_pass / grpc_pass / upstream `server`: scheme, host, port, and whether
// variables make it known only at run time.
import type { Directive } from '../../engine/syntax';

export interface Target {
  scheme?: string;
  host: string;
  /** Undefined when the target names no port (http defaults apply; stream rejects it). */
  port?: number;
  path?: string;
  unix?: string;
  /** Contains `$`: resolved per request. */
  variable: boolean;
  raw: string;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, grpc: 80, grpcs: 443 };

export function defaultPort(scheme: string | undefined): number | undefined {
  return scheme ? DEFAULT_PORTS[scheme] : undefined;
}

/** An upstream `server` line and its parsed address. */
export interface UpstreamLine {
  node: Directive;
  target: Target;
}

const upstreamLines = new WeakMap<Directive, UpstreamLine[]>();

/**
 * The `server` lines (with an address) of an upstream block, parsed once per block: several
 * rules look at every upstream a relay names. Shared: do not modify.
 */
export function upstreamLinesOf(upstream: Directive): UpstreamLine[] {
  let lines = upstreamLines.get(upstream);
  if (!lines) {
    lines = [];
    for (const s of upstream.children ?? []) if (s.name === 'server' && s.args[0]) lines.push({ node: s, target: parseTarget(s.args[0].value) });
    upstreamLines.set(upstream, lines);
  }
  return lines;
}

// Written as character scans rather than regular expressions: rules parse every relay target
// and upstream server line of a file. The forms are those of /^([a-z][a-z0-9+.-]*):\/\//i for
// the scheme, /^\[([^\]]+)\](?::(\d+))?$/ for an IPv6 host and /^\d+$/ for a port.
export function parseTarget(raw: string): Target {
  let rest = raw;
  let scheme: string | undefined;
  const sep = raw.indexOf('://');
  if (sep > 0 && isSchemeName(raw, sep)) {
    scheme = raw.slice(0, sep).toLowerCase();
    rest = raw.slice(sep + 3);
  }
  const variable = raw.includes('$');
  if (rest.startsWith('unix:')) return { scheme, host: '', unix: rest.slice(5).split(':')[0], variable, raw };
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : undefined;
  let host = hostPort;
  let port: number | undefined;
  const close = hostPort.charCodeAt(0) === 91 /* [ */ ? hostPort.indexOf(']') : -1;
  if (close > 1 && (close === hostPort.length - 1 || (hostPort.charCodeAt(close + 1) === 58 /* : */ && allDigits(hostPort, close + 2)))) {
    host = `[${hostPort.slice(1, close).toLowerCase()}]`;
    port = close < hostPort.length - 1 ? Number(hostPort.slice(close + 2)) : undefined;
  } else {
    const i = hostPort.lastIndexOf(':');
    if (i >= 0 && allDigits(hostPort, i + 1)) {
      host = hostPort.slice(0, i);
      port = Number(hostPort.slice(i + 1));
    }
  }
  return { scheme, host: host.toLowerCase(), port, path, variable, raw };
}

/** Whether `text` before `end` is a URL scheme: an ASCII letter, then letters, digits, + . or -. */
function isSchemeName(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    const letter = c >= 97 && c <= 122;
    if (i === 0 ? !letter : !letter && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) && text.charCodeAt(i) !== 43 && text.charCodeAt(i) !== 46 && text.charCodeAt(i) !== 45) return false;
  }
  return true;
}

/** Whether `text` from `from` to its end is one or more ASCII digits. */
function allDigits(text: string, from: number): boolean {
  if (from >= text.length) return false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1|ip6-localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}
