// The target of proxy_pass / grpc_pass / upstream `server`: scheme, host, port, and whether
// variables make it known only at run time.
import type { Directive } from '../../engine/syntax';
import type { Workspace } from '../../engine/workspace';
import { argCountOf, argValueOf } from './tree';

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

/** Parsed server lines per upstream block, in the workspace (see Workspace.derived). */
const UPSTREAM_LINES = {};
const newUpstreamLines = () => new Map<Directive, UpstreamLine[]>();

/**
 * The `server` lines (with an address) of an upstream block, parsed once per block: several
 * rules look at every upstream a relay names. Shared: do not modify.
 */
export function upstreamLinesOf(ws: Workspace, upstream: Directive): UpstreamLine[] {
  const byUpstream = ws.derived(UPSTREAM_LINES, newUpstreamLines);
  let lines = byUpstream.get(upstream);
  if (!lines) {
    const children = upstream.children ?? [];
    let n = 0;
    for (const s of children) if (s.name === 'server' && argCountOf(s)) n++;
    // Sized up front: a list grown by push reserves more room than an upstream's few lines.
    lines = new Array<UpstreamLine>(n);
    n = 0;
    for (const s of children) if (s.name === 'server' && argCountOf(s)) lines[n++] = { node: s, target: parseTarget(argValueOf(s, 0)!) };
    byUpstream.set(upstream, lines);
  }
  return lines;
}

// Written as character scans over `raw` (indices rather than slices) instead of regular
// expressions: rules parse every relay target and upstream server line of a file. The forms are
// those of /^([a-z][a-z0-9+.-]*):\/\//i for the scheme, /^\[([^\]]+)\](?::(\d+))?$/ for an IPv6
// host and /^\d+$/ for a port.
export function parseTarget(raw: string): Target {
  let from = 0;
  let scheme: string | undefined;
  const sep = raw.indexOf('://');
  if (sep > 0 && isSchemeName(raw, sep)) {
    scheme = schemeName(raw, sep);
    from = sep + 3;
  }
  const variable = raw.includes('$');
  if (raw.startsWith('unix:', from)) {
    const colon = raw.indexOf(':', from + 5);
    return { scheme, host: '', unix: raw.slice(from + 5, colon < 0 ? raw.length : colon), variable, raw };
  }
  // The host and port stand between `from` and `end`, the path after it.
  const slash = raw.indexOf('/', from);
  const end = slash >= 0 ? slash : raw.length;
  const path = slash >= 0 ? raw.slice(slash) : undefined;
  let host: string;
  let port: number | undefined;
  const close = bracketClose(raw, from, end);
  if (close >= 0) {
    host = `[${lowerCase(raw.slice(from + 1, close))}]`;
    port = close < end - 1 ? digitsValue(raw, close + 2, end) : undefined;
  } else {
    const i = portColon(raw, from, end);
    if (i >= 0) {
      host = raw.slice(from, i);
      port = digitsValue(raw, i + 1, end);
    } else host = from === 0 && end === raw.length ? raw : raw.slice(from, end);
  }
  return { scheme, host: lowerCase(host), port, path, variable, raw };
}

/**
 * What parseTarget(raw) gives as `unix ?? port`: the socket path of a unix target, else the port
 * (undefined: none written). For walks that need only that, without building the Target.
 */
export function targetSocketOrPort(raw: string): string | number | undefined {
  let from = 0;
  const sep = raw.indexOf('://');
  if (sep > 0 && isSchemeName(raw, sep)) from = sep + 3;
  if (raw.startsWith('unix:', from)) {
    const colon = raw.indexOf(':', from + 5);
    return raw.slice(from + 5, colon < 0 ? raw.length : colon);
  }
  const slash = raw.indexOf('/', from);
  const end = slash >= 0 ? slash : raw.length;
  const close = bracketClose(raw, from, end);
  if (close >= 0) return close < end - 1 ? digitsValue(raw, close + 2, end) : undefined;
  const i = portColon(raw, from, end);
  return i >= 0 ? digitsValue(raw, i + 1, end) : undefined;
}

/** The `]` of an IPv6 host `[addr]` or `[addr]:port` written from `from` to `end` (-1: not that form). */
function bracketClose(raw: string, from: number, end: number): number {
  const close = end > from && raw.charCodeAt(from) === 91 /* [ */ ? raw.indexOf(']', from) : -1;
  return close > from + 1 && close < end && (close === end - 1 || (raw.charCodeAt(close + 1) === 58 /* : */ && allDigits(raw, close + 2, end))) ? close : -1;
}

/** The `:` before a port that ends the host from `from` to `end` (-1: no port written). */
function portColon(raw: string, from: number, end: number): number {
  const i = end > from ? raw.lastIndexOf(':', end - 1) : -1;
  return i >= from && allDigits(raw, i + 1, end) ? i : -1;
}

/** The lower-cased scheme before `end`, without a new string for the usual ones. */
function schemeName(raw: string, end: number): string {
  if (end === 4 && raw.startsWith('http')) return 'http';
  if (end === 5 && raw.startsWith('https')) return 'https';
  return lowerCase(raw.slice(0, end));
}

/** `text.toLowerCase()`, without the copy it makes of a string that is already lower case. */
export function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return text.toLowerCase();
  }
  return text;
}

/** The number written by the digits from `from` to `end` (as Number() reads them). */
function digitsValue(text: string, from: number, end: number): number {
  if (end - from > 15) return Number(text.slice(from, end));
  let v = 0;
  for (let i = from; i < end; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

/** Whether `text` before `end` is a URL scheme: an ASCII letter, then letters, digits, + . or -. */
export function isSchemeName(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    const letter = c >= 97 && c <= 122;
    if (i === 0 ? !letter : !letter && !(text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) && text.charCodeAt(i) !== 43 && text.charCodeAt(i) !== 46 && text.charCodeAt(i) !== 45) return false;
  }
  return true;
}

/** Whether `text` from `from` to `end` is one or more ASCII digits. */
function allDigits(text: string, from: number, end: number): boolean {
  if (from >= end) return false;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1|ip6-localhost)$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

// Both tests look at the first character before running their expression: most hosts rules
// ask about are names that neither form can match.
export function isLoopback(host: string): boolean {
  const c = host.charCodeAt(0) | 0x20;
  return (c === 108 /* l */ || c === 105 /* i */ || c === 49 /* 1 */ || c === 123 /* [ */ || c === 58 /* : */) && LOOPBACK.test(host);
}

export function isIpAddress(host: string): boolean {
  const c = host.charCodeAt(0);
  return c === 91 /* [ */ || (c >= 48 && c <= 57 && IPV4.test(host));
}
