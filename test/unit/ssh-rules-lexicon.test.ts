// The lexicon rules of ssh_config and sshd_config: what ssh -G and sshd -t refuse or warn about.
// The verdict tables below were taken from ssh/sshd 9.2p1 through ../shared/oracles (every line
// alone, after `Host x` for ssh); test/differential/ssh-corpus.test.ts re-checks the rules
// against the live tools on the corpus and its mutants.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const CLIENT = '/ws/.ssh/config';
const SERVER = '/ws/etc/ssh/sshd_config';

const LEXICON = /^(ssh|sshd)\/(syntax|unknown-keyword|missing-value|bad-value|port-range|bad-forward|bad-permit|not-allowed-in-match|match-syntax|deprecated-keyword|include-not-found)$/;

function lint(path: string, text: string, extra: Record<string, string> = {}): Finding[] {
  const ws = memoryWorkspace({ [path]: text, ...extra });
  return ws.analyze(path).filter((f) => LEXICON.test(f.rule) && f.path === path);
}
const client = (text: string, extra?: Record<string, string>) => lint(CLIENT, text, extra);
const server = (text: string, extra?: Record<string, string>) => lint(SERVER, text, extra);
const ids = (fs: Finding[]) => fs.map((f) => `${f.range.start.line}:${f.rule}:${f.severity}`);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('verdicts ssh 9.2 gives, line by line', () => {
  // [line after `Host x`, ssh refuses the file]
  const cases: [string, boolean][] = [
    ['BatchMode true', false], ['BatchMode YES', false], ['BatchMode on', true], ['VisualHostKey 1', true],
    ['Compression true', true], ['Compression no', false], ['ForwardAgent TRUE', false], ['ForwardAgent /run/agent.sock', false],
    ['ForwardAgent $SSH_AUTH_SOCK', false], ['IdentityAgent $BAD-NAME', true],
    ['AddressFamily INET6', false], ['AddressFamily true', true], ['FingerprintHash MD5', false], ['SessionType true', true],
    ['StrictHostKeyChecking true', false], ['StrictHostKeyChecking off', false], ['StrictHostKeyChecking on', true],
    ['CanonicalizeHostname none', true], ['ControlMaster false', false], ['Tunnel true', false], ['PubkeyAuthentication true', false],
    ['LogLevel debug3', false], ['LogLevel loud', true], ['SyslogFacility authpriv', false],
    ['ConnectTimeout 1h30m', false], ['ConnectTimeout 1h30', false], ['ConnectTimeout 2w', false], ['ConnectTimeout none', false],
    ['ConnectTimeout NONE', true], ['ConnectTimeout 1.5', true], ['ConnectTimeout -1', true], ['ConnectTimeout 10x', true],
    ['ConnectTimeout 99999999999', true], ['ServerAliveInterval none', false], ['ServerAliveInterval 10 20', true],
    ['ServerAliveCountMax abc', true], ['ServerAliveCountMax -1', true], ['ConnectionAttempts 0', true], ['ConnectionAttempts +3', false],
    ['CanonicalizeMaxDots 99999999999', true], ['NumberOfPasswordPrompts 1k', true],
    ['RekeyLimit 1G 1h', false], ['RekeyLimit 1.5G', false], ['RekeyLimit default none', false], ['RekeyLimit 10', true],
    ['RekeyLimit 1X', true], ['RekeyLimit none', true], ['RekeyLimit 1G abc', true],
    ['ControlPersist 10m', false], ['ControlPersist true', false], ['ControlPersist YES', true], ['ControlPersist abc', true],
    ['AddKeysToAgent confirm 5m', false], ['AddKeysToAgent 1h', false], ['AddKeysToAgent yes 5m', true], ['AddKeysToAgent abc', true],
    ['StreamLocalBindMask 0999', false], ['StreamLocalBindMask 9', true], ['StreamLocalBindMask 01777', true],
    ['IPQoS 0x10', false], ['IPQoS AF21', false], ['IPQoS af21 cs1 ef', true], ['IPQoS 0x20 300', true], ['IPQoS bogus', true],
    ['Port ssh', false], ['Port 022', false], ['Port 0', true], ['Port 65536', true], ['Port 0x16', true], ['Port 22 23', true],
    ['User a b', true], ['IdentityFile a b', true], ['Hostname ""', true], ['SendEnv A B', false], ['SendEnv A=1', true],
    ['SetEnv FOO', true], ['SetEnv FOO=1 BAR=2', false], ['RemoteCommand ls -l', false], ['Include a b', false],
    ['EscapeChar ^A', false], ['EscapeChar ab', true], ['TunnelDevice 5:any', false], ['TunnelDevice 2147483647', true],
    ['Ciphers aes128-ctr,', false], ['Ciphers -bogus', false], ['Ciphers bogus', true], ['KexAlgorithms ext-info-c', true],
    ['KexAlgorithms curve25519-sha256,,bogus', false], ['HostKeyAlgorithms ssh-ed25519*', false], ['HostKeyAlgorithms bogus*', true],
    ['MACs hmac-sha1,bogus', true], ['GSSAPIKexAlgorithms gss-group14-sha256-', false],
    ['GlobalKnownHostsFile none x', true], ['CanonicalDomains bad_domain!', true], ['CanonicalizePermittedCNAMEs *.a.test', true],
    ['PermitRemoteOpen any x:1', true], ['PermitRemoteOpen x:*', false], ['PermitRemoteOpen x', true],
    // Malformed ProxyJump hops (host:abc, a,,b, ssh://x/y) are ssh/bad-jump-hop's; extra words are only a warning here.
    ['ProxyJump a b', false], ['ProxyJump u@h:2222,v@w', false],
    ['LocalForward 8080', true], ['LocalForward 0 localhost:80', true], ['LocalForward 8080 localhost', true],
    ['LocalForward [::1]:8080 ::1:80', true], ['LocalForward 8080 localhost:80 extra', true], ['LocalForward 8080:localhost:80', true],
    ['LocalForward ssh localhost:http', false], ['LocalForward /tmp/a /tmp/b', false], ['LocalForward 8080 a\\:b:80', false],
    ['RemoteForward 0', false], ['RemoteForward 8080 localhost', true], ['DynamicForward 0', true], ['DynamicForward /tmp/socks', false],
    ['Match all host x', true], ['Match host x all', false], ['Match !all', false], ['Match host', true], ['Match bogus x', true],
    ['Match Host=x', false], ['Host ""', true], ['User # comment', true], ['Include # comment', false], ['SendEnv # comment', false],
    ['UseKeychain yes', true], ['ZeroKnowledgePasswordAuthentication yes', true], ['RSAAuthentication yes', false], ['KeepAlive maybe', true],
  ];
  for (const [line, refused] of cases) {
    it(`${line} ${refused ? 'is refused' : 'is accepted'}`, () => {
      expect(errors(client(`Host x\n${line}\n`)).map((f) => f.rule), line).toEqual(refused ? expect.arrayContaining([expect.any(String)]) : []);
    });
  }
});

