// What the transport, crypto and pairing rules need to know about one OpenVPN config, computed
// the way openvpn itself resolves it: the TLS role, the connection entries a client tries (each
// `remote` or `<connection>` with the proto, port and proxy in effect for it), the socket a server
// listens on, the control-channel protection and its key direction, the data-channel ciphers, the
// compression framing and the device type. Everything is read from the tree by option name.
import { Memo } from '../../engine/memo';
import type { Directive, Range } from '../../engine/syntax';
import { analyzeOpenvpn, type OpenvpnContext } from './analysis';

export type ProtoFamily = 'udp' | 'tcp';

export interface Proto {
  family: ProtoFamily;
  /** tcp-client / tcp-server (and the 4/6 forms); undefined for plain udp/tcp. */
  role?: 'client' | 'server';
  text: string;
}

const PROTO = /^(udp|tcp)([46]?)(?:-(client|server))?$/;

export function parseProto(value: string): Proto | undefined {
  const m = PROTO.exec(value.toLowerCase());
  if (!m || (m[1] === 'udp' && m[3])) return undefined;
  return { family: m[1] as ProtoFamily, role: m[3] as Proto['role'], text: value };
}

export const DEFAULT_PORT = '1194';

/** Whether the config runs TLS as the client or the server side (undefined: static key or none). */
export function tlsRole(ctx: OpenvpnContext): 'client' | 'server' | undefined {
  const has = (n: string) => !!ctx.first(n);
  if (has('tls-server') || has('server') || has('server-bridge') || ctx.all('mode').some((l) => l.node.args[0]?.value === 'server')) return 'server';
  if (has('client') || has('tls-client')) return 'client';
  return undefined;
}

/** A `client` (or `pull`) config: it needs a server in `mode server` on the other side. */
export function isPullClient(ctx: OpenvpnContext): boolean {
  return !!ctx.first('client') || !!ctx.first('pull');
}

/** The last top-level line of any of these options: openvpn keeps the last value. */
export function lastOf(ctx: OpenvpnContext, ...names: string[]): Directive | undefined {
  let found: Directive | undefined;
  for (const d of ctx.file.parse.tree) if (names.includes(d.name)) found = d;
  return found;
}

/** One place a client tries to connect to (or, for a server, the one socket it listens on). */
export interface ConnectionEntry {
  /** The `remote` line, if any. */
  remote?: Directive;
  host?: string;
  /** The remote port in effect and the line that set it (undefined: the default 1194). */
  port: string;
  portFrom?: { node: Directive; range: Range };
  /** The local port (lport, else port) and the line that set it. */
  localPort: string;
  localPortFrom?: Directive;
  proto: Proto;
  protoFrom?: { node: Directive; range: Range };
  httpProxy?: Directive;
  socksProxy?: Directive;
  /** The `<connection>` block, when the entry is one. */
  connection?: Directive;
}

/** The settings an entry is built from while the file is read: everything but its block. */
type EntryState = Omit<ConnectionEntry, 'connection'>;

function apply(state: EntryState, d: Directive): void {
  const a = d.args;
  switch (d.name) {
    case 'proto': {
      const p = a[0] && parseProto(a[0].value);
      if (p) {
        state.proto = p;
        state.protoFrom = { node: d, range: a[0].range };
      }
      break;
    }
    case 'port':
      if (a[0]) {
        state.port = a[0].value;
        state.portFrom = { node: d, range: a[0].range };
        state.localPort = a[0].value;
        state.localPortFrom = d;
      }
      break;
    case 'rport':
      if (a[0]) {
        state.port = a[0].value;
        state.portFrom = { node: d, range: a[0].range };
      }
      break;
    case 'lport':
      if (a[0]) {
        state.localPort = a[0].value;
        state.localPortFrom = d;
      }
      break;
    case 'http-proxy':
      state.httpProxy = d;
      break;
    case 'socks-proxy':
      state.socksProxy = d;
      break;
    default:
      break;
  }
}

