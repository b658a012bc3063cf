// OpenSSH's a2port() and hpdelim2() (misc.c), which the lexicon checks and the ProxyJump reader
// share. Where service names matter, the values were checked with ssh -G and sshd -t (9.2p1).
import { describe, expect, it } from 'vitest';
import { a2port, cleanHostname, hpdelim } from '../../server/src/dialects/ssh/host-port';
import { tcpServicePort } from '../../server/src/dialects/ssh/tcp-services';

describe('a2port', () => {
  it('reads numbers 0..65535, leading zeros included', () => {
    expect(a2port('22')).toBe(22);
    expect(a2port('0')).toBe(0);
    expect(a2port('65535')).toBe(65535);
    expect(a2port('00022')).toBe(22);
    expect(a2port('65536')).toBe(-1);
    expect(a2port('99999999999999999999999')).toBe(-1);
  });

  it('takes a sign and leading blanks as strtoll does, but nothing after the digits', () => {
    expect(a2port('+22')).toBe(22);
    expect(a2port(' 22')).toBe(22);
    expect(a2port('\t 22')).toBe(22);
    expect(a2port('\v\f\r\n22')).toBe(22);
    expect(a2port('-0')).toBe(0);
    expect(a2port('-1')).toBe(-1);
    expect(a2port('+-1')).toBe(-1);
    expect(a2port('22 ')).toBe(-1);
    expect(a2port('2 2')).toBe(-1);
    expect(a2port('+')).toBe(-1);
    expect(a2port('')).toBe(-1);
  });

  it('gives the real port of a TCP service name, case-sensitively', () => {
    expect(a2port('ssh')).toBe(22);
    expect(a2port('https')).toBe(443);
    expect(a2port('mysql')).toBe(3306);
    expect(a2port('x11')).toBe(6000);
    expect(a2port('SSH')).toBe(-1);
    expect(a2port('no-such-service')).toBe(-1);
  });

  it('does not take names of object properties for services', () => {
    expect(a2port('constructor')).toBe(-1);
    expect(a2port('toString')).toBe(-1);
    expect(a2port('__proto__')).toBe(-1);
  });
});

describe('tcpServicePort', () => {
  it('knows aliases and keeps the first port of a name listed twice', () => {
    expect(tcpServicePort('www')).toBe(80);
    expect(tcpServicePort('ident')).toBe(113);
    expect(tcpServicePort('dicom')).toBe(104);
    expect(tcpServicePort('fido')).toBe(60179);
  });
});

describe('hpdelim', () => {
  it('cuts the host at the first : or /', () => {
    expect(hpdelim('host:22')).toEqual({ host: 'host', delim: ':', rest: '22' });
    expect(hpdelim('host/22')).toEqual({ host: 'host', delim: '/', rest: '22' });
    expect(hpdelim('a:b:c')).toEqual({ host: 'a', delim: ':', rest: 'b:c' });
    expect(hpdelim('a/b:c')).toEqual({ host: 'a', delim: '/', rest: 'b:c' });
    expect(hpdelim(':22')).toEqual({ host: '', delim: ':', rest: '22' });
  });

  it('tells a missing delimiter from an empty rest', () => {
    expect(hpdelim('host')).toEqual({ host: 'host' });
    expect(hpdelim('')).toEqual({ host: '' });
    expect(hpdelim('host:')).toEqual({ host: 'host', delim: ':', rest: '' });
  });

  it('keeps a bracketed host whole, brackets included', () => {
    expect(hpdelim('[2001:db8::1]:22')).toEqual({ host: '[2001:db8::1]', delim: ':', rest: '22' });
    expect(hpdelim('[2001:db8::1]/22')).toEqual({ host: '[2001:db8::1]', delim: '/', rest: '22' });
    expect(hpdelim('[2001:db8::1]')).toEqual({ host: '[2001:db8::1]' });
  });

  it('refuses an unclosed bracket and text right after the ]', () => {
    expect(hpdelim('[2001:db8::1')).toBeUndefined();
    expect(hpdelim('[2001:db8::1]x')).toBeUndefined();
    expect(hpdelim('[2001:db8::1]]:22')).toBeUndefined();
  });
});

describe('cleanHostname', () => {
  it('drops the brackets of [addr] only', () => {
    expect(cleanHostname('[2001:db8::1]')).toBe('2001:db8::1');
    expect(cleanHostname('[]')).toBe('');
    expect(cleanHostname('host')).toBe('host');
    expect(cleanHostname('[host')).toBe('[host');
    expect(cleanHostname('host]')).toBe('host]');
  });
});
