// The nginx dialect: parser, rules and editor features behind the engine's Dialect interface.
import type { Dialect } from '../../engine/dialect';
import { runRules } from '../../engine/rules';
import { SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols } from '../../features/symbols';
import { foldingRanges } from '../../features/folding';
import { analyzeContext } from './analysis';
import { nginxComplete } from './complete';
import { nginxDefinition } from './definition';
import { nginxHover } from './hover';
import { includesOf } from './includes';
import { parseNginx } from './parse';
import { specsOf } from './reference';
import { nginxRules } from './rules/index';
import type { Directive } from '../../engine/syntax';

/** A word that starts a line mid-statement begins a new directive when it is a known name. */
function startsDirective(word: string, parent: string | undefined): boolean {
  if (parent && /^(map|geo|types|split_clients|charset_map|num_map|match)$/.test(parent)) return false;
  return specsOf(word).length > 0;
}

function symbolOf(d: Directive): { name: string; detail?: string; kind: SymbolKind } | undefined {
  if (!d.children) return undefined;
  const args = d.args.map((a) => a.text).join(' ');
  switch (d.name) {
    case 'server': {
      const names = d.children.find((c) => c.name === 'server_name')?.args.map((a) => a.value).join(' ');
      const listens = d.children.filter((c) => c.name === 'listen').map((c) => c.args.map((a) => a.value).join(' '));
      return { name: `server ${names || listens[0] || ''}`.trim(), detail: listens.join(', ') || undefined, kind: SymbolKind.Class };
    }
    case 'location':
      return { name: `location ${args}`, kind: SymbolKind.Method };
    case 'upstream':
      return { name: `upstream ${args}`, kind: SymbolKind.Interface };
    case 'http':
    case 'stream':
    case 'mail':
    case 'events':
      return { name: d.name, kind: SymbolKind.Namespace };
    default:
      return { name: args ? `${d.name} ${args}` : d.name, kind: SymbolKind.Struct };
  }
}

export const nginxDialect: Dialect = {
  language: 'nginx',
  parse: (text) => parseNginx(text, { startsDirective }),
  rules: nginxRules,
  analyze(file, ws) {
    const ctx = analyzeContext(file, ws, ws.contextOverride.get(file.path));
    return runRules(nginxRules, ctx, file.path);
  },
  isCodeLine(file, line) {
    const text = file.lines.lineText(line).trim();
    return line >= file.lines.lineCount || (text !== '' && !text.startsWith('#'));
  },
  hover: nginxHover,
  complete: nginxComplete,
  symbols: (file) => documentSymbols(file.parse.tree, symbolOf),
  folding: (file) => foldingRanges(file.parse.tree, file.parse.comments),
  definition: nginxDefinition,
  references: (file, ws) => includesOf(file, ws).flatMap((t) => t.paths),
};