describe('verdicts sshd 9.2 gives, line by line', () => {
  const cases: [string, boolean][] = [
    ['PasswordAuthentication true', true], ['PasswordAuthentication YES', false], ['UseDNS false', true], ['GatewayPorts ClientSpecified', false],
    ['PermitRootLogin Without-Password', false], ['AllowTcpForwarding ALL', false], ['IgnoreRhosts TRUE', true], ['Compression Delayed', false],
    ['PermitTunnel YES', true], ['PermitTunnel ethernet', false], ['LogLevel Debug3', false], ['SyslogFacility Local7', false],
    ['ClientAliveInterval 1h30m', false], ['ClientAliveInterval none', true], ['LoginGraceTime 2w', false], ['UnusedConnectionTimeout none', false],
    ['MaxAuthTries 0', false], ['MaxAuthTries -1', true], ['MaxSessions 1k', true], ['ClientAliveCountMax +3', false],
    ['RekeyLimit 10', true], ['RekeyLimit 1G 1h', false], ['Port 22 23', true], ['Port http', false], ['Port bogus-svc', true], ['Port 65536', true],
    ['MaxStartups 10:30:100', false], ['MaxStartups 10abc', false], ['MaxStartups 10:30', true], ['MaxStartups 100:30:10', true],
    ['PerSourceNetBlockSize 24:', false], ['PerSourceNetBlockSize 32:129', true], ['StreamLocalBindMask 0777', false], ['StreamLocalBindMask 01000', true],
    ['IPQoS 255', false], ['PubkeyAuthOptions none touch-required', false], ['PubkeyAuthOptions bogus', true],
    ['AuthenticationMethods publickey,password', false], ['AuthenticationMethods keyboard-interactive:pam', false],
    ['AuthenticationMethods any publickey', true], ['AuthenticationMethods publickey,,password', true], ['AuthenticationMethods bogus', true],
    ['ChannelTimeout session=5m', false], ['ChannelTimeout *=5m', false], ['ChannelTimeout session', true], ['LogVerbose none x', true],
    ['AuthorizedKeysFile none x', false], ['AllowUsers ""', true], ['DenyUsers a b', false], ['AcceptEnv A=1', true], ['SetEnv FOO', true],
    ['Subsystem sftp', true], ['ListenAddress ::1', false], ['ListenAddress [::1]:2222', false], ['ListenAddress 0.0.0.0:0', true],
    ['ListenAddress host:22 rdomain', true], ['Ciphers aes128-ctr,,bogus', false], ['Ciphers bogus', true], ['HostbasedAcceptedKeyTypes bogus', true],
    ['PermitOpen host:*', false], ['PermitOpen [::1]:22', false], ['PermitOpen :22', false], ['PermitOpen host:ssh', false],
    ['PermitOpen bogus', true], ['PermitOpen ::1:22', true], ['PermitOpen 1.2.3.4/22', true], ['PermitOpen any x:1', true], ['PermitOpen ANY', true],
    ['PermitListen 22', false], ['PermitListen *', false], ['PermitListen localhost:*', false], ['PermitListen 0', true], ['PermitListen [::1]', true],
    ['Match All', false], ['Match user x', false], ['Match User=x', false], ['Match User x # comment', false], ['Match Address 300.1.1.1', false],
    ['Match Address 2001:db8::/129', false], ['Match Address 192.0.2.*', false], ['Match LocalPort 0', false],
    ['Match User', true], ['Match Bogus x', true], ['Match !User x', true], ['Match User x All', true], ['Match Address 192.0.2.0/33', true],
    ['Match Address 192.0.2.1/24', true], ['Match Address a,,b', true], ['Match Address 2001:db8::1/64', true], ['Match LocalPort 70000', true],
    ['Protocol', true], ['Protocol 2', false], ['Host x', true], ['User x', true], ['RDomain x', true], ['UsePrivilegeSeparation sandbox', false],
    ['Include /nonexistent/x', false], ['ForceCommand # comment', false], ['PasswordAuthentication # comment', true],
  ];
  for (const [line, refused] of cases) {
    it(`${line} ${refused ? 'is refused' : 'is accepted'}`, () => {
      expect(errors(server(`${line}\n`)).map((f) => f.rule), line).toEqual(refused ? expect.arrayContaining([expect.any(String)]) : []);
    });
  }
});

