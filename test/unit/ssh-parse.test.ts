// The OpenSSH parser: exact ranges for keywords and every argument, the separators and quoting
// OpenSSH accepts, and sections that run to the next Host/Match whatever the indentation.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { describe, expect, it } from 'vitest';
import { parseSsh } from '../../server/src/dialects/ssh/parse';
import type { Range } from '../../server/src/engine/syntax';

const client = { sections: new Set(['host', 'match']) };
const server = { sections: new Set(['match']) };
const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

describe('ssh parser', () => {
  it('reads Keyword value, Keyword=value and Keyword = "quoted value" with exact ranges', () => {
    const { tree, problems } = parseSsh('Port 2222\nUser=ops\nProxyCommand = "nc %h %p"\n', client);
    expect(problems).toEqual([]);
    expect(tree.map((d) => [d.name, d.args.map((a) => a.value)])).toEqual([['Port', ['2222']], ['User', ['ops']], ['ProxyCommand', ['nc %h %p']]]);
    expect(tree[1].nameRange).toEqual(r(1, 0, 1, 4));
    expect(tree[1].args[0].range).toEqual(r(1, 5, 1, 8));
    expect(tree[2].args[0].range).toEqual(r(2, 15, 2, 25));
    expect(tree[2].args[0].quoted).toBe(true);
  });

  it('handles tabs, CRLF, trailing spaces and end-of-line comments', () => {
    const { tree, comments } = parseSsh('Host a\r\n\tHostName\t192.0.2.1   # the box\r\n', client);
    const hostName = tree[0].children![0];
    expect(hostName.nameRange).toEqual(r(1, 1, 1, 9));
    expect(hostName.args.map((a) => a.range)).toEqual([r(1, 10, 1, 19)]);
    expect(comments.map((c) => c.text)).toEqual(['# the box']);
  });

  it('splits arguments like argv_split: quotes in the middle, backslash escapes', () => {
    const { tree } = parseSsh('SetEnv FOO="a b" BAR=c\\ d \'x y\'\n', client);
    expect(tree[0].args.map((a) => a.value)).toEqual(['FOO=a b', 'BAR=c d', 'x y']);
    expect(tree[0].args.map((a) => a.range.start.character)).toEqual([7, 17, 26]);
  });

  it('opens sections at Host and Match and runs them to the next one, indented or not', () => {
    const text = 'User global\nHost a b\n  Port 1\nMatch user root\nAllowTcpForwarding no\nHost c\nPort 3\n';
    const { tree } = parseSsh(text, client);
    expect(tree.map((d) => d.name)).toEqual(['User', 'Host', 'Match', 'Host']);
    expect(tree[2].children!.map((d) => d.name)).toEqual(['AllowTcpForwarding']);
    expect(tree[2].range).toEqual(r(3, 0, 4, 21));
    expect(tree[3].children![0].parent).toBe(tree[3]);
  });

  it('treats Host as an ordinary line in sshd_config', () => {
    const { tree } = parseSsh('Match Address 192.0.2.0/24\n  GatewayPorts clientspecified\nHost x\n', server);
    expect(tree).toHaveLength(1);
    expect(tree[0].children!.map((d) => d.name)).toEqual(['GatewayPorts', 'Host']);
  });

  it('reports an unterminated quote with its range and keeps going', () => {
    const { tree, problems } = parseSsh('ProxyCommand "nc %h\nPort 22\n', client);
    expect(problems.map((p) => p.range)).toEqual([r(0, 13, 0, 19)]);
    expect(tree.map((d) => d.name)).toEqual(['ProxyCommand', 'Port']);
  });

  it('keeps a keyword with no value (a lexicon rule reports it)', () => {
    const { tree } = parseSsh('lolwut\n', client);
    expect(tree[0]).toMatchObject({ name: 'lolwut', args: [] });
  });

  it('never throws on odd input', () => {
    for (const t of ['', '=', '"', '\\', 'Host', '\r\r\n', '\uFEFFPort 1', ' = = =', '"Host" x']) expect(() => parseSsh(t, client)).not.toThrow();
  });
});

/**
 * The ssh-config package is lossless and computes effective configs, but it keeps no argument
 * boundaries or positions (a quoted argument and the rest of the line come back as one value),
 * so it cannot drive diagnostics; it serves here as an independent check of keywords, values and
 * section structure on the real-world corpus.
 */
describe('cross-check with the ssh-config package on the corpus', () => {
  const dir = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'ssh_config');
  const files = readdirSync(dir);

  it('loses per-argument ranges where Layerwise keeps them (why our own parser drives diagnostics)', () => {
    const parsed = SSHConfig.parse('LocalForward "127.0.0.1:8080" 192.0.2.1:80\n') as unknown as { value: unknown; quoted?: boolean }[];
    expect(parsed[0].value).toBe('127.0.0.1:8080 192.0.2.1:80');
    const ours = parseSsh('LocalForward "127.0.0.1:8080" 192.0.2.1:80\n', client).tree[0];
    expect(ours.args.map((a) => [a.value, a.range.start.character, a.range.end.character])).toEqual([['127.0.0.1:8080', 13, 29], ['192.0.2.1:80', 30, 42]]);
  });

  for (const name of files) {
    it(`agrees on keywords and sections: ${name}`, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      let theirs: { param?: string; config?: unknown[] }[];
      try {
        theirs = SSHConfig.parse(text) as never;
      } catch {
        return; // ssh-config rejects a few odd files; ours must still not throw.
      }
      const flat = (nodes: { param?: string; config?: unknown[] }[]): string[] =>
        // ssh-config keeps the line break in a keyword that has no value ('lolwut\n'); trim it.
        nodes.flatMap((n) => (n.param ? [n.param.trim().toLowerCase(), ...(n.config ? flat(n.config as never).map((p) => `  ${p}`) : [])] : []));
      const ours = parseSsh(text, client).tree;
      const mine = ours.flatMap((d) => [d.name.toLowerCase(), ...(d.children ?? []).map((c) => `  ${c.name.toLowerCase()}`)]);
      expect(mine).toEqual(flat(theirs));
    });
  }
});
