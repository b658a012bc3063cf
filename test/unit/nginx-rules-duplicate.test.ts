// nginx/duplicate-directive: a single-valued directive set twice in the same block, and only
// there (the same name in a nested or a sibling block is another setting).
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const MAIN = '/ws/nginx.conf';
const RULE = 'nginx/duplicate-directive';

function lint(text: string): Finding[] {
  return memoryWorkspace({ [MAIN]: text }, 'nginx').analyze(MAIN).filter((f) => f.rule === RULE);
}

/** 1-based line of the finding and of the first setting it points to. */
const lines = (f: Finding) => `${f.range.start.line + 1}<-${(f.related?.[0]?.range.start.line ?? -1) + 1}`;

describe('nginx/duplicate-directive', () => {
  it('reports the second setting in a block, after nested and sibling blocks set the same name', () => {
    const text = [
      'events {}',
      'http {',
      '    server {',
      '        listen 80;',
      '        root /a;',
      '        location / {',
      '            root /b;',
      '            location /x {',
      '                root /c;',
      '            }',
      '            root /d;',
      '        }',
      '        location /y {',
      '            root /e;',
      '        }',
      '        root /f;',
      '    }',
      '    server {',
      '        listen 81;',
      '        root /g;',
      '    }',
      '}',
      '',
    ].join('\n');
    expect(lint(text).map(lines)).toEqual(['11<-7', '16<-5']);
  });

  it('finds duplicates in a block that sets many single-valued directives', () => {
    const names = ['sendfile on', 'tcp_nopush on', 'tcp_nodelay on', 'keepalive_timeout 5s', 'send_timeout 5s', 'client_body_timeout 5s',
      'client_header_timeout 5s', 'server_tokens off', 'gzip on', 'gzip_vary on', 'gzip_proxied any', 'gzip_comp_level 5', 'gzip_min_length 100',
      'proxy_buffering on', 'proxy_connect_timeout 5s', 'proxy_read_timeout 5s', 'proxy_send_timeout 5s', 'reset_timedout_connection on'];
    const body = [...names, 'gzip off', 'proxy_read_timeout 9s', 'sendfile off'].map((d) => `    ${d};`);
    const f = lint(['events {}', 'http {', ...body, '}', ''].join('\n'));
    expect(f.map(lines)).toEqual(['21<-11', '22<-18', '23<-3']);
  });
});