/** A `remote HOST [PORT] [PROTO]` line applied on top of the settings in effect. */
function loadRemote(state: EntryState, d: Directive): EntryState {
  const s = { ...state, remote: d, host: d.args[0]?.value };
  if (d.args[1]) {
    s.port = d.args[1].value;
    s.portFrom = { node: d, range: d.args[1].range };
  }
  const p = d.args[2] && parseProto(d.args[2].value);
  if (p) {
    s.proto = p;
    s.protoFrom = { node: d, range: d.args[2].range };
  }
  return s;
}

const entryCache = new Memo<OpenvpnContext, ConnectionEntry[]>();

/**
 * The connection entries openvpn builds: one per `<connection>` block (each starts from the
 * top-level settings seen before it; top-level `remote` lines are then ignored), else one per
 * top-level `remote` (with the final top-level settings), else one for the whole file.
 */
export function connectionEntries(ctx: OpenvpnContext): ConnectionEntry[] {
  const hit = entryCache.get(ctx);
  if (hit) return hit;
  let state: EntryState = { port: DEFAULT_PORT, localPort: DEFAULT_PORT, proto: { family: 'udp', text: 'udp' } };
  const blocks: ConnectionEntry[] = [];
  const remotes: Directive[] = [];
  for (const d of ctx.file.parse.tree) {
    if (d.name === 'connection' && d.children && !d.opaque) {
      let s: EntryState = { ...state };
      for (const c of d.children) {
        if (c.name === 'remote') s = loadRemote(s, c);
        else apply(s, c);
      }
      blocks.push({ ...s, connection: d });
      continue;
    }
    if (d.name === 'remote') remotes.push(d);
    else apply(state, d);
  }
  let out: ConnectionEntry[];
  if (blocks.length) out = blocks;
  else if (remotes.length) out = remotes.map((r) => loadRemote(state, r));
  else out = [state];
  entryCache.set(ctx, out);
  return out;
}

// ---- addresses ----

/** Loopback: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'ip6-localhost') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  return h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/**
 * Why no packet from another host can arrive at this address (or undefined when it may):
 * `0.x` (other than the wildcard 0.0.0.0), multicast, the reserved 240/4 and broadcast, IPv6
 * multicast.
 */
export function unusableAddress(host: string): string | undefined {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (m) {
    const o = m.slice(1).map(Number);
    if (o.some((x) => x > 255)) return undefined;
    if (o[0] === 0 && h !== '0.0.0.0') return 'an address in 0.0.0.0/8, which no interface owns';
    if (o[0] >= 224 && o[0] <= 239) return 'a multicast address';
    if (h === '255.255.255.255') return 'the broadcast address';
    if (o[0] >= 240) return 'an address in the reserved range 240.0.0.0/4';
    return undefined;
  }
  if (/^ff[0-9a-f]{2}:/.test(h)) return 'an IPv6 multicast address';
  return undefined;
}

export function isWildcardHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::' || h === '*' || h === '';
}

// ---- control channel ----

export type ControlMode = 'none' | 'tls-auth' | 'tls-crypt' | 'tls-crypt-v2';
export const CONTROL_MODES: readonly ControlMode[] = ['tls-auth', 'tls-crypt', 'tls-crypt-v2'];

export interface ControlChannel {
  /** The protection lines in the file (top level and `<connection>` blocks), inline blocks included. */
  lines: { mode: Exclude<ControlMode, 'none'>; node: Directive; connection?: Directive }[];
  /** The modes in effect: for a client one per entry, for a server everything it accepts. */
  modes: Set<ControlMode>;
}

