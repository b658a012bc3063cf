// Lookups along nginx's inheritance: a location inherits from its server and from http, and
// a directive set at a level hides the same directive of the levels above it.
import type { Directive } from '../../engine/syntax';

/** The directives named `name` at the nearest level (this block, then its ancestors) that has any. */
export function effective(block: Directive | undefined, name: string, top: readonly Directive[] = []): Directive[] {
  for (let b = block; b; b = b.parent) if (b.children && firstNamed(b.children, name)) return b.children.filter((c) => c.name === name);
  return top.filter((c) => c.name === name);
}

/** The first directive named `name` in this block or an ancestor. */
export function nearest(block: Directive | undefined, name: string, top: readonly Directive[] = []): Directive | undefined {
  for (let b = block; b; b = b.parent) {
    const found = b.children && firstNamed(b.children, name);
    if (found) return found;
  }
  return firstNamed(top, name);
}

/** The first of `list` named `name` (no list is made for the levels that have none). */
function firstNamed(list: readonly Directive[], name: string): Directive | undefined {
  for (const c of list) if (c.name === name) return c;
  return undefined;
}

/** Whether block `inner` stands in `outer`'s body (at any depth) or is `outer` (undefined: a file's top level). */
export function encloses(outer: Directive | undefined, inner: Directive | undefined): boolean {
  if (!outer) return true;
  for (let b = inner; b; b = b.parent) if (b === outer) return true;
  return false;
}

/** The enclosing block with the given name. */
export function enclosing(node: Directive, name: string): Directive | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.name === name) return p;
  return undefined;
}

/** Direct children with a name. */
export function childrenNamed(block: Directive, name: string): Directive[] {
  return (block.children ?? []).filter((c) => c.name === name);
}

/** The outermost block name of a node (http, stream, ...), if it has one in its own file. */
export function rootName(node: Directive): string | undefined {
  let top: Directive | undefined;
  for (let p = node.parent; p; p = p.parent) top = p;
  return top?.name;
}
