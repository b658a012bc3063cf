// Header codes: one code per header name the HTTP rules look for, whatever the case it is
// written in, so that a proxy_set_header line's name is compared once.
import { describe, expect, it } from 'vitest';
import { headerCode, headerOfCode, OTHER_HEADER } from '../../server/src/dialects/nginx/http-scope';

describe('headerCode', () => {
  it('gives a known header the same code in any case, and back its lower-case name', () => {
    for (const name of ['host', 'x-forwarded-for', 'x-real-ip', 'forwarded', 'connection', 'upgrade']) {
      const code = headerCode(name);
      expect(code).not.toBe(OTHER_HEADER);
      expect(headerOfCode(code)).toBe(name);
      expect(headerCode(name.toUpperCase())).toBe(code);
      expect(headerCode(name[0].toUpperCase() + name.slice(1))).toBe(code);
    }
    expect(new Set(['host', 'connection', 'upgrade'].map(headerCode)).size).toBe(3);
  });

  it('gives every other name OTHER_HEADER', () => {
    for (const name of ['x-forwarded-proto', 'hos', 'hostx', 'Keep-Alive', '', 'ﬀorwarded']) expect(headerCode(name)).toBe(OTHER_HEADER);
    expect(headerOfCode(OTHER_HEADER)).toBeUndefined();
  });
});
