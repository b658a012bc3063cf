// Scoping of sshd's forwarding settings within one sshd_config: which connections a line is the
// effective value for (the global line: those whose matching Match blocks do not set the keyword;
// a Match line: those matching its block, unless an earlier matching block sets it), and whether
// forwarding is turned off for all of them (DisableForwarding yes, AllowTcpForwarding no/local/
// remote). A Match block that might re-enable forwarding for some of those connections counts as
// re-enabling: the question is whether the line can ever matter.
import { Memo } from '../../engine/memo';
import type { Directive } from '../../engine/syntax';
import type { Line, SshContext } from './analysis';
import { permitsDirection, type Direction } from './forwarding-server';

interface Block {
  match: Directive;
  index: number;
  /** The first line of each keyword in the block. */
  first: Map<string, Line>;
  /** first.get(key), without building the map for a small block. */
  lookup(key: string): Line | undefined;
}

/** The blocks that re-enable what a Disabler turns off, in file order. */
interface Enabling {
  blocks: Block[];
  /** Per keyword: whether one of those blocks does not set it. */
  notSetting: Map<string, boolean>;
}

export interface ServerScopes {
  global: Map<string, Line>;
  blocks: Block[];
  /** The block a line is in, when it is in one. */
  blockOf(line: Line): Block | undefined;
  /** Whether the line is the first of its keyword in its scope (later ones are ignored by sshd). */
  isFirst(line: Line): boolean;
  /** The blocks that enable what `d` turns off (computed once per kind of Disabler). */
  enabling(d: Disabler): Enabling;
}

const cache = new Memo<SshContext, ServerScopes>();

/** A Match block whose keyword map is built on first use (most blocks are never asked). */
class LazyBlock implements Block {
  private map?: Map<string, Line>;

  constructor(readonly match: Directive, readonly index: number, private readonly lines: readonly Line[], private readonly from: number) {}

  get first(): Map<string, Line> {
    if (!this.map) {
      this.map = new Map();
      for (let i = this.from, end = this.from + this.match.children!.length; i < end; i++) {
        const l = this.lines[i];
        if (!this.map.has(l.key)) this.map.set(l.key, l);
      }
    }
    return this.map;
  }

  lookup(key: string): Line | undefined {
    if (this.map || this.match.children!.length > 16) return this.first.get(key);
    for (let i = this.from, end = this.from + this.match.children!.length; i < end; i++) if (this.lines[i].key === key) return this.lines[i];
    return undefined;
  }
}

export function serverScopes(ctx: SshContext): ServerScopes {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const global = new Map<string, Line>();
  const blocks: Block[] = [];
  const lines = ctx.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.opener) blocks.push(new LazyBlock(l.node, blocks.length, lines, i + 1));
    else if (!l.section && l.first) global.set(l.key, l);
  }
  const enablingCache = new Map<string, Enabling>();
  const scopes: ServerScopes = {
    global,
    blocks,
    // ctx.sections and the blocks are in the same order.
    blockOf: (line) => (line.section ? blocks[line.sectionIndex] : undefined),
    // The first line of its keyword in its scope (never a Match line itself).
    isFirst: (line) => line.first,
    enabling(d) {
      const k = `${d.key}|${d.dir ?? ''}`;
      let e = enablingCache.get(k);
      if (!e) {
        e = { blocks: blocks.filter((b) => enables(d, b.lookup(d.key))), notSetting: new Map() };
        enablingCache.set(k, e);
      }
      return e;
    },
  };
  cache.set(ctx, scopes);
  return scopes;
}

/** A setting that turns forwarding off, and what it turns off. */
export interface Disabler {
  key: 'disableforwarding' | 'allowtcpforwarding';
  /** For AllowTcpForwarding: the direction the setting needs. */
  dir?: Direction;
}

const value = (l: Line | undefined) => l?.node.args[0]?.value.toLowerCase();

function disables(d: Disabler, l: Line | undefined): boolean {
  if (!l) return false; // the defaults (DisableForwarding no, AllowTcpForwarding yes) turn nothing off
  if (d.key === 'disableforwarding') return value(l) === 'yes';
  const v = value(l);
  return v === undefined ? false : d.dir ? !permitsDirection(v, d.dir) : v === 'no';
}

