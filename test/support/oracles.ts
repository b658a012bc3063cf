// Synchronous form of the oracle runner in ./oracle.ts, for tests that check one file at a time.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { oracleDir, parseOracleOutput } from './oracle';

export const ORACLES = oracleDir;

export interface OracleVerdict {
  valid: boolean;
  errors: { line: number; message: string }[];
  warnings: { line: number; message: string }[];
}

/** Runs `<tool>-check args... file`; throws when the oracle itself fails (exit 2). */
export function runOracle(tool: 'nginx' | 'ssh' | 'sshd' | 'openvpn', args: string[]): OracleVerdict {
  const script = resolve(ORACLES, `${tool}-check`);
  if (!existsSync(script)) throw new Error(`missing oracle ${script}: is ../shared beside the repository?`);
  const r = spawnSync('bash', [script, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${tool}-check ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const lines = parseOracleOutput(r.stdout);
  const pick = (level: 'ERROR' | 'WARN') => lines.filter((l) => l.level === level).map(({ line, message }) => ({ line, message }));
  return { valid: r.status === 0, errors: pick('ERROR'), warnings: pick('WARN') };
}
