// The nginx snippets relay for real (live-nginx.sh: nginx and small backends in private
// namespaces, on the snippets' default addresses): each request or datagram reaches the private
// backend the pattern names, with the headers the pattern promises.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantiateSnippet } from '../../server/src/features/snippet-text';
import { nginxEnvelope, snippetByPrefix, writeFolder } from './instances';

const SCRIPT = join(__dirname, 'live-nginx.sh');

interface Probe { kind: 'http' | 'https' | 'tcp' | 'udp' | 'tls'; port: number; host?: string; sni?: string; headers?: Record<string, string> }
interface Result { status?: number; location?: string; body?: string; error?: string }

/** Saves the snippet (its defaults unless `text` is given) in its context's envelope and runs the plan through it. */
function run(prefix: string, backends: { kind: string; host: string; port: number }[], probes: Probe[], text?: string): { results: Result[]; log: string } {
  const s = snippetByPrefix(prefix);
  const dir = writeFolder({ 'nginx.conf': nginxEnvelope(s.context!, text ?? instantiateSnippet(s.body)) });
  const r = spawnSync('bash', [SCRIPT, join(dir, 'nginx.conf'), JSON.stringify({ backends, probes })], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`live-nginx.sh failed (${r.status}): ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as { results: Result[]; log: string };
}

/** `run` for a relay that must work: nginx logs no error. */
function relay(prefix: string, backends: { kind: string; host: string; port: number }[], probes: Probe[]): Result[] {
  const out = run(prefix, backends, probes);
  expect(out.log, 'nginx logged an error').not.toMatch(/\[(emerg|alert|crit|error)\]/);
  return out.results;
}

const seen = (r: Result) => JSON.parse(r.body ?? '{}') as { backend: string; headers: Record<string, string> };

describe('nginx snippets relay for real', () => {
  it('relay-l7-proxy: the private app gets the request with Host and forwarding headers', () => {
    const [r] = relay('relay-l7-proxy', [{ kind: 'http', host: '192.0.2.10', port: 8080 }], [{ kind: 'http', port: 80, host: 'app.example.com' }]);
    expect(r.status, r.error).toBe(200);
    expect(seen(r)).toMatchObject({ backend: '192.0.2.10:8080', headers: { host: 'app.example.com', 'x-real-ip': '127.0.0.1', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http' } });
    console.log('live relay-l7-proxy: 200 from 192.0.2.10:8080 with X-Forwarded-For/Proto');
  });

  it('relay-l7-proxy-websocket: an upgrade request arrives as an upgrade, a plain one as a plain one', () => {
    const [up, plain] = relay('relay-l7-proxy-websocket', [{ kind: 'http', host: '192.0.2.10', port: 3000 }], [
      { kind: 'http', port: 80, host: 'app.example.com', headers: { Upgrade: 'websocket', Connection: 'Upgrade' } },
      { kind: 'http', port: 80, host: 'app.example.com' },
    ]);
    expect(seen(up).headers).toMatchObject({ upgrade: 'websocket', connection: 'upgrade' });
    expect(seen(plain).headers.connection).toBe('close');
    expect(seen(plain).headers.upgrade).toBeUndefined();
    console.log('live relay-l7-proxy-websocket: Upgrade/Connection passed on only when asked');
  });

  it('relay-tls-proxy: HTTPS is terminated and relayed as HTTP, plain HTTP is redirected', () => {
    const [tlsResult, redirect] = relay('relay-tls-proxy', [{ kind: 'http', host: '192.0.2.10', port: 8080 }], [
      { kind: 'https', port: 443, host: 'app.example.com' },
      { kind: 'http', port: 80, host: 'app.example.com' },
    ]);
    expect(tlsResult.status, tlsResult.error).toBe(200);
    expect(seen(tlsResult)).toMatchObject({ backend: '192.0.2.10:8080', headers: { 'x-forwarded-proto': 'https' } });
    expect(redirect).toMatchObject({ status: 301, location: 'https://app.example.com/' });
    console.log('live relay-tls-proxy: HTTPS -> HTTP backend, HTTP -> 301 https');
  });

  it('relay-upstream-pool: requests spread over the two primary backends, never the backup', () => {
    const pool = ['192.0.2.11', '192.0.2.12', '192.0.2.13'].map((host) => ({ kind: 'http', host, port: 8080 }));
    const results = relay('relay-upstream-pool', pool, Array.from({ length: 6 }, () => ({ kind: 'http' as const, port: 80, host: 'app.example.com' })));
    const backends = new Set(results.map((r) => seen(r).backend));
    expect([...backends].sort()).toEqual(['192.0.2.11:8080', '192.0.2.12:8080']);
    console.log('live relay-upstream-pool: served by 192.0.2.11 and 192.0.2.12, backup idle');
  });

  it('relay-l4-proxy-tcp: bytes reach the private service and its answer comes back', () => {
    const [r] = relay('relay-l4-proxy-tcp', [{ kind: 'tcp', host: '192.0.2.20', port: 5432 }], [{ kind: 'tcp', port: 5432 }]);
    expect(r.body, r.error).toBe('192.0.2.20:5432 ping');
    console.log('live relay-l4-proxy-tcp: echoed by 192.0.2.20:5432');
  });

  it('relay-l4-proxy-udp: a datagram reaches the private service and its reply comes back', () => {
    const [r] = relay('relay-l4-proxy-udp', [{ kind: 'udp', host: '192.0.2.30', port: 51820 }], [{ kind: 'udp', port: 51820 }]);
    expect(r.body, r.error).toBe('192.0.2.30:51820 ping');
    console.log('live relay-l4-proxy-udp: echoed by 192.0.2.30:51820');
  });

  it('relay-sni-router: each server name reaches its backend, TLS untouched; others the default', () => {
    const backends = ['192.0.2.40', '192.0.2.41', '192.0.2.42'].map((host) => ({ kind: 'tls', host, port: 443 }));
    const results = relay('relay-sni-router', backends, ['app.example.com', 'mail.example.com', 'other.example.com'].map((sni) => ({ kind: 'tls' as const, port: 443, sni })));
    expect(results.map((r) => r.body ?? r.error)).toEqual(['192.0.2.41:443 app.example.com', '192.0.2.42:443 mail.example.com', '192.0.2.40:443 other.example.com']);
    console.log('live relay-sni-router: app -> .41, mail -> .42, anything else -> .40, backends saw the SNI');
  });

  it('notices a relay that goes nowhere: the L4 proxy pointed at a port nobody serves', () => {
    const text = instantiateSnippet(snippetByPrefix('relay-l4-proxy-tcp').body).replace('192.0.2.20:5432', '192.0.2.20:5433');
    const out = run('relay-l4-proxy-tcp', [{ kind: 'tcp', host: '192.0.2.20', port: 5432 }], [{ kind: 'tcp', port: 5432 }], text);
    expect(out.results[0].body ?? '').not.toContain('ping');
    expect(out.log).toMatch(/connect\(\) failed/);
  });
});
