// The hosts family: first-value-wins duplicates and shadowing, ProxyJump/ProxyCommand, jump hops
// and loops, exposure settings for every host, lines that fall into the block above, and sshd's
// listeners (AddressFamily, Match LocalPort/LocalAddress).
import { describe, expect, it } from 'vitest';
import { parseJump } from '../../server/src/dialects/ssh/jump';
import { globContains } from '../../server/src/dialects/ssh/hosts-scope';
import { addrMatchList, ipText, parseIp } from '../../server/src/dialects/ssh/hosts-net';
import type { Finding } from '../../server/src/engine/rules';
import { applyEdits } from '../support/apply-edits';
import { memoryWorkspace } from '../support/memory-host';

const CLIENT = '/ws/.ssh/config';
const SERVER = '/ws/etc/ssh/sshd_config';

function lint(files: Record<string, string>, path: string, rule: string): Finding[] {
  return memoryWorkspace(files).analyze(path).filter((f) => f.rule === rule);
}
const client = (text: string, rule: string) => lint({ [CLIENT]: text }, CLIENT, rule);
const server = (text: string, rule: string) => lint({ [SERVER]: text }, SERVER, rule);
const r = (line: number, from: number, to: number, endLine = line) => ({ start: { line, character: from }, end: { line: endLine, character: to } });
const lines = (f: Finding[]) => f.map((x) => x.range.start.line);

describe('ssh/duplicate-setting and sshd/duplicate-setting', () => {
  it('reports the second first-wins keyword of a block, points at the winner and removes the line', () => {
    const f = client('Host app\n    Port 22\n    Port 2222\n    IdentityFile a\n    IdentityFile b\n', 'ssh/duplicate-setting');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(2, 4, 13));
    expect(f[0].severity).toBe('warning');
    expect(f[0].layer).toBe(4); // Port's layer
    expect(f[0].message).toContain('keeps `22`');
    expect(f[0].related?.[0].range).toEqual(r(1, 4, 11));
    expect(f[0].fixes?.[0].edits).toEqual([{ path: CLIENT, range: r(2, 0, 0, 3), newText: '' }]);
  });
  it('counts global lines and each block separately, and a repeated value is only info', () => {
    const f = client('User a\nUser a\nHost x\n  User b\nHost y\n  User c\n', 'ssh/duplicate-setting');
    expect(lines(f)).toEqual([1]);
    expect(f[0].severity).toBe('info');
  });
  it('deletes the last line without a trailing newline from the end of the previous one', () => {
    const f = client('Host app\n  Port 22\n  Port 23', 'ssh/duplicate-setting');
    expect(f[0].fixes?.[0].edits[0].range).toEqual(r(1, 9, 9, 2));
    const cases = [
      ['Host app\n  Port 22\n  Port 23', 'Host app\n  Port 22'],
      ['Host app\r\n  Port 22\r\n  Port 23', 'Host app\r\n  Port 22'],
      ['Host app\r\n  Port 22\r\n  Port 23\r\n', 'Host app\r\n  Port 22\r\n'],
    ];
    for (const [text, fixed] of cases) expect(applyEdits(text, client(text, 'ssh/duplicate-setting')[0].fixes![0].edits), JSON.stringify(text)).toBe(fixed);
  });
  it('works per Match block in sshd_config, ignoring repeatable keywords and keywords not allowed in Match', () => {
    const text = 'PermitRootLogin no\nPort 22\nPort 2222\nMatch User deploy\n    AllowTcpForwarding local\n    AllowTcpForwarding yes\n    AllowUsers a\n    AllowUsers b\n    Port 1\n    Port 2\n';
    const f = server(text, 'sshd/duplicate-setting');
    expect(lines(f)).toEqual([5]);
    expect(f[0].message).toContain('Match User deploy');
  });
});

