// ssh_config in the relay graph: the client, each Host alias it can reach (through ProxyJump
// hops when set), and the forwards of each host: -L listeners on the client, -R listeners on the
// server (bound where the paired sshd_config really binds them) and -D SOCKS listeners.
import { posix } from 'node:path';
import type { Layer } from '../engine/layers';
import type { Directive } from '../engine/syntax';
import type { SourceFile, Workspace } from '../engine/workspace';
import { analyzeSsh } from '../dialects/ssh/analysis';
import { asksForPublic, clientBind, requestedRemoteAddress, serverBind, type Bind, type GatewayPorts } from '../dialects/ssh/bind';
import { serverEffective, serverRoots } from '../dialects/ssh/forwarding-server';
import { clientView, type ClientHost } from '../dialects/ssh/forwarding-client';
import { parseForward, type Endpoint, type ForwardSpec } from '../dialects/ssh/forward';
import { argSubRange } from '../dialects/ssh/hosts-jump';
import { a2port } from '../dialects/ssh/host-port';
import { parseJump } from '../dialects/ssh/jump';
import { specOf } from '../dialects/ssh/schema';
import { headRange, type GraphBuilder } from './builder';
import type { GraphNode, SourceRef } from './model';

function layerOf(key: string, fallback: Layer): Layer {
  return specOf('client', key)?.layer ?? fallback;
}

function isAlias(name: string): boolean {
  return !/[*?!,]/.test(name);
}

function hostPort(host: string | undefined, port: number | undefined): string {
  const h = host === undefined ? '' : host.includes(':') ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}

function bindText(b: Bind, port: number | undefined): string {
  const host = b.scope === 'all interfaces' ? '*' : (b.address ?? 'localhost');
  return hostPort(host, port);
}

function endpointText(e: Endpoint): string {
  return e.socket ?? hostPort(e.host, e.port);
}

interface HostFacts {
  alias: string;
  section: Directive;
  host: ClientHost;
  hostName?: string;
  port: number;
  user?: string;
}

/** Adds the graph of one ssh_config file. */
export function addSshClient(b: GraphBuilder, file: SourceFile, ws: Workspace): void {
  const ctx = analyzeSsh(file, ws);
  const rel = b.rel(file.path);
  const view = clientView(ctx);
  const here = (range: SourceRef['range']): SourceRef => ({ path: file.path, range });

  // One node per Host section: `Host h1 h1.example.test` names one machine twice.
  const hosts = new Map<string, HostFacts>();
  for (const section of ctx.sections) {
    if (section.name.toLowerCase() !== 'host') continue;
    let primary: HostFacts | undefined;
    for (const h of view.hostsOf(section)) {
      const alias = h.target.host;
      if (h.synthetic || !isAlias(alias) || hosts.has(alias.toLowerCase())) continue;
      if (primary) {
        hosts.set(alias.toLowerCase(), primary);
        continue;
      }
      const port = a2port(h.value('port') ?? '');
      hosts.set(alias.toLowerCase(), primary = {
        alias,
        section,
        host: h,
        hostName: h.first('hostname')?.args[0]?.value,
        // ssh refuses Port 0 and what a2port() cannot read; the graph shows the default then.
        port: port > 0 ? port : 22,
        user: h.target.user,
      });
    }
  }
  const primaries = [...new Set(hosts.values())];
  if (!hosts.size) return;

  b.group = b.groupOf(file.path);
  const client = b.node({ id: `ssh-client:${rel}`, kind: 'client', label: 'ssh client', detail: posix.basename(rel), side: 0 });
  const hostNode = (alias: string): GraphNode => {
    const known = hosts.get(alias.toLowerCase());
    if (known) {
      return b.node(
        {
          id: `ssh-host:${rel}:${known.alias}`,
          kind: 'host',
          label: known.alias,
          detail: hostPort(known.hostName ?? known.alias, known.port === 22 ? undefined : known.port),
          side: 2,
          source: here(headRange(known.section)),
        },
        { scopes: [here(known.section.range)] },
      );
    }
    return b.node({ id: `ssh-host:${rel}:${alias}`, kind: 'host', label: alias, detail: 'no Host section', side: 1 });
  };

  for (const facts of primaries.sort((x, y) => (x.alias < y.alias ? -1 : 1))) {
    const target = hostNode(facts.alias);
    const scope = { scopes: [here(facts.section.range)] };
    const jumpLine = facts.host.first('proxyjump');
    const hops = jumpLine?.args[0] ? parseJump(jumpLine.args[0].value) : [];
    if (!hops.length) {
      b.hop({ from: client.id, to: target.id, layer: layerOf('port', 4), protocol: 'ssh', port: facts.port, kind: 'ssh', source: here(headRange(facts.section)) }, scope);
    } else {
      // ssh -J a,b host: a is reached with its own settings, b through a, the host through b.
      const arg = jumpLine!.args[0];
      const layer = layerOf('proxyjump', 4);
      let prev: GraphNode | undefined;
      for (const hop of hops) {
        if (!hop.host) continue;
        const node = hostNode(hop.host);
        const range = argSubRange(arg, hop.start, hop.end) ?? arg.range;
        const port = hop.port ?? hosts.get(hop.host.toLowerCase())?.port ?? 22;
        if (!prev) {
          if (!hosts.has(hop.host.toLowerCase())) b.hop({ from: client.id, to: node.id, layer, protocol: 'ssh', port, kind: 'jump', label: 'jump', source: here(range) }, scope);
        } else {
          b.hop({ from: prev.id, to: node.id, layer, protocol: 'ssh', port, kind: 'jump', label: 'jump', source: here(range) }, scope);
        }
        prev = node;
      }
      if (prev) b.hop({ from: prev.id, to: target.id, layer, protocol: 'ssh', port: facts.port, kind: 'jump', label: 'jump', source: here(headRange(jumpLine!)) }, scope);
      else b.hop({ from: client.id, to: target.id, layer: layerOf('port', 4), protocol: 'ssh', port: facts.port, kind: 'ssh', source: here(headRange(facts.section)) }, scope);
    }
    if (facts.host.value('clearallforwardings') === 'yes') continue;
    const gatewayPortsYes = facts.host.value('gatewayports') === 'yes';
    for (const key of ['localforward', 'remoteforward', 'dynamicforward']) {
      for (const line of facts.host.all(key)) {
        const parsed = parseForward(line.name, line.args, line.range);
        if (!parsed.ok) continue;
        addForward(b, { file, rel, line, spec: parsed.spec, facts, target, client, gatewayPortsYes, ws });
      }
    }
  }
}

