// The relay graph: what a workspace's configs mean for connectivity as a whole. Endpoints are
// nodes, every relay step is a hop, and each carries the source range that creates it so an
// editor can open that line. Pure data; built by build.ts, drawn by the renderers.
//
// Render API (server/src/graph/):
//   buildRelayGraph(ws, paths?)                  -> RelayGraph            (build.ts)
//   layoutGraph(graph)                           -> Promise<LaidOutGraph> (layout.ts)
//   renderSvg(laidOut, { theme })                -> string                (svg.ts)
//     theme 'standalone': embeds a <style> with light and dark (prefers-color-scheme) colours.
//     theme 'vscode': no colours of its own; CSS classes `lw-node lw-kind-<kind>`,
//       `lw-hop lw-hopkind-<kind> lw-layer-<n>`, `broken` (error/warning finding on it) and
//       attributes data-id, data-path, data-line (0-based) so a webview styles them with
//       var(--vscode-*) and opens the line on click.
//   renderMermaid(graph) / renderDot(graph) / renderJson(graph) -> string (mermaid.ts, dot.ts, json.ts)
import type { Layer } from '../engine/layers';
import type { Range, Severity } from '../engine/syntax';

/** Where in the configs a node or hop comes from. `path` is as the workspace knows it (absolute). */
export interface SourceRef {
  path: string;
  range: Range;
}

export type NodeKind =
  | 'client' // the machine running ssh / an OpenVPN client / the public side of a proxy
  | 'host' // an SSH server reached directly or through jumps
  | 'listener' // an nginx listen socket, an ssh forward's listening socket
  | 'upstream-group' // nginx upstream block
  | 'upstream-server' // a server inside an upstream, or a direct proxy_pass target
  | 'socks' // a DynamicForward SOCKS listener
  | 'target' // a forward's destination host:port
  | 'vpn-server'
  | 'vpn-client'
  | 'subnet'; // a network reached through the VPN (tunnel subnet, routed LAN)

/**
 * Left-to-right placement hint: 0 is the public edge (where connections come from), larger is
 * further inside. Layout uses it to keep the public side on the left.
 */
export type Side = 0 | 1 | 2 | 3 | 4;

export interface GraphNode {
  /** Stable across runs for the same input (derived from kind and address, not from order). */
  id: string;
  kind: NodeKind;
  /** Short text to draw: an alias, `host:port`, `10.20.0.0/24`. */
  label: string;
  /** Optional second line (e.g. the HostName behind an alias, `udp 1194`). */
  detail?: string;
  side: Side;
  /**
   * The folder (relative to the graph's base) of the config the node belongs to, so renderers can
   * box the pieces of one setup together. '.' for the base folder itself.
   */
  group?: string;
  /** The line that declares this endpoint; absent for endpoints only implied (the client). */
  source?: SourceRef;
  /** Findings about the endpoint itself (e.g. a listener that cannot bind). */
  findings: HopFinding[];
}

export type HopProtocol = 'tcp' | 'udp' | 'http' | 'https' | 'ssh' | 'tls' | 'socks' | 'ip' | 'grpc' | 'uwsgi' | 'fastcgi' | 'scgi' | 'memcached';

export type HopKind =
  | 'jump' // ProxyJump / the final ssh connection
  | 'ssh' // ssh connection to the target host
  | 'local-forward'
  | 'remote-forward'
  | 'dynamic-forward'
  | 'listen' // a client connecting to an nginx listener
  | 'proxy' // http proxy_pass (or grpc/uwsgi/... pass)
  | 'stream-proxy' // stream proxy_pass
  | 'sni-route' // ssl_preread map choosing the upstream
  | 'upstream-member' // upstream group -> one of its servers
  | 'vpn-tunnel' // client <-> server
  | 'route' // a route on the server / pushed to clients
  | 'iroute' // a ccd iroute: the subnet lives behind that client
  | 'join'; // the same endpoint seen from two configs (nginx target = VPN server)

export type TlsMode = 'terminate' | 'passthrough' | 'reencrypt' | 'originate';

export interface HopFinding {
  rule: string;
  severity: Severity;
  message: string;
  path: string;
  range: Range;
}

export interface GraphHop {
  /** Stable id: `<from>-><to>#<kind>` with a counter only when that repeats. */
  id: string;
  from: string;
  to: string;
  layer: Layer;
  protocol: HopProtocol;
  /** The destination port of the hop, when it has one. */
  port?: number;
  kind: HopKind;
  /** Short text; renderers prefix layer/protocol/port. */
  label?: string;
  tls?: TlsMode;
  /** Two-way hops (a VPN tunnel) are drawn without a direction. */
  bidirectional?: boolean;
  source?: SourceRef;
  findings: HopFinding[];
}

export interface RelayGraph {
  /** Absolute folder that ids and `group` are relative to (the files' common folder). */
  base?: string;
  nodes: GraphNode[];
  hops: GraphHop[];
  /** The files the graph was built from, sorted. */
  files: string[];
}

/** True when the hop or node should be drawn as broken (an error or warning is attached). */
export function isBroken(item: { findings: readonly HopFinding[] }): boolean {
  return item.findings.some((f) => f.severity === 'error' || f.severity === 'warning');
}

// Signature of the entry point (build.ts):
//   export function buildRelayGraph(ws: Workspace, paths?: string[]): RelayGraph
// `paths` limits the graph to those files (plus the files they pair with); absent means every
// file loaded in the workspace.

export interface LaidOutNode extends GraphNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutHop extends GraphHop {
  /** Polyline from the source node's border to the target's, in drawing order. */
  points: { x: number; y: number }[];
  /** Where the label is drawn (its centre). */
  labelAt: { x: number; y: number };
}

export interface LaidOutGraph {
  base?: string;
  nodes: LaidOutNode[];
  hops: LaidOutHop[];
  files: string[];
  width: number;
  height: number;
  /** Captions above the pieces: the config folders they come from (left-aligned, baseline at y). */
  captions?: { text: string; x: number; y: number }[];
  /** Set when the graph was too big to draw whole: how much was left out of the picture. */
  omitted?: { nodes: number; hops: number };
}
