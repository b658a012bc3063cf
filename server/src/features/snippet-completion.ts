// The relay snippets as completion items, for editors that do not read the extension's
// contributed snippets themselves. Each is offered only where inserting it leaves a valid file:
// nginx snippets in the block they belong in (or wrapped in it at the top of a full config that
// has none yet), OpenSSH Host/Match snippets where they capture no following settings, OpenVPN
// snippets (whole files) in a file that has no option yet.
import type { CompletionItem, Range } from 'vscode-languageserver-types';
import { fileContext } from '../dialects/nginx/fragment';
import type { Position } from '../engine/syntax';
import type { SourceFile, Workspace } from '../engine/workspace';
import { enclosingBlocks } from './locate';
import { RELAY_SNIPPETS, type RelaySnippet } from './snippet-catalogue';
import { instantiateSnippet } from './snippet-text';

const KIND_SNIPPET = 15;
const FORMAT_PLAIN = 1;
const FORMAT_SNIPPET = 2;

export interface SnippetCompletionOptions {
  /** Whether the client can expand snippet syntax; otherwise the defaults are inserted as text. */
  snippetSupport: boolean;
}

export function snippetCompletions(file: SourceFile, pos: Position, ws: Workspace, options: SnippetCompletionOptions): CompletionItem[] {
  const lineText = file.text.slice(file.lines.offset({ line: pos.line, character: 0 }), file.lines.offset(pos));
  const typed = /^(\s*)([\w-]*)$/.exec(lineText);
  if (!typed) return [];
  const range: Range = { start: { line: pos.line, character: typed[1].length }, end: pos };
  const mine = RELAY_SNIPPETS.filter((s) => s.language === file.language);
  if (!mine.length) return [];
  const place = placer(file, pos, ws);
  const items: CompletionItem[] = [];
  for (const s of mine) {
    const body = place(s);
    if (body !== undefined) items.push(itemOf(s, body, range, options));
  }
  return items;
}

/**
 * What the file around `pos` says, worked out once per request: for a snippet of the file's
 * language, the body to insert there, or undefined when it does not fit.
 */
function placer(file: SourceFile, pos: Position, ws: Workspace): (s: RelaySnippet) => string | undefined {
  switch (file.language) {
    case 'nginx': return nginxPlacer(file, pos, ws);
    case 'ssh_config': return bodyIf(closesNoSection(file, pos, ws, /^\s*(host|match)(\s|=|$)/i));
    case 'sshd_config': return bodyIf(closesNoSection(file, pos, ws, /^\s*match(\s|=|$)/i));
    case 'openvpn': return bodyIf(!otherCodeLines(file, pos, ws).length);
  }
}

const bodyIf = (fits: boolean) => (s: RelaySnippet): string | undefined => (fits ? s.body : undefined);

function nginxPlacer(file: SourceFile, pos: Position, ws: Workspace): (s: RelaySnippet) => string | undefined {
  const blocks = enclosingBlocks(file.parse.tree, pos).map((b) => b.name);
  const ctx = fileContext(file, ws, { forced: ws.contextOverride.get(file.path) });
  // A file whose context nothing tells (a new, empty fragment): every snippet may fit.
  if (!ctx.bases.length && !blocks.length) return (s) => s.body;
  const paths = ctx.bases.map((b) => [...b, ...blocks]);
  const atMain = paths.some((p) => p.length === 0);
  return (s) => {
    const family = s.context!;
    if (paths.some((p) => p.length === 1 && p[0] === family)) return s.body;
    // At the top of a full config without that block yet, the snippet brings its block along.
    if (atMain && !file.parse.tree.some((d) => d.name === family && d.children)) {
      return `${family} {\n${s.body.split('\n').map((l) => (l ? `\t${l}` : l)).join('\n')}\n}`;
    }
    return undefined;
  };
}

/** Code lines of the file other than the cursor's line. */
function otherCodeLines(file: SourceFile, pos: Position, ws: Workspace): number[] {
  const dialect = ws.dialect(file.language);
  const out: number[] = [];
  for (let line = 0; line < file.lines.lineCount; line++) {
    if (line !== pos.line && dialect?.isCodeLine(file, line)) out.push(line);
  }
  return out;
}

/**
 * A Host or Match section runs to the next one, so a snippet that starts one may go only where
 * the next setting after the cursor (if any) starts a section itself.
 */
function closesNoSection(file: SourceFile, pos: Position, ws: Workspace, sectionStart: RegExp): boolean {
  const next = otherCodeLines(file, pos, ws).find((l) => l > pos.line);
  return next === undefined || sectionStart.test(file.lines.lineText(next));
}

function itemOf(s: RelaySnippet, body: string, range: Range, options: SnippetCompletionOptions): CompletionItem {
  const text = instantiateSnippet(body);
  return {
    label: s.prefix,
    kind: KIND_SNIPPET,
    detail: s.description,
    documentation: { kind: 'markdown', value: `${s.description}\n\n\`\`\`${s.language}\n${text}\n\`\`\`` },
    filterText: s.prefix,
    sortText: `~${s.prefix}`,
    insertTextFormat: options.snippetSupport ? FORMAT_SNIPPET : FORMAT_PLAIN,
    textEdit: { range, newText: options.snippetSupport ? body : text },
  };
}
