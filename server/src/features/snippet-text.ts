// The snippet body syntax VS Code and LSP share (`$1`, `${1:default}`, `${1|a,b|}`, `$NAME`,
// `${NAME:default}`, `\$` escapes), read just far enough to turn a body into the text a user gets
// by accepting every default: placeholders keep their default, choices their first option,
// mirrors copy their tabstop's value, `$0` and bare tabstops vanish.
// Transforms (`${1/regex/format/}`) are refused: no snippet here needs them.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: Node[] | undefined }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: Node[] | undefined };

export class SnippetSyntaxError extends Error {}

/** Parses a body; throws SnippetSyntaxError naming the offset and what was expected. */
export function parseSnippet(body: string): Node[] {
  let i = 0;
  const fail = (what: string): never => {
    throw new SnippetSyntaxError(`${what} at character ${i + 1} of the snippet body`);
  };
  const digits = (): string => /^\d+/.exec(body.slice(i))?.[0] ?? '';
  const name = (): string => /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i))?.[0] ?? '';

  /** Nodes up to `}` when inside a placeholder, else to the end. */
  const sequence = (nested: boolean): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1])) {
        text += body[i + 1];
        i += 2;
      } else if (c === '}' && nested) {
        flush();
        return nodes;
      } else if (c === '$') {
        const node = dollar();
        if (node) {
          flush();
          nodes.push(node);
        } else text += '$';
      } else {
        text += c;
        i++;
      }
    }
    if (nested) fail('missing "}"');
    flush();
    return nodes;
  };

  /** A construct after `$`, or undefined when the `$` is plain text (nothing valid follows it). */
  const dollar = (): Node | undefined => {
    const start = i;
    i++;
    if (body[i] !== '{') {
      const n = digits();
      if (n) {
        i += n.length;
        return { kind: 'tabstop', index: Number(n), children: undefined };
      }
      const v = name();
      if (v) {
        i += v.length;
        return { kind: 'variable', name: v, children: undefined };
      }
      i = start + 1;
      return undefined;
    }
    i++;
    const n = digits();
    const v = n ? '' : name();
    if (!n && !v) fail('expected a tabstop number or variable name after "${"');
    i += (n || v).length;
    const sep = body[i];
    if (sep === '}') {
      i++;
      return n ? { kind: 'tabstop', index: Number(n), children: undefined } : { kind: 'variable', name: v, children: undefined };
    }
    if (sep === ':') {
      i++;
      const children = sequence(true);
      i++;
      return n ? { kind: 'tabstop', index: Number(n), children } : { kind: 'variable', name: v, children };
    }
    if (sep === '|' && n) {
      i++;
      const options = choiceOptions();
      return { kind: 'choice', index: Number(n), options };
    }
    if (sep === '/') fail('transforms are not supported');
    return fail(`unexpected ${sep === undefined ? 'end of body' : `"${sep}"`}`);
  };

  const choiceOptions = (): string[] => {
    const options: string[] = [];
    let current = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && ',|\\'.includes(body[i + 1])) {
        current += body[i + 1];
        i += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        i++;
      } else if (c === '|' && body[i + 1] === '}') {
        options.push(current);
        i += 2;
        return options;
      } else {
        current += c;
        i++;
      }
    }
    return fail('missing "|}" after the choice');
  };

  return sequence(false);
}

/** A snippet body as JSON holds it: one string, or one string per line. */
export function bodyText(body: string | readonly string[]): string {
  return typeof body === 'string' ? body : body.join('\n');
}

export interface InstantiateOptions {
  /** Values for `$NAME`; an unknown variable takes its default, else its name (as VS Code does). */
  variables?: Record<string, string>;
  /** Option index per choice tabstop; the first option otherwise. */
  choices?: Record<number, number>;
}

/** The text a snippet inserts when every default is accepted (or the given choices made). */
export function instantiateSnippet(body: string | readonly string[], options: InstantiateOptions = {}): string {
  const variables = options.variables ?? {};
  const nodes = parseSnippet(bodyText(body));
  const values = new Map<number, string>();
  // First pass: the value of each tabstop is its first default (VS Code mirrors it elsewhere).
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'choice' && !values.has(n.index)) values.set(n.index, n.options[options.choices?.[n.index] ?? 0] ?? '');
      if (n.kind === 'tabstop' && n.children) {
        if (!values.has(n.index)) values.set(n.index, render(n.children));
        collect(n.children);
      }
      if (n.kind === 'variable' && n.children) collect(n.children);
    }
  };
  const render = (list: Node[]): string => list.map((n) => {
    switch (n.kind) {
      case 'text': return n.value;
      case 'choice': return values.get(n.index) ?? n.options[0] ?? '';
      case 'tabstop': return n.index === 0 ? '' : values.get(n.index) ?? (n.children ? render(n.children) : '');
      case 'variable': return variables[n.name] ?? (n.children ? render(n.children) : n.name);
    }
  }).join('');
  collect(nodes);
  return render(nodes);
}

/** Each choice tabstop and how many options it offers. */
export function choicesOf(body: string | readonly string[]): Map<number, number> {
  const out = new Map<number, number>();
  const visit = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'choice' && !out.has(n.index)) out.set(n.index, n.options.length);
      if ((n.kind === 'tabstop' || n.kind === 'variable') && n.children) visit(n.children);
    }
  };
  visit(parseSnippet(bodyText(body)));
  return out;
}

/**
 * Variable names used in a body. An unescaped `$host` meant for nginx is read as a variable,
 * which an editor replaces (VS Code inserts just "host"), so the relay snippets use none.
 */
export function variablesOf(body: string | readonly string[]): string[] {
  const out = new Set<string>();
  const visit = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'variable') out.add(n.name);
      if ((n.kind === 'tabstop' || n.kind === 'variable') && n.children) visit(n.children);
    }
  };
  visit(parseSnippet(bodyText(body)));
  return [...out];
}

/** Tabstop numbers (other than $0) that have neither a default nor choices anywhere in the body. */
export function tabstopsWithoutDefault(body: string | readonly string[]): number[] {
  const withDefault = new Set<number>();
  const all = new Set<number>();
  const visit = (list: Node[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop' || n.kind === 'choice') all.add(n.index);
      if (n.kind === 'choice' || (n.kind === 'tabstop' && n.children?.length)) withDefault.add(n.index);
      if ((n.kind === 'tabstop' || n.kind === 'variable') && n.children) visit(n.children);
    }
  };
  visit(parseSnippet(bodyText(body)));
  return [...all].filter((n) => n !== 0 && !withDefault.has(n)).sort((a, b) => a - b);
}