describe('ssh/shadowed-setting', () => {
  it('reports a Host block setting that a Host * above already sets', () => {
    const f = client('Host *\n    User admin\n\nHost build\n    User ci\n    IdentityFile ~/.ssh/ci\n', 'ssh/shadowed-setting');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(4, 4, 11));
    expect(f[0].message).toContain('line 2 (`Host *`)');
    expect(f[0].related?.[0].range).toEqual(r(1, 4, 14));
  });
  it('reports settings shadowed by the global part and by Match all, also in Match blocks', () => {
    expect(lines(client('Port 2222\nHost legacy\n  Port 22\n', 'ssh/shadowed-setting'))).toEqual([2]);
    expect(lines(client('Match all\n  User a\nHost x\n  User b\nMatch user root\n  User c\n', 'ssh/shadowed-setting'))).toEqual([3, 5]);
  });
  it('follows Host pattern containment and exclusions', () => {
    const text = 'Host *.example.test\n  User a\nHost web.example.test db*.example.test\n  User b\nHost web\n  User c\n';
    expect(lines(client(text, 'ssh/shadowed-setting'))).toEqual([3]);
    const negated = 'Host * !web\n  User a\nHost web\n  User b\nHost db\n  User c\n';
    expect(lines(client(negated, 'ssh/shadowed-setting'))).toEqual([5]);
    expect(client('Host web*\n  User a\nHost *web\n  User b\n', 'ssh/shadowed-setting')).toEqual([]);
  });
  it('needs every pattern of the block covered, possibly by different sections', () => {
    const f = client('Host a\n  User x\nHost b\n  User y\nHost a b\n  User z\nHost a c\n  User w\n', 'ssh/shadowed-setting');
    expect(lines(f)).toEqual([5]);
    expect(f[0].message).toContain('line 2 (`Host a`) and line 4 (`Host b`)');
  });
  it('stays quiet for the usual layout, repeatable keywords and Match blocks behind specific Hosts', () => {
    expect(client('Host build\n  User ci\nHost *\n  User admin\n', 'ssh/shadowed-setting')).toEqual([]);
    expect(client('Host *\n  IdentityFile a\n  LocalForward 8080 localhost:80\nHost x\n  IdentityFile b\n  LocalForward 8081 localhost:80\n', 'ssh/shadowed-setting')).toEqual([]);
    expect(client('Host x\n  User a\nMatch host x\n  User b\n', 'ssh/shadowed-setting')).toEqual([]);
  });
  it('gives info when the value is the same', () => {
    expect(client('Host *\n  Compression yes\nHost x\n  Compression yes\n', 'ssh/shadowed-setting')[0].severity).toBe('info');
  });
  it('leaves a ProxyJump blocked by ProxyCommand to proxyjump-ignored', () => {
    expect(client('Host *\n  ProxyCommand nc %h %p\nHost x\n  ProxyJump j.example.test\n', 'ssh/shadowed-setting')).toEqual([]);
  });
});

describe('ssh/proxyjump-ignored', () => {
  it('reports ProxyJump after ProxyCommand in one block, and the reverse', () => {
    const f = client('Host a\n  ProxyCommand nc %h %p\n  ProxyJump j.example.test\nHost b\n  ProxyJump j.example.test\n  ProxyCommand nc %h %p\n', 'ssh/proxyjump-ignored');
    expect(lines(f)).toEqual([2, 5]);
    expect(f[0].message).toContain('ProxyCommand on line 2 of this block');
    expect(f[0].related?.[0].range).toEqual(r(1, 2, 23));
  });
  it('counts ProxyCommand none but not ProxyJump none (as ssh -G 9.2 does)', () => {
    expect(lines(client('Host a\n  ProxyCommand none\n  ProxyJump j.example.test\n', 'ssh/proxyjump-ignored'))).toEqual([2]);
    expect(client('Host a\n  ProxyJump none\n  ProxyCommand nc %h %p\n', 'ssh/proxyjump-ignored')).toEqual([]);
  });
  it('follows earlier sections that cover the block and global lines', () => {
    const f = client('Host *\n  ProxyCommand nc -X connect -x proxy.example.test:3128 %h %p\nHost internal\n  ProxyJump bastion.example.test\n', 'ssh/proxyjump-ignored');
    expect(f[0].range).toEqual(r(3, 2, 32));
    expect(f[0].message).toContain('line 2 (`Host *`)');
    expect(lines(client('ProxyJump j.example.test\nProxyCommand nc %h %p\n', 'ssh/proxyjump-ignored'))).toEqual([1]);
    // a narrower earlier section only takes some hosts: no finding
    expect(client('Host test.mix1\n  ProxyJump jump2\nHost *.mix1\n  ProxyCommand ssh -W %h:%p jump1\n', 'ssh/proxyjump-ignored')).toEqual([]);
  });
});

