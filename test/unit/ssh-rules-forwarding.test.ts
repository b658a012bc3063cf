// Forwarding rules: where forwards bind (client and server GatewayPorts), what the server
// refuses (AllowTcpForwarding, DisableForwarding, PermitListen, PermitOpen, PermitTunnel, with
// Match scoping), exposure, port clashes and privileged ports. Cross-file cases put the client
// at /ws/.ssh/config and the server at /ws/etc/ssh/sshd_config.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const CLIENT = '/ws/.ssh/config';
const SERVER = '/ws/etc/ssh/sshd_config';

/** Findings of one rule in the client file, with the server file when given. */
function client(text: string, rule: string, server?: string): Finding[] {
  const files: Record<string, string> = { [CLIENT]: text };
  if (server !== undefined) files[SERVER] = server;
  return memoryWorkspace(files).analyze(CLIENT).filter((f) => f.rule === rule);
}

function server(text: string, rule: string): Finding[] {
  return memoryWorkspace({ [SERVER]: text }).analyze(SERVER).filter((f) => f.rule === rule);
}

const at = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];
const relAt = (f: Finding) => (f.related ?? []).map((r) => [r.path, r.range.start.line]);
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('ssh/remote-forward-bind', () => {
  const id = 'ssh/remote-forward-bind';
  const host = (bind: string, extra = '') => lines('Host tunnel', '  User deploy', `  RemoteForward ${bind} localhost:80`, ...(extra ? [extra] : []));

  describe('GatewayPorts × requested bind', () => {
    // [GatewayPorts, listen part, expected: undefined (quiet) or the word in the message]
    const table: [string, string, string | undefined][] = [
      ['no', '8080', undefined],
      ['no', 'localhost:8080', undefined],
      ['no', '*:8080', 'loopback only'],
      ['no', ':8080', 'loopback only'],
      ['no', '192.0.2.10:8080', 'loopback only'],
      ['yes', '8080', 'all interfaces because'],
      ['yes', 'localhost:8080', 'all interfaces because'],
      ['yes', '*:8080', undefined],
      ['yes', '192.0.2.10:8080', 'all interfaces because'],
      ['clientspecified', '8080', undefined],
      ['clientspecified', 'localhost:8080', undefined],
      ['clientspecified', '*:8080', undefined],
      ['clientspecified', '192.0.2.10:8080', undefined],
    ];
    for (const [gp, bind, expected] of table) {
      it(`GatewayPorts ${gp}, RemoteForward ${bind}`, () => {
        const found = client(host(bind), id, lines('PermitRootLogin no', `GatewayPorts ${gp}`));
        if (!expected) {
          expect(found).toEqual([]);
          return;
        }
        expect(found).toHaveLength(1);
        const [f] = found;
        expect(f.severity).toBe('warning');
        expect(f.layer).toBe(4);
        expect(at(f)).toEqual([2, 16, 2, 16 + bind.length]);
        expect(f.message).toContain(expected);
        expect(f.message).toContain(`sshd_config:2 has GatewayPorts ${gp}`);
        expect(relAt(f)).toEqual([[SERVER, 1]]);
      });
    }
  });

  it('reads ports given as TCP service names, as ssh does (mysql is 3306, http is 80)', () => {
    const found = client(host('*:mysql'), id, lines('GatewayPorts no'));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('loopback only');
    expect(client(host('*:no-such-service'), id, lines('GatewayPorts no'))).toEqual([]);
    const [privileged] = client(host('*:http'), 'ssh/privileged-forward-port', lines('GatewayPorts no'));
    expect(privileged.message).toContain('Port 80 is below 1024');
  });

  it('names the default and points at the server file when no line sets GatewayPorts', () => {
    const [f] = client(host('*:8080'), id, lines('PermitRootLogin no'));
    expect(f.message).toContain('sshd_config leaves GatewayPorts at its default no');
    expect(f.related).toEqual([{ path: SERVER, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: expect.any(String) }]);
  });

  describe('a Match User block that enables clientspecified for one user', () => {
    const sshd = lines('GatewayPorts no', 'Match User alice', '  GatewayPorts clientspecified');
    const as = (user?: string) => lines('Host tunnel', ...(user ? [`  User ${user}`] : []), '  RemoteForward *:8080 localhost:80');

    it('is quiet when the client logs in as that user', () => {
      expect(client(as('alice'), id, sshd)).toEqual([]);
    });

    it('reports loopback when the client logs in as another user', () => {
      const [f, ...rest] = client(as('bob'), id, sshd);
      expect(rest).toEqual([]);
      expect(f.severity).toBe('warning');
      expect(f.message).toContain('sshd_config:1 has GatewayPorts no');
      expect(f.message).not.toContain('unless');
    });

    it('says the Match block may apply when the client does not set User', () => {
      const [f] = client(as(), id, sshd);
      expect(f.severity).toBe('warning');
      expect(f.message).toContain('loopback only');
      expect(f.message).toContain('if sshd_config:2 (Match User alice) applies to this connection, which the client file cannot tell, the requested address is kept instead');
      expect(relAt(f)).toEqual([[SERVER, 0], [SERVER, 1]]);
    });

    it('uses the first User that applies, from a Host * block too', () => {
      expect(client(lines('Host tunnel', '  RemoteForward *:8080 localhost:80', 'Host *', '  User alice'), id, sshd)).toEqual([]);
    });

    it('warns that a Match Address block may narrow a public bind', () => {
      const narrowing = lines('GatewayPorts clientspecified', 'Match Address 192.0.2.0/24', '  GatewayPorts no');
      const [f] = client(as('alice'), id, narrowing);
      expect(f.severity).toBe('warning');
      expect(f.message).toMatch(/^If sshd_config:2 \(Match Address 192\.0\.2\.0\/24\) applies/);
      expect(relAt(f)).toEqual([[SERVER, 2], [SERVER, 1]]);
    });
  });

  describe('refusals', () => {
    it('AllowTcpForwarding no refuses every remote forward, error with ExitOnForwardFailure yes', () => {
      const sshd = lines('AllowTcpForwarding no');
      const [w] = client(host('8080'), id, sshd);
      expect(w.severity).toBe('warning');
      expect(w.message).toContain('refuses this remote forward because sshd_config:1 has AllowTcpForwarding no');
      expect(w.message).toContain('carries on without the forward');
      const [e] = client(host('8080', '  ExitOnForwardFailure yes'), id, sshd);
      expect(e.severity).toBe('error');
      expect(e.message).toContain('whole connection fails');
    });

    it('AllowTcpForwarding local refuses remote forwards; remote allows them', () => {
      expect(client(host('8080'), id, lines('AllowTcpForwarding local'))[0].message).toContain('AllowTcpForwarding local');
      expect(client(host('8080'), id, lines('AllowTcpForwarding remote'))).toEqual([]);
    });

    it('DisableForwarding yes overrides AllowTcpForwarding yes', () => {
      const [f, ...rest] = client(host('*:8080'), id, lines('AllowTcpForwarding yes', 'GatewayPorts clientspecified', 'DisableForwarding yes'));
      expect(rest).toEqual([]);
      expect(f.message).toContain('sshd_config:3 has DisableForwarding yes');
      expect(relAt(f)).toEqual([[SERVER, 2]]);
    });

    it('DisableForwarding in a matching Match block refuses, in another one it does not', () => {
      const sshd = lines('Match User deploy', '  DisableForwarding yes', 'Match User other', '  AllowTcpForwarding no');
      expect(client(host('8080'), id, sshd)[0].message).toContain('sshd_config:2 (in Match User deploy) has DisableForwarding yes');
      expect(client(lines('Host tunnel', '  User someone', '  RemoteForward 8080 localhost:80'), id, sshd)).toEqual([]);
    });

    it('PermitListen must cover the address the client sends (localhost when none is given)', () => {
      expect(client(host('8080'), id, lines('PermitListen 8080'))).toEqual([]);
      expect(client(host('8080'), id, lines('PermitListen localhost:8080'))).toEqual([]);
      const [f] = client(host('8080'), id, lines('PermitListen 127.0.0.1:8080'));
      expect(f.message).toContain('PermitListen 127.0.0.1:8080, which does not cover localhost:8080');
      expect(client(host('9090'), id, lines('PermitListen 8080 8081'))[0].message).toContain('does not cover localhost:9090');
      expect(client(host('9090'), id, lines('PermitListen none'))).toHaveLength(1);
    });

    it('Unix-socket listeners follow AllowStreamLocalForwarding, not AllowTcpForwarding', () => {
      const socket = lines('Host tunnel', '  RemoteForward /run/user/app.sock localhost:80');
      expect(client(socket, id, lines('AllowTcpForwarding no'))).toEqual([]);
      expect(client(socket, id, lines('AllowStreamLocalForwarding local'))[0].message).toContain('AllowStreamLocalForwarding local');
    });

    it('leaves ports below 1024 of non-root logins to ssh/privileged-forward-port', () => {
      expect(client(host('*:443'), id, lines('GatewayPorts no'))).toEqual([]);
    });
  });

  it('alone, reports a public bind request at info', () => {
    const [f, ...rest] = client(host('*:8080'), id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([2, 16, 2, 22]);
    expect(f.message).toContain('default is no');
    expect(client(host('8080'), id)).toEqual([]);
    expect(client(host('localhost:8080'), id)).toEqual([]);
  });

  it('expands an Include of the server file that resolves in the workspace', () => {
    const files = {
      [CLIENT]: host('*:8080'),
      [SERVER]: lines('Include /ws/etc/ssh/sshd_config.d/*.conf', 'GatewayPorts no'),
      '/ws/etc/ssh/sshd_config.d/10-tunnel.conf': lines('GatewayPorts clientspecified'),
    };
    expect(memoryWorkspace(files).analyze(CLIENT).filter((f) => f.rule === id)).toEqual([]);
  });
});

describe('ssh/forward-disabled', () => {
  const id = 'ssh/forward-disabled';

  it('reports forwards dropped by ClearAllForwardings in effect for the host', () => {
    const text = lines('Host db', '  ClearAllForwardings yes', '  LocalForward 5432 localhost:5432', '  RemoteForward 8080 localhost:80');
    const found = client(text, id);
    expect(found.map(at)).toEqual([[2, 2, 2, 34], [3, 2, 3, 33]]);
    expect(found[0].message).toContain('ClearAllForwardings yes (line 2)');
    expect(found[0].related?.[0].range.start.line).toBe(1);
    // Clearing in another host's block does not touch this one.
    expect(client(lines('Host db', '  LocalForward 5432 localhost:5432', 'Host db-plain', '  ClearAllForwardings yes'), id)).toEqual([]);
  });

  it('reports a LocalForward whose target PermitOpen does not list', () => {
    const text = lines('Host bastion', '  User deploy', '  LocalForward 5432 db.example.test:5432');
    const [f] = client(text, id, lines('Match User deploy', '  PermitOpen cache.example.test:6379'));
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('sshd_config:2 (in Match User deploy) has PermitOpen cache.example.test:6379, which does not list db.example.test:5432');
    expect(relAt(f)).toEqual([[SERVER, 1]]);
    expect(client(text, id, lines('PermitOpen db.example.test:5432'))).toEqual([]);
    expect(client(text, id, lines('PermitOpen db.example.test:*'))).toEqual([]);
    expect(client(text, id, lines('PermitOpen any'))).toEqual([]);
  });

  it('reports local and dynamic forwards under AllowTcpForwarding remote or DisableForwarding', () => {
    const text = lines('Host bastion', '  LocalForward 5432 db.example.test:5432', '  DynamicForward 1080');
    expect(client(text, id, lines('AllowTcpForwarding remote')).map(at)).toEqual([[1, 2, 1, 40], [2, 2, 2, 21]]);
    expect(client(text, id, lines('AllowTcpForwarding yes', 'DisableForwarding yes'))[0].message).toContain('DisableForwarding yes');
    expect(client(text, id, lines('AllowTcpForwarding local'))).toEqual([]);
    // PermitOpen restricts a SOCKS proxy only when it is none.
    expect(client(text, id, lines('PermitOpen db.example.test:5432'))).toEqual([]);
    expect(client(text, id, lines('PermitOpen none'))).toHaveLength(2);
  });

  it('a global AllowTcpForwarding no with a Match block that re-enables it for the user is fine', () => {
    const sshd = lines('AllowTcpForwarding no', 'Match User deploy', '  AllowTcpForwarding yes', '  PermitOpen db.example.test:5432');
    const as = (user: string) => lines('Host bastion', `  User ${user}`, '  LocalForward 5432 db.example.test:5432');
    expect(client(as('deploy'), id, sshd)).toEqual([]);
    expect(client(as('other'), id, sshd)[0].message).toContain('sshd_config:1 has AllowTcpForwarding no');
  });

  it('follows AllowStreamLocalForwarding for a Unix-socket target', () => {
    const text = lines('Host bastion', '  LocalForward 5432 /run/postgresql/.s.PGSQL.5432');
    expect(client(text, id, lines('AllowTcpForwarding no'))).toEqual([]);
    expect(client(text, id, lines('AllowStreamLocalForwarding remote'))).toHaveLength(1);
  });

  it('reports a Tunnel the server refuses, as an error with ExitOnForwardFailure yes', () => {
    const text = (mode: string, extra = '') => lines('Host vpn', `  Tunnel ${mode}`, ...(extra ? [extra] : []));
    const [w] = client(text('yes'), id, lines('PermitRootLogin no'));
    expect(w.severity).toBe('warning');
    expect(w.message).toContain('sshd_config leaves PermitTunnel at its default no');
    expect(at(w)).toEqual([1, 2, 1, 12]);
    expect(client(text('yes', '  ExitOnForwardFailure yes'), id, lines('PermitTunnel no'))[0].severity).toBe('error');
    expect(client(text('ethernet'), id, lines('PermitTunnel point-to-point'))).toHaveLength(1);
    expect(client(text('yes'), id, lines('PermitTunnel point-to-point'))).toEqual([]);
    expect(client(text('ethernet'), id, lines('PermitTunnel yes'))).toEqual([]);
  });

  it('names the undecidable Match block that may allow what the global line refuses', () => {
    const text = lines('Host bastion', '  User deploy', '  LocalForward 5432 db.example.test:5432');
    const sshd = lines('AllowTcpForwarding no', 'Match Group wheel', '  X11Forwarding yes', 'Match Address 192.0.2.0/24', '  AllowTcpForwarding local');
    const [f] = client(text, id, sshd);
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('sshd_config:1 has AllowTcpForwarding no (unless sshd_config:4 (Match Address 192.0.2.0/24) applies');
    expect(relAt(f)).toEqual([[SERVER, 0], [SERVER, 3]]);
  });

  it('says so when an unknown Match block may refuse', () => {
    const text = lines('Host bastion', '  User deploy', '  LocalForward 5432 db.example.test:5432');
    const [f] = client(text, id, lines('Match Address 203.0.113.0/24', '  AllowTcpForwarding no'));
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/^If sshd_config:1 \(Match Address 203\.0\.113\.0\/24\) applies/);
  });
});

