// Finding what is under the cursor: the directive, the argument, and the enclosing blocks.
import type { Arg, Directive, Position } from '../engine/syntax';
import { contains } from '../engine/text';

export interface Located {
  directive: Directive;
  /** Set when the position is on an argument. */
  arg?: Arg;
  argIndex?: number;
  onName: boolean;
}

/** The innermost directive whose name or arguments contain the position. */
export function locate(tree: readonly Directive[], pos: Position): Located | undefined {
  for (const d of tree) {
    if (!contains(d.range, pos)) continue;
    if (contains(d.nameRange, pos)) return { directive: d, onName: true };
    for (let i = 0; i < d.args.length; i++) {
      if (contains(d.args[i].range, pos)) return { directive: d, arg: d.args[i], argIndex: i, onName: false };
    }
    if (d.children) {
      const inner = locate(d.children, pos);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The blocks enclosing a position (outermost first), by body range. */
export function enclosingBlocks(tree: readonly Directive[], pos: Position): Directive[] {
  const out: Directive[] = [];
  let level: readonly Directive[] | undefined = tree;
  while (level) {
    let next: readonly Directive[] | undefined;
    for (const d of level) {
      if (d.children && d.bodyRange && contains(d.bodyRange, pos) && !isOnEdge(d, pos)) {
        out.push(d);
        next = d.children;
        break;
      }
    }
    level = next;
  }
  return out;
}

/** True when the position sits on the opening brace itself (before it) rather than inside the body. */
function isOnEdge(d: Directive, pos: Position): boolean {
  const b = d.bodyRange!;
  return pos.line === b.start.line && pos.character <= b.start.character;
}
