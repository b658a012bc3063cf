// An nginx configuration read for the relay graph: its includes followed, and the parts that
// relay traffic collected per family (http, stream): server blocks with their listens and
// *_pass directives, upstream blocks and `map` blocks (for targets held in a variable).
import type { Directive } from '../engine/syntax';
import type { SourceFile, Workspace } from '../engine/workspace';
import { includesOf } from '../dialects/nginx/includes';
import { PASS_DIRECTIVES } from '../dialects/nginx/relay-targets';

export type RelayFamily = 'http' | 'stream';

/** A directive with the file it is written in. */
export interface Placed {
  node: Directive;
  path: string;
}

export interface PassSite extends Placed {
  /** The `location` blocks around it, outermost first (http), for labels and finding scopes. */
  locations: Placed[];
}

export interface ServerBlock extends Placed {
  family: RelayFamily;
  listens: Placed[];
  /** Other directives of the server level that shape the hops: ssl, ssl_preread, proxy_ssl, server_name. */
  settings: Map<string, Placed>;
  passes: PassSite[];
}

export interface NginxConfig {
  root: SourceFile;
  files: string[];
  servers: ServerBlock[];
  upstreams: Map<string, Placed & { family: RelayFamily }>;
  maps: Map<string, Placed & { family: RelayFamily }>;
}

const SETTINGS = new Set(['ssl', 'ssl_preread', 'proxy_ssl', 'server_name', 'ssl_certificate']);
const MAX_DEPTH = 16;

/** Reads a root file with everything it includes. `family` is the block top-level servers stand in. */
export function readNginxConfig(root: SourceFile, ws: Workspace, topFamily: RelayFamily = 'http'): NginxConfig {
  const config: NginxConfig = { root, files: [], servers: [], upstreams: new Map(), maps: new Map() };
  const active = new Set<string>();

  const expand = (file: SourceFile, nodes: readonly Directive[], depth: number, visit: (d: Directive, path: string) => void) => {
    const includes = includesOf(file, ws);
    for (const d of nodes) {
      if (d.name === 'include' && !d.children) {
        const inc = includes.find((i) => i.directive === d);
        for (const p of inc?.paths ?? []) {
          const g = ws.load(p, 'nginx');
          if (!g || g.language !== 'nginx' || active.has(p) || depth > MAX_DEPTH) continue;
          active.add(p);
          if (!config.files.includes(p)) config.files.push(p);
          expand(g, g.parse.tree, depth + 1, visit);
          active.delete(p);
        }
        continue;
      }
      visit(d, file.path);
    }
  };
  const fileOf = (path: string) => ws.get(path) ?? root;

  const inServer = (server: ServerBlock, nodes: readonly Directive[], path: string, locations: Placed[], depth: number, top: boolean) => {
    expand(fileOf(path), nodes, depth, (d, p) => {
      if (top && d.name === 'listen') server.listens.push({ node: d, path: p });
      else if (top && SETTINGS.has(d.name) && !server.settings.has(d.name)) server.settings.set(d.name, { node: d, path: p });
      else if (PASS_DIRECTIVES.has(d.name) && !d.children) server.passes.push({ node: d, path: p, locations });
      if (d.children && !d.opaque) inServer(server, d.children, p, d.name === 'location' ? [...locations, { node: d, path: p }] : locations, depth + 1, false);
    });
  };

  const inFamily = (family: RelayFamily, nodes: readonly Directive[], path: string, depth: number) => {
    expand(fileOf(path), nodes, depth, (d, p) => {
      if (!d.children || d.opaque) return;
      if (d.name === 'server') {
        const server: ServerBlock = { node: d, path: p, family, listens: [], settings: new Map(), passes: [] };
        config.servers.push(server);
        inServer(server, d.children, p, [], depth + 1, true);
      } else if (d.name === 'upstream' && d.args[0]) {
        const key = `${family}:${d.args[0].value.toLowerCase()}`;
        if (!config.upstreams.has(key)) config.upstreams.set(key, { node: d, path: p, family });
      } else if (d.name === 'map' && d.args[1]) {
        const key = `${family}:${d.args[1].value}`;
        if (!config.maps.has(key)) config.maps.set(key, { node: d, path: p, family });
      }
    });
  };

  config.files.push(root.path);
  active.add(root.path);
  expand(root, root.parse.tree, 0, (d, p) => {
    if ((d.name === 'http' || d.name === 'stream') && d.children) inFamily(d.name, d.children, p, 1);
    else if (d.name === 'server' || d.name === 'upstream' || d.name === 'map') inFamily(topFamily, [d], p, 1);
  });
  return config;
}
