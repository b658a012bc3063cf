// Which server config a client config is checked against when the workspace holds several.
import { describe, expect, it } from 'vitest';
import { analyzeSsh } from '../../server/src/dialects/ssh/analysis';
import { memoryWorkspace } from '../support/memory-host';

const peersOf = (files: Record<string, string>, path: string) => {
  const ws = memoryWorkspace(files);
  return analyzeSsh(ws.get(path)!, ws).peers().map((f) => f.path).sort();
};

describe('client/server pairing', () => {
  it('pairs with the only server config, wherever it is', () => {
    expect(peersOf({ '/a/.ssh/config': 'Host x\n', '/b/etc/ssh/sshd_config': 'Port 22\n' }, '/a/.ssh/config')).toEqual(['/b/etc/ssh/sshd_config']);
  });
  it('pairs with the server config in the nearest directory', () => {
    const files = {
      '/ex/rev/broken/ssh_config': 'Host x\n', '/ex/rev/broken/sshd_config': 'Port 22\n',
      '/ex/rev/fixed/ssh_config': 'Host x\n', '/ex/rev/fixed/sshd_config': 'Port 22\n',
    };
    expect(peersOf(files, '/ex/rev/fixed/ssh_config')).toEqual(['/ex/rev/fixed/sshd_config']);
    expect(peersOf(files, '/ex/rev/broken/sshd_config')).toEqual(['/ex/rev/broken/ssh_config']);
  });
  it('does not guess when unrelated server configs are equally near', () => {
    const files = { '/ex/bastion/ssh_config': 'Host x\n', '/ex/rev/a/sshd_config': 'Port 22\n', '/ex/rev/b/sshd_config': 'Port 22\n' };
    expect(peersOf(files, '/ex/bastion/ssh_config')).toEqual([]);
  });
  it('keeps drop-in fragments with the sshd_config that includes them', () => {
    const files = {
      '/ws/home/.ssh/config': 'Host x\n',
      '/ws/etc/ssh/sshd_config': 'Include /ws/etc/ssh/sshd_config.d/*.conf\n',
      '/ws/etc/ssh/sshd_config.d/10-tunnel.conf': 'GatewayPorts clientspecified\n',
    };
    expect(peersOf(files, '/ws/home/.ssh/config')).toEqual(['/ws/etc/ssh/sshd_config', '/ws/etc/ssh/sshd_config.d/10-tunnel.conf']);
  });
});