describe('parseJump (OpenSSH 9.2 parse_jump, checked with ssh -G)', () => {
  const errorOf = (v: string) => parseJump(v).find((h) => h.error)?.error;
  it('accepts what ssh accepts', () => {
    for (const v of ['j1', 'u@j1:22', 'j1:', 'j1:ssh', 'j1:+22', '[2001:db8::1]:22', 'u@[2001:db8::1]', '[j1]', 'ssh://j1/', 'ssh://u@j1:2222', 'ssh://j1:22/', 'ssh://u;fp=x@j1', 'ssh://u%41@j1', 'u@@j1', 'j1,none', '%h-jump', 'ssh://j1_x.example']) {
      expect(errorOf(v), v).toBeUndefined();
    }
  });
  it('rejects what ssh rejects', () => {
    for (const v of ['j1:0', '@j1', 'j1,,j2', 'j1,', ',j1', 'ssh://j1/path', 'ssh://', 'ssh://u@', 'ssh://@j1', 'ssh://j1:/', 'ssh://j1?x', 'ssh://-j1', 'ssh://j1..x', 'ssh://[2001:db8::1]:22', '2001:db8::1', 'j1:22:33', 'j1/2222', ':22', '[2001:db8::1', '[2001:db8::1]x', 'j1:99999', 'j1:abc', 'SSH://j1']) {
      expect(errorOf(v), v).toBeDefined();
    }
  });
  it('gives the host, user, port and offsets of each hop', () => {
    expect(parseJump('ops@b:2222,ssh://c')).toEqual([
      { user: 'ops', host: 'b', port: 2222, start: 0, end: 10, hostStart: 4, hostEnd: 5, uri: false },
      { host: 'c', start: 11, end: 18, hostStart: 17, hostEnd: 18, uri: true },
    ]);
    expect(parseJump('[2001:db8::1]:22')[0]).toMatchObject({ host: '2001:db8::1', hostStart: 1, hostEnd: 12, port: 22 });
    expect(parseJump('NONE')).toEqual([]);
  });
  it('takes any TCP service name for a port, with its number, and refuses port 0 however written', () => {
    expect(parseJump('j1:mysql,ssh://j2:https,u@j3:dicom').map((h) => [h.port, h.error])).toEqual([[3306, undefined], [443, undefined], [104, undefined]]);
    for (const v of ['j1:-0', 'j1:+0', 'ssh://j1:-0', 'j1:constructor', 'j1:MYSQL']) expect(errorOf(v), v).toBe(`"${v.slice(v.lastIndexOf(':') + 1)}" is not a port number (1-65535)`);
  });
  it('says why a bracketed host is refused', () => {
    expect(errorOf('[2001:db8::1')).toBe('unterminated "["');
    expect(errorOf('u@[2001:db8::1]x:22')).toBe('unexpected "x" after "]"');
  });
});

