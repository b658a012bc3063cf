// Runs the built CLI (dist/cli.js) as a separate process, as a terminal or CI job would.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './oracle';

export const ROOT = repoRoot;
export const CLI = join(ROOT, 'dist', 'cli.js');

/** `input`: what the CLI reads on standard input (none: an empty stream). */
export function runCli(args: string[], cwd = ROOT, input = ''): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run "npm run build" first (npm test does).');
}
