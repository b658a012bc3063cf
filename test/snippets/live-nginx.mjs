// Runs inside private network and mount namespaces (see live-nginx.sh). The backends live in a
// network namespace of their own behind a veth pair, on the snippet's private addresses (so a
// backend may use the same port as the nginx listener in front of it); nginx runs on the saved
// config; the probes go through it and one JSON line tells what came back.
//   node live-nginx.mjs CONFIG PLAN_JSON          (the whole run)
//   node live-nginx.mjs --backends PLAN_JSON      (inside the backends' namespace)
// PLAN: { backends: [{ kind: 'http'|'tcp'|'udp'|'tls', host, port }],
//         probes: [{ kind: 'http'|'https'|'tcp'|'udp'|'tls', port, host?, sni?, headers? }] }
// Every backend answers with the address it was reached on: http with the request headers as
// JSON, tcp/udp/tls with "<host>:<port> <what it received>".
import { execFileSync, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
const tlsPair = join(dirname(here), '..', '..', '..', 'shared', 'oracles', 'test', 'nginx', 'tls');
const cert = { cert: readFileSync(join(tlsPair, 'test-only.crt')), key: readFileSync(join(tlsPair, 'test-only.key')) };
const ip = (...args) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'inherit'] });

function listenBackend({ kind, host, port }) {
  const me = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    if (kind === 'udp') {
      const sock = dgram.createSocket('udp4');
      sock.on('message', (msg, from) => sock.send(`${me} ${msg}`, from.port, from.address));
      sock.bind(port, host, () => resolve(sock));
      return;
    }
    let server;
    if (kind === 'http') server = http.createServer((req, res) => res.end(JSON.stringify({ backend: me, headers: req.headers })));
    else if (kind === 'tcp') server = net.createServer((s) => s.once('data', (d) => s.end(`${me} ${d}`)));
    else server = tls.createServer(cert, (s) => s.end(`${me} ${s.servername ?? ''}`));
    server.on('error', reject).listen(port, host, () => resolve(server));
  });
}

function probe(p) {
  const timeout = 3000;
  return new Promise((resolve) => {
    const fail = (e) => resolve({ error: String(e?.message ?? e) });
    if (p.kind === 'http' || p.kind === 'https') {
      const mod = p.kind === 'http' ? http : https;
      const req = mod.request({ host: '127.0.0.1', port: p.port, path: '/', headers: { Host: p.host, ...(p.headers ?? {}) }, servername: p.host, rejectUnauthorized: false, timeout }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode, location: res.headers.location, body }));
      });
      req.on('error', fail).on('timeout', () => req.destroy(new Error('timeout'))).end();
    } else if (p.kind === 'tcp') {
      const s = net.connect(p.port, '127.0.0.1', () => s.write('ping'));
      let body = '';
      s.setTimeout(timeout, () => s.destroy(new Error('timeout')));
      s.on('data', (d) => (body += d)).on('end', () => resolve({ body })).on('error', fail);
    } else if (p.kind === 'tls') {
      const s = tls.connect({ host: '127.0.0.1', port: p.port, servername: p.sni, rejectUnauthorized: false });
      let body = '';
      s.setTimeout(timeout, () => s.destroy(new Error('timeout')));
      s.on('data', (d) => (body += d)).on('end', () => resolve({ body })).on('error', fail);
    } else {
      // Datagrams may be lost: send again until the reply comes.
      const sock = dgram.createSocket('udp4');
      const send = () => sock.send('ping', p.port, '127.0.0.1');
      const again = setInterval(send, 250);
      const timer = setTimeout(() => { clearInterval(again); sock.close(); fail('timeout'); }, timeout);
      sock.on('message', (msg) => { clearInterval(again); clearTimeout(timer); sock.close(); resolve({ body: String(msg) }); });
      send();
    }
  });
}

/** nginx writes its pid file once its sockets are open; TCP ports are also tried directly. */
async function waitForNginx(pidFile, ports) {
  for (let i = 0; i < 50 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
  for (let i = 0; i < 50; i++) {
    const open = await Promise.all(ports.map((port) => new Promise((r) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); r(true); }).on('error', () => r(false));
    })));
    if (open.every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The backends' namespace, reached from here through a veth pair (benchmarking range 198.18.0.0/30). */
async function startBackends(plan) {
  ip('netns', 'add', 'lw-back');
  ip('link', 'add', 'lw-front', 'type', 'veth', 'peer', 'name', 'lw-back', 'netns', 'lw-back');
  ip('addr', 'add', '198.18.0.1/30', 'dev', 'lw-front');
  ip('link', 'set', 'lw-front', 'up');
  const inBack = (...args) => ip('netns', 'exec', 'lw-back', 'ip', ...args);
  inBack('link', 'set', 'lo', 'up');
  inBack('addr', 'add', '198.18.0.2/30', 'dev', 'lw-back');
  inBack('link', 'set', 'lw-back', 'up');
  inBack('route', 'add', 'default', 'via', '198.18.0.1');
  for (const host of new Set(plan.backends.map((b) => b.host))) {
    inBack('addr', 'add', `${host}/32`, 'dev', 'lo');
    ip('route', 'add', `${host}/32`, 'via', '198.18.0.2');
  }
  const child = spawn('ip', ['netns', 'exec', 'lw-back', process.execPath, here, '--backends', JSON.stringify(plan)], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`backends exited with ${code}`)));
  });
  return child;
}

if (process.argv[2] === '--backends') {
  const plan = JSON.parse(process.argv[3]);
  await Promise.all(plan.backends.map(listenBackend));
  process.stdout.write('ready\n');
  process.stdin.on('end', () => process.exit(0)).resume();
} else {
  const [config, planJson] = process.argv.slice(2);
  const plan = JSON.parse(planJson);
  const backends = await startBackends(plan);
  const prefix = mkdtempSync(join(tmpdir(), 'live-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const globals = `pid ${prefix}/nginx.pid; error_log stderr; load_module /usr/lib/nginx/modules/ngx_stream_module.so;`;
  const nginx = spawn('nginx', ['-p', `${prefix}/`, '-c', config, '-g', `daemon off; ${globals}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  nginx.stderr.on('data', (d) => (log += d));
  await waitForNginx(join(prefix, 'nginx.pid'), [...new Set(plan.probes.filter((p) => p.kind !== 'udp').map((p) => p.port))]);
  const results = [];
  for (const p of plan.probes) results.push(await probe(p));
  nginx.kill('SIGTERM'); // fast shutdown: UDP sessions would hold a graceful one for proxy_timeout
  await new Promise((r) => nginx.on('exit', r));
  backends.stdin.end();
  process.stdout.write(JSON.stringify({ results, log }) + '\n', () => process.exit(0));
}