describe('ssh/forward-exposed', () => {
  const id = 'ssh/forward-exposed';

  for (const bind of ['*:5432', ':5432', '0.0.0.0:5432', '[::]:5432']) {
    it(`flags LocalForward ${bind} with a quick fix to 127.0.0.1`, () => {
      const [f, ...rest] = client(lines('Host bastion', `  LocalForward ${bind} db.example.test:5432`), id);
      expect(rest).toEqual([]);
      expect(f.severity).toBe('warning');
      expect(at(f)).toEqual([1, 15, 1, 15 + bind.length]);
      expect(f.message).toContain('db.example.test:5432');
      expect(f.fixes?.[0].edits).toEqual([{ path: CLIENT, range: f.range, newText: '127.0.0.1:5432' }]);
    });
  }

  it('flags forwards without a bind address while GatewayPorts yes is in effect for the host', () => {
    const text = lines('Host bastion', '  DynamicForward 1080', '  LocalForward 127.0.0.1:8080 localhost:80', 'Host *', '  GatewayPorts yes');
    const [f, ...rest] = client(text, id);
    expect(rest).toEqual([]);
    expect(at(f)).toEqual([1, 17, 1, 21]);
    expect(f.message).toContain('GatewayPorts yes (line 5)');
    expect(f.message).toContain('SOCKS proxy');
    expect(f.related?.[0].range.start.line).toBe(4);
  });

  it('stays quiet on loopback, specific addresses and GatewayPorts set for other hosts', () => {
    expect(client(lines('Host bastion', '  LocalForward 5432 db:5432', '  LocalForward localhost:5433 db:5433', '  LocalForward 192.0.2.4:5434 db:5434'), id)).toEqual([]);
    expect(client(lines('Host bastion', '  LocalForward 5432 db:5432', 'Host other', '  GatewayPorts yes'), id)).toEqual([]);
    expect(client(lines('Host bastion', '  GatewayPorts no', '  LocalForward 5432 db:5432', 'Host *', '  GatewayPorts yes'), id)).toEqual([]);
  });
});

