// Relay target parsing (proxy_pass and upstream `server` arguments): the forms nginx accepts and
// the edge cases the character scans must read as the regular expressions they replace did.
import { describe, expect, it } from 'vitest';
import { hostPart, isUnixTarget, targetOf } from '../../server/src/dialects/nginx/relay-targets';
import { isIpAddress, isLoopback, lowerCase, parseTarget, targetSocketOrPort } from '../../server/src/dialects/nginx/target';

describe('parseTarget', () => {
  it('reads scheme, host (lower case), port and path', () => {
    expect(parseTarget('http://Backend.Example.TEST:8080/api?x=1')).toEqual({ scheme: 'http', host: 'backend.example.test', port: 8080, path: '/api?x=1', variable: false, raw: 'http://Backend.Example.TEST:8080/api?x=1' });
    expect(parseTarget('10.0.2.1:08080')).toEqual({ host: '10.0.2.1', port: 8080, variable: false, raw: '10.0.2.1:08080' });
    expect(parseTarget('up_1')).toEqual({ host: 'up_1', variable: false, raw: 'up_1' });
    expect(parseTarget('http://up_1/$1')).toEqual({ scheme: 'http', host: 'up_1', path: '/$1', variable: true, raw: 'http://up_1/$1' });
  });

  it('reads bracketed IPv6 hosts, with or without a port', () => {
    expect(parseTarget('HTTPS://[2001:DB8::1]:8443')).toEqual({ scheme: 'https', host: '[2001:db8::1]', port: 8443, variable: false, raw: 'HTTPS://[2001:DB8::1]:8443' });
    expect(parseTarget('[::1]')).toEqual({ host: '[::1]', variable: false, raw: '[::1]' });
    expect(parseTarget('[::1]:x')).toEqual({ host: '[::1]:x', variable: false, raw: '[::1]:x' });
  });

  it('reads unix sockets up to the next colon', () => {
    expect(parseTarget('unix:/run/app.sock:/path')).toEqual({ host: '', unix: '/run/app.sock', variable: false, raw: 'unix:/run/app.sock:/path' });
    expect(parseTarget('grpcs://unix:/run/g.sock')).toEqual({ scheme: 'grpcs', host: '', unix: '/run/g.sock', variable: false, raw: 'grpcs://unix:/run/g.sock' });
  });

  it('takes no scheme that is not a scheme name, and empty hosts as written', () => {
    expect(parseTarget('1bad://x:80')).toEqual({ host: '1bad:', path: '//x:80', variable: false, raw: '1bad://x:80' });
    expect(parseTarget('$scheme://$host$request_uri')).toEqual({ host: '$scheme:', path: '//$host$request_uri', variable: true, raw: '$scheme://$host$request_uri' });
    expect(parseTarget('http://:80')).toEqual({ scheme: 'http', host: '', port: 80, variable: false, raw: 'http://:80' });
    expect(parseTarget('http:///x')).toEqual({ scheme: 'http', host: '', path: '/x', variable: false, raw: 'http:///x' });
  });

  it('reads long digit runs as Number() does', () => {
    expect(parseTarget('host:99999999999999999999').port).toBe(Number('99999999999999999999'));
  });
});

describe('targetSocketOrPort', () => {
  it("gives parseTarget's unix path, else its port, for every form", () => {
    const forms = ['http://Backend:8080/api', '10.0.2.1:08080', 'up_1', 'http://up_1/$1', 'HTTPS://[2001:DB8::1]:8443', '[::1]', '[::1]:x', '[::1]:', 'unix:/run/a.sock', 'http://unix:/run/a.sock:/x', 'unix:', ':80', 'host:', 'a:b:9', '1:99999999999999999', 'x://h:1', '1x://h:2', '', '[]:80', 'h:80/p:90'];
    for (const raw of forms) {
      const t = parseTarget(raw);
      expect([raw, targetSocketOrPort(raw)]).toEqual([raw, t.unix ?? t.port]);
    }
  });
});

describe('hostPart, targetOf and isUnixTarget', () => {
  it('cut the host at the path, the query or a URI variable after it', () => {
    expect(hostPart('http://backend$request_uri')).toBe('backend');
    expect(hostPart('http://$pool/x')).toBe('$pool');
    expect(hostPart('a?b')).toBe('a');
    expect(hostPart('http://h:1/$uri')).toBe('h:1');
  });

  it('read a target whose scheme is a variable as http, host and port from the host part', () => {
    expect(targetOf('$scheme://a.example.test:81/y')).toEqual({ scheme: 'http', host: 'a.example.test', port: 81, path: '/y', variable: false, raw: 'http://a.example.test:81/y' });
    expect(targetOf('http://backend$request_uri')).toEqual({ scheme: 'http', host: 'backend', variable: true, raw: 'http://backend$request_uri' });
  });

  it('tell a unix socket after a scheme, a variable scheme, or none', () => {
    expect(['unix:/a', 'http://unix:/a', '$scheme://unix:/a', '${s}://unix:/a'].map(isUnixTarget)).toEqual([true, true, true, true]);
    expect(['1x://unix:/a', 'http://a/unix:', 'unix', '$a$b://unix:/a'].map(isUnixTarget)).toEqual([false, false, false, false]);
  });
});

describe('host tests', () => {
  it('lower-case only what has upper case, as toLowerCase does', () => {
    expect(['abc', 'ABC', 'Ä', 'İx', ''].map(lowerCase)).toEqual(['abc', 'abc', 'ä', 'İx'.toLowerCase(), '']);
  });

  it('tell loopback and address hosts whatever their first character', () => {
    expect(['localhost', 'LocalHost', '127.0.0.1', '[::1]', '::1', 'ip6-localhost', 'IP6-LOCALHOST'].map(isLoopback)).toEqual([true, true, true, true, true, true, true]);
    expect(['', 'local', '128.0.0.1', 'xlocalhost', '[::2]'].map(isLoopback)).toEqual([false, false, false, false, false]);
    expect(['10.0.0.1', '[2001:db8::1]', '', 'a.b.c.d', '1.2.3', '1234.1.1.1'].map(isIpAddress)).toEqual([true, true, false, false, false, false]);
  });
});
