// What is worked out once per configuration (upstream ports, pools, variables) is kept apart for
// each configuration of a workspace and worked out again after an edit; a file read from disk for
// an include is read again when its text has changed.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost } from '../support/memory-host';

const site = (port: number) => `events {}\nhttp {\n  upstream web { server 192.0.2.1:${port}; }\n  server { listen 80; location / { proxy_pass https://web; } }\n}\n`;
const CERT = 'ssl_certificate /etc/nginx/tls/example.crt; ssl_certificate_key /etc/nginx/tls/example.key;';

const rules = (ws: Workspace, path: string, id: string) => ws.analyze(path).filter((f) => f.rule === id);

describe('per-configuration indexes', () => {
  it('answer for their own configuration and follow edits', () => {
    const files = { '/a/nginx.conf': site(80), '/b/nginx.conf': site(443) };
    const ws = new Workspace(memoryHost(files), DIALECTS);
    for (const [p, text] of Object.entries(files)) ws.setFile(p, text, 'nginx');
    const mismatch = (p: string) => rules(ws, p, 'nginx/tls-scheme-port-mismatch').length;
    expect([mismatch('/a/nginx.conf'), mismatch('/b/nginx.conf')]).toEqual([1, 0]);
    ws.setFile('/a/nginx.conf', site(443), 'nginx');
    ws.setFile('/b/nginx.conf', site(80), 'nginx');
    expect([mismatch('/a/nginx.conf'), mismatch('/b/nginx.conf')]).toEqual([0, 1]);
  });

  it('re-read a file that is only on disk once its text has changed', () => {
    const conf = 'events {}\nhttp {\n    include /etc/nginx/tls-defaults.conf;\n    server { listen 443 ssl; }\n}\n';
    const files: Record<string, string> = { '/ws/nginx.conf': conf, '/etc/nginx/tls-defaults.conf': `${CERT}\n` };
    const ws = new Workspace(memoryHost(files), DIALECTS);
    ws.setFile('/ws/nginx.conf', conf, 'nginx');
    const missing = () => rules(ws, '/ws/nginx.conf', 'nginx/ssl-listen-without-certificate').length;
    expect(missing()).toBe(0);
    files['/etc/nginx/tls-defaults.conf'] = 'ssl_session_cache shared:tls:1m;\n';
    ws.setFile('/ws/nginx.conf', `${conf}\n`, 'nginx');
    expect(missing()).toBe(1);
    files['/etc/nginx/tls-defaults.conf'] = `${CERT}\n`;
    ws.setFile('/ws/nginx.conf', conf, 'nginx');
    expect(missing()).toBe(0);
  });
});
