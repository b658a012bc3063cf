// The nginx part of the relay graph: listeners, upstreams and TLS handling on each hop.
import { describe, expect, it } from 'vitest';
import { picture } from './support';

describe('relay graph: nginx', () => {
  it('draws listener -> upstream group -> servers for an http reverse proxy', () => {
    const p = picture({
      '/n/nginx.conf': [
        'events {}',
        'http {',
        '    upstream app { server 10.0.0.1:8080; server 10.0.0.2:8080 backup; }',
        '    server {',
        '        listen 80;',
        '        server_name app.example.test;',
        '        location /api/ { proxy_pass http://app; }',
        '    }',
        '}',
        '',
      ].join('\n'),
    });
    const listener = p.node('nginx-listen:nginx.conf:http:*:80:app.example.test');
    expect(listener).toMatchObject({ kind: 'listener', label: '*:80', detail: 'http app.example.test', side: 0 });
    const proxy = p.hop(listener.id, 'nginx-upstream:nginx.conf:http:app');
    expect(proxy).toMatchObject({ kind: 'proxy', layer: 7, protocol: 'http', label: '/api/' });
    expect(proxy.tls).toBeUndefined();
    expect(proxy.source!.range.start.line).toBe(6);
    expect(p.hop('nginx-upstream:nginx.conf:http:app', 'nginx-server:nginx.conf:http:10.0.0.1:8080')).toMatchObject({ kind: 'upstream-member', layer: 4, port: 8080 });
    expect(p.hop('nginx-upstream:nginx.conf:http:app', 'nginx-server:nginx.conf:http:10.0.0.2:8080').label).toBe('backup');
  });

  it('marks TLS termination and re-encryption', () => {
    const p = picture({
      '/n/nginx.conf': 'http {\n  server {\n    listen 443 ssl;\n    location / { proxy_pass http://10.0.0.5:8080; }\n    location /secure/ { proxy_pass https://10.0.0.6; }\n  }\n}\n',
    });
    const from = 'nginx-listen:nginx.conf:http:*:443';
    expect(p.node(from).detail).toBe('https');
    expect(p.hop(from, 'nginx-server:nginx.conf:http:10.0.0.5:8080')).toMatchObject({ tls: 'terminate', protocol: 'http', port: 8080 });
    expect(p.hop(from, 'nginx-server:nginx.conf:http:10.0.0.6:443')).toMatchObject({ tls: 'reencrypt', protocol: 'https', port: 443 });
  });

  it('gives plain and TLS listen lines of one server their own listeners', () => {
    const p = picture({
      '/n/nginx.conf': 'http {\n  server {\n    listen 80;\n    listen [::]:80;\n    listen 443 ssl;\n    location / { proxy_pass https://10.0.0.6:8443; }\n  }\n}\n',
    });
    const plain = p.node('nginx-listen:nginx.conf:http:*:80, [::]:80');
    expect(plain.detail).toBe('http');
    expect(p.node('nginx-listen:nginx.conf:http:*:443').detail).toBe('https');
    expect(p.hop(plain.id, 'nginx-server:nginx.conf:http:10.0.0.6:8443').tls).toBe('originate');
    expect(p.hop('nginx-listen:nginx.conf:http:*:443', 'nginx-server:nginx.conf:http:10.0.0.6:8443').tls).toBe('reencrypt');
  });

  it('draws SNI routing through ssl_preread as TLS passthrough hops, one per name', () => {
    const p = picture({
      '/n/nginx.conf': [
        'stream {',
        '    map $ssl_preread_server_name $backend {',
        '        app.example.test 10.0.0.21:443;',
        '        default          10.0.0.23:443;',
        '    }',
        '    server { listen 443; ssl_preread on; proxy_pass $backend; }',
        '}',
        '',
      ].join('\n'),
    });
    const from = 'nginx-listen:nginx.conf:stream:*:443';
    const app = p.hop(from, 'nginx-server:nginx.conf:stream:10.0.0.21:443');
    expect(app).toMatchObject({ kind: 'sni-route', layer: 6, protocol: 'tls', tls: 'passthrough', label: 'app.example.test', port: 443 });
    expect(p.hop(from, 'nginx-server:nginx.conf:stream:10.0.0.23:443').label).toBe('default');
  });

  it('follows includes and keeps the fragment lines as sources', () => {
    const p = picture({
      '/n/nginx.conf': 'events {}\nhttp {\n    include /n/conf.d/*.conf;\n}\n',
      '/n/conf.d/site.conf': 'server {\n    listen 8080;\n    location / { grpc_pass grpc://10.0.0.9:50051; }\n}\n',
    });
    const hop = p.hop('nginx-listen:nginx.conf:http:*:8080', 'nginx-server:nginx.conf:http:10.0.0.9:50051');
    expect(hop).toMatchObject({ protocol: 'grpc', layer: 7 });
    expect(hop.source!.path).toBe('/n/conf.d/site.conf');
    expect(p.graph.files).toEqual(['/n/conf.d/site.conf', '/n/nginx.conf']);
  });

  it('puts a finding inside a stream server on the relay hop it breaks', () => {
    const p = picture({
      '/n/nginx.conf': 'events {}\nstream {\n    upstream db { server 10.0.0.20:5432; }\n    server {\n        listen 5432;\n        proxy_set_header Host $host;\n        proxy_pass db;\n    }\n}\n',
    });
    const hop = p.hop('nginx-listen:nginx.conf:stream:*:5432', 'nginx-upstream:nginx.conf:stream:db');
    expect(hop).toMatchObject({ kind: 'stream-proxy', layer: 4, protocol: 'tcp' });
    expect(p.rules(hop)).toEqual(['nginx/l7-in-stream']);
    expect(hop.findings[0].range.start.line).toBe(5);
    // The member hop is not about that line.
    expect(p.hop('nginx-upstream:nginx.conf:stream:db', 'nginx-server:nginx.conf:stream:10.0.0.20:5432').findings).toEqual([]);
  });
  it('draws a selected fragment through the configuration that includes it', () => {
    const p = picture(
      {
        '/n/nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n',
        '/n/conf.d/app.conf': 'upstream app { server 10.0.0.1:8080; }\nserver {\n    listen 8000;\n    location / { proxy_pass http://app; }\n}\n',
      },
      { paths: ['/n/conf.d/app.conf'] },
    );
    expect(p.graph.nodes.filter((n) => n.kind === 'listener').map((n) => n.label)).toEqual(['*:8000']);
    expect(p.graph.files).toContain('/n/nginx.conf');
  });
});