describe('ssh/syntax and sshd/syntax', () => {
  it('reports an unterminated quote with a fix that closes it', () => {
    const fs = client('Host a\n  IdentityFile "~/.ssh/a key\n');
    expect(ids(fs)).toEqual(['1:ssh/syntax:error']);
    expect(fs[0].range).toEqual(range(1, 15, 1, 28));
    expect(fs[0].fixes?.[0].edits).toEqual([{ path: CLIENT, range: range(1, 28, 1, 28), newText: '"' }]);
  });
  it('closes a single quote with a single quote, in sshd_config too', () => {
    const fs = server("ForceCommand sh -c 'echo hi\n");
    expect(ids(fs)).toEqual(['0:sshd/syntax:error']);
    expect(fs[0].fixes?.[0].edits[0].newText).toBe("'");
  });
});

describe('ssh/unknown-keyword', () => {
  it('suggests the closest keyword with a preferred fix', () => {
    const fs = client('Host db\n  Hostnme 192.0.2.10\n');
    expect(ids(fs)).toEqual(['1:ssh/unknown-keyword:error']);
    expect(fs[0].range).toEqual(range(1, 2, 1, 9));
    expect(fs[0].message).toContain('did you mean "Hostname"?');
    expect(fs[0].fixes).toEqual([{ title: 'Change to "Hostname"', preferred: true, edits: [{ path: CLIENT, range: range(1, 2, 1, 9), newText: 'Hostname' }] }]);
  });
  it('names the other file for a server keyword', () => {
    const fs = client('PermitRootLogin no\n');
    expect(fs[0].rule).toBe('ssh/unknown-keyword');
    expect(fs[0].message).toContain('PermitRootLogin is a sshd_config keyword');
    expect(fs[0].fixes).toBeUndefined();
  });
  it('treats removed keywords as unknown', () => {
    expect(ids(client('ZeroKnowledgePasswordAuthentication yes\n'))).toEqual(['0:ssh/unknown-keyword:error']);
  });
  it('respects an IgnoreUnknown above the keyword, unconditional', () => {
    expect(client('IgnoreUnknown UseKeychain,AddKeysToAgentX\nHost *\n  UseKeychain yes\n')).toEqual([]);
    expect(client('Host *\n  IgnoreUnknown use*\n  UseKeychain yes\nHost b\n  UseKeychain no\n')).toEqual([]);
  });
  it('offers IgnoreUnknown for the macOS-only UseKeychain', () => {
    const fs = client('Host *\n  UseKeychain yes\n');
    expect(fs[0].message).toContain("only Apple's macOS ssh knows it");
    expect(fs[0].fixes).toEqual([{ title: 'Add "IgnoreUnknown UseKeychain" at the top', preferred: true, edits: [{ path: CLIENT, range: range(0, 0, 0, 0), newText: 'IgnoreUnknown UseKeychain\n' }] }]);
  });
  it('ignores an IgnoreUnknown below the keyword', () => {
    expect(ids(client('UseKeychain yes\nIgnoreUnknown UseKeychain\n'))).toEqual(['0:ssh/unknown-keyword:error']);
  });
  it('explains an IgnoreUnknown that only some hosts see', () => {
    const fs = client('Host mac\n  IgnoreUnknown UseKeychain\n  UseKeychain yes\n');
    expect(ids(fs)).toEqual(['2:ssh/unknown-keyword:error']);
    expect(fs[0].message).toContain('line 2 only applies to the hosts of its section');
    expect(fs[0].related?.[0].range.start.line).toBe(1);
  });
  it('has no IgnoreUnknown in sshd_config, and turns Host into Match Host', () => {
    const fs = server('IgnoreUnknown Foo\nHost backup.example.test\n  PasswordAuthentication no\n');
    expect(ids(fs)).toEqual(['0:sshd/unknown-keyword:error', '1:sshd/unknown-keyword:error']);
    expect(fs[1].fixes?.[0].edits).toEqual([{ path: SERVER, range: range(1, 0, 1, 4), newText: 'Match Host' }]);
  });
});

