// ProxyJump values: `none`, or comma-separated hops `[user@]host[:port]` or `ssh://[user@]host[:port]`.
export interface Hop {
  user?: string;
  host: string;
  port?: number;
  /** Offsets of the hop inside the argument text. */
  start: number;
  end: number;
  /** Set when the hop text is malformed. */
  error?: string;
}

export function parseJump(value: string): Hop[] {
  if (value.toLowerCase() === 'none') return [];
  const hops: Hop[] = [];
  let offset = 0;
  for (const raw of value.split(',')) {
    const start = offset;
    offset += raw.length + 1;
    let text = raw;
    let uri = false;
    if (text.toLowerCase().startsWith('ssh://')) {
      text = text.slice(6);
      uri = true;
    }
    let user: string | undefined;
    const at = text.lastIndexOf('@');
    if (at >= 0) {
      user = text.slice(0, at);
      text = text.slice(at + 1);
    }
    let host = text;
    let port: number | undefined;
    let error: string | undefined;
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
    if (v6) {
      host = v6[1];
      port = v6[2] ? Number(v6[2]) : undefined;
    } else if (text.includes(':')) {
      const i = text.lastIndexOf(':');
      host = text.slice(0, i);
      const p = text.slice(i + 1);
      if (/^\d+$/.test(p) && Number(p) >= 1 && Number(p) <= 65535) port = Number(p);
      else error = `"${p}" is not a port number`;
    }
    if (uri && text.endsWith('/')) host = host.replace(/\/$/, '');
    if (!host) error = 'empty host';
    hops.push({ user, host, port, start, end: start + raw.length, error });
  }
  return hops;
}
