// The Match blocks of a flattened sshd_config, grouped once per config, and which of them apply
// to a connection. Rules ask about one connection per client host, and those mostly differ only
// in the user: blocks without a User criterion are checked once for all users, and blocks that
// name literal users are looked up by name, so the work grows with the sum of the two files'
// sizes, not their product.
import { Memo } from '../../engine/memo';
import { serverMatch, userDependence, type ServerConnection } from './effective';
import type { ServerConfig, ServerLine } from './forwarding-server';

export interface MatchBlock {
  match: ServerLine;
  /** The Match line's position in ServerConfig.lines. */
  position: number;
  /** The lines the Match line governs, in sshd's reading order (Includes may interleave other blocks). */
  lines: ServerLine[];
  /** Each line's position in ServerConfig.lines, to keep sshd's order across blocks. */
  positions: number[];
}

export interface ServerBlocks {
  /** The first global line of each keyword. */
  global: Map<string, ServerLine>;
  /** The block each Match line opens. */
  blockOf: Map<ServerLine, MatchBlock>;
  /** Blocks without a User criterion, in file order. */
  userFree: MatchBlock[];
  /** Blocks with a User criterion, in file order. */
  userBound: MatchBlock[];
  /** Blocks whose User criterion lists literal names, under each lower-case name. */
  byUser: Map<string, MatchBlock[]>;
  /** Blocks whose User criterion has wildcards or negations, in file order. */
  userPatterns: MatchBlock[];
  /** What the user-free blocks give, per connection facts other than the user. */
  shared: Map<string, Applied>;
  /** Match lines checked against a connection so far (a test reads it to see the work stay linear). */
  checks: number;
}

const blocksCache = new Memo<ServerConfig, ServerBlocks>();

export function serverBlocks(config: ServerConfig): ServerBlocks {
  let b = blocksCache.get(config);
  if (!b) {
    b = groupBlocks(config);
    blocksCache.set(config, b);
  }
  return b;
}

function groupBlocks(config: ServerConfig): ServerBlocks {
  const b: ServerBlocks = { global: new Map(), blockOf: new Map(), userFree: [], userBound: [], byUser: new Map(), userPatterns: [], shared: new Map(), checks: 0 };
  config.lines.forEach((l, position) => {
    if (l.key === 'match') {
      const block: MatchBlock = { match: l, position, lines: [], positions: [] };
      b.blockOf.set(l, block);
      const users = userDependence(l.node);
      if (users === 'none') b.userFree.push(block);
      else {
        b.userBound.push(block);
        if (users === 'pattern') b.userPatterns.push(block);
        else for (const u of users) {
          const list = b.byUser.get(u);
          if (list) list.push(block);
          else b.byUser.set(u, [block]);
        }
      }
      return;
    }
    if (!l.match) {
      if (!b.global.has(l.key)) b.global.set(l.key, l);
      return;
    }
    const block = b.blockOf.get(l.match)!;
    block.lines.push(l);
    block.positions.push(position);
  });
  return b;
}

/** A line with its position in ServerConfig.lines. */
interface Placed {
  line: ServerLine;
  position: number;
}

/** What some Match blocks give for a connection. */
interface Applied {
  /** The first line of each keyword in the blocks that apply. */
  sure: Map<string, Placed>;
  /** The same with the blocks whose criteria cannot be decided counted as applying. */
  maybe: Map<string, Placed>;
  /** The Match lines whose criteria cannot be decided, in file order. */
  unknown: ServerLine[];
}

/** The Match blocks' part of sshd's effective configuration for one connection. */
export interface MatchedLines {
  /** The first line of a keyword (lower case) in the blocks that apply, or may apply with `includeUnknown`. */
  line(key: string, includeUnknown: boolean): ServerLine | undefined;
  /** The Match lines whose criteria cannot be decided for the connection, in file order. */
  unknown: ServerLine[];
}

export function matchedLines(blocks: ServerBlocks, conn: ServerConnection): MatchedLines {
  const shared = sharedPart(blocks, conn);
  const own = applied(blocks, userBlocks(blocks, conn.user), conn);
  const unknown = !own.unknown.length ? shared.unknown : !shared.unknown.length ? own.unknown : mergeUnknown(blocks, shared.unknown, own.unknown);
  return {
    line(key, includeUnknown) {
      const a = (includeUnknown ? shared.maybe : shared.sure).get(key);
      const b = (includeUnknown ? own.maybe : own.sure).get(key);
      return (a && b ? (a.position < b.position ? a : b) : a ?? b)?.line;
    },
    unknown,
  };
}

/** The user-free blocks give the same for every user: computed once per the other facts. */
function sharedPart(blocks: ServerBlocks, conn: ServerConnection): Applied {
  const key = JSON.stringify({ ...conn, user: undefined });
  let part = blocks.shared.get(key);
  if (!part) {
    part = applied(blocks, blocks.userFree, conn);
    blocks.shared.set(key, part);
  }
  return part;
}

/** The blocks with a User criterion that may apply to a user: those naming it and those with patterns. */
function userBlocks(blocks: ServerBlocks, user: string | undefined): readonly MatchBlock[] {
  if (user === undefined) return blocks.userBound;
  const named = blocks.byUser.get(user.toLowerCase());
  if (!named) return blocks.userPatterns;
  if (!blocks.userPatterns.length) return named;
  return [...named, ...blocks.userPatterns].sort((x, y) => x.position - y.position);
}

function applied(blocks: ServerBlocks, candidates: readonly MatchBlock[], conn: ServerConnection): Applied {
  const out: Applied = { sure: new Map(), maybe: new Map(), unknown: [] };
  for (const block of candidates) {
    blocks.checks++;
    const verdict = serverMatch(block.match.node, conn);
    if (verdict === 'no') continue;
    if (verdict === 'unknown') out.unknown.push(block.match);
    for (let i = 0; i < block.lines.length; i++) {
      const placed = { line: block.lines[i], position: block.positions[i] };
      if (verdict === 'yes') takeFirst(out.sure, placed);
      takeFirst(out.maybe, placed);
    }
  }
  return out;
}

/** Keeps the line sshd reads first for its keyword. */
function takeFirst(m: Map<string, Placed>, placed: Placed): void {
  const have = m.get(placed.line.key);
  if (!have || placed.position < have.position) m.set(placed.line.key, placed);
}

function mergeUnknown(blocks: ServerBlocks, a: readonly ServerLine[], b: readonly ServerLine[]): ServerLine[] {
  const at = (m: ServerLine) => blocks.blockOf.get(m)!.position;
  return [...a, ...b].sort((x, y) => at(x) - at(y));
}

/**
 * The first line, in sshd's order, that sets one of `keys` inside one of the blocks `matches`
 * opens; `matches` in file order, as MatchedLines.unknown has them.
 */
export function firstSetting(blocks: ServerBlocks, matches: readonly ServerLine[], keys: readonly string[]): ServerLine | undefined {
  let hit: ServerLine | undefined;
  let hitAt = Infinity;
  for (const m of matches) {
    const block = blocks.blockOf.get(m);
    if (!block) continue;
    // Every line of a block, and of the blocks after it, comes after its Match line.
    if (block.position > hitAt) break;
    for (let i = 0; i < block.lines.length && block.positions[i] < hitAt; i++) {
      if (!keys.includes(block.lines[i].key)) continue;
      hit = block.lines[i];
      hitAt = block.positions[i];
    }
  }
  return hit;
}
