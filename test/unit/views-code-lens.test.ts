// "Show relay paths" lenses: on ssh Host lines, nginx server blocks and listen lines, OpenVPN
// server and remote lines, and nowhere else.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import type { LanguageId } from '../../server/src/engine/syntax';
import { relayCodeLenses, SHOW_RELAY_PATHS_COMMAND } from '../../server/src/features/code-lens';

function lensLines(language: LanguageId, text: string): number[] {
  const tree = DIALECTS.get(language)!.parse(text).tree;
  return relayCodeLenses('file:///x', language, tree).map((l) => l.range.start.line);
}

it('ssh_config: one lens per Host line, whatever its case', () => {
  const text = ['Host *', '  User a', 'host bastion', '  HostName 203.0.113.10', 'Match host x', '  Port 2', 'HOST db', '  ProxyJump bastion', ''].join('\n');
  expect(lensLines('ssh_config', text)).toEqual([0, 2, 6]);
});

it('sshd_config has none', () => {
  expect(lensLines('sshd_config', 'Port 22\nMatch User x\n  AllowTcpForwarding no\n')).toEqual([]);
});

it('nginx: server blocks and listen lines, not upstream members', () => {
  const text = [
    'stream {', //                           0
    '  upstream app { server 10.0.0.1:22; }', // 1
    '  server {', //                         2
    '    listen 2222;', //                   3
    '    listen [::]:2222;', //              4
    '    proxy_pass app;', //                5
    '  }', //                                6
    '}', //                                  7
    'http { server { server_name x; } }', // 8
    '',
  ].join('\n');
  expect(lensLines('nginx', text)).toEqual([2, 3, 4, 8]);
});

it('OpenVPN: server and remote lines, including inside <connection>', () => {
  const text = ['client', 'remote a.example.test 1194', '<connection>', 'remote b.example.test 443 tcp', '</connection>', 'dev tun', ''].join('\n');
  expect(lensLines('openvpn', text)).toEqual([1, 3]);
  expect(lensLines('openvpn', 'server 10.8.0.0 255.255.255.0\nport 1194\n')).toEqual([0]);
});

it('each lens runs the client command with the document and its own line', () => {
  const text = readFileSync(join(__dirname, '../../examples/ssh/bastion/broken/ssh_config'), 'utf8');
  const lenses = relayCodeLenses('file:///w/ssh_config', 'ssh_config', DIALECTS.get('ssh_config')!.parse(text).tree);
  expect(lenses.length).toBe(3);
  for (const lens of lenses) {
    expect(lens.command).toEqual({ title: 'Show relay paths', command: SHOW_RELAY_PATHS_COMMAND, arguments: ['file:///w/ssh_config', lens.range.start.line] });
    expect(text.split('\n')[lens.range.start.line]).toMatch(/^Host /);
  }
});
