// Listener rules: reachability of listen addresses (L3) and socket collisions across files (L4).
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../server/src/engine/rules';
import { memoryWorkspace } from '../support/memory-host';

const LISTENER_RULES = /^nginx\/(listen-|privileged-port|http-stream-socket-clash|stream-socket-shared|default-server-conflict)/;

/** Findings of the listener rules for one file of a workspace (the first file by default). */
function lint(files: Record<string, string> | string, path?: string, rule?: string): Finding[] {
  const map = typeof files === 'string' ? { '/ws/nginx.conf': files } : files;
  const ws = memoryWorkspace(map, 'nginx');
  const target = path ?? Object.keys(map)[0];
  return ws.analyze(target).filter((f) => (rule ? f.rule === rule : LISTENER_RULES.test(f.rule)));
}

const http = (body: string) => `events {}\nhttp {\n${body}\n}\n`;
const stream = (body: string) => `events {}\nstream {\n${body}\n}\n`;
const at = (f: Finding) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character];

describe('nginx/listen-loopback-only', () => {
  const id = 'nginx/listen-loopback-only';

  it('flags a named server bound only to loopback, with a fix that drops every address', () => {
    const text = http('  server {\n    listen 127.0.0.1:80;\n    listen [::1]:80;\n    server_name shop.example.test;\n  }');
    const [f, ...rest] = lint(text, undefined, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.layer).toBe(3);
    expect(at(f)).toEqual([3, 11, 3, 23]);
    expect(f.message).toContain('shop.example.test');
    expect(f.fixes![0].edits.map((e) => [e.range.start.line, e.newText])).toEqual([[3, '80'], [4, '[::]:80']]);
  });

  it('removes listens that the fix would turn into duplicates', () => {
    const text = http('  server {\n    listen 127.0.0.1:443 ssl;\n    listen 127.0.0.2:443 ssl;\n    server_name _;\n  }');
    const [f] = lint(text, undefined, id);
    expect(f.message).toContain('terminates TLS');
    expect(f.fixes![0].edits.map((e) => [e.range.start.line, e.newText])).toEqual([[3, '443'], [4, '']]);
  });

  it('flags a stream proxy on loopback but not an outbound TLS tunnel', () => {
    expect(lint(stream('  server {\n    listen 127.0.0.1:5432;\n    proxy_pass 192.0.2.40:5432;\n  }'), undefined, id).map(at)).toEqual([[3, 11, 3, 25]]);
    expect(lint(stream('  server {\n    listen 127.0.0.1:5432;\n    proxy_pass 192.0.2.40:5432;\n    proxy_ssl on;\n  }'), undefined, id)).toEqual([]);
    expect(lint(stream('  server { listen 127.0.0.1:5433; proxy_pass 127.0.0.1:5432; }\n  server { listen 127.0.0.1:5434; proxy_pass unix:/run/pg.sock; }'), undefined, id)).toEqual([]);
  });

  it('stays quiet on local names, proxied servers and servers with a public listen', () => {
    expect(lint(http('  server { listen 127.0.0.1:8080; server_name localhost; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen 127.0.0.1:8080; server_name app; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen 127.0.0.1:8443 ssl; server_name localhost; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen 127.0.0.1:8080; server_name a.example.test; set_real_ip_from 127.0.0.1; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen 127.0.0.1:8080 proxy_protocol; server_name a.example.test; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen 127.0.0.1:80; listen 192.0.2.10:80; server_name a.example.test; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen unix:/run/app.sock; server_name a.example.test; }'), undefined, id)).toEqual([]);
  });

  it('counts listens from an included snippet, and stays quiet when an include is unresolved', () => {
    const files = {
      '/ws/nginx.conf': http('  server {\n    listen 127.0.0.1:80;\n    include /ws/snippets/public.conf;\n    server_name a.example.test;\n  }'),
      '/ws/snippets/public.conf': 'listen 192.0.2.10:80;\n',
    };
    expect(lint(files, '/ws/nginx.conf', id)).toEqual([]);
    expect(lint(http('  server {\n    listen 127.0.0.1:80;\n    include /ws/missing.conf;\n    server_name a.example.test;\n  }'), undefined, id)).toEqual([]);
  });
});

