// The `layerwise-language-server` command: runs the server (dist/server.js) in a Node.js process
// started with the server's V8 flags (start-flags.ts), which cannot be set once Node.js runs.
// Standard streams are shared and the exit status passes through; one more Node.js start-up
// (~60 ms) is paid once per server. A client that talks over Node's IPC channel (--node-ipc) owns
// this process's channel, so the server then runs here, without the flags.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { join } from 'node:path';
import { SERVER_START_FLAGS } from './start-flags';

/** The child's Node.js arguments: the start flags, this process's own Node.js options, the server and its arguments. */
export function serverArgs(execArgv: readonly string[], server: string, args: readonly string[]): string[] {
  return [...SERVER_START_FLAGS, ...execArgv, server, ...args];
}

/** Whether the server must run in this process: its client talks over Node's IPC channel. */
export function runsInProcess(args: readonly string[], hasIpcChannel: boolean): boolean {
  return hasIpcChannel || args.includes('--node-ipc');
}

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function launch(): void {
  const server = join(__dirname, 'server.js');
  const args = process.argv.slice(2);
  if (runsInProcess(args, typeof process.send === 'function')) {
    require(server);
    return;
  }
  const child = spawn(process.execPath, serverArgs(process.execArgv, server, args), { stdio: 'inherit' });
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    process.stderr.write(`layerwise-language-server: could not start ${server}: ${e.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0));
  });
}

if (require.main === module) launch();