describe('ssh/missing-value and sshd/missing-value', () => {
  it('reports a bare keyword, with a fix removing the line', () => {
    const fs = client('Host a\n  User\n  Port 22\n');
    expect(ids(fs)).toEqual(['1:ssh/missing-value:error']);
    expect(fs[0].range).toEqual(range(1, 2, 1, 6));
    expect(fs[0].fixes?.[0].edits[0].range).toEqual(range(1, 0, 2, 0));
  });
  it('reports an empty quoted value', () => {
    expect(ids(server('Banner ""\n'))).toEqual(['0:sshd/missing-value:error']);
  });
  it('reports bare section keywords', () => {
    expect(ids(client('Host\n'))).toEqual(['0:ssh/missing-value:error']);
    expect(ids(server('Match\n'))).toEqual(['0:sshd/missing-value:error']);
  });
  it('lets a comment stand in for the value where ssh does', () => {
    expect(client('Host # nothing yet\n')).toEqual([]);
    expect(ids(client('User # nobody\n'))).toEqual(['0:ssh/missing-value:error']);
  });
  it('reports a bare keyword that IgnoreUnknown hides', () => {
    expect(ids(client('IgnoreUnknown Foo\nFoo\n'))).toEqual(['1:ssh/missing-value:error']);
  });
});