const enables = (d: Disabler, l: Line | undefined) => l !== undefined && !disables(d, l);

/** Whether one of the enabling blocks does not set `key` itself. */
function someNotSetting(e: Enabling, key: string): boolean {
  let hit = e.notSetting.get(key);
  if (hit === undefined) {
    hit = e.blocks.some((b) => b.lookup(key) === undefined);
    e.notSetting.set(key, hit);
  }
  return hit;
}

/**
 * The line that turns forwarding off for every connection `line` is effective for, or undefined
 * when some of those connections may still forward.
 */
export function disabledBy(scopes: ServerScopes, line: Line, d: Disabler): Line | undefined {
  const block = scopes.blockOf(line);
  const globalLine = scopes.global.get(d.key);
  if (block) {
    const own = block.lookup(d.key);
    if (own) {
      if (!disables(d, own)) return undefined;
      // An earlier block that re-enables wins for connections matching both.
      const e = scopes.enabling(d).blocks;
      if (e.length && e[0].index < block.index) return undefined;
      return own;
    }
    if (!disables(d, globalLine)) return undefined;
    // Another block that re-enables takes the connections it shares with this one, unless it is
    // an earlier block that also sets this keyword (then that block's value wins for them anyway).
    // This block is none of them: it does not set d.key.
    const e = scopes.enabling(d);
    if (e.blocks.length && e.blocks[e.blocks.length - 1].index > block.index) return undefined;
    if (someNotSetting(e, line.key)) return undefined;
    return globalLine;
  }
  if (!disables(d, globalLine)) return undefined;
  // Blocks that set the keyword themselves take their connections away from the global line.
  if (someNotSetting(scopes.enabling(d), line.key)) return undefined;
  return globalLine;
}

/** Settings that only matter while forwarding is on, with what they need. */
export const FORWARDING_DEPENDENT: Record<string, { opens: (v: string) => boolean; dir?: Direction; tcp: boolean }> = {
  permitopen: { opens: (v) => v !== 'none', dir: 'local', tcp: true },
  permitlisten: { opens: (v) => v !== 'none', dir: 'remote', tcp: true },
  gatewayports: { opens: (v) => v === 'yes' || v === 'clientspecified', dir: 'remote', tcp: true },
  allowstreamlocalforwarding: { opens: (v) => v !== 'no', tcp: false },
  allowtcpforwarding: { opens: (v) => v !== 'no', tcp: false },
  x11forwarding: { opens: (v) => v === 'yes', tcp: false },
  allowagentforwarding: { opens: (v) => v === 'yes', tcp: false },
};

const DEPENDENT = new Map(Object.entries(FORWARDING_DEPENDENT));

/** Why a forwarding setting has no effect: the disabling line and what it turns off. */
export function ineffectiveBecause(scopes: ServerScopes, line: Line): { by: Line; what: string } | undefined {
  const dep = DEPENDENT.get(line.key) ?? FORWARDING_DEPENDENT[line.key];
  if (!dep || !scopes.isFirst(line)) return undefined;
  const v = value(line);
  if (v === undefined || !dep.opens(v)) return undefined;
  const df = disabledBy(scopes, line, { key: 'disableforwarding' });
  if (df) return { by: df, what: 'every kind of forwarding' };
  if (dep.tcp) {
    const atf = disabledBy(scopes, line, { key: 'allowtcpforwarding', dir: dep.dir });
    if (atf) {
      const off = value(atf) === 'no' ? 'TCP forwarding' : `${dep.dir} TCP forwarding`;
      return { by: atf, what: off };
    }
  }
  return undefined;
}

/** Whether a Match block narrows to some connections (anything but `all` or `*` values). */
export function narrows(match: Directive): boolean {
  const a = match.args.map((x) => x.value);
  for (let i = 0; i < a.length; i++) {
    if (a[i].toLowerCase() === 'all') continue;
    const v = a[++i];
    if (v !== '*') return true;
  }
  return false;
}
