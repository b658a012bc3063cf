// buildRelayGraph: a workspace's configs as one graph of endpoints and relay hops, each with the
// line that creates it and the findings about it. OpenVPN servers are read first so that an nginx
// stream relay and an OpenVPN client can join to the server they reach.
import type { Finding } from '../engine/rules';
import type { SourceFile, Workspace } from '../engine/workspace';
import { analyzeOpenvpn } from '../dialects/openvpn/analysis';
import { serversOfCcd, serverCcdFiles } from '../dialects/openvpn/routing-view';
import { analyzeSsh } from '../dialects/ssh/analysis';
import { isLoopbackHost } from '../dialects/openvpn/transport-model';
import { includesOf } from '../dialects/nginx/includes';
import { includeGraph } from '../dialects/nginx/relay-graph';
import { attachFindings } from './attach';
import { commonFolder, GraphBuilder } from './builder';
import type { RelayGraph } from './model';
import { addNginx, type EndpointLookup } from './nginx';
import { readNginxConfig, type RelayFamily } from './nginx-config';
import { addOpenvpnClient, addOpenvpnServer, type VpnEndpoint } from './openvpn';
import { addSshClient } from './ssh';
import { nearestPeers } from '../engine/pairing';

/** The files a graph of `selected` needs: the selection and the files it pairs with. */
function withPeers(ws: Workspace, selected: SourceFile[]): SourceFile[] {
  const out = new Map<string, SourceFile>();
  const add = (f: SourceFile) => out.set(f.path, f);
  for (const f of selected) {
    add(f);
    if (f.language === 'ssh_config' || f.language === 'sshd_config') analyzeSsh(f, ws).peers().forEach(add);
    else if (f.language === 'openvpn') {
      const ctx = analyzeOpenvpn(f, ws);
      if (ctx.kind === 'ccd') serversOfCcd(ctx).forEach(add);
      else ctx.peers().forEach(add);
    } else if (f.language === 'nginx') {
      // A fragment is drawn through the configs that include it.
      for (const e of includeGraph(ws).includedBy.get(f.path) ?? []) {
        const g = ws.get(e.from);
        if (g && g.language === 'nginx') add(g);
      }
    }
  }
  return [...out.values()];
}

/** nginx files no other nginx file of the set includes: each one is a configuration to read. */
function nginxRoots(ws: Workspace, files: SourceFile[]): SourceFile[] {
  const nginx = files.filter((f) => f.language === 'nginx');
  const included = new Set<string>();
  for (const f of nginx) for (const i of includesOf(f, ws)) for (const p of i.paths) if (p !== f.path) included.add(p);
  return nginx.filter((f) => !included.has(f.path));
}

/** A VPN server that an nginx stream target host:port reaches, when exactly one near the nginx config does. */
function vpnLookup(servers: readonly VpnEndpoint[], ws: Workspace): EndpointLookup {
  return (host, port, proto, fromPath) => {
    const fits = servers.filter((s) => s.port === port && s.proto === proto && (s.host === undefined ? true : s.host === host || (isLoopbackHost(s.host) && isLoopbackHost(host))));
    if (!fits.length) return undefined;
    const near = nearestPeers(fromPath, fits.map((s) => ws.get(s.path)!).filter(Boolean));
    return near.length === 1 ? fits.find((s) => s.path === near[0].path)?.node : undefined;
  };
}

/**
 * The relay graph of `paths` (and the files they pair with), or of every file loaded in the
 * workspace when `paths` is absent.
 */
export function buildRelayGraph(ws: Workspace, paths?: string[]): RelayGraph {
  const selected = paths ? paths.map((p) => ws.get(p) ?? ws.load(p)).filter((f): f is SourceFile => !!f) : ws.all();
  const files = withPeers(ws, selected).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const b = new GraphBuilder(commonFolder(files.map((f) => f.path)));
  const used = new Set(files.map((f) => f.path));

  const servers: VpnEndpoint[] = [];
  const clients = [];
  for (const f of files) {
    if (f.language !== 'openvpn') continue;
    const ctx = analyzeOpenvpn(f, ws);
    if (ctx.kind === 'server') {
      servers.push(addOpenvpnServer(b, ctx));
      for (const c of serverCcdFiles(ctx)) used.add(c.path);
    } else if (ctx.kind === 'client') clients.push(ctx);
  }
  for (const ctx of clients) addOpenvpnClient(b, ctx, servers);

  for (const f of files) if (f.language === 'ssh_config') addSshClient(b, f, ws);

  const lookup = vpnLookup(servers, ws);
  for (const root of nginxRoots(ws, files)) {
    const forced = ws.contextOverride.get(root.path);
    const config = readNginxConfig(root, ws, forced === 'stream' || forced === 'stream-server' ? ('stream' as RelayFamily) : 'http');
    for (const p of config.files) used.add(p);
    addNginx(b, config, lookup);
  }

  // Findings of every file the graph drew from, paired sshd_config files included.
  for (const f of files) if (f.language === 'ssh_config') for (const p of analyzeSsh(f, ws).peers()) used.add(p.path);
  const findings: Finding[] = [];
  for (const p of [...used].sort()) findings.push(...ws.analyze(p));
  attachFindings(b.anchored, findings);
  return b.finish([...used]);
}
