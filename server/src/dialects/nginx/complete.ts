// Completion: directives allowed at the cursor's block path (module-aware), enum values,
// upstream names after proxy_pass, and `$variables`.
import type { CompletionItem } from 'vscode-languageserver-types';
import { layerLabel } from '../../engine/layers';
import type { Position } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { enclosingBlocks } from '../../features/locate';
import { analyzeContext, type NginxContext } from './analysis';
import { allowedAt, DATA_BLOCKS } from './context';
import { directiveHoverText } from './hover';
import { directives, specsOf, variables } from './reference';
import { layerFactOf } from './roles';
import { configUpstreams, writtenNames } from './upstreams';

const KIND_KEYWORD = 14;
const KIND_VALUE = 12;
const KIND_VARIABLE = 6;
const KIND_REFERENCE = 18;

/** Words of the statement being typed at `pos`: from the last `;`, `{` or `}` up to the cursor. */
function statementBefore(file: SourceFile, pos: Position): string[] {
  const end = file.lines.offset(pos);
  const text = file.text;
  let i = end - 1;
  for (; i >= 0; i--) {
    const c = text[i];
    if (c === ';' || c === '{' || c === '}') break;
    if (c === '\n') {
      // Stop at a comment line boundary: the part after `#` on earlier lines is not code.
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      if (/^\s*#/.test(text.slice(lineStart, i))) break;
    }
  }
  const chunk = text.slice(i + 1, end).replace(/#[^\n]*\n/g, '\n');
  const words = chunk.split(/\s+/).filter((w, k, all) => w || k === all.length - 1);
  return words.length ? words : [''];
}

export function nginxComplete(file: SourceFile, pos: Position, ws: Workspace): CompletionItem[] {
  const words = statementBefore(file, pos);
  const current = words[words.length - 1];
  const blocks = enclosingBlocks(file.parse.tree, pos).map((b) => b.name);
  if (blocks.some((b) => DATA_BLOCKS.has(b))) return [];
  const ctx = analyzeContext(file, ws, ws.contextOverride.get(file.path));
  const paths = ctx.context.bases.length ? ctx.context.bases.map((b) => [...b, ...blocks]) : [blocks];

  if (current.startsWith('$') || current.includes('$')) return variableItems(paths[0][0]);
  if (words.length === 1) return directiveItems(paths);

  const name = words[0];
  const argIndex = words.length - 2;
  const spec = specsOf(name).find((s) => paths.some((p) => allowedAt(s, p))) ?? specsOf(name)[0];
  const items: CompletionItem[] = [];
  if (spec) {
    for (const v of spec.enumValues) items.push({ label: v, kind: KIND_VALUE, detail: `${name} value` });
  }
  if (argIndex === 0 && /^(proxy_pass|grpc_pass|uwsgi_pass|fastcgi_pass|scgi_pass|memcached_pass)$/.test(name)) {
    items.push(...upstreamItems(ctx, paths[0][0] === 'stream' ? 'stream' : 'http', name === 'proxy_pass' && paths[0][0] !== 'stream'));
  }
  return items;
}

function directiveItems(paths: string[][]): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [name, specs] of directives()) {
    const spec = specs.find((s) => paths.some((p) => allowedAt(s, p)));
    if (!spec) continue;
    const fact = layerFactOf(spec);
    items.push({
      label: name,
      kind: KIND_KEYWORD,
      detail: `${fact.layer ? layerLabel(fact.layer) : 'process'}${fact.role ? ` · ${fact.role}` : ''} · ${spec.module}`,
      documentation: { kind: 'markdown', value: directiveHoverText(spec) },
      insertText: spec.isBlock ? `${name} ` : `${name} `,
    });
  }
  return items;
}

function variableItems(family: string | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [name, specs] of variables()) {
    if (name.endsWith('_')) continue;
    const spec = specs.find((s) => !family || s.module.startsWith(`ngx_${family}_`)) ?? specs[0];
    if (family && (family === 'http' || family === 'stream') && !spec.module.startsWith(`ngx_${family}_`)) continue;
    items.push({ label: `$${name}`, kind: KIND_VARIABLE, detail: spec.module, filterText: `$${name}`, insertText: `$${name}` });
  }
  return items;
}

/** Upstream names of this file's configuration in the same family (http or stream). */
function upstreamItems(ctx: NginxContext, family: 'http' | 'stream', withScheme: boolean): CompletionItem[] {
  return [...writtenNames(configUpstreams(ctx, family))].map((n) => ({ label: withScheme ? `http://${n}` : n, kind: KIND_REFERENCE, detail: `upstream ${n}`, filterText: withScheme ? `http://${n}` : n }));
}