describe('ssh/bad-value and sshd/bad-value', () => {
  it('accepts true on the client but not on the server, and offers yes', () => {
    expect(client('BatchMode true\n')).toEqual([]);
    const fs = server('PasswordAuthentication true\n');
    expect(ids(fs)).toEqual(['0:sshd/bad-value:error']);
    expect(fs[0].range).toEqual(range(0, 23, 0, 27));
    expect(fs[0].fixes).toEqual([{ title: 'Change to "yes"', preferred: true, edits: [{ path: SERVER, range: range(0, 23, 0, 27), newText: 'yes' }] }]);
  });
  it('rejects true for Compression on the client', () => {
    expect(ids(client('Compression true\n'))).toEqual(['0:ssh/bad-value:error']);
  });
  it('suggests the closest enum value', () => {
    const fs = client('StrictHostKeyChecking acept-new\n');
    expect(fs[0].fixes?.[0]).toMatchObject({ title: 'Change to "accept-new"', preferred: true });
  });
  it('offers to remove extra words', () => {
    const fs = client('Host a\n  User alice bob\n');
    expect(ids(fs)).toEqual(['1:ssh/bad-value:error']);
    expect(fs[0].range).toEqual(range(1, 13, 1, 16));
    expect(fs[0].fixes?.[0].edits).toEqual([{ path: CLIENT, range: range(1, 12, 1, 16), newText: '' }]);
  });
  it('warns about ProxyJump words ssh ignores and joins them', () => {
    const fs = client('Host db\n  ProxyJump a.example.test b.example.test\n');
    expect(ids(fs)).toEqual(['1:ssh/bad-value:warning']);
    expect(fs[0].message).toContain('ignores everything after the first word');
    expect(fs[0].fixes?.[0].edits).toEqual([{ path: CLIENT, range: range(1, 12, 1, 41), newText: 'a.example.test,b.example.test' }]);
  });
  it('knows algorithm names, and only warns about newer ones', () => {
    expect(ids(client('MACs hmac-sha2-256,hmac-ripemd160\n'))).toEqual(['0:ssh/bad-value:error']);
    expect(ids(server('KexAlgorithms mlkem768x25519-sha256,curve25519-sha256\n'))).toEqual(['0:sshd/bad-value:warning']);
    expect(client('Ciphers -3des-cbc\nKexAlgorithms +diffie-hellman-group14-sha1\nHostKeyAlgorithms ^ssh-ed25519*\n')).toEqual([]);
  });
  it('reports a second Subsystem of the same name, not one inside another Match', () => {
    const fs = server('Subsystem sftp /usr/lib/openssh/sftp-server\nSubsystem sftp internal-sftp\n');
    expect(ids(fs)).toEqual(['1:sshd/bad-value:error']);
    expect(fs[0].message).toContain('already defined on line 1');
    expect(ids(server('Subsystem sftp a\nMatch All\n  Subsystem sftp b\n'))).toEqual(['2:sshd/bad-value:error']);
  });
  it('does not read values of keywords ssh ignores', () => {
    expect(errors(client('UseRoaming maybe\nCipher whatever\n'))).toEqual([]);
  });
  it('reads old aliases like their new name', () => {
    expect(ids(errors(client('KeepAlive maybe\n')))).toEqual(['0:ssh/bad-value:error']);
  });
});

