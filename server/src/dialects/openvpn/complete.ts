// Completion for OpenVPN: options valid for this file's kind (server, client, ccd), enum values.
import type { CompletionItem } from 'vscode-languageserver-types';
import { layerLabel } from '../../engine/layers';
import type { Position } from '../../engine/syntax';
import type { SourceFile, Workspace } from '../../engine/workspace';
import { analyzeOpenvpn } from './analysis';
import { optionHoverText } from './hover';
import type { OptionSpec } from './option-types';
import { allOptions, optionSpec } from './schema';

function fits(spec: OptionSpec, kind: string, inPush: boolean): boolean {
  if (spec.status === 'removed') return false;
  if (inPush) return spec.pushable;
  if (kind === 'ccd') return spec.inCcd;
  if (spec.scope === 'ccd' || spec.scope === 'push-only') return false;
  if (kind === 'server') return spec.scope !== 'client';
  if (kind === 'client') return spec.scope !== 'server';
  return true;
}

export function openvpnComplete(file: SourceFile, pos: Position, ws: Workspace): CompletionItem[] {
  const before = file.lines.lineText(pos.line).slice(0, pos.character);
  if (/^\s*[#;]/.test(before)) return [];
  const push = /^\s*push\s+"([^"]*)$/.exec(before);
  const text = push ? push[1] : before;
  const words = text.trimStart().split(/\s+/);
  const kind = analyzeOpenvpn(file, ws).kind;
  if (words.length <= 1) {
    return allOptions().filter((s) => fits(s, kind, !!push)).map((s) => ({
      label: s.name,
      kind: 14 as const,
      detail: `${layerLabel(s.layer)}${s.role ? ` · ${s.role}` : ''}`,
      documentation: { kind: 'markdown' as const, value: optionHoverText(s) },
    }));
  }
  const spec = optionSpec(words[0].replace(/^--/, ''));
  return (spec?.values ?? []).map((v) => ({ label: v, kind: 12 as const, detail: `${spec!.name} value` }));
}
