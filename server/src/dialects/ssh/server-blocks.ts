// The Match blocks of a flattened sshd_config, grouped once per config: each block's lines, the
// global lines' first values, and the blocks indexed by the literal users they name. A connection
// with a known user is then checked against its own blocks and the blocks open to any user, not
// against every Match line of the file.
import { literalUsers, serverMatch, type ServerConnection, type Verdict } from './effective';
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
  /** Every Match block in file order. */
  blocks: MatchBlock[];
  /** The block each Match line opens. */
  blockOf: Map<ServerLine, MatchBlock>;
  /** Blocks whose User criterion lists literal names, under each lower-case name. */
  byUser: Map<string, MatchBlock[]>;
  /** Blocks any user may match. */
  anyUser: MatchBlock[];
}

/** A Match block with its verdict for one connection. */
export interface Checked {
  block: MatchBlock;
  verdict: Verdict;
}

const blocksCache = new WeakMap<ServerConfig, ServerBlocks>();

export function serverBlocks(config: ServerConfig): ServerBlocks {
  let b = blocksCache.get(config);
  if (!b) {
    b = groupBlocks(config);
    blocksCache.set(config, b);
  }
  return b;
}

function groupBlocks(config: ServerConfig): ServerBlocks {
  const global = new Map<string, ServerLine>();
  const blocks: MatchBlock[] = [];
  const blockOf = new Map<ServerLine, MatchBlock>();
  const byUser = new Map<string, MatchBlock[]>();
  const anyUser: MatchBlock[] = [];
  config.lines.forEach((l, position) => {
    if (l.key === 'match') {
      const block: MatchBlock = { match: l, position, lines: [], positions: [] };
      blocks.push(block);
      blockOf.set(l, block);
      const users = literalUsers(l.node);
      if (!users) anyUser.push(block);
      else for (const u of users) {
        const list = byUser.get(u);
        if (list) list.push(block);
        else byUser.set(u, [block]);
      }
      return;
    }
    if (!l.match) {
      if (!global.has(l.key)) global.set(l.key, l);
      return;
    }
    const block = blockOf.get(l.match)!;
    block.lines.push(l);
    block.positions.push(position);
  });
  return { global, blocks, blockOf, byUser, anyUser };
}

/**
 * The Match blocks that may apply to a connection (verdict 'yes' or 'unknown'), in file order.
 * Blocks left out are those serverMatch() answers 'no' for.
 */
export function applicableBlocks(blocks: ServerBlocks, conn: ServerConnection): Checked[] {
  const out: Checked[] = [];
  for (const block of candidates(blocks, conn)) {
    const verdict = serverMatch(block.match.node, conn);
    if (verdict !== 'no') out.push({ block, verdict });
  }
  return out;
}

/** Blocks whose literal User list excludes the connection's user are left out unchecked. */
function candidates(blocks: ServerBlocks, conn: ServerConnection): readonly MatchBlock[] {
  if (conn.user === undefined) return blocks.blocks;
  const named = blocks.byUser.get(conn.user.toLowerCase());
  if (!named) return blocks.anyUser;
  if (!blocks.anyUser.length) return named;
  return mergeInFileOrder(named, blocks.anyUser);
}

function mergeInFileOrder(a: readonly MatchBlock[], b: readonly MatchBlock[]): MatchBlock[] {
  const out: MatchBlock[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i].position < b[j].position ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