describe('ssh/gateway-ports-client', () => {
  const id = 'ssh/gateway-ports-client';

  it('flags GatewayPorts yes globally, in Host * and in Match all, with a fix to no', () => {
    for (const text of [lines('GatewayPorts yes'), lines('Host *', '  GatewayPorts yes'), lines('Match all', '  GatewayPorts yes')]) {
      const [f, ...rest] = client(text, id);
      expect(rest).toEqual([]);
      expect(f.severity).toBe('warning');
      expect(f.fixes?.[0].edits[0].newText).toBe('no');
    }
    expect(at(client(lines('Host *', '  GatewayPorts yes'), id)[0])).toEqual([1, 2, 1, 18]);
  });

  it('stays quiet for one host, for no, and when an earlier line for every host wins', () => {
    expect(client(lines('Host tunnel', '  GatewayPorts yes'), id)).toEqual([]);
    expect(client(lines('Host *', '  GatewayPorts no'), id)).toEqual([]);
    expect(client(lines('GatewayPorts no', 'Host *', '  GatewayPorts yes'), id)).toEqual([]);
  });
});

describe('ssh/forward-port-clash', () => {
  const id = 'ssh/forward-port-clash';

  it('flags a LocalForward and a DynamicForward on the same port, error with ExitOnForwardFailure yes', () => {
    const text = lines('Host app', '  LocalForward 8080 localhost:80', '  DynamicForward 8080');
    const [f, ...rest] = client(text, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(at(f)).toEqual([2, 17, 2, 21]);
    expect(f.message).toContain('LocalForward on line 2');
    expect(f.related?.[0].range.start.line).toBe(1);
    expect(client(`${text}  ExitOnForwardFailure yes\n`, id)[0].severity).toBe('error');
  });

  it('follows binds: same loopback clashes, distinct addresses do not, identical lines are added once', () => {
    expect(client(lines('Host app', '  LocalForward 8080 a:80', '  LocalForward localhost:8080 b:80'), id)).toHaveLength(1);
    expect(client(lines('Host app', '  LocalForward *:8080 a:80', '  LocalForward 127.0.0.1:8080 b:80'), id)).toHaveLength(1);
    // The other way round the wildcard still gets its IPv6 socket: a partial bind, not reported.
    expect(client(lines('Host app', '  LocalForward 127.0.0.1:8080 a:80', '  LocalForward *:8080 b:80'), id)).toEqual([]);
    expect(client(lines('Host app', '  LocalForward 8080 a:80', '  LocalForward *:8080 b:80'), id)).toHaveLength(1);
    expect(client(lines('Host app', '  LocalForward 127.0.0.1:8080 a:80', '  LocalForward 192.0.2.1:8080 b:80'), id)).toEqual([]);
    expect(client(lines('Host app', '  LocalForward 127.0.0.1:8080 a:80', '  LocalForward [::1]:8080 b:80'), id)).toEqual([]);
    expect(client(lines('Host app', '  LocalForward 8080 a:80', '  LocalForward 8080 a:80'), id)).toEqual([]);
  });

  it('finds clashes across Host blocks that apply to the same host', () => {
    const text = lines('Host *', '  LocalForward 5432 db1:5432', 'Host app', '  LocalForward 127.0.0.1:5432 db2:5432');
    const found = client(text, id);
    expect(found.map(at)).toEqual([[3, 15, 3, 29]]);
    expect(found[0].message).toContain('for app');
  });

  it('remote forwards: reported alone only when they clash whatever the server GatewayPorts', () => {
    expect(client(lines('Host app', '  RemoteForward 8080 a:80', '  RemoteForward *:8080 b:80'), id)).toHaveLength(1);
    const distinct = lines('Host app', '  RemoteForward 192.0.2.1:8080 a:80', '  RemoteForward 192.0.2.2:8080 b:80');
    expect(client(distinct, id)).toEqual([]);
    expect(client(distinct, id, lines('GatewayPorts no'))).toHaveLength(1);
    expect(client(distinct, id, lines('GatewayPorts clientspecified'))).toEqual([]);
  });
});

describe('ssh/privileged-forward-port', () => {
  const id = 'ssh/privileged-forward-port';

  it('flags local and dynamic forwards below 1024 but not 1024 and up', () => {
    const found = client(lines('Host web', '  LocalForward 80 localhost:8080', '  DynamicForward 1080', '  DynamicForward localhost:443'), id);
    expect(found.map(at)).toEqual([[1, 15, 1, 17], [3, 17, 3, 30]]);
    expect(found[0].message).toContain('runs as root');
  });

  it('flags remote forwards below 1024 for non-root logins', () => {
    const [f] = client(lines('Host web', '  User deploy', '  RemoteForward 443 localhost:8443'), id);
    expect(f.message).toContain('web logs in as deploy');
    expect(client(lines('Host web', '  RemoteForward 443 localhost:8443'), id)[0].message).toContain('unless you log in as root');
    expect(client(lines('Host web', '  User root', '  RemoteForward 443 localhost:8443'), id)).toEqual([]);
    expect(client(lines('Host web', '  RemoteForward 0 localhost:8443'), id)).toEqual([]);
  });

  it('says when the server refuses the root login the forward needs', () => {
    const text = lines('Host web', '  User root', '  RemoteForward 443 localhost:8443');
    const [f] = client(text, id, lines('PermitRootLogin no'));
    expect(f.message).toContain('sshd_config:1 has PermitRootLogin no');
    expect(relAt(f)).toEqual([[SERVER, 0], [CLIENT, 1]]);
    expect(client(text, id, lines('PermitRootLogin prohibit-password'))).toEqual([]);
    expect(client(text, id, lines('PermitRootLogin no', 'Match User root', '  PermitRootLogin yes'))).toEqual([]);
  });
});

describe('sshd/gateway-ports-open', () => {
  const id = 'sshd/gateway-ports-open';

  it('flags a global GatewayPorts yes with a fix to clientspecified', () => {
    const [f, ...rest] = server(lines('GatewayPorts yes'), id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(4);
    expect(at(f)).toEqual([0, 0, 0, 16]);
    expect(f.fixes?.[0].edits).toEqual([{ path: SERVER, range: { start: { line: 0, character: 13 }, end: { line: 0, character: 16 } }, newText: 'clientspecified' }]);
    expect(server(lines('Match all', '  GatewayPorts yes'), id)).toHaveLength(1);
  });

  it('stays quiet in a narrowing Match block, when shadowed, and when remote forwarding is off', () => {
    expect(server(lines('Match User tunnel', '  GatewayPorts yes'), id)).toEqual([]);
    expect(server(lines('GatewayPorts no', 'GatewayPorts yes'), id)).toEqual([]);
    expect(server(lines('AllowTcpForwarding local', 'GatewayPorts yes'), id)).toEqual([]);
    expect(server(lines('GatewayPorts clientspecified'), id)).toEqual([]);
  });
});

describe('sshd/forwarding-setting-ineffective', () => {
  const id = 'sshd/forwarding-setting-ineffective';

  it('flags PermitOpen under AllowTcpForwarding no, related to the disabling line', () => {
    const [f, ...rest] = server(lines('AllowTcpForwarding no', 'PermitOpen db.example.test:5432'), id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([1, 0, 1, 31]);
    expect(f.message).toContain('AllowTcpForwarding no on line 1');
    expect(f.related?.[0].range.start.line).toBe(0);
  });

  it('DisableForwarding yes makes every forwarding permission ineffective', () => {
    const text = lines('DisableForwarding yes', 'AllowTcpForwarding yes', 'X11Forwarding yes', 'AllowAgentForwarding yes', 'AllowStreamLocalForwarding all', 'GatewayPorts clientspecified', 'PermitListen 8080', 'X11Forwarding no');
    const found = server(text, id);
    expect(found.map((f) => f.range.start.line)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const f of found) expect(f.message).toContain('DisableForwarding yes on line 1');
  });

  it('follows the direction AllowTcpForwarding leaves on', () => {
    const found = server(lines('AllowTcpForwarding local', 'PermitOpen db:5432', 'PermitListen 8080', 'GatewayPorts yes'), id);
    expect(found.map((f) => f.range.start.line)).toEqual([2, 3]);
    expect(found[0].message).toContain('remote TCP forwarding');
  });

  it('follows Match scoping', () => {
    // Re-enabled with its own PermitOpen: the global one is still dead, the Match one is not.
    const reenabled = lines('AllowTcpForwarding no', 'PermitOpen a:1', 'Match User tunnel', '  AllowTcpForwarding yes', '  PermitOpen db:5432');
    expect(server(reenabled, id).map((f) => f.range.start.line)).toEqual([1]);
    // Re-enabled without its own PermitOpen: the global one applies to that user.
    expect(server(lines('AllowTcpForwarding no', 'PermitOpen a:1', 'Match User tunnel', '  AllowTcpForwarding yes'), id)).toEqual([]);
    // Disabled inside the Match block itself.
    const inside = server(lines('Match User guest', '  AllowTcpForwarding no', '  PermitListen 8080'), id);
    expect(inside.map((f) => f.range.start.line)).toEqual([2]);
    expect(inside[0].message).toContain('(in Match User guest)');
    // An earlier block that re-enables wins for connections matching both.
    expect(server(lines('Match Group ops', '  AllowTcpForwarding yes', 'Match User guest', '  AllowTcpForwarding no', '  PermitListen 8080'), id)).toEqual([]);
    // Global disabled, a Match block without its own AllowTcpForwarding: dead there too.
    expect(server(lines('AllowTcpForwarding no', 'Match User guest', '  PermitOpen db:5432'), id).map((f) => f.range.start.line)).toEqual([2]);
  });

  it('ignores values that open nothing', () => {
    expect(server(lines('AllowTcpForwarding no', 'PermitOpen none', 'PermitListen none', 'GatewayPorts no', 'X11Forwarding no'), id)).toEqual([]);
    expect(server(lines('DisableForwarding no', 'PermitOpen db:5432'), id)).toEqual([]);
  });
});
