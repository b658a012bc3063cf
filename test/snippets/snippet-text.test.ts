// The snippet body reader: defaults, mirrors, choices, escapes, variables and clear errors.
import { describe, expect, it } from 'vitest';
import {
  choicesOf, instantiateSnippet, parseSnippet, SnippetSyntaxError, tabstopsWithoutDefault, variablesOf,
} from '../../server/src/features/snippet-text';

describe('instantiateSnippet', () => {
  it('keeps placeholder defaults and drops $0 and bare tabstops', () => {
    expect(instantiateSnippet('listen ${1:80};$0')).toBe('listen 80;');
    expect(instantiateSnippet('a $2 b ${3}c')).toBe('a  b c');
  });

  it('joins body lines and keeps tabs', () => {
    expect(instantiateSnippet(['server {', '\tlisten ${1:80};', '}'])).toBe('server {\n\tlisten 80;\n}');
  });

  it('mirrors a tabstop from its default, wherever the default appears', () => {
    expect(instantiateSnippet('Host ${1:bastion}\n\tProxyJump ${1:bastion}')).toBe('Host bastion\n\tProxyJump bastion');
    expect(instantiateSnippet('ProxyJump $1\nHost ${1:edge}')).toBe('ProxyJump edge\nHost edge');
  });

  it('expands nested placeholders', () => {
    expect(instantiateSnippet('ssl_certificate ${3:tls/${2:app.example.com}.crt}; server_name $2;')).toBe('ssl_certificate tls/app.example.com.crt; server_name app.example.com;');
  });

  it('takes the first choice, or the one asked for', () => {
    expect(instantiateSnippet('proto ${1|udp,tcp|}')).toBe('proto udp');
    expect(instantiateSnippet('proto ${1|udp,tcp|}', { choices: { 1: 1 } })).toBe('proto tcp');
    expect(instantiateSnippet('x ${1|a\\,b,c\\|d|}', { choices: { 1: 0 } })).toBe('x a,b');
    expect(instantiateSnippet('x ${1|a\\,b,c\\|d|}', { choices: { 1: 1 } })).toBe('x c|d');
  });

  it('reads escaped dollars, braces and backslashes as text', () => {
    expect(instantiateSnippet('proxy_set_header Host \\$host;')).toBe('proxy_set_header Host $host;');
    expect(instantiateSnippet('map \\$a \\$${1:b} { \\} \\\\ }')).toBe('map $a $b { } \\ }');
  });

  it('keeps a dollar that starts nothing', () => {
    expect(instantiateSnippet('cost: 5$ or $-1')).toBe('cost: 5$ or $-1');
  });

  it('fills variables, else their default, else their name', () => {
    expect(instantiateSnippet('# $TM_FILENAME ${USER:nobody} ${HOME}', { variables: { TM_FILENAME: 'nginx.conf' } })).toBe('# nginx.conf nobody HOME');
  });

  it('refuses broken bodies with the place of the problem', () => {
    expect(() => parseSnippet('listen ${1:80;')).toThrow(SnippetSyntaxError);
    expect(() => parseSnippet('listen ${1:80;')).toThrow(/missing "}"/);
    expect(() => parseSnippet('x ${1|a,b}')).toThrow(/missing "\|}"/);
    expect(() => parseSnippet('x ${}')).toThrow(/character 5/);
    expect(() => parseSnippet('x ${1/a/b/}')).toThrow(/transforms/);
  });
});

describe('snippet body facts', () => {
  it('finds tabstops that have no default anywhere', () => {
    expect(tabstopsWithoutDefault('a ${1:x} $1 $2 ${3|p,q|} $0 ${4}')).toEqual([2, 4]);
    expect(tabstopsWithoutDefault('$5 then ${5:five}')).toEqual([]);
  });

  it('lists the variables a body uses', () => {
    expect(variablesOf('$TM_FILENAME \\$host ${USER:x} ${1:$HOME}')).toEqual(['TM_FILENAME', 'USER', 'HOME']);
  });

  it('lists choices with their number of options', () => {
    expect([...choicesOf('${1|a,b,c|} ${2:x} ${3|y,z|}')]).toEqual([[1, 3], [3, 2]]);
  });
});