describe('nginx/listen-unowned-address', () => {
  const id = 'nginx/listen-unowned-address';

  it('flags a host name with a fix that listens on all addresses', () => {
    const [f] = lint(http('  server {\n    listen www.example.test:8080;\n  }'), undefined, id);
    expect(at(f)).toEqual([3, 11, 3, 32]);
    expect(f.layer).toBe(3);
    expect(f.message).toContain('resolves it once at start-up');
    expect(f.fixes![0].edits[0].newText).toBe('8080');
  });

  it('uses port 80 for an http listen that names no port', () => {
    const [f] = lint(http('  server { listen www.example.test; }'), undefined, id);
    expect(f.fixes![0].edits[0].newText).toBe('80');
  });

  it('flags multicast, broadcast, 0.x, reserved and malformed IPv4 addresses', () => {
    const text = http(['224.0.0.10:81', '255.255.255.255:82', '0.1.2.3:83', '240.0.0.1:84', '192.0.2.300:85', '[ff02::1]:86'].map((a) => `  server { listen ${a}; }`).join('\n'));
    const found = lint(text, undefined, id);
    expect(found.map((f) => f.range.start.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(found[4].message).toContain('not a dotted-quad IPv4 address');
    expect(found[5].fixes![0].edits[0].newText).toBe('[::]:86');
  });

  it('leaves wildcard, loopback, own addresses, localhost and UDP multicast alone', () => {
    const text = http(['80', '*:81', '127.0.0.1:82', 'localhost:83', '192.0.2.10:84', '[::]:85', '[2001:db8::1]:86', 'unix:/run/x.sock'].map((a) => `  server { listen ${a}; }`).join('\n'));
    expect(lint(text, undefined, id)).toEqual([]);
    expect(lint(stream('  server { listen 239.255.255.250:1900 udp; proxy_pass 192.0.2.1:1900; }'), undefined, id)).toEqual([]);
  });
});

describe('nginx/listen-ipv6-only', () => {
  const id = 'nginx/listen-ipv6-only';

  it('flags [::]:port without an IPv4 listen and inserts the IPv4 one with the same parameters', () => {
    const text = http('  server {\n    listen [::]:443 ssl ipv6only=on default_server;\n    server_name a.example.test;\n  }');
    const [f, ...rest] = lint(text, undefined, id);
    expect(rest).toEqual([]);
    expect(at(f)).toEqual([3, 11, 3, 19]);
    const edit = f.fixes![0].edits[0];
    expect(edit.range).toEqual({ start: { line: 3, character: 0 }, end: { line: 3, character: 0 } });
    expect(edit.newText).toBe('    listen 443 ssl default_server;\n');
  });

  it('drops default_server from the fix when another server is already the IPv4 default', () => {
    const text = http('  server { listen 80 default_server; }\n  server {\n    listen [::]:80 default_server;\n    server_name b.example.test;\n  }');
    const [f] = lint(text, undefined, id);
    expect(f.message).toContain('land on another server');
    expect(f.fixes![0].edits[0].newText).toBe('    listen 80;\n');
  });

  it('is quiet with an IPv4 listen, ipv6only=off (here or on another server), or a specific IPv6 address', () => {
    expect(lint(http('  server { listen 80; listen [::]:80; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen [::]:80 ipv6only=off; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen [::]:80 ipv6only=off; server_name a.example.test; }\n  server { listen [::]:80; server_name b.example.test; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen [2001:db8::10]:80; }'), undefined, id)).toEqual([]);
  });

  it('groups by port and protocol', () => {
    const found = lint(http('  server {\n    listen 443 ssl;\n    listen [::]:443 ssl;\n    listen [::]:443 quic;\n  }'), undefined, id);
    expect(found.map((f) => f.range.start.line)).toEqual([5]);
    expect(found[0].message).toContain('(UDP)');
  });

  it('sees an IPv4 listen in an included snippet', () => {
    const files = {
      '/ws/nginx.conf': http('  server {\n    include /ws/snippets/v4.conf;\n    listen [::]:80;\n  }'),
      '/ws/snippets/v4.conf': 'listen 80;\n',
    };
    expect(lint(files, '/ws/nginx.conf', id)).toEqual([]);
  });
});

describe('nginx/listen-port-range', () => {
  const id = 'nginx/listen-port-range';

  it('flags ports nginx refuses, on the address argument', () => {
    const text = http(['0', '65536', '192.0.2.1:0', '192.0.2.1:http', '192.0.2.1:', '[::]:99999'].map((a) => `  server { listen ${a}; }`).join('\n'));
    const found = lint(text, undefined, id);
    expect(found.map((f) => [f.range.start.line, f.severity])).toEqual([2, 3, 4, 5, 6, 7].map((l) => [l, 'error']));
    expect(at(found[1])).toEqual([3, 18, 3, 23]);
    expect(found[3].message).toContain('"http" is not a port number');
    expect(found[4].message).toContain('empty');
  });

  it('flags a stream listen without a port but not an http one', () => {
    const [f] = lint(stream('  server {\n    listen 192.0.2.10;\n    proxy_pass 192.0.2.40:5432;\n  }'), undefined, id);
    expect(at(f)).toEqual([3, 11, 3, 21]);
    expect(f.message).toContain('random free port');
    expect(lint(http('  server { listen 192.0.2.10; listen [::]; listen 65535; listen unix:/run/x.sock; }'), undefined, id)).toEqual([]);
  });

  it('checks a server fragment in its declared context', () => {
    const found = lint({ '/ws/conf.d/listen.conf': '# layerwise: context=stream-server\nlisten [::];\nproxy_pass 192.0.2.1:1;\n' }, undefined, id);
    expect(found.map((f) => f.range.start.line)).toEqual([1]);
  });
});

describe('nginx/privileged-port', () => {
  const id = 'nginx/privileged-port';

  it('hints at unusual ports below 1024 only', () => {
    const found = lint(http(['81', '443 ssl', '192.0.2.1:636', '1024', '80', '[::]:8'].map((a) => `  server { listen ${a}; }`).join('\n')), undefined, id);
    expect(found.map((f) => [f.range.start.line, f.severity, f.layer])).toEqual([[2, 'info', 4], [4, 'info', 4], [7, 'info', 4]]);
  });
});

describe('nginx/http-stream-socket-clash', () => {
  const id = 'nginx/http-stream-socket-clash';

  it('flags both sides of a clash in one file', () => {
    const text = 'events {}\nhttp {\n  server { listen 8080; }\n}\nstream {\n  server { listen 8080; proxy_pass 192.0.2.1:80; }\n}\n';
    const found = lint(text, undefined, id);
    expect(found.map((f) => [at(f), f.severity])).toEqual([[[2, 18, 2, 22], 'error'], [[5, 18, 5, 22], 'error']]);
    expect(found[0].message).toContain('A stream server (line 6)');
    expect(found[0].related).toEqual([{ path: '/ws/nginx.conf', range: found[1].range, message: 'stream listen on *:8080' }]);
  });

  it('looks across included files and names the other file', () => {
    const files = {
      '/ws/nginx.conf': 'events {}\nhttp {\n  include /ws/conf.d/*.conf;\n}\nstream {\n  include /ws/stream.d/*.conf;\n}\n',
      '/ws/conf.d/site.conf': 'server {\n  listen 80;\n  server_name a.example.test;\n}\n',
      '/ws/stream.d/relay.conf': 'server {\n  listen 192.0.2.10:80;\n  proxy_pass 192.0.2.20:80;\n}\n',
    };
    const [f] = lint(files, '/ws/conf.d/site.conf', id);
    expect(at(f)).toEqual([1, 9, 1, 11]);
    expect(f.message).toContain('/ws/stream.d/relay.conf:2');
    expect(f.related![0].path).toBe('/ws/stream.d/relay.conf');
    const [g] = lint(files, '/ws/stream.d/relay.conf', id);
    expect(g.message).toContain('/ws/conf.d/site.conf:2');
  });

  it('counts the implicit *:80 of an http server without listen', () => {
    const text = 'events {}\nhttp {\n  server { server_name a.example.test; }\n}\nstream {\n  server { listen 80; proxy_pass 192.0.2.1:80; }\n}\n';
    const found = lint(text, undefined, id);
    expect(found.map((f) => f.range.start.line)).toEqual([2, 5]);
    expect(at(found[0])).toEqual([2, 2, 2, 8]);
  });

  it('tells TCP from UDP, IPv6-only from IPv4, and compares unix paths', () => {
    const quiet = 'events {}\nhttp {\n  server { listen 8080; listen [::]:9090; }\n}\nstream {\n  server { listen 8080 udp; proxy_pass 192.0.2.1:80; }\n  server { listen 9090; proxy_pass 192.0.2.1:80; }\n}\n';
    expect(lint(quiet, undefined, id)).toEqual([]);
    const loud = 'events {}\nhttp {\n  server { listen [::]:9090 ipv6only=off; listen unix:/run/a.sock; }\n}\nstream {\n  server { listen 192.0.2.1:9090; proxy_pass 192.0.2.1:80; }\n  server { listen unix:/run/a.sock; proxy_pass 192.0.2.1:80; }\n}\n';
    expect(lint(loud, undefined, id).map((f) => [f.range.start.line, f.range.start.character])).toEqual([[2, 18], [2, 49], [5, 18], [6, 18]]);
  });

  it('downgrades to a warning when both sides use reuseport', () => {
    const text = 'events {}\nhttp {\n  server { listen 8080 reuseport; }\n}\nstream {\n  server { listen 8080 reuseport; proxy_pass 192.0.2.1:80; }\n}\n';
    expect(lint(text, undefined, id).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });

  it('does not compare files that no common file includes', () => {
    const files = {
      '/ws/sites-available/a.conf': '# layerwise: context=http\nserver { listen 8080; }\n',
      '/ws/streams/b.conf': '# layerwise: context=stream\nserver { listen 8080; proxy_pass 192.0.2.1:80; }\n',
    };
    expect(lint(files, '/ws/sites-available/a.conf', id)).toEqual([]);
  });
});

describe('nginx/stream-socket-shared', () => {
  const id = 'nginx/stream-socket-shared';

  it('reports the later of two stream servers on one socket, as nginx does', () => {
    const text = stream('  server {\n    listen 5432;\n    proxy_pass 192.0.2.40:5432;\n  }\n  server {\n    listen 0.0.0.0:5432;\n    proxy_pass 192.0.2.41:5432;\n  }');
    const [f, ...rest] = lint(text, undefined, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([7, 11, 7, 23]);
    expect(f.message).toContain('line 4');
    expect(f.related![0].range.start.line).toBe(3);
  });

  it('treats localhost as 127.0.0.1 and keeps TCP and UDP apart', () => {
    expect(lint(stream('  server { listen localhost:53; proxy_pass 192.0.2.1:53; }\n  server { listen 127.0.0.1:53; proxy_pass 192.0.2.1:53; }'), undefined, id).map((f) => f.range.start.line)).toEqual([3]);
    expect(lint(stream('  server { listen 53; proxy_pass 192.0.2.1:53; }\n  server { listen 53 udp; proxy_pass 192.0.2.1:53; }\n  server { listen 192.0.2.5:53; proxy_pass 192.0.2.1:53; }'), undefined, id)).toEqual([]);
  });

  it('is only information when server_name tells the servers apart', () => {
    const [f] = lint(stream('  server { listen 443; server_name a.example.test; proxy_pass 192.0.2.1:443; }\n  server { listen 443; server_name b.example.test; proxy_pass 192.0.2.2:443; }'), undefined, id);
    expect(f.severity).toBe('info');
    expect(f.message).toContain('1.25.5');
  });

  it('finds the duplicate across included files and reports it in the later file', () => {
    const files = {
      '/ws/nginx.conf': 'events {}\nstream {\n  include /ws/stream.d/*.conf;\n}\n',
      '/ws/stream.d/a.conf': 'server {\n  listen 6379;\n  proxy_pass 192.0.2.1:6379;\n}\n',
      '/ws/stream.d/b.conf': 'server {\n  listen 6379;\n  proxy_pass 192.0.2.2:6379;\n}\n',
    };
    expect(lint(files, '/ws/stream.d/a.conf', id)).toEqual([]);
    const [f] = lint(files, '/ws/stream.d/b.conf', id);
    expect(at(f)).toEqual([1, 9, 1, 13]);
    expect(f.message).toContain('/ws/stream.d/a.conf:2');
    expect(f.related![0].path).toBe('/ws/stream.d/a.conf');
  });
});

describe('nginx/default-server-conflict', () => {
  const id = 'nginx/default-server-conflict';

  it('reports a second default_server on its parameter, with a fix that removes it', () => {
    const text = http('  server {\n    listen 80 default_server;\n  }\n  server {\n    listen 80 default_server;\n    server_name b.example.test;\n  }');
    const [f, ...rest] = lint(text, undefined, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('error');
    expect(at(f)).toEqual([6, 14, 6, 28]);
    expect(f.message).toContain('line 4');
    expect(f.fixes![0].edits[0].range).toEqual({ start: { line: 6, character: 13 }, end: { line: 6, character: 28 } });
    expect(f.fixes![0].edits[0].newText).toBe('');
  });

  it('treats the legacy "default" flag and localhost like nginx does', () => {
    const text = http('  server { listen 127.0.0.1:8080 default; }\n  server { listen localhost:8080 default_server; }');
    expect(lint(text, undefined, id).map((f) => [f.range.start.line, f.range.start.character])).toEqual([[3, 33]]);
  });

  it('keeps sockets with different addresses apart', () => {
    expect(lint(http('  server { listen 80 default_server; }\n  server { listen 127.0.0.1:80 default_server; }\n  server { listen [::]:80 default_server; }'), undefined, id)).toEqual([]);
  });

  it('finds duplicate defaults in two included sites and reports the later one', () => {
    const files = {
      '/ws/nginx.conf': 'events {}\nhttp {\n  include /ws/conf.d/*.conf;\n}\n',
      '/ws/conf.d/a.conf': 'server {\n  listen 443 ssl default_server;\n  server_name a.example.test;\n}\n',
      '/ws/conf.d/b.conf': 'server {\n  listen 443 ssl default_server;\n  server_name b.example.test;\n}\n',
    };
    expect(lint(files, '/ws/conf.d/a.conf', id)).toEqual([]);
    const [f] = lint(files, '/ws/conf.d/b.conf', id);
    expect(at(f)).toEqual([1, 17, 1, 31]);
    expect(f.message).toContain('/ws/conf.d/a.conf:2');
  });

  it('does not compare sites-available with sites-enabled', () => {
    const site = 'server {\n  listen 80 default_server;\n  server_name a.example.test;\n}\n';
    const files = {
      '/ws/nginx.conf': 'events {}\nhttp {\n  include /ws/sites-enabled/*;\n}\n',
      '/ws/sites-enabled/a': site,
      '/ws/sites-available/a': site,
    };
    expect(lint(files, '/ws/sites-enabled/a', id)).toEqual([]);
    expect(lint(files, '/ws/sites-available/a', id)).toEqual([]);
  });

  it('names the server that takes unknown Host names when none is marked default', () => {
    const text = http('  server {\n    listen 80;\n    listen [::]:80;\n    server_name a.example.test;\n  }\n  server {\n    listen 80;\n    listen [::]:80;\n    server_name _;\n  }');
    const [f, ...rest] = lint(text, undefined, id);
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(at(f)).toEqual([3, 11, 3, 13]);
    expect(f.message).toContain('"a.example.test"');
    expect(f.message).toContain('not to the catch-all server at line 8');
    expect(f.fixes![0].edits.map((e) => [e.range.start.line, e.range.start.character, e.newText])).toEqual([[3, 13, ' default_server'], [4, 18, ' default_server']]);
  });

  it('stays quiet when the first server is a catch-all or the names are the same', () => {
    expect(lint(http('  server { listen 80; server_name _; }\n  server { listen 80; server_name a.example.test; }'), undefined, id)).toEqual([]);
    expect(lint(http('  server { listen 80; server_name a.example.test; }\n  server { listen 8080; server_name b.example.test; }'), undefined, id)).toEqual([]);
  });
});
