// The OpenVPN dialect: server, client and client-config-dir (ccd) files.
import { SymbolKind } from 'vscode-languageserver-types';
import type { Dialect } from '../../engine/dialect';
import { runRules } from '../../engine/rules';
import type { Directive } from '../../engine/syntax';
import { foldingRanges } from '../../features/folding';
import { documentSymbols } from '../../features/symbols';
import { analyzeOpenvpn } from './analysis';
import { openvpnComplete } from './complete';
import { openvpnHover } from './hover';
import { parseOpenvpn } from './parse';
import { openvpnRules } from './rules/index';

const ROUTES = new Set(['route', 'route-ipv6', 'iroute', 'iroute-ipv6', 'server', 'server-ipv6', 'server-bridge', 'remote']);

function symbolOf(d: Directive): { name: string; kind: SymbolKind } | undefined {
  if (d.name === 'connection' && d.children) return { name: 'connection', kind: SymbolKind.Namespace };
  if (d.opaque) return { name: `<${d.name}>`, kind: SymbolKind.File };
  if (ROUTES.has(d.name)) return { name: `${d.name} ${d.args.map((a) => a.value).join(' ')}`.trim(), kind: SymbolKind.Field };
  if (d.name === 'push' && d.children?.[0] && ROUTES.has(d.children[0].name)) return { name: `push "${d.args[0]?.value ?? ''}"`, kind: SymbolKind.Event };
  return undefined;
}

export const openvpnDialect: Dialect = {
  language: 'openvpn',
  parse: parseOpenvpn,
  rules: openvpnRules,
  analyze: (file, ws) => runRules(openvpnRules, analyzeOpenvpn(file, ws), file.path),
  isCodeLine(file, line) {
    const text = file.lines.lineText(line).trim();
    return line >= file.lines.lineCount || (text !== '' && !text.startsWith('#') && !text.startsWith(';'));
  },
  hover: openvpnHover,
  complete: openvpnComplete,
  symbols: (file) => documentSymbols(file.parse.tree.filter((d) => !d.children || d.name === 'connection' || d.opaque || d.name === 'push'), (d) => symbolOf(d)),
  folding: (file) => foldingRanges(file.parse.tree, file.parse.comments, false),
  definition: () => [],
};
