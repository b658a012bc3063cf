// The one syntax tree every dialect produces: a directive has a name, arguments and maybe a body.
import type { Range } from 'vscode-languageserver-types';

export type { Position, Range } from 'vscode-languageserver-types';

export type LanguageId = 'nginx' | 'ssh_config' | 'sshd_config' | 'openvpn';

export interface Arg {
  /** The argument as written, quotes included. */
  text: string;
  /** The argument after quote removal and escape processing. */
  value: string;
  range: Range;
  quoted: boolean;
}

export interface Directive {
  name: string;
  nameRange: Range;
  args: Arg[];
  /** The whole statement, including its block or section body. */
  range: Range;
  /** Present when the directive opens a block (nginx `{}`) or a section (ssh `Host`). */
  children?: Directive[];
  /** The range of the body (nginx: from `{` to `}`), when there is one. */
  bodyRange?: Range;
  /** Set when the body is kept opaque (for example a Lua block). */
  opaque?: boolean;
  parent?: Directive;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A syntax problem found while parsing; turned into a finding by the runner. */
export interface ParseProblem {
  code: string;
  message: string;
  range: Range;
  severity: Severity;
}

export interface Comment {
  text: string;
  range: Range;
}

export interface ParseResult {
  tree: Directive[];
  problems: ParseProblem[];
  comments: Comment[];
}

/** Walks the tree depth first, parents before children. */
export function* walk(nodes: readonly Directive[]): Generator<Directive> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}

/** Names of the enclosing blocks, outermost first. */
export function blockPath(node: Directive): string[] {
  const path: string[] = [];
  for (let p = node.parent; p; p = p.parent) path.unshift(p.name);
  return path;
}