describe('ssh/bad-jump-hop', () => {
  it('reports each malformed hop on its own text', () => {
    const f = client('Host app\n  ProxyJump j1:0,,ssh://x.example.test/p\n', 'ssh/bad-jump-hop');
    expect(f.map((x) => x.range)).toEqual([r(1, 12, 16), r(1, 17, 18), r(1, 18, 40)]);
    expect(f.every((x) => x.severity === 'error')).toBe(true);
    expect(f[2].message).toContain('path');
  });
  it('checks hops in blocks that never match, and points at a trailing comma', () => {
    expect(client('Host nothing-matches-this\n  ProxyJump j1,\n', 'ssh/bad-jump-hop')[0].range).toEqual(r(1, 14, 15));
  });
  it('warns about none inside a list and accepts valid lists', () => {
    const f = client('Host a\n  ProxyJump j.example.test,none\n', 'ssh/bad-jump-hop');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].range).toEqual(r(1, 27, 31));
    expect(client('Host a\n  ProxyJump ops@b.example.test:2222,ssh://c.example.test,[2001:db8::1]:22\nHost b\n  ProxyJump none\n', 'ssh/bad-jump-hop')).toEqual([]);
  });
});

describe('ssh/proxyjump-unknown-host', () => {
  it('offers the closest aliases and edits only the host part of the hop', () => {
    const f = client('Host bastion\n  HostName bastion.example.test\nHost app\n  ProxyJump ops@bastoin:2222\n', 'ssh/proxyjump-unknown-host');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(3, 16, 23));
    expect(f[0].severity).toBe('info');
    expect(f[0].layer).toBe(3);
    expect(f[0].fixes).toEqual([{ title: 'Change to bastion', edits: [{ path: CLIENT, range: r(3, 16, 23), newText: 'bastion' }], preferred: true }]);
  });
  it('knows aliases from the other ssh_config files of the workspace and Host patterns', () => {
    const files = { [CLIENT]: 'Host app\n  ProxyJump gw\nHost db\n  ProxyJump edge-eu\n', '/ws/etc/ssh/ssh_config': 'Host gw\n  HostName gw.example.test\nHost edge-*\n  User ops\n' };
    expect(lint(files, CLIENT, 'ssh/proxyjump-unknown-host')).toEqual([]);
    expect(lines(client('Host app\n  ProxyJump gw\n', 'ssh/proxyjump-unknown-host'))).toEqual([1]);
  });
  it('reads the files this one includes for their Host names', () => {
    const ws = memoryWorkspace({ [CLIENT]: 'Include config.d/*\nHost app\n  ProxyJump gw\n', '/ws/.ssh/config.d/work': 'Host gw\n  HostName gw.example.test\n' });
    ws.removeFile('/ws/.ssh/config.d/work');
    expect(ws.analyze(CLIENT).filter((f) => f.rule === 'ssh/proxyjump-unknown-host')).toEqual([]);
  });
  it('leaves dotted names, addresses, localhost and canonicalized names alone', () => {
    expect(client('Host a\n  ProxyJump j.example.test,192.0.2.1,[2001:db8::1],localhost\n', 'ssh/proxyjump-unknown-host')).toEqual([]);
    expect(client('CanonicalizeHostname yes\nCanonicalDomains example.test\nHost a\n  ProxyJump gw\n', 'ssh/proxyjump-unknown-host')).toEqual([]);
  });
});

