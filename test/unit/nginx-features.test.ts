// Editor features through the engine: hover, completion, outline, folding, definition, fixes.
import { describe, expect, it } from 'vitest';
import { nginxDialect } from '../../server/src/dialects/nginx/index';
import type { Position } from '../../server/src/engine/syntax';
import { memoryWorkspace } from '../support/memory-host';

/** Splits `|` out of the text and returns the cursor position it marked. */
function cursor(marked: string): { text: string; pos: Position } {
  const i = marked.indexOf('|');
  const before = marked.slice(0, i);
  const lines = before.split('\n');
  return { text: before + marked.slice(i + 1), pos: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

function at(marked: string, path = '/ws/nginx.conf', extra: Record<string, string> = {}) {
  const { text, pos } = cursor(marked);
  const ws = memoryWorkspace({ [path]: text, ...extra }, 'nginx');
  return { ws, file: ws.get(path)!, pos };
}

const hoverText = (marked: string) => {
  const { ws, file, pos } = at(marked);
  const h = nginxDialect.hover(file, pos, ws);
  return h ? (h.contents as { value: string }).value : undefined;
};

describe('hover', () => {
  it('puts the layer and relay role first, for the module that applies in this context', () => {
    const http = hoverText('events {}\nhttp { server { location / { prox|y_pass http://a; } } }')!;
    expect(http.split('\n')[0]).toBe('`proxy_pass` — **L7 application** · relay role: **L7 reverse proxy**');
    expect(http).toContain('ngx_http_proxy_module');
    expect(http).toContain('https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_pass');
    const stream = hoverText('events {}\nstream { server { listen 1; prox|y_pass 192.0.2.1:5432; } }')!;
    expect(stream.split('\n')[0]).toBe('`proxy_pass` — **L4 transport** · relay role: **L4 reverse proxy**');
    expect(stream).toContain('ngx_stream_proxy_module');
    expect(stream).toContain('in *stream > server*');
  });

  it('shows syntax, default and contexts from the reference', () => {
    const h = hoverText('events {}\nhttp { gz|ip on; }')!;
    expect(h).toContain('gzip on | off;');
    expect(h).toContain('**Default:** `off`');
    expect(h).toContain('**Contexts:** http, server, location, if in location (http)');
  });

  it('quotes the reference\'s description as the reference\'s, not as ours', () => {
    const h = hoverText('events {}\nhttp { gz|ip on; }')!;
    expect(h).toMatch(/From the NGINX reference:\n> \S/);
    const v = hoverText('events {}\nhttp { server { location / { proxy_set_header X-Real-IP $remote|_addr; } } }')!;
    expect(v).toMatch(/From the NGINX reference:\n> \S/);
  });

  it('explains $variables', () => {
    const h = hoverText('events {}\nhttp { server { location / { proxy_set_header X-Real-IP $remote|_addr; } } }')!;
    expect(h.split('\n')[0]).toBe('`$remote_addr` — **L3 network**');
    expect(h).toContain('ngx_http_core_module');
    expect(hoverText('events {}\nhttp { server { location / { proxy_set_header X $ht|tp_user_agent; } } }')).toContain('`$http_user_agent`');
  });

  it('says nothing on unknown names and plain arguments', () => {
    expect(hoverText('events {}\nhttp { bogu|s 1; }')).toBeUndefined();
    expect(hoverText('events {}\nhttp { gzip o|n; }')).toBeUndefined();
  });
});

describe('completion', () => {
  const labels = (marked: string, extra: Record<string, string> = {}) => {
    const { ws, file, pos } = at(marked, '/ws/nginx.conf', extra);
    return nginxDialect.complete(file, pos, ws).map((c) => c.label);
  };

  it('offers only what the block allows, by module', () => {
    const stream = labels('events {}\nstream { server { | } }');
    expect(stream).toContain('proxy_pass');
    expect(stream).toContain('ssl_preread');
    expect(stream).not.toContain('proxy_set_header');
    expect(stream).not.toContain('location');
    expect(stream).not.toContain('add_header');
    const location = labels('events {}\nhttp { server { location / {\n  prox|\n} } }');
    expect(location).toContain('proxy_set_header');
    expect(location).not.toContain('worker_connections');
    expect(labels('events { | }')).toContain('worker_connections');
  });

  it('offers enum values and upstream names', () => {
    expect(labels('events {}\nhttp { gzip |')).toEqual(['on', 'off']);
    expect(labels('events {}\nhttp { upstream app { server 192.0.2.1; }\n server { location / { proxy_pass | } } }')).toContain('http://app');
    expect(labels('events {}\nstream { upstream db { server 192.0.2.1:5432; }\n server { listen 1; proxy_pass | } }')).toContain('db');
  });

  it('offers only the upstream names of its own configuration', () => {
    const { text, pos } = cursor('events {}\nhttp { upstream mine { server 192.0.2.1; }\n server { location / { proxy_pass | } } }');
    const ws = memoryWorkspace({ '/ws/b/nginx.conf': text, '/ws/a/nginx.conf': 'events {}\nhttp { upstream theirs { server 192.0.2.2; } }\n' }, 'nginx');
    const offered = nginxDialect.complete(ws.get('/ws/b/nginx.conf')!, pos, ws).map((i) => i.label);
    expect(offered).toContain('http://mine');
    expect(offered).not.toContain('http://theirs');
  });

  it('offers variables after $', () => {
    const vars = labels('events {}\nhttp { server { location / { proxy_set_header Host $|');
    expect(vars).toContain('$host');
    expect(vars).not.toContain('$ssl_preread_server_name');
  });
});

describe('outline and folding', () => {
  const text = 'events {}\nhttp {\n  upstream app {\n    server 192.0.2.1;\n  }\n  server {\n    listen 80;\n    server_name a.test;\n    location /api/ {\n      return 204;\n    }\n  }\n}\n';
  it('names servers by server_name and shows locations and upstreams', () => {
    const ws = memoryWorkspace({ '/ws/nginx.conf': text }, 'nginx');
    const symbols = nginxDialect.symbols(ws.get('/ws/nginx.conf')!);
    expect(symbols.map((s) => s.name)).toEqual(['events', 'http']);
    const http = symbols[1];
    expect(http.children!.map((s) => s.name)).toEqual(['upstream app', 'server a.test']);
    expect(http.children![1].detail).toBe('80');
    expect(http.children![1].children!.map((s) => s.name)).toEqual(['location /api/']);
  });
  it('folds every multi-line block', () => {
    const ws = memoryWorkspace({ '/ws/nginx.conf': text }, 'nginx');
    const folds = nginxDialect.folding(ws.get('/ws/nginx.conf')!);
    expect(folds).toEqual(expect.arrayContaining([{ startLine: 1, endLine: 11 }, { startLine: 2, endLine: 3 }, { startLine: 5, endLine: 10 }, { startLine: 8, endLine: 9 }]));
  });
});

describe('definition', () => {
  it('jumps from proxy_pass to the upstream, even in another file', () => {
    const { ws, file, pos } = at('events {}\nhttp { include conf.d/*.conf;\n server { location / { proxy_pass http://back|end/x; } } }', '/ws/nginx.conf', {
      '/ws/conf.d/up.conf': 'upstream backend {\n  server 192.0.2.1;\n}\n',
    });
    expect(nginxDialect.definition(file, pos, ws)).toEqual([{ path: '/ws/conf.d/up.conf', range: { start: { line: 0, character: 9 }, end: { line: 0, character: 16 } } }]);
  });
  it('jumps only to the upstream of its own configuration, not to a like-named one of another', () => {
    const { ws, file, pos } = at('events {}\nhttp { upstream backend { server 192.0.2.2; }\n server { location / { proxy_pass http://back|end; } } }', '/ws/b/nginx.conf', {
      '/ws/a/nginx.conf': 'events {}\nhttp { upstream backend { server 192.0.2.1; } }\n',
    });
    expect(nginxDialect.definition(file, pos, ws).map((p) => p.path)).toEqual(['/ws/b/nginx.conf']);
  });
  it('jumps from include to the matched files and from @name to its location', () => {
    const { ws, file, pos } = at('events {}\nhttp { include conf.d/*.c|onf; }', '/ws/nginx.conf', { '/ws/conf.d/a.conf': '', '/ws/conf.d/b.conf': '' });
    expect(nginxDialect.definition(file, pos, ws).map((p) => p.path)).toEqual(['/ws/conf.d/a.conf', '/ws/conf.d/b.conf']);
    const named = at('events {}\nhttp { server { location / { try_files $uri @ba|ck; }\n location @back { return 204; } } }');
    expect(nginxDialect.definition(named.file, named.pos, named.ws)).toEqual([{ path: '/ws/nginx.conf', range: { start: { line: 2, character: 10 }, end: { line: 2, character: 15 } } }]);
  });
});

describe('suppression and settings', () => {
  const text = 'events {}\nhttp {\n  # layerwise-disable-next-line nginx/unknown-directive\n\n  bogus 1;\n  also_bogus 2;\n}\n';
  it('skips the next code line for the named rule only', () => {
    const ws = memoryWorkspace({ '/ws/nginx.conf': text }, 'nginx');
    expect(ws.analyze('/ws/nginx.conf').map((f) => `${f.rule}@${f.range.start.line}`)).toEqual(['nginx/unknown-directive@5']);
  });
  it('applies per-rule severities and off', () => {
    const ws = memoryWorkspace({ '/ws/nginx.conf': text }, 'nginx');
    ws.settings = { 'nginx/unknown-directive': 'info' };
    expect(ws.analyze('/ws/nginx.conf').map((f) => f.severity)).toEqual(['info']);
    ws.settings = { 'nginx/unknown-directive': 'off' };
    expect(ws.analyze('/ws/nginx.conf')).toEqual([]);
  });
  it('offers the did-you-mean fix as the preferred quick fix', () => {
    const ws = memoryWorkspace({ '/ws/nginx.conf': 'events {}\nhttp { server_tokenz off; }\n' }, 'nginx');
    const [f] = ws.analyze('/ws/nginx.conf');
    expect(f.message).toContain('Did you mean "server_tokens"?');
    expect(f.fixes).toEqual([{ title: 'Change to "server_tokens"', preferred: true, edits: [{ path: '/ws/nginx.conf', range: f.range, newText: 'server_tokens' }] }]);
  });
});

describe('fragment context', () => {
  it('uses a declared context, else the content, else stays quiet', () => {
    const declared = memoryWorkspace({ '/ws/snip.conf': '# layerwise: context=stream\nproxy_set_header Host $host;\n' }, 'nginx');
    expect(declared.analyze('/ws/snip.conf').map((f) => f.rule)).toEqual(['nginx/l7-in-stream']);
    const inferred = memoryWorkspace({ '/ws/snip.conf': 'proxy_set_header Host $host;\nproxy_http_version 1.1;\n' }, 'nginx');
    expect(inferred.analyze('/ws/snip.conf')).toEqual([]);
    // listen (server) + add_header (http) + proxy_pass (location or stream server): no context fits all.
    const unknown = memoryWorkspace({ '/ws/snip.conf': 'listen 80;\nadd_header X-A b;\nproxy_pass http://a;\n' }, 'nginx');
    expect(unknown.analyze('/ws/snip.conf')).toEqual([]);
  });
});
