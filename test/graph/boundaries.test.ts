// The relay graph is engine code: the CLI, the server and the tests run it without an editor.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('server/src/graph imports nothing from vscode, the LSP libraries or the server wiring', () => {
  const dir = join(__dirname, '..', '..', 'server', 'src', 'graph');
  const offenders: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(/from\s+'([^']+)'/g)) {
      const spec = m[1];
      if (/^vscode(-languageserver|-languageclient)?(\/|$)/.test(spec) || /\/(server|cli|node-host)$/.test(spec) || spec.startsWith('../features/')) offenders.push(`${name}: ${spec}`);
    }
  }
  expect(offenders).toEqual([]);
});