describe('ssh/jump-cycle', () => {
  it('reports a Host * ProxyJump that also applies to the jump host', () => {
    const f = client('Host *\n    ProxyJump bastion\n\nHost bastion\n    HostName bastion.example.test\n', 'ssh/jump-cycle');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(1, 14, 21));
    expect(f[0].severity).toBe('error');
    expect(f[0].layer).toBe(4);
    expect(f[0].message).toContain('bastion → bastion');
  });
  it('reports a two-host loop once, on the hop that closes it, naming the chain', () => {
    const f = client('Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n', 'ssh/jump-cycle');
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/Jump loop (b → a → b|a → b → a)/);
    expect(f[0].related).toHaveLength(2);
  });
  it('is fixed by ProxyJump none before the catch-all, not after it', () => {
    expect(client('Host bastion\n  ProxyJump none\nHost *\n  ProxyJump bastion\n', 'ssh/jump-cycle')).toEqual([]);
    expect(client('Host *\n  ProxyJump bastion\nHost bastion\n  ProxyJump none\n', 'ssh/jump-cycle')).toHaveLength(1);
  });
  it('follows only the first hop of a list, and ProxyCommand ssh -W lines', () => {
    expect(client('Host a\n  ProxyJump x.example.test,a\n', 'ssh/jump-cycle')).toEqual([]);
    const f = client('Host gateway\n  HostName gw.example.test\nHost *\n  ProxyCommand ssh -q gateway -W %h:%p\n', 'ssh/jump-cycle');
    expect(f.map((x) => x.range)).toEqual([r(3, 22, 29)]);
    expect(f[0].message).toContain('`ProxyCommand none`');
  });
  it('stays quiet when a Match block with an unknown verdict sets the proxy', () => {
    expect(client('Match exec "test -f /tmp/x"\n  ProxyJump none\nHost *\n  ProxyJump bastion\n', 'ssh/jump-cycle')).toEqual([]);
  });
});

describe('ssh/agent-forwarding-everywhere', () => {
  it('reports ForwardAgent yes in Host * with fixes to set no or remove it', () => {
    const f = client('Host *\n    ForwardAgent yes\n', 'ssh/agent-forwarding-everywhere');
    expect(f[0].range).toEqual(r(1, 4, 20));
    expect(f[0].layer).toBe(7);
    expect(f[0].fixes?.map((x) => x.edits)).toEqual([[{ path: CLIENT, range: r(1, 17, 20), newText: 'no' }], [{ path: CLIENT, range: r(1, 0, 0, 2), newText: '' }]]);
  });
  it('reports global lines and Host * with exclusions, not specific hosts or no', () => {
    expect(lines(client('ForwardAgent yes\nHost a\n  User x\n', 'ssh/agent-forwarding-everywhere'))).toEqual([0]);
    expect(lines(client('Host * !internal\n  ForwardAgent $SSH_AUTH_SOCK\n', 'ssh/agent-forwarding-everywhere'))).toEqual([1]);
    expect(client('Host bastion\n  ForwardAgent yes\nHost *\n  ForwardAgent no\n', 'ssh/agent-forwarding-everywhere')).toEqual([]);
  });
  it('stays quiet for a file included from a specific Host block', () => {
    const files = { [CLIENT]: 'Host bastion\n  Include /ws/etc/ssh/ssh_config.d/agent.conf\n', '/ws/etc/ssh/ssh_config.d/agent.conf': 'ForwardAgent yes\n' };
    expect(lint(files, '/ws/etc/ssh/ssh_config.d/agent.conf', 'ssh/agent-forwarding-everywhere')).toEqual([]);
    const everywhere = { [CLIENT]: 'Include /ws/etc/ssh/ssh_config.d/agent.conf\n', '/ws/etc/ssh/ssh_config.d/agent.conf': 'ForwardAgent yes\n' };
    expect(lint(everywhere, '/ws/etc/ssh/ssh_config.d/agent.conf', 'ssh/agent-forwarding-everywhere')).toHaveLength(1);
  });
});

describe('ssh/host-key-checking-disabled', () => {
  it('reports no with /dev/null, offering accept-new with and without keeping known hosts', () => {
    const f = client('Host *\n    StrictHostKeyChecking no\n    UserKnownHostsFile /dev/null\n', 'ssh/host-key-checking-disabled');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(1, 4, 28));
    expect(f[0].layer).toBe(6);
    expect(f[0].message).toContain('/dev/null');
    expect(f[0].fixes?.[0]).toEqual({
      title: 'Use accept-new and keep a known_hosts file',
      edits: [{ path: CLIENT, range: r(1, 26, 28), newText: 'accept-new' }, { path: CLIENT, range: r(2, 0, 0, 3), newText: '' }],
      preferred: true,
    });
  });
  it('reports no/off alone and accept-new with /dev/null, not specific hosts', () => {
    expect(lines(client('StrictHostKeyChecking off\nHost a\n  User x\n', 'ssh/host-key-checking-disabled'))).toEqual([0]);
    expect(lines(client('Host *\n  StrictHostKeyChecking accept-new\n  UserKnownHostsFile /dev/null\n', 'ssh/host-key-checking-disabled'))).toEqual([2]);
    expect(client('Host lab-*\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\nHost *\n  StrictHostKeyChecking accept-new\n', 'ssh/host-key-checking-disabled')).toEqual([]);
  });
});

