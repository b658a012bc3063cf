// sshd's effective configuration per connection, from Match blocks grouped by how they depend on
// the user: the same lines and undecidable blocks as reading every line of the file for every
// connection, and Match checks that grow with the files, not with clients × Match blocks.
import { describe, expect, it } from 'vitest';
import { serverMatch, type ServerConnection, type Verdict } from '../../server/src/dialects/ssh/effective';
import { judge, serverEffective, serverRoots, type ServerConfig, type ServerLine } from '../../server/src/dialects/ssh/forwarding-server';
import { serverBlocks } from '../../server/src/dialects/ssh/server-blocks';
import { memoryWorkspace } from '../support/memory-host';

const CLIENT = '/ws/.ssh/config';
const SERVER = '/ws/etc/ssh/sshd_config';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

function configOf(files: Record<string, string>): ServerConfig {
  const ws = memoryWorkspace(files);
  return serverRoots([ws.get(SERVER)!], ws)[0];
}

/** sshd's order read straight off the file: global lines first value wins, then the first line of each matching block. */
function reference(config: ServerConfig, conn: ServerConnection, includeUnknown: boolean): { line(key: string): ServerLine | undefined; unknown: ServerLine[] } {
  const global = new Map<string, ServerLine>();
  const matched = new Map<string, ServerLine>();
  const verdict = (m: ServerLine): Verdict => serverMatch(m.node, conn);
  for (const l of config.lines) {
    if (l.key === 'match') continue;
    if (!l.match) {
      if (!global.has(l.key)) global.set(l.key, l);
      continue;
    }
    const v = verdict(l.match);
    if ((v === 'yes' || (v === 'unknown' && includeUnknown)) && !matched.has(l.key)) matched.set(l.key, l);
  }
  return {
    line: (key) => matched.get(key) ?? global.get(key),
    unknown: config.lines.filter((l) => l.key === 'match' && verdict(l) === 'unknown'),
  };
}

describe('sshd effective configuration per connection', () => {
  const server = lines(
    'AllowTcpForwarding no',
    'GatewayPorts no',
    'Include /ws/etc/ssh/sshd_config.d/*.conf',
    'Match User alice,Bob Address 10.0.0.0/8',
    '  AllowTcpForwarding local',
    '  PermitOpen 127.0.0.1:80',
    'Match Address 192.0.2.0/24',
    '  GatewayPorts clientspecified',
    '  AllowTcpForwarding remote',
    'Match User *admin',
    '  DisableForwarding yes',
    'Match User !root,*',
    '  PermitListen 8080',
    'Match Group wheel User alice',
    '  AllowTcpForwarding yes',
    '  Include /ws/etc/ssh/inner.conf',
    '  PermitOpen any',
    '  X11Forwarding no',
    'Match LocalPort 2222',
    '  GatewayPorts yes',
    'Match all',
    '  PermitTunnel yes',
    'Match User carol',
    'Match User',
  );
  const files = {
    [SERVER]: server,
    '/ws/etc/ssh/sshd_config.d/a.conf': lines('PermitListen none', 'Match User bob', '  GatewayPorts yes', '  PermitListen any'),
    // Its Match block comes between lines of the block that includes it.
    '/ws/etc/ssh/inner.conf': lines('PermitOpen none', 'Match User alice Host db', '  AllowTcpForwarding all', '  X11Forwarding yes'),
  };
  const keys = ['allowtcpforwarding', 'gatewayports', 'permitopen', 'permitlisten', 'disableforwarding', 'permittunnel', 'x11forwarding'];
  const connections: ServerConnection[] = [
    {}, { user: 'alice' }, { user: 'ALICE' }, { user: 'bob' }, { user: 'root' }, { user: 'sysadmin' }, { user: 'carol' },
    { user: 'nobody' }, { user: 'alice', localPort: 2222 }, { localPort: 22 }, { user: 'bob', address: '10.1.2.3' }, { address: '192.0.2.7' },
  ];

  for (const conn of connections) {
    it(`gives what reading every line gives for ${JSON.stringify(conn)}`, () => {
      const config = configOf(files);
      for (const includeUnknown of [false, true]) {
        const want = reference(config, conn, includeUnknown);
        const eff = serverEffective(config, conn, includeUnknown);
        for (const k of keys) expect(eff.get(k).line, `${k}, includeUnknown ${includeUnknown}`).toBe(want.line(k));
        expect(judge(config, conn, () => 0).unknown).toEqual(want.unknown);
      }
    });
  }
});

describe('Match checks per client host', () => {
  it('checks each Match block once per user it names and once for the blocks without a User criterion', () => {
    const n = 120;
    const client: string[] = [];
    const server = ['AllowTcpForwarding no'];
    for (let i = 1; i <= n; i++) {
      client.push(`Host h${i}`, `  User u${i}`, `  LocalForward ${10000 + i} 10.0.${i}.10:80`);
      server.push(`Match User u${i} Address 10.0.${i}.0/24`, '  AllowTcpForwarding local', `Match Address 10.1.${i}.0/24`, '  X11Forwarding no');
    }
    const ws = memoryWorkspace({ [CLIENT]: lines(...client), [SERVER]: lines(...server) });
    const found = ws.analyze(CLIENT).filter((f) => f.rule === 'ssh/forward-disabled');
    expect(found).toHaveLength(n);
    const [config] = serverRoots([ws.get(SERVER)!], ws);
    // n user-free blocks once, and each host's own block: 2n, where every block per host would be 2n².
    expect(serverBlocks(config).checks).toBe(2 * n);
  });
});
