// Runs the real-daemon validity oracles (`../shared/oracles/*-check`, see their README) from tests.
// Calls are async so that a test can keep a few of them in flight at once.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the oracles live: next to the repository (`../shared/oracles`), locally and in CI. */
export const oracleDir = path.resolve(repoRoot, '../shared/oracles');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

export interface OracleLine {
  level: 'ERROR' | 'WARN';
  /** 1-based line in the checked file; 0 when not tied to one of its lines. */
  line: number;
  message: string;
}

export interface OracleResult {
  /** 0 valid, 1 invalid, 2 oracle failure. */
  exit: number;
  lines: OracleLine[];
  /** The first ERROR (nginx stops at the first one). */
  error?: OracleLine;
  stderr: string;
}

export type NginxOracleContext = 'main' | 'http' | 'server' | 'location' | 'stream';

/** Whether `nginx-check` exists and nginx is installed (the checker exits 2 without it). */
export function nginxOracleAvailable(): boolean {
  return existsSync(path.join(oracleDir, 'nginx-check')) && ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].some((p) => existsSync(p));
}

/**
 * Whether an oracle's tests can run here. Outside CI a machine without the daemons skips them;
 * in CI (CI set) a missing oracle fails the test file instead of passing unseen.
 */
export function oracleGate(available: boolean, what: string): boolean {
  if (!available && process.env.CI) throw new Error(`${what} is not installed: run ../shared/oracles/install.sh (CI needs every oracle)`);
  return available;
}

export function parseOracleOutput(stdout: string): OracleLine[] {
  const out: OracleLine[] = [];
  for (const raw of stdout.split('\n')) {
    const m = /^(ERROR|WARN) (\d+) (.*)$/.exec(raw);
    if (m) out.push({ level: m[1] as OracleLine['level'], line: Number(m[2]), message: m[3] });
  }
  return out;
}

/** `<tool>-check args...`: the oracle's exit code (2 when it could not run), its lines and stderr. */
export function oracleCheck(tool: 'nginx' | 'ssh' | 'sshd' | 'openvpn', args: string[]): Promise<OracleResult> {
  return new Promise((resolve) => {
    execFile('bash', [path.join(oracleDir, `${tool}-check`), ...args], { timeout: 30_000, maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
      const lines = parseOracleOutput(String(stdout));
      resolve({ exit: code, lines, error: lines.find((l) => l.level === 'ERROR'), stderr: String(stderr) });
    });
  });
}

/** `nginx-check [--ctx CTX] [--root DIR] FILE`. */
export function nginxCheck(file: string, options: { ctx?: NginxOracleContext; root?: string } = {}): Promise<OracleResult> {
  const args: string[] = [];
  if (options.ctx && options.ctx !== 'main') args.push('--ctx', options.ctx);
  if (options.root) args.push('--root', options.root);
  args.push(file);
  return oracleCheck('nginx', args);
}

/** Maps `items` through `fn` with at most `limit` calls in flight, keeping the order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
