// Everything OpenVPN rules need about one file: its kind (server, client, ccd, peer-to-peer),
// each option with its spec, and the related files of the workspace (the server for a client,
// the clients and ccd files for a server).
import { posix } from 'node:path';
import type { Directive } from '../../engine/syntax';
import type { HasMemos } from '../../engine/memo';
import { nearestPeers } from '../../engine/pairing';
import type { SourceFile, Workspace } from '../../engine/workspace';
import type { OptionSpec } from './option-types';
import { optionSpec } from './schema';

export type FileKind = 'server' | 'client' | 'ccd' | 'p2p';

export interface OptionLine {
  node: Directive;
  spec?: OptionSpec;
  /** Inside `push "..."`: the pushed option. */
  pushed: boolean;
  /** Inside a `<connection>` block. */
  connection?: Directive;
  /** An inline file block (`<ca>` ...). */
  inline: boolean;
}

export interface OpenvpnContext extends HasMemos {
  file: SourceFile;
  ws: Workspace;
  kind: FileKind;
  /** Every option in file order, pushed options right after their push line. */
  lines: OptionLine[];
  /** The first line of an option (outside push), if any. */
  first(name: string): OptionLine | undefined;
  all(name: string): OptionLine[];
  /** Server configs for a client; client configs for a server (nearest folder first, see pairing). */
  peers(): SourceFile[];
  /** For a server: the ccd files of its client-config-dir found in the workspace. */
  ccdFiles(): SourceFile[];
}

const SERVER_MARKERS = new Set(['server', 'server-bridge', 'client-config-dir', 'ifconfig-pool', 'duplicate-cn', 'client-to-client']);
const CLIENT_MARKERS = new Set(['client', 'remote', 'pull', 'nobind', 'resolv-retry', 'remote-random', 'auth-user-pass', 'remote-cert-tls']);

export function isCcdPath(path: string): boolean {
  return /\/ccd\/[^/]+$/.test(path.replace(/\\/g, '/'));
}

export function fileKind(file: SourceFile): FileKind {
  if (isCcdPath(file.path)) return 'ccd';
  let server = 0;
  let client = 0;
  for (const d of file.parse.tree) {
    const n = d.name;
    if (n === 'mode' && d.args[0]?.value === 'server') server += 2;
    if (n === 'tls-server') server++;
    if (n === 'tls-client') client++;
    if (SERVER_MARKERS.has(n)) server += n === 'server' || n === 'server-bridge' ? 3 : 1;
    if (CLIENT_MARKERS.has(n)) client += n === 'client' ? 3 : 1;
  }
  if (!server && !client) return 'p2p';
  return server >= client ? 'server' : 'client';
}

/** Each file's context, in the workspace (see Workspace.derived). */
const CONTEXTS = {};

export function analyzeOpenvpn(file: SourceFile, ws: Workspace): OpenvpnContext {
  return ws.derivedOf(CONTEXTS, file, () => buildContext(file, ws));
}

function buildContext(file: SourceFile, ws: Workspace): OpenvpnContext {
  const lines: OptionLine[] = [];
  const visit = (nodes: readonly Directive[], connection?: Directive) => {
    for (const d of nodes) {
      if (d.name === 'connection' && d.children && !d.opaque) {
        lines.push({ node: d, spec: optionSpec('connection'), pushed: false, inline: false });
        visit(d.children, d);
        continue;
      }
      lines.push({ node: d, spec: optionSpec(d.name), pushed: false, connection, inline: !!d.opaque });
      if (d.name === 'push') for (const c of d.children ?? []) lines.push({ node: c, spec: optionSpec(c.name), pushed: true, connection, inline: false });
    }
  };
  visit(file.parse.tree);
  const byName = new Map<string, OptionLine[]>();
  for (const l of lines) {
    if (l.pushed) continue;
    const list = byName.get(l.node.name);
    if (list) list.push(l);
    else byName.set(l.node.name, [l]);
  }
  const kind = fileKind(file);
  const ctx: OpenvpnContext = {
    file,
    ws,
    memos: new Map(),
    kind,
    lines,
    first: (name) => byName.get(name)?.[0],
    all: (name) => byName.get(name) ?? [],
    peers() {
      const want: FileKind = kind === 'client' ? 'server' : kind === 'server' ? 'client' : 'p2p';
      if (want === 'p2p') return [];
      const candidates = ws.all().filter((f) => f !== file && f.language === 'openvpn' && fileKind(f) === want);
      return nearestPeers(file.path, candidates);
    },
    ccdFiles() {
      const dir = byName.get('client-config-dir')?.[0]?.node.args[0]?.value;
      if (!dir) return [];
      const abs = posix.isAbsolute(dir) ? dir : posix.join(posix.dirname(file.path), dir);
      const prefix = abs.endsWith('/') ? abs : `${abs}/`;
      const known = ws.all().filter((f) => f.language === 'openvpn' && f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('/'));
      if (known.length) return known;
      // Read the folder from disk when its files are not loaded yet.
      return ws.host.glob(`${prefix}*`).map((p) => ws.load(p, 'openvpn')).filter((f): f is SourceFile => !!f);
    },
  };
  return ctx;
}