describe('ssh/port-range and sshd/port-range', () => {
  it('reports Port outside 1-65535 on both sides', () => {
    const c = client('Host a\n  Port 70000\n');
    expect(ids(c)).toEqual(['1:ssh/port-range:error']);
    expect(c[0].range).toEqual(range(1, 7, 1, 12));
    expect(c[0].message).toContain('70000 is outside 1-65535');
    expect(ids(server('Port 0\n'))).toEqual(['0:sshd/port-range:error']);
  });
  it('accepts service names and reports unknown words', () => {
    expect(server('Port ssh\n')).toEqual([]);
    expect(server('Port sshd\n')[0].message).toContain('neither a port number nor a known service name');
  });
  it('checks the port of ListenAddress', () => {
    expect(ids(server('ListenAddress 192.0.2.1:70000\n'))).toEqual(['0:sshd/port-range:error']);
    expect(server('ListenAddress [2001:db8::1]:2222\nListenAddress 2001:db8::2\n')).toEqual([]);
  });
});

describe('ssh/bad-forward', () => {
  it('points at the listen port', () => {
    const fs = client('Host a\n  LocalForward 70000 localhost:80\n');
    expect(ids(fs)).toEqual(['1:ssh/bad-forward:error']);
    expect(fs[0].range).toEqual(range(1, 15, 1, 20));
  });
  it('points at the target, or at both words when the parts do not add up', () => {
    const fs = client('Host a\n  LocalForward 8080 localhost:0\n');
    expect(fs[0].range).toEqual(range(1, 20, 1, 31));
    expect(client('Host a\n  LocalForward 8080 ::1:80\n')[0].range).toEqual(range(1, 15, 1, 26));
    expect(ids(client('LocalForward 8080\n'))).toEqual(['0:ssh/bad-forward:error']);
  });
  it('accepts brackets, sockets, wildcards, empty binds and remote port 0', () => {
    expect(errors(client([
      'LocalForward [::1]:8080 [2001:db8::5]:80', 'LocalForward /tmp/lw.sock localhost:80', 'LocalForward *:8080 localhost:80',
      'LocalForward :8080 localhost:80', 'RemoteForward 0 localhost:80', 'RemoteForward 8080', 'DynamicForward [::1]:1080',
    ].join('\n')))).toEqual([]);
  });
  it('reports extra words after a forward', () => {
    expect(ids(client('DynamicForward 1080 x\n'))).toEqual(['0:ssh/bad-forward:error']);
  });
});

describe('sshd/bad-permit', () => {
  it('reports entries without a usable port', () => {
    expect(ids(server('PermitOpen db.example.test\n'))).toEqual(['0:sshd/bad-permit:error']);
    expect(ids(server('PermitListen 0\n'))).toEqual(['0:sshd/bad-permit:error']);
    expect(ids(server('PermitOpen any 192.0.2.1:22\n'))).toEqual(['0:sshd/bad-permit:error']);
  });
  it('accepts the documented forms', () => {
    expect(server('PermitOpen db.example.test:5432 [2001:db8::1]:22 *:443 host:*\nPermitListen 8080 localhost:9090 *\n')).toEqual([]);
  });
});

describe('sshd/not-allowed-in-match', () => {
  it('reports a global-only keyword inside Match, with a fix moving it up', () => {
    const text = 'PasswordAuthentication no\nMatch Address 192.0.2.0/24\n    Port 2222\n';
    const fs = server(text);
    expect(ids(fs)).toEqual(['2:sshd/not-allowed-in-match:error']);
    expect(fs[0].range).toEqual(range(2, 4, 2, 8));
    expect(fs[0].related?.[0].range).toEqual(range(1, 0, 1, 5));
    expect(fs[0].fixes?.[0].edits).toEqual([
      { path: SERVER, range: range(1, 0, 1, 0), newText: 'Port 2222\n' },
      { path: SERVER, range: range(2, 0, 3, 0), newText: '' },
    ]);
  });
  it('leaves Match all blocks alone', () => {
    expect(server('Match User x\n  X11Forwarding no\nMatch all\n  Port 22\n')).toEqual([]);
  });
});