describe('ssh/unindented-in-host and sshd/unreachable-after-match', () => {
  it('reports a margin line after an indented block, with move and indent fixes', () => {
    const text = '# defaults\nHost app\n    HostName app.example.test\n\nIdentityFile ~/.ssh/id_work\n';
    const f = client(text, 'ssh/unindented-in-host');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(4, 0, 27));
    expect(f[0].severity).toBe('info');
    expect(f[0].fixes?.[0].edits).toEqual([
      { path: CLIENT, range: r(0, 0, 0), newText: 'IdentityFile ~/.ssh/id_work\n' },
      { path: CLIENT, range: r(4, 0, 0, 5), newText: '' },
    ]);
    expect(f[0].fixes?.[1].edits).toEqual([{ path: CLIENT, range: r(4, 0, 0), newText: '    ' }]);
  });
  it('reports sshd lines after an indented Match block with the keyword layer', () => {
    const f = server('Port 22\nMatch User deploy\n\tAllowTcpForwarding yes\nPasswordAuthentication no\nX11Forwarding no\n', 'sshd/unreachable-after-match');
    expect(lines(f)).toEqual([3, 4]);
    expect(f[0].severity).toBe('warning');
    expect(f[1].fixes?.[1].edits[0].newText).toBe('\t');
  });
  it('stays quiet when the block is not indented at all, or applies everywhere anyway', () => {
    expect(server('Match User deploy\nAllowTcpForwarding yes\nPasswordAuthentication no\n', 'sshd/unreachable-after-match')).toEqual([]);
    expect(client('Host github.com\n  User git\nHost *\n  AddKeysToAgent yes\nIdentityFile ~/.ssh/id_ed25519\n', 'ssh/unindented-in-host')).toEqual([]);
  });
});

describe('sshd/listen-address-family', () => {
  it('reports addresses of the excluded family, whatever the order of the lines', () => {
    const f = server('ListenAddress [2001:db8::22]:2222\nListenAddress 192.0.2.1\nAddressFamily inet\n', 'sshd/listen-address-family');
    expect(f).toHaveLength(1);
    expect(f[0].range).toEqual(r(0, 15, 27));
    expect(f[0].severity).toBe('error');
    expect(f[0].related?.[0].range).toEqual(r(2, 0, 18));
    expect(lines(server('AddressFamily inet6\nListenAddress 0.0.0.0:22\nListenAddress ::\n', 'sshd/listen-address-family'))).toEqual([1]);
  });
  it('accepts any, host names and matching families', () => {
    expect(server('AddressFamily any\nListenAddress 192.0.2.1\nListenAddress 2001:db8::1\n', 'sshd/listen-address-family')).toEqual([]);
    expect(server('AddressFamily inet\nListenAddress ssh.example.test\n', 'sshd/listen-address-family')).toEqual([]);
  });
  it('takes AddressFamily from the configuration that includes this file', () => {
    const files = { [SERVER]: 'AddressFamily inet\nInclude /ws/etc/ssh/sshd_config.d/*.conf\n', '/ws/etc/ssh/sshd_config.d/listen.conf': 'ListenAddress 2001:db8::1\n' };
    expect(lint(files, '/ws/etc/ssh/sshd_config.d/listen.conf', 'sshd/listen-address-family')).toHaveLength(1);
  });
});