interface ForwardInput {
  file: SourceFile;
  rel: string;
  line: Directive;
  spec: ForwardSpec;
  facts: HostFacts;
  target: GraphNode;
  client: GraphNode;
  gatewayPortsYes: boolean;
  ws: Workspace;
}

function addForward(b: GraphBuilder, f: ForwardInput): void {
  const source: SourceRef = { path: f.file.path, range: f.line.range };
  const layer = layerOf(f.spec.kind === 'local' ? 'localforward' : f.spec.kind === 'remote' ? 'remoteforward' : 'dynamicforward', 4);
  const listen = f.spec.listen;
  const sshHop = { layer, protocol: 'ssh' as const, port: f.facts.port, source };
  if (f.spec.kind === 'local' || f.spec.kind === 'dynamic') {
    const text = listen.socket ?? bindText(clientBind(listen.host, f.gatewayPortsYes), listen.port);
    const kind = f.spec.kind === 'local' ? 'listener' : 'socks';
    const node = b.node({ id: `ssh-${kind}:${f.rel}:${f.facts.alias}:${text}`, kind, label: text, detail: f.spec.kind === 'local' ? 'LocalForward on the client' : 'SOCKS on the client', side: 0, source });
    const hopKind = f.spec.kind === 'local' ? 'local-forward' : 'dynamic-forward';
    b.hop({ from: node.id, to: f.target.id, kind: hopKind, label: 'through ssh', ...sshHop });
    if (f.spec.kind === 'local' && f.spec.target) {
      const dest = endpointText(f.spec.target);
      const to = b.node({ id: `ssh-target:${f.rel}:${f.facts.alias}:${dest}`, kind: 'target', label: dest, detail: `reached from ${f.facts.alias}`, side: 3, source });
      b.hop({ from: f.target.id, to: to.id, kind: hopKind, layer, protocol: 'tcp', port: f.spec.target.port, source });
    } else if (f.spec.kind === 'dynamic') {
      const to = b.node({ id: `ssh-target:${f.rel}:${f.facts.alias}:*`, kind: 'target', label: 'any host:port', detail: `chosen per SOCKS request, reached from ${f.facts.alias}`, side: 3, source });
      b.hop({ from: f.target.id, to: to.id, kind: hopKind, layer, protocol: 'tcp', source });
    }
    return;
  }
  // -R: the server listens, the client connects on. Where the server binds depends on its GatewayPorts.
  const requested = requestedRemoteAddress(listen.host);
  const gp = serverGatewayPorts(f);
  const asked = listen.socket ?? hostPort(listen.host ?? 'localhost', listen.port);
  let label = asked;
  let detail = `on ${f.facts.alias}; bind set by its sshd`;
  if (gp && !listen.socket) {
    label = bindText(serverBind(requested, gp.value), listen.port);
    const narrowed = serverBind(requested, gp.value).scope === 'loopback' && asksForPublic(listen.host);
    detail = `${f.facts.alias}, GatewayPorts ${gp.value}${narrowed ? ` (asked ${listen.host})` : ''}`;
  }
  const node = b.node({ id: `ssh-remote-listener:${f.rel}:${f.facts.alias}:${asked}`, kind: 'listener', label, detail, side: 0, source }, gp?.source ? { ranges: [gp.source] } : {});
  b.hop({ from: node.id, to: f.client.id, kind: 'remote-forward', label: 'back through ssh', ...sshHop });
  if (f.spec.target) {
    const dest = endpointText(f.spec.target);
    const to = b.node({ id: `ssh-target:${f.rel}:client:${dest}`, kind: 'target', label: dest, detail: 'reached from the client', side: 3, source });
    b.hop({ from: f.client.id, to: to.id, kind: 'remote-forward', layer, protocol: 'tcp', port: f.spec.target.port, source });
  }
}

/** GatewayPorts of the sshd_config paired with the client file, for this host's user and port. */
function serverGatewayPorts(f: ForwardInput): { value: GatewayPorts; source?: SourceRef } | undefined {
  const ctx = analyzeSsh(f.file, f.ws);
  const roots = serverRoots(ctx.peers(), f.ws);
  if (roots.length !== 1) return undefined;
  const eff = serverEffective(roots[0], { user: f.facts.user, localPort: f.facts.port }, false);
  const v = eff.get('gatewayports');
  const value = (v.values[0] ?? 'no') as GatewayPorts;
  if (value !== 'yes' && value !== 'no' && value !== 'clientspecified') return undefined;
  return { value, source: v.line ? { path: v.line.path, range: headRange(v.line.node) } : undefined };
}