export function controlChannel(ctx: OpenvpnContext): ControlChannel {
  const lines: ControlChannel['lines'] = [];
  const top = new Set<ControlMode>();
  const blockModes: Set<ControlMode>[] = [];
  for (const d of ctx.file.parse.tree) {
    if (d.name === 'connection' && d.children && !d.opaque) {
      const own = new Set<ControlMode>();
      for (const c of d.children) {
        if ((CONTROL_MODES as string[]).includes(c.name)) {
          own.add(c.name as ControlMode);
          lines.push({ mode: c.name as Exclude<ControlMode, 'none'>, node: c, connection: d });
        }
      }
      blockModes.push(own);
      continue;
    }
    if ((CONTROL_MODES as string[]).includes(d.name)) {
      top.add(d.name as ControlMode);
      lines.push({ mode: d.name as Exclude<ControlMode, 'none'>, node: d });
    }
  }
  const modes = new Set<ControlMode>();
  const global = top.size ? top : new Set<ControlMode>(['none']);
  // A block without its own protection takes the top-level one.
  if (blockModes.length && ctx.kind === 'client') for (const b of blockModes) for (const m of b.size ? b : global) modes.add(m);
  else {
    for (const m of global) modes.add(m);
    for (const b of blockModes) for (const m of b) modes.add(m);
    if (modes.size > 1) modes.delete('none');
  }
  return { lines, modes };
}

export interface KeyDirection {
  /** The top-level tls-auth line or inline `<tls-auth>` block. */
  tlsAuth: Directive;
  inline: boolean;
  /** 0, 1, or undefined for bidirectional (no direction given). */
  direction?: 0 | 1;
  /** The line that set the direction (the tls-auth line's second argument or key-direction). */
  from?: Directive;
  fromRange?: Range;
}

/** The top-level tls-auth key and its direction: the last of `tls-auth FILE DIR` and `key-direction` wins. */
export function keyDirection(ctx: OpenvpnContext): KeyDirection | undefined {
  let tlsAuth: Directive | undefined;
  let direction: 0 | 1 | undefined;
  let from: Directive | undefined;
  let fromRange: Range | undefined;
  for (const d of ctx.file.parse.tree) {
    if (d.name === 'tls-auth') {
      tlsAuth = d;
      const dir = !d.opaque ? d.args[1]?.value : undefined;
      if (dir === '0' || dir === '1') {
        direction = dir === '0' ? 0 : 1;
        from = d;
        fromRange = d.args[1].range;
      }
    } else if (d.name === 'key-direction') {
      const dir = d.args[0]?.value;
      if (dir === '0' || dir === '1') {
        direction = dir === '0' ? 0 : 1;
        from = d;
        fromRange = d.args[0].range;
      }
    }
  }
  if (!tlsAuth) return undefined;
  return { tlsAuth, inline: !!tlsAuth.opaque, direction, from, fromRange };
}

// ---- data channel ----

export const DEFAULT_DATA_CIPHERS = ['AES-256-GCM', 'AES-128-GCM', 'CHACHA20-POLY1305'];

export function isAead(cipher: string): boolean {
  const c = cipher.toUpperCase();
  return /-GCM$/.test(c) || c === 'CHACHA20-POLY1305';
}

/** Ciphers that OpenSSL 3 moved to its legacy provider: openvpn 2.6 rejects them unless `providers legacy` loads it. */
export function isLegacyCipher(cipher: string): boolean {
  const c = cipher.toUpperCase();
  return /^(BF|CAST5|CAST|DES|DESX|RC2|RC4|RC5|IDEA|SEED)(-|$)/.test(c) && !/^DES-EDE/.test(c);
}

export interface CipherItem {
  name: string;
  range: Range;
  optional: boolean;
}

/** The items of a `data-ciphers A:B:C` argument with their exact ranges (`?` marks optional ones). */
export function cipherItems(d: Directive): CipherItem[] {
  const arg = d.args[0];
  if (!arg) return [];
  const out: CipherItem[] = [];
  const raw = arg.text;
  // Ranges are exact only for unquoted single-line arguments; quoted ones get the whole argument.
  const exact = !arg.quoted && raw === arg.value && arg.range.start.line === arg.range.end.line;
  let offset = 0;
  for (const part of arg.value.split(':')) {
    const start = offset;
    offset += part.length + 1;
    if (!part) continue;
    const optional = part.startsWith('?');
    const name = optional ? part.slice(1) : part;
    const range = exact
      ? { start: { line: arg.range.start.line, character: arg.range.start.character + start }, end: { line: arg.range.start.line, character: arg.range.start.character + start + part.length } }
      : arg.range;
    out.push({ name, range, optional });
  }
  return out;
}