describe('sshd/match-never-matches', () => {
  it('reports a LocalPort sshd does not listen on (default 22)', () => {
    const f = server('Match LocalPort 2222\n    AllowTcpForwarding yes\n', 'sshd/match-never-matches');
    expect(f[0].range).toEqual(r(0, 16, 20));
    expect(f[0].layer).toBe(4);
    expect(f[0].message).toContain('port 22');
  });
  it('accepts ports from Port and from ListenAddress host:port', () => {
    expect(server('Port 22\nPort 2222\nMatch LocalPort 2222\n  PermitTTY no\n', 'sshd/match-never-matches')).toEqual([]);
    expect(server('ListenAddress 192.0.2.1:2222\nListenAddress 192.0.2.1\nMatch LocalPort 2222\n  PermitTTY no\n', 'sshd/match-never-matches')).toEqual([]);
  });
  it('compares LocalAddress with the listen addresses, CIDR of both families included', () => {
    const f = server('ListenAddress 192.0.2.10\nMatch LocalAddress 198.51.100.0/24\n  PermitTTY no\n', 'sshd/match-never-matches');
    expect(f[0].range).toEqual(r(1, 19, 34));
    expect(f[0].layer).toBe(3);
    expect(server('ListenAddress 2001:db8::10\nMatch LocalAddress 2001:db8::/32\n  PermitTTY no\n', 'sshd/match-never-matches')).toEqual([]);
    expect(server('ListenAddress 192.0.2.10\nMatch LocalAddress 192.0.2.*\n  PermitTTY no\n', 'sshd/match-never-matches')).toEqual([]);
    expect(lines(server('AddressFamily inet\nMatch LocalAddress 2001:db8::/32\n  PermitTTY no\n', 'sshd/match-never-matches'))).toEqual([1]);
    expect(server('Match LocalAddress 2001:db8::/32\n  PermitTTY no\n', 'sshd/match-never-matches')).toEqual([]);
  });
  it('reports an address and port that exist only on different listeners', () => {
    const f = server('ListenAddress 192.0.2.1:2222\nListenAddress 192.0.2.2:22\nMatch LocalAddress 192.0.2.2 LocalPort 2222\n  PermitTTY no\n', 'sshd/match-never-matches');
    expect(f[0].range).toEqual(r(2, 19, 28));
  });
  it('follows Include both ways', () => {
    const root = { [SERVER]: 'Include /ws/etc/ssh/sshd_config.d/*.conf\n', '/ws/etc/ssh/sshd_config.d/ports.conf': 'Port 2222\n' };
    expect(lint({ ...root, '/ws/etc/ssh/sshd_config.d/match.conf': 'Match LocalPort 2222\n  PermitTTY no\n' }, '/ws/etc/ssh/sshd_config.d/match.conf', 'sshd/match-never-matches')).toEqual([]);
    expect(lint({ ...root, [SERVER]: `${root[SERVER]}Match LocalPort 2222\n  PermitTTY no\n` }, SERVER, 'sshd/match-never-matches')).toEqual([]);
  });
});

describe('helpers', () => {
  it('globContains is a sound containment test', () => {
    expect(globContains('*', 'web*')).toBe(true);
    expect(globContains('*.example.test', 'web-?.example.test')).toBe(true);
    expect(globContains('web*', '*web')).toBe(false);
    expect(globContains('*.test', '*')).toBe(false);
    expect(globContains('a?c', 'a*c')).toBe(false);
  });
  it('addresses: IPv6 text and address lists', () => {
    expect(ipText(parseIp('2001:0db8:0:0:0:0:0:1')!)).toBe('2001:db8::1');
    expect(ipText(parseIp('::ffff:192.0.2.1')!)).toBe('::ffff:c000:201');
    expect(addrMatchList(parseIp('2001:db8::5')!, '2001:db8::/32')).toBe(1);
    expect(addrMatchList(parseIp('192.0.2.5')!, '192.0.2.0/24,!192.0.2.5')).toBe(-1);
    expect(addrMatchList(parseIp('192.0.2.5')!, '198.51.100.*')).toBe(0);
  });
});
