// Quick fixes: each finding's fixes become code actions for the file they edit.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Finding } from '../engine/rules';

export function quickFixes(findings: readonly Finding[], uriOf: (path: string) => string, toDiagnostic: (f: Finding) => Diagnostic): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of fix.edits) (changes[uriOf(e.path)] ??= []).push({ range: e.range, newText: e.newText });
      actions.push({ title: fix.title, kind: 'quickfix', diagnostics: [toDiagnostic(f)], isPreferred: fix.preferred, edit: { changes } });
    }
  }
  return actions;
}
