// Editor features for ssh_config and sshd_config through the engine.
import { describe, expect, it } from 'vitest';
import { sshConfigDialect, sshdConfigDialect } from '../../server/src/dialects/ssh/index';
import type { Position } from '../../server/src/engine/syntax';
import { memoryWorkspace } from '../support/memory-host';

function cursor(marked: string): { text: string; pos: Position } {
  const i = marked.indexOf('|');
  const before = marked.slice(0, i);
  const lines = before.split('\n');
  return { text: before + marked.slice(i + 1), pos: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

const CLIENT = '/ws/.ssh/config';
const SERVER = '/ws/etc/ssh/sshd_config';

describe('ssh hover', () => {
  it('shows the layer and relay role first, then value, default and first-wins', () => {
    const { text, pos } = cursor('Host app\n  Proxy|Jump bastion\n');
    const ws = memoryWorkspace({ [CLIENT]: text });
    const h = sshConfigDialect.hover(ws.get(CLIENT)!, pos, ws)!;
    const value = (h.contents as { value: string }).value;
    expect(value.split('\n')[0]).toMatch(/^`ProxyJump` — \*\*L\d [a-z ]+\*\* · relay role: \*\*jump host\*\*$/);
    expect(value).toContain('the first value obtained wins');
    expect(value).toContain('https://man.openbsd.org/ssh_config#ProxyJump');
  });
  it('says whether sshd allows the keyword inside Match', () => {
    const { text, pos } = cursor('Match User tunnel\n  Gateway|Ports clientspecified\n');
    const ws = memoryWorkspace({ [SERVER]: text });
    const value = (sshdConfigDialect.hover(ws.get(SERVER)!, pos, ws)!.contents as { value: string }).value;
    expect(value.split('\n')[0]).toBe('`GatewayPorts` — **L4 transport** · relay role: **bind**');
    expect(value).toContain('allowed inside `Match`');
    expect(value).toContain('clientspecified');
  });
});

describe('ssh completion', () => {
  it('offers keywords, and inside a sshd Match block only those allowed there', () => {
    const top = cursor('Gate|');
    const ws = memoryWorkspace({ [SERVER]: top.text });
    const all = sshdConfigDialect.complete(ws.get(SERVER)!, top.pos, ws).map((c) => c.label);
    expect(all).toContain('GatewayPorts');
    expect(all).toContain('ListenAddress');
    const inMatch = cursor('Match User x\n  |');
    const ws2 = memoryWorkspace({ [SERVER]: inMatch.text });
    const labels = sshdConfigDialect.complete(ws2.get(SERVER)!, inMatch.pos, ws2).map((c) => c.label);
    expect(labels).toContain('GatewayPorts');
    expect(labels).not.toContain('ListenAddress');
  });
  it('offers enum values and Host aliases after ProxyJump', () => {
    const v = cursor('StrictHostKeyChecking |');
    const ws = memoryWorkspace({ [CLIENT]: v.text });
    expect(sshConfigDialect.complete(ws.get(CLIENT)!, v.pos, ws).map((c) => c.label)).toEqual(expect.arrayContaining(['yes', 'no', 'ask', 'accept-new']));
    const j = cursor('Host bastion\n  HostName 192.0.2.1\nHost app\n  ProxyJump ops@|');
    const ws2 = memoryWorkspace({ [CLIENT]: j.text });
    expect(sshConfigDialect.complete(ws2.get(CLIENT)!, j.pos, ws2).map((c) => c.label)).toContain('ops@bastion');
  });
});

describe('ssh outline, folding and definition', () => {
  const text = 'Host bastion\n  HostName 192.0.2.1\n  User ops\nHost app\n  ProxyJump ops@bastion:2222\n';
  it('lists Host and Match sections and folds them', () => {
    const ws = memoryWorkspace({ [CLIENT]: text });
    const f = ws.get(CLIENT)!;
    expect(sshConfigDialect.symbols(f).map((s) => s.name)).toEqual(['Host bastion', 'Host app']);
    expect(sshConfigDialect.folding(f)).toEqual([{ startLine: 0, endLine: 2 }, { startLine: 3, endLine: 4 }]);
  });
  it('jumps from a ProxyJump hop to its Host block', () => {
    const ws = memoryWorkspace({ [CLIENT]: text });
    const defs = sshConfigDialect.definition(ws.get(CLIENT)!, { line: 4, character: 17 }, ws);
    expect(defs).toEqual([{ path: CLIENT, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 12 } } }]);
  });
  it('jumps from Include to the files it matches', () => {
    const ws = memoryWorkspace({ [CLIENT]: 'Include config.d/*\n', '/ws/.ssh/config.d/a': 'Host a\n', '/ws/.ssh/config.d/b': 'Host b\n' }, 'ssh_config');
    expect(sshConfigDialect.definition(ws.get(CLIENT)!, { line: 0, character: 10 }, ws).map((p) => p.path)).toEqual(['/ws/.ssh/config.d/a', '/ws/.ssh/config.d/b']);
  });
});
