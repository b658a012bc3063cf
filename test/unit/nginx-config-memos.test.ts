// What is worked out once per configuration (upstream ports, pools, variables) is kept apart for
// each configuration of a workspace and worked out again after an edit.
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { Workspace } from '../../server/src/engine/workspace';
import { memoryHost } from '../support/memory-host';

const site = (port: number) => `events {}\nhttp {\n  upstream web { server 192.0.2.1:${port}; }\n  server { listen 80; location / { proxy_pass https://web; } }\n}\n`;

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

});
