// The engine and the dialects stay free of editor and protocol code, so that the CLI, the
// server and the tests all run the same functions.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

it('server/src/engine and server/src/dialects import nothing from vscode or vscode-languageserver', () => {
  const offenders: string[] = [];
  for (const dir of ['server/src/engine', 'server/src/dialects', 'server/src/features']) {
    for (const f of files(join(ROOT, dir))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
        if (m[1] === 'vscode' || m[1].startsWith('vscode-languageserver/') || m[1] === 'vscode-languageserver' || m[1] === 'vscode-languageclient' || m[1].startsWith('vscode-languageclient/')) {
          offenders.push(`${relative(ROOT, f)}: ${m[1]}`);
        }
      }
    }
  }
  expect(offenders).toEqual([]);
});
