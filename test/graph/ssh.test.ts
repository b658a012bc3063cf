// The ssh_config part of the relay graph: jumps, forwards, and the bind a reverse tunnel really gets.
import { describe, expect, it } from 'vitest';
import { picture } from './support';

describe('relay graph: ssh_config', () => {
  it('draws a direct connection with the effective port and HostName', () => {
    const p = picture({ '/w/ssh_config': 'Host web\n    HostName 198.51.100.7\n    Port 2200\n' });
    const web = p.node('ssh-host:ssh_config:web');
    expect(web).toMatchObject({ kind: 'host', label: 'web', detail: '198.51.100.7:2200' });
    const hop = p.hop('ssh-client:ssh_config', web.id);
    expect(hop).toMatchObject({ kind: 'ssh', protocol: 'ssh', port: 2200, layer: 4 });
    expect(hop.source).toEqual({ path: '/w/ssh_config', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } } });
  });

  it('reads a Port given as a service name, and shows 22 for a port ssh refuses', () => {
    const port = (value: string) => picture({ '/w/ssh_config': `Host web\n    Port ${value}\n` }).hop('ssh-client:ssh_config', 'ssh-host:ssh_config:web').port;
    expect(port('https')).toBe(443);
    expect(port('mysql')).toBe(3306);
    expect(port('+2200')).toBe(2200);
    expect(port('0')).toBe(22);
    expect(port('-0')).toBe(22);
    expect(port('70000')).toBe(22);
  });

  it('follows a bastion chain across Host blocks: each jump host reached with its own settings', () => {
    const p = picture({
      '/w/ssh_config': [
        'Host edge', '    HostName 203.0.113.1', '    Port 2222',
        'Host inner', '    HostName 10.0.0.2', '    ProxyJump edge',
        'Host db', '    HostName 10.0.1.5', '    ProxyJump inner,ops@10.0.0.9:2022',
        '',
      ].join('\n'),
    });
    const id = (alias: string) => `ssh-host:ssh_config:${alias}`;
    // client -> edge directly; edge -> inner (inner's own ProxyJump); inner -> 10.0.0.9 -> db.
    expect(p.hop('ssh-client:ssh_config', id('edge'))).toMatchObject({ kind: 'ssh', port: 2222 });
    expect(p.hop(id('edge'), id('inner'))).toMatchObject({ kind: 'jump', port: 22 });
    expect(p.hop(id('inner'), id('10.0.0.9'))).toMatchObject({ kind: 'jump', port: 2022 });
    const last = p.hop(id('10.0.0.9'), id('db'));
    expect(last).toMatchObject({ kind: 'jump', port: 22 });
    expect(last.source!.range.start.line).toBe(8);
    // No shortcut from the client to the first hop of db's chain: inner has its own route.
    expect(p.hopsFrom('ssh-client:ssh_config').map((h) => h.to)).toEqual([id('edge')]);
    expect(p.node(id('10.0.0.9')).detail).toBe('no Host section');
  });

  it('marks the jump through a mistyped alias as broken with the rule that found it', () => {
    const p = picture({ '/w/ssh_config': 'Host bastion\n    HostName 203.0.113.10\nHost db\n    HostName 10.20.0.5\n    ProxyJump bastoin\n' });
    const hop = p.hop('ssh-client:ssh_config', 'ssh-host:ssh_config:bastoin');
    expect(p.rules(hop)).toContain('ssh/proxyjump-unknown-host');
    expect(hop.findings.find((f) => f.rule === 'ssh/proxyjump-unknown-host')).toMatchObject({ path: '/w/ssh_config', range: { start: { line: 4 } } });
  });

  it('draws a LocalForward as client listener -> server -> target, the bind as ssh makes it', () => {
    const p = picture({ '/w/ssh_config': 'Host t\n    HostName 203.0.113.10\n    LocalForward 8080 10.20.0.7:80\n    LocalForward *:9090 10.20.0.7:90\n' });
    const listener = p.node('ssh-listener:ssh_config:t:localhost:8080');
    expect(listener).toMatchObject({ kind: 'listener', side: 0 });
    expect(p.hop(listener.id, 'ssh-host:ssh_config:t')).toMatchObject({ kind: 'local-forward', protocol: 'ssh' });
    expect(p.hop('ssh-host:ssh_config:t', 'ssh-target:ssh_config:t:10.20.0.7:80')).toMatchObject({ kind: 'local-forward', protocol: 'tcp', port: 80 });
    const open = p.node('ssh-listener:ssh_config:t:*:9090');
    expect(p.rules(open)).toContain('ssh/forward-exposed');
  });

  it('draws a DynamicForward as a SOCKS listener', () => {
    const p = picture({ '/w/ssh_config': 'Host s\n    DynamicForward 127.0.0.1:1080\n' });
    expect(p.node('ssh-socks:ssh_config:s:127.0.0.1:1080').kind).toBe('socks');
    expect(p.hop('ssh-socks:ssh_config:s:127.0.0.1:1080', 'ssh-host:ssh_config:s')).toMatchObject({ kind: 'dynamic-forward' });
    expect(p.hop('ssh-host:ssh_config:s', 'ssh-target:ssh_config:s:*').label).toBeUndefined();
  });

  describe('a reverse tunnel with its sshd side', () => {
    const client = 'Host relay\n    HostName 203.0.113.20\n    User tunnel\n    RemoteForward 0.0.0.0:8080 127.0.0.1:3000\n';
    const listenerOf = (sshd: string | undefined) => {
      const files: Record<string, string> = { '/r/ssh_config': client };
      if (sshd !== undefined) files['/r/sshd_config'] = sshd;
      const p = picture(files, { paths: ['/r/ssh_config'] });
      return { p, node: p.node('ssh-remote-listener:ssh_config:relay:0.0.0.0:8080') };
    };

    it('shows loopback when the server keeps GatewayPorts no, and the finding on the hop', () => {
      const { p, node } = listenerOf('PasswordAuthentication no\n');
      expect(node.label).toBe('localhost:8080');
      expect(node.detail).toBe('relay, GatewayPorts no (asked 0.0.0.0)');
      const back = p.hop(node.id, 'ssh-client:ssh_config', 'remote-forward');
      expect(p.rules(back)).toEqual(['ssh/remote-forward-bind']);
      expect(p.hop('ssh-client:ssh_config', 'ssh-target:ssh_config:client:127.0.0.1:3000')).toMatchObject({ kind: 'remote-forward', port: 3000 });
      expect(p.graph.files).toEqual(['/r/ssh_config', '/r/sshd_config']);
    });

    it('shows every interface when a Match block for the tunnel user allows the client to choose', () => {
      const { p, node } = listenerOf('GatewayPorts no\nMatch User tunnel\n    GatewayPorts clientspecified\n');
      expect(node.label).toBe('*:8080');
      expect(p.rules(p.hop(node.id, 'ssh-client:ssh_config', 'remote-forward'))).toEqual([]);
    });

    it('keeps the requested address, marked as undecided, without a server config', () => {
      const { node } = listenerOf(undefined);
      expect(node.label).toBe('0.0.0.0:8080');
      expect(node.detail).toContain('bind set by its sshd');
    });
  });
});