export interface DataCiphers {
  list: string[];
  /** The `data-ciphers` (or old `ncp-ciphers`) line, when set. */
  line?: Directive;
}

export function dataCiphers(ctx: OpenvpnContext): DataCiphers {
  const line = lastOf(ctx, 'data-ciphers', 'ncp-ciphers');
  if (!line?.args[0]) return { list: DEFAULT_DATA_CIPHERS };
  return { list: cipherItems(line).map((c) => c.name.toUpperCase()), line };
}

/** Whether the legacy provider is loaded (`providers legacy default`). */
export function legacyProvider(ctx: OpenvpnContext): boolean {
  return ctx.all('providers').some((l) => l.node.args.some((a) => a.value === 'legacy'));
}

// ---- compression ----

/**
 * How data packets are framed for compression. `lzo` (comp-lzo, compress lzo) and `v1`
 * (compress, stub, lz4) put a header byte on every packet; `v2` (stub-v2, lz4-v2) only on
 * compressed ones; `migrate` is the server's adaptive mode.
 */
export type Framing = 'none' | 'lzo' | 'v1' | 'v2' | 'migrate';

export function framingOf(d: Directive): Framing | undefined {
  if (d.name === 'comp-lzo') return 'lzo';
  if (d.name !== 'compress') return undefined;
  const alg = d.args[0]?.value.toLowerCase();
  if (alg === undefined || alg === 'stub' || alg === 'lz4') return 'v1';
  if (alg === 'lzo') return 'lzo';
  if (alg === 'stub-v2' || alg === 'lz4-v2') return 'v2';
  if (alg === 'migrate') return 'migrate';
  return undefined;
}

export interface Compression {
  framing: Framing;
  line?: Directive;
}

/** The file's own framing (the last top-level comp-lzo/compress line). */
export function ownCompression(ctx: OpenvpnContext): Compression {
  let out: Compression = { framing: 'none' };
  for (const d of ctx.file.parse.tree) {
    const f = framingOf(d);
    if (f) out = { framing: f, line: d };
  }
  return out;
}

/** What a server pushes (the last pushed comp-lzo/compress), if anything. */
export function pushedCompression(ctx: OpenvpnContext): Compression | undefined {
  let out: Compression | undefined;
  for (const l of ctx.lines) {
    if (!l.pushed) continue;
    const f = framingOf(l.node);
    if (f) out = { framing: f, line: l.node };
  }
  return out;
}

export function framingText(c: Compression): string {
  if (!c.line) return 'no compression framing';
  const d = c.line;
  return `\`${[d.name, ...d.args.map((a) => a.value)].join(' ')}\``;
}

// ---- device ----

export function devType(ctx: OpenvpnContext): { type: 'tun' | 'tap'; line: Directive } | undefined {
  const explicit = lastOf(ctx, 'dev-type');
  const dev = lastOf(ctx, 'dev');
  const t = (explicit?.args[0]?.value ?? dev?.args[0]?.value ?? '').toLowerCase();
  const line = explicit ?? dev;
  if (!line) return undefined;
  if (t.startsWith('tun')) return { type: 'tun', line };
  if (t.startsWith('tap')) return { type: 'tap', line };
  return undefined;
}

// ---- pairing ----

/** The contexts of the other side's files (the servers of a client, the clients of a server). */
export function peerContexts(ctx: OpenvpnContext): OpenvpnContext[] {
  return ctx.peers().map((p) => analyzeOpenvpn(p, ctx.ws));
}

// ---- reporting helpers ----

/** Where a client-side pairing finding goes when no specific line says it: the client line. */
export function anchorOf(ctx: OpenvpnContext): Directive | undefined {
  return ctx.first('client')?.node ?? ctx.first('tls-client')?.node ?? ctx.first('remote')?.node ?? ctx.file.parse.tree[0];
}
