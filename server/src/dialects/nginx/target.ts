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

export function parseTarget(raw: string): Target {
  let rest = raw;
  let scheme: string | undefined;
  const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(rest);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  }
  const variable = raw.includes('$');
  if (rest.startsWith('unix:')) return { scheme, host: '', unix: rest.slice(5).split(':')[0], variable, raw };
  const slash = rest.indexOf('/');
  const hostPort = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash) : undefined;
  let host = hostPort;
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (v6) {
    host = `[${v6[1].toLowerCase()}]`;
    port = v6[2] ? Number(v6[2]) : undefined;
  } else {
    const i = hostPort.lastIndexOf(':');
    if (i >= 0 && /^\d+$/.test(hostPort.slice(i + 1))) {
      host = hostPort.slice(0, i);
      port = Number(hostPort.slice(i + 1));
    }
  }
  return { scheme, host: host.toLowerCase(), port, path, variable, raw };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1|ip6-localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}
