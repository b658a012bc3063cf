// What a dialect provides: a parser, its rules, and the language facts the editor features use.
import type {
  CompletionItem, DocumentSymbol, FoldingRange, Hover,
} from 'vscode-languageserver-types';
import type { Finding, RuleMeta } from './rules';
import type { LanguageId, ParseResult, Position, Range } from './syntax';
import type { SourceFile, Workspace } from './workspace';

export interface Place {
  path: string;
  range: Range;
}

export interface Dialect {
  language: LanguageId;
  parse(text: string): ParseResult;
  /** Runs every rule on a file; may return findings for other files, which the caller filters. */
  analyze(file: SourceFile, ws: Workspace): Finding[];
  rules: readonly RuleMeta[];
  /** Whether a line holds code (not blank, not only a comment): suppression comments skip the rest. */
  isCodeLine(file: SourceFile, line: number): boolean;
  hover(file: SourceFile, pos: Position, ws: Workspace): Hover | undefined;
  complete(file: SourceFile, pos: Position, ws: Workspace): CompletionItem[];
  symbols(file: SourceFile): DocumentSymbol[];
  folding(file: SourceFile): FoldingRange[];
  definition(file: SourceFile, pos: Position, ws: Workspace): Place[];
  /** Files this one refers to (includes), so a workspace index can load them. */
  references?(file: SourceFile, ws: Workspace): string[];
}
