// Runs inside VS Code's extension host: VS Code calls run() once the development extension is
// loaded. Every e2e/exthost/*.test.ts (bundled next to this file as *.test.js) is part of the
// suite; add a file there to add tests. A workspace file `.exthost-suite.json` may narrow the run:
// {"grep": "text in test titles", "invert": true|false, "whole": true (the title ends there)};
// e2e.sh uses it for the one-language activation runs.
// Throwing makes the host exit non-zero, which fails the driver.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

interface SuiteOptions {
  grep?: string;
  invert?: boolean;
  whole?: boolean;
}

function options(): SuiteOptions {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const file = root && join(root, '.exthost-suite.json');
  return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

export async function run(): Promise<void> {
  const { grep, invert, whole } = options();
  const pattern = grep === undefined ? undefined : new RegExp(grep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + (whole ? '$' : ''));
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep: pattern, invert });
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  let passes = 0;
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((f) => resolve(f));
    runner.on('pass', () => passes++);
  });
  console.log(`exthost: ${passes} passed, ${failures} failed`);
  if (failures > 0 || passes === 0) throw new Error(`${failures} failed, ${passes} passed`);
}
