// File base names for messages, whichever separator the editor's paths use.
import { describe, expect, it } from 'vitest';
import { baseName } from '../../server/src/engine/paths';

describe('baseName', () => {
  it('takes the part after the last slash', () => {
    expect(baseName('/etc/ssh/sshd_config')).toBe('sshd_config');
    expect(baseName('/etc/openvpn/ccd/alice')).toBe('alice');
    expect(baseName('server.conf')).toBe('server.conf');
  });

  it('takes the part after the last backslash, as in Windows paths', () => {
    expect(baseName('C:\\Users\\me\\.ssh\\config')).toBe('config');
    expect(baseName('C:\\openvpn\\config\\server.ovpn')).toBe('server.ovpn');
  });

  it('uses whichever separator comes last when a path mixes them', () => {
    expect(baseName('C:\\openvpn/ccd\\alice')).toBe('alice');
    expect(baseName('C:\\openvpn\\ccd/alice')).toBe('alice');
  });

  it('gives an empty name for a path that ends with a separator', () => {
    expect(baseName('/etc/ssh/')).toBe('');
    expect(baseName('C:\\ssh\\')).toBe('');
  });
});