describe('ssh/match-syntax and sshd/match-syntax', () => {
  it('reports an unknown criterion with a suggestion', () => {
    const fs = client('Match hostt *.example.test\n  User admin\n');
    expect(ids(fs)).toEqual(['0:ssh/match-syntax:error']);
    expect(fs[0].range).toEqual(range(0, 6, 0, 11));
    expect(fs[0].fixes?.[0].edits[0].newText).toBe('host');
  });
  it('reports a criterion without its value', () => {
    expect(ids(server('Match User x Group\n'))).toEqual(['0:sshd/match-syntax:error']);
  });
  it('checks sshd address lists', () => {
    const fs = server('Match Address 192.0.2.0/24,198.51.100.1/24\n  X11Forwarding no\n');
    expect(fs[0].message).toContain('"198.51.100.1/24"');
    expect(fs[0].range).toEqual(range(0, 14, 0, 42));
  });
  it('warns about criteria newer than 9.2', () => {
    expect(ids(client('Match tagged work\n  User alice\n'))).toEqual(['0:ssh/match-syntax:warning']);
  });
});

describe('ssh/deprecated-keyword and sshd/deprecated-keyword', () => {
  it('renames client aliases (warning) and server aliases (info)', () => {
    const c = client('ChallengeResponseAuthentication no\n');
    expect(ids(c)).toEqual(['0:ssh/deprecated-keyword:warning']);
    expect(c[0].layer).toBe(7);
    expect(c[0].fixes?.[0]).toEqual({ title: 'Rename to KbdInteractiveAuthentication', preferred: true, edits: [{ path: CLIENT, range: range(0, 0, 0, 31), newText: 'KbdInteractiveAuthentication' }] });
    expect(ids(server('KeepAlive yes\n'))).toEqual(['0:sshd/deprecated-keyword:info']);
  });
  it('says an ignored keyword has no effect, naming its successor', () => {
    const fs = client('RSAAuthentication no\n');
    expect(ids(fs)).toEqual(['0:ssh/deprecated-keyword:warning']);
    expect(fs[0].message).toContain('use PubkeyAuthentication instead');
    expect(ids(server('UsePrivilegeSeparation sandbox\n'))).toEqual(['0:sshd/deprecated-keyword:warning']);
  });
  it('reports RDomain as an error outside OpenBSD', () => {
    expect(ids(server('RDomain %D\n'))).toEqual(['0:sshd/deprecated-keyword:error']);
  });
});

describe('ssh/include-not-found and sshd/include-not-found', () => {
  it('reports a missing single file as info', () => {
    const fs = client('Include hosts.conf\n');
    expect(ids(fs)).toEqual(['0:ssh/include-not-found:info']);
    expect(fs[0].range).toEqual(range(0, 8, 0, 18));
  });
  it('stays quiet for globs, existing files and ~ without a home directory', () => {
    expect(client('Include conf.d/*.conf\nInclude hosts.conf\nInclude ~/.ssh/other\n', { '/ws/.ssh/hosts.conf': 'Host a\n' })).toEqual([]);
  });
  it('works for sshd_config too', () => {
    expect(ids(server('Include /etc/ssh/sshd_config.d/missing.conf\n'))).toEqual(['0:sshd/include-not-found:info']);
  });
});

describe('the corpus files ssh and sshd accept', () => {
  const corpus = path.resolve(__dirname, '../../../shared/corpus');
  const rows = readFileSync(path.join(corpus, 'VALIDATION.tsv'), 'utf8').split('\n').map((r) => r.split('\t')).filter((r) => /^sshd?_config\//.test(r[0] ?? '') && r[2] === 'accepted');
  it('get no error from the lexicon rules', () => {
    expect(rows.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const [file] of rows) {
      const text = readFileSync(path.join(corpus, file), 'utf8');
      const fs = file.startsWith('sshd_config/') ? server(text) : client(text);
      for (const f of errors(fs)) failures.push(`${file}:${f.range.start.line + 1}: ${f.rule}: ${f.message}`);
    }
    expect(rows.length).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
