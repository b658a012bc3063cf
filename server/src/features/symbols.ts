// Document symbols (outline) from the syntax tree: every block or section becomes a symbol.
import type { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Directive } from '../engine/syntax';

export interface SymbolNaming {
  /** Name and kind of a symbol for this node, or undefined to leave it out of the outline. */
  (node: Directive): { name: string; detail?: string; kind: SymbolKind } | undefined;
}

export function documentSymbols(tree: readonly Directive[], naming: SymbolNaming): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const d of tree) {
    const named = naming(d);
    const children = d.children ? documentSymbols(d.children, naming) : [];
    if (!named) {
      out.push(...children);
      continue;
    }
    out.push({ name: named.name || d.name, detail: named.detail, kind: named.kind, range: d.range, selectionRange: d.nameRange, children });
  }
  return out;
}
