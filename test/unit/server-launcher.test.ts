// The language server command's child arguments and when it runs the server in-process instead.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runsInProcess, serverArgs } from '../../server/src/server-launcher';
import { SERVER_START_FLAGS } from '../../server/src/start-flags';

describe('server launcher', () => {
  it('puts the start flags first, then the command\'s own Node.js options, the server and its arguments', () => {
    expect(serverArgs(['--inspect=9229'], '/x/dist/server.js', ['--stdio'])).toEqual([...SERVER_START_FLAGS, '--inspect=9229', '/x/dist/server.js', '--stdio']);
  });

  it('lets the young generation grow past V8\'s default 16 MB semi-space when an analysis needs it', () => {
    // Keeps ~40 MB of young objects alive across scavenges, as a large file's analysis does.
    const script = `const keep = []; for (let i = 0; i < 6e5; i++) keep.push({ i, s: [i] });
      console.log(require('v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);`;
    const newSpace = (flags: readonly string[]) => Number(spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' }).stdout);
    expect(newSpace([])).toBeLessThanOrEqual(32 << 20);
    expect(newSpace(SERVER_START_FLAGS)).toBeGreaterThan(32 << 20);
  });

  it('runs the server in-process for a client on Node IPC, and in a child otherwise', () => {
    expect(runsInProcess(['--node-ipc'], false)).toBe(true);
    expect(runsInProcess([], true)).toBe(true);
    expect(runsInProcess(['--stdio'], false)).toBe(false);
    expect(runsInProcess(['--socket=5007'], false)).toBe(false);
  });
});
