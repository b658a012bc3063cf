// The parser's nodes read positions from a shared table; ranges assigned later must win over it.
import { describe, expect, it } from 'vitest';
import { nginxDialect } from '../../server/src/dialects/nginx/index';
import { startsBefore } from '../../server/src/dialects/nginx/tree';

const parse = (text: string) => nginxDialect.parse(text).tree;

describe('nginx tree nodes', () => {
  it('keep a bodyRange set to undefined', () => {
    const [http] = parse('http {\n    server_tokens off;\n}\n');
    expect(http.bodyRange).toBeDefined();
    http.bodyRange = undefined;
    expect(http.bodyRange).toBeUndefined();
  });

  it('order directives by an assigned nameRange', () => {
    const [a, b] = parse('worker_processes 1;\npid /run/nginx.pid;\n');
    expect(startsBefore(a, b)).toBe(true);
    expect(startsBefore(b, a)).toBe(false);
    b.nameRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    a.nameRange = { start: { line: 5, character: 0 }, end: { line: 5, character: 3 } };
    expect(startsBefore(b, a)).toBe(true);
    expect(startsBefore(a, b)).toBe(false);
  });
});
