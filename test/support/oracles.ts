// Runs the real daemons' validity checks from ../shared/oracles (see its README).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ORACLES = resolve(__dirname, '..', '..', '..', 'shared', 'oracles');

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
  const parse = (kind: string) => r.stdout.split('\n').filter((l) => l.startsWith(`${kind} `)).map((l) => {
    const m = /^\w+ (\d+) (.*)$/.exec(l)!;
    return { line: Number(m[1]), message: m[2] };
  });
  return { valid: r.status === 0, errors: parse('ERROR'), warnings: parse('WARN') };
}
