// The upstream blocks of a configuration by name: what a relay target names when it names no
// host. nginx compares upstream names without regard to case, so they are kept lower-cased (as
// parseTarget gives hosts). Worked out once per configuration, for both families in one walk.
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { SourceFile } from '../../engine/workspace';
import type { NginxContext } from './analysis';
import { configView, includeGraph, rootsOf, type ConfigView } from './relay-graph';
import { lowerCase } from './target';
import { argCountOf, argValueOf } from './tree';

/** An `upstream` block and the file it is written in. */
export interface UpstreamBlock {
  node: Directive;
  file: SourceFile;
}

/** Upstream blocks by lower-cased name; the blocks of a name in the order of the include graph. Shared: never changed. */
export type Upstreams = ReadonlyMap<string, readonly UpstreamBlock[]>;

interface ByFamily {
  http: Map<string, UpstreamBlock[]>;
  stream: Map<string, UpstreamBlock[]>;
}

const byFamily = new Memo<ConfigView, ByFamily>();

/**
 * The upstream blocks (with a name and a body) of one family in this file's configuration
 * (configFiles): its loaded files and those read only because an include reaches them.
 */
export function configUpstreams(ctx: NginxContext, family: 'http' | 'stream'): Upstreams {
  const view = configView(ctx);
  let both = byFamily.get(view);
  if (!both) byFamily.set(view, (both = collect(ctx, view.files)));
  return both[family];
}

function collect(ctx: NginxContext, files: ReadonlySet<string>): ByFamily {
  const out: ByFamily = { http: new Map(), stream: new Map() };
  const add = (family: string, node: Directive, file: SourceFile) => {
    if (family !== 'http' && family !== 'stream') return;
    const byName = out[family];
    const name = lowerCase(argValueOf(node, 0)!);
    const list = byName.get(name);
    if (list) list.push({ node, file });
    else byName.set(name, [{ node, file }]);
  };
  // The graph's order (loaded files as the workspace holds them, then those read for an include),
  // so that the blocks of a name come in one order whichever file asks.
  for (const [path, g] of includeGraph(ctx.ws).nodes) {
    if (!files.has(path)) continue;
    // nginx accepts upstream only directly in http or stream (or at the top of a fragment included there).
    for (const top of g.file.parse.tree) {
      if (top.name === 'upstream') {
        if (isNamedBlock(top)) for (const root of rootsOf(ctx, path)) add(root, top, g.file);
      } else if (top.name === 'http' || top.name === 'stream') {
        for (const d of top.children ?? []) if (d.name === 'upstream' && isNamedBlock(d)) add(top.name, d, g.file);
      }
    }
  }
  return out;
}

function isNamedBlock(d: Directive): boolean {
  return !!d.children && argCountOf(d) > 0;
}

/** The names of the blocks as written (each spelling once), for suggestions. */
export function writtenNames(upstreams: Upstreams): Set<string> {
  const names = new Set<string>();
  for (const blocks of upstreams.values()) for (const b of blocks) names.add(argValueOf(b.node, 0)!);
  return names;
}
