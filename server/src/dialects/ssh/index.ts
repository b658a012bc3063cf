// The OpenSSH dialects: ssh_config (client) and sshd_config (server) share the parser, the
// features and the rule machinery; the keyword tables and the rules differ.
import { SymbolKind } from 'vscode-languageserver-types';
import type { Dialect } from '../../engine/dialect';
import { runRules } from '../../engine/rules';
import type { Directive, LanguageId } from '../../engine/syntax';
import { foldingRanges } from '../../features/folding';
import { documentSymbols } from '../../features/symbols';
import { analyzeSsh } from './analysis';
import { sshComplete } from './complete';
import { sshDefinition } from './definition';
import { sshHover } from './hover';
import { sshIncludesOf } from './includes';
import { parseSsh } from './parse';
import { sshRules } from './rules/index';

function symbolOf(d: Directive): { name: string; kind: SymbolKind } | undefined {
  if (!d.children) return undefined;
  return { name: `${d.name} ${d.args.map((a) => a.text).join(' ')}`.trim(), kind: d.name.toLowerCase() === 'host' ? SymbolKind.Class : SymbolKind.Namespace };
}

function makeDialect(language: LanguageId, sections: string[]): Dialect {
  const rules = sshRules.filter((r) => r.language === language);
  const options = { sections: new Set(sections) };
  return {
    language,
    parse: (text) => parseSsh(text, options),
    rules,
    analyze: (file, ws) => runRules(rules, analyzeSsh(file, ws), file.path),
    isCodeLine(file, line) {
      const text = file.lines.lineText(line).trim();
      return line >= file.lines.lineCount || (text !== '' && !text.startsWith('#'));
    },
    hover: sshHover,
    complete: sshComplete,
    symbols: (file) => documentSymbols(file.parse.tree, symbolOf),
    folding: (file) => foldingRanges(file.parse.tree, file.parse.comments, false),
    definition: sshDefinition,
    references: (file, ws) => sshIncludesOf(file, ws).flatMap((i) => i.paths),
  };
}

export const sshConfigDialect = makeDialect('ssh_config', ['host', 'match']);
export const sshdConfigDialect = makeDialect('sshd_config', ['match']);
