// Completion for OpenSSH files: keywords (only those allowed in Match inside a sshd Match block),
// enum values, and Host aliases after ProxyJump.
import type { CompletionItem } from 'vscode-languageserver-types';
import { layerLabel } from '../../engine/layers';
import type { Position } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { analyzeSsh } from './analysis';
import { keywordHoverText } from './hover';
import { keywordsOf, sideOf } from './schema';

const KIND_KEYWORD = 14 as const;
const KIND_VALUE = 12 as const;
const KIND_REFERENCE = 18 as const;

export function sshComplete(file: SourceFile, pos: Position, ws: Workspace): CompletionItem[] {
  const before = file.lines.lineText(pos.line).slice(0, pos.character);
  if (/^\s*#/.test(before)) return [];
  const side = sideOf(file.language);
  const m = /^\s*("?)([A-Za-z0-9]*)\1?(\s*=\s*|\s+)?(.*)$/.exec(before);
  if (!m) return [];
  const keyword = m[2];
  const inKeyword = m[3] === undefined;
  const section = [...file.parse.tree].reverse().find((d) => d.children && d.range.start.line < pos.line);
  const inMatch = !!section && section.name.toLowerCase() === 'match';
  if (inKeyword) {
    const items: CompletionItem[] = [];
    for (const spec of keywordsOf(side).values()) {
      if (spec.status === 'removed') continue;
      if (side === 'server' && inMatch && !spec.matchAllowed && spec.name !== 'Match') continue;
      items.push({
        label: spec.name,
        kind: KIND_KEYWORD,
        detail: `${layerLabel(spec.layer)}${spec.role ? ` · ${spec.role}` : ''}`,
        documentation: { kind: 'markdown', value: keywordHoverText(spec, side) },
        insertText: `${spec.name} `,
      });
    }
    return items;
  }
  const spec = keywordsOf(side).get(keyword.toLowerCase());
  if (!spec) return [];
  if (spec.kind === 'jump') {
    const aliases = analyzeSsh(file, ws).hostAliases();
    const typed = m[4].split(',').pop() ?? '';
    const user = typed.includes('@') ? typed.slice(0, typed.indexOf('@') + 1) : '';
    const hosts: CompletionItem[] = [...aliases.keys()].map((a) => ({ label: user + a, kind: KIND_REFERENCE, detail: 'Host alias' }));
    return [...hosts, { label: 'none', kind: KIND_VALUE, detail: 'no jump host' }];
  }
  const values = spec.kind === 'yesno' ? ['yes', 'no'] : spec.values ?? [];
  return values.map((v) => ({ label: v, kind: KIND_VALUE, detail: `${spec.name} value` }));
}
