// The OpenVPN parser: OpenVPN's quoting and comments, inline blocks, connection blocks, and
// pushed options parsed inside their quotes with exact ranges.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOpenvpn } from '../../server/src/dialects/openvpn/parse';
import type { Range } from '../../server/src/engine/syntax';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

describe('OpenVPN parser', () => {
  it('reads options, both comment styles, and a leading --', () => {
    const { tree, comments, problems } = parseOpenvpn('# server\n;proto tcp\nproto udp ; trailing\n--port 1194\n');
    expect(problems).toEqual([]);
    expect(tree.map((d) => [d.name, d.args.map((a) => a.value)])).toEqual([['proto', ['udp']], ['port', ['1194']]]);
    expect(comments.map((c) => c.text)).toEqual(['# server', ';proto tcp', '; trailing']);
    expect(tree[1].nameRange).toEqual(r(3, 2, 3, 6));
  });

  it('reads double quotes with escapes and single quotes literally', () => {
    const { tree } = parseOpenvpn('setenv A "x \\"y\\" z" \'c:\\dir\'\n');
    expect(tree[0].args.map((a) => a.value)).toEqual(['A', 'x "y" z', 'c:\\dir']);
    expect(tree[0].args[1].range).toEqual(r(0, 9, 0, 20));
  });

  it('parses the option inside push "..." with ranges inside the quotes', () => {
    const { tree } = parseOpenvpn('push "route 10.8.1.0 255.255.255.0"\n');
    const pushed = tree[0].children![0];
    expect(pushed.name).toBe('route');
    expect(pushed.nameRange).toEqual(r(0, 6, 0, 11));
    expect(pushed.args.map((a) => [a.value, a.range.start.character])).toEqual([['10.8.1.0', 12], ['255.255.255.0', 21]]);
    expect(pushed.parent).toBe(tree[0]);
  });

  it('keeps inline blocks opaque and spans them from tag to end tag', () => {
    const text = 'client\n<ca>\n-----BEGIN CERTIFICATE-----\nremote evil 1\n-----END CERTIFICATE-----\n</ca>\nremote 203.0.113.1 1194\n';
    const { tree, problems } = parseOpenvpn(text);
    expect(problems).toEqual([]);
    expect(tree.map((d) => d.name)).toEqual(['client', 'ca', 'remote']);
    expect(tree[1].opaque).toBe(true);
    expect(tree[1].range).toEqual(r(1, 0, 5, 5));
  });

  it('reports a missing end tag and a stray closing tag', () => {
    const open = parseOpenvpn('<tls-auth>\nabc\n');
    expect(open.problems.map((p) => [p.message.slice(0, 30), p.range])).toEqual([['The inline block <tls-auth> is', r(0, 0, 0, 10)]]);
    expect(parseOpenvpn('</key>\n').problems).toHaveLength(1);
  });

  it('gives <connection> blocks their options as children', () => {
    const { tree } = parseOpenvpn('client\n<connection>\nremote 192.0.2.1 1194 udp\n</connection>\n<connection>\nremote 192.0.2.2 443 tcp\n</connection>\n');
    expect(tree.map((d) => d.name)).toEqual(['client', 'connection', 'connection']);
    expect(tree[2].children!.map((d) => d.args[0].value)).toEqual(['192.0.2.2']);
    expect(tree[1].range).toEqual(r(1, 0, 3, 13));
  });

  it('reports an unclosed quote on its line', () => {
    const { problems } = parseOpenvpn('push "route 10.0.0.0 255.0.0.0\n');
    expect(problems.map((p) => p.range)).toEqual([r(0, 5, 0, 30)]);
  });

  it('never throws, on odd input and on every corpus file', () => {
    for (const t of ['', '<', '<>', '</>', '"', "'", '\\', 'push "', 'push ""', '<connection>', '\uFEFFclient', '\r\r\n']) expect(() => parseOpenvpn(t)).not.toThrow();
    const dir = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'openvpn');
    for (const f of readdirSync(dir)) expect(() => parseOpenvpn(readFileSync(join(dir, f), 'utf8'))).not.toThrow();
  });
});
