// The OpenVPN 2.6 option table (server/src/dialects/openvpn/options.ts) against the real openvpn
// 2.6.14 through ../shared/oracles/openvpn-check:
// (a) every option without `status: 'removed'` is accepted in a minimal config of its kind with a
//     valid sample argument (many options to a file; a file that fails is split until the culprit
//     stands alone), and deprecated options are accepted with a DEPRECATED/WARNING line or, for
//     the few openvpn accepts silently, without one (STATUS_SILENT says why they are deprecated);
// (b) every removed option, every option only other builds know (PLATFORM_ONLY), every ccd-only
//     option in a main config and a sample of wrong argument counts are rejected (openvpn stops at
//     the first error, so one option per file);
// (c) every enum value is accepted; a bogus word is rejected exactly for the options in
//     ENUM_CHECKED (the others take any word while reading the file), and the RANGES bounds hold;
// (d) `<connection>` blocks take the inConnection options, and refuse a sample of the others;
// (e) inline blocks work for the `inline` options;
// (f) REQUIRES_SERVER_MODE options are refused in a client and REFUSED_IN_SERVER_MODE ones in a server.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENUM_CHECKED, PLATFORM_ONLY, RANGES, REFUSED_IN_SERVER_MODE, REQUIRES_SERVER_MODE } from '../../server/src/dialects/openvpn/lexicon-facts';
import type { OptionSpec } from '../../server/src/dialects/openvpn/option-types';
import { OPTIONS } from '../../server/src/dialects/openvpn/options';
import { oracleGate } from '../support/oracle';
import { runOracle } from '../support/oracles';

const ORACLE = path.resolve(__dirname, '../../../shared/oracles/openvpn-check');
const available = oracleGate(existsSync(ORACLE) && ['/usr/sbin/openvpn', '/usr/bin/openvpn', '/usr/local/sbin/openvpn'].some((p) => existsSync(p)), 'the openvpn oracle');

// ---- samples ---------------------------------------------------------------------------------

/** A valid argument string per option (options without arguments need none). */
const SAMPLE: Record<string, string> = {
  'allow-compression': 'no', askpass: 'pass.txt', auth: 'SHA256', 'auth-gen-token': '3600', 'auth-gen-token-secret': 'token.key',
  'auth-retry': 'nointeract', 'auth-token': 'abc', 'auth-token-user': 'dXNlcg==', 'auth-user-pass': 'creds.txt',
  'auth-user-pass-verify': '/bin/true via-file', 'bcast-buffers': '256', 'bind-dev': 'eth0', ca: 'ca.crt', capath: '/etc/ssl/certs',
  cd: '.', cert: 'client.crt', chroot: '/var/empty', cipher: 'AES-256-GCM', 'client-config-dir': 'ccd', 'client-connect': '/bin/true',
  'client-crresponse': '/bin/true', 'client-disconnect': '/bin/true', 'client-nat': 'snat 192.0.2.0 255.255.255.0 10.0.0.0',
  'comp-lzo': 'no', 'compat-mode': '2.4.0', compress: 'stub-v2', config: 'included.conf', 'connect-freq': '10 60',
  'connect-freq-initial': '100 10', 'connect-retry': '5 60', 'connect-retry-max': '3', 'connect-timeout': '10', 'crl-verify': 'crl.pem',
  'data-ciphers': 'AES-256-GCM:AES-128-GCM', 'data-ciphers-fallback': 'AES-256-CBC', dev: 'tun', 'dev-node': '/dev/net/tun',
  'dev-type': 'tun', dh: 'dh.pem', 'dhcp-option': 'DNS 192.0.2.53', dns: 'search-domains corp.example.test', down: '/bin/true',
  'ecdh-curve': 'prime256v1', echo: 'hello', 'explicit-exit-notify': '1', 'extra-certs': 'extra.pem', fragment: '1300', gremlin: '0',
  group: 'nogroup', 'hand-window': '60', 'hash-size': '256 256', 'http-proxy': '192.0.2.8 8080', 'http-proxy-option': 'AGENT layerwise',
  'http-proxy-override': '192.0.2.8 8080', 'http-proxy-timeout': '5', 'http-proxy-user-pass': 'proxy.txt', ifconfig: '10.9.0.1 10.9.0.2',
  'ifconfig-ipv6': 'fd00:9::1/64 fd00:9::2', 'ifconfig-ipv6-pool': 'fd00:8::1000/64', 'ifconfig-ipv6-push': 'fd00:8::10/64 fd00:8::1',
  'ifconfig-pool': '10.8.0.100 10.8.0.200', 'ifconfig-pool-persist': 'ipp.txt', 'ifconfig-push': '10.8.0.10 255.255.255.0',
  'ifconfig-push-constraint': '10.8.0.0 255.255.255.0', 'ignore-unknown-option': 'block-outside-dns', inactive: '600',
  ipchange: '/bin/true', iroute: '10.1.0.0 255.255.255.0', 'iroute-ipv6': 'fd00:1::/64', keepalive: '10 60', key: 'client.key',
  'key-derivation': 'tls-ekm', 'key-direction': '1', 'keying-material-exporter': 'EXPORTER-layerwise 32', 'learn-address': '/bin/true',
  'link-mtu': '1500', lladdr: '00:ff:01:02:03:04', local: '192.0.2.10', log: 'openvpn.log', 'log-append': 'openvpn.log', lport: '1194',
  management: '127.0.0.1 7505 mgmt-pw.txt', 'management-client-group': 'nogroup', 'management-client-user': 'nobody',
  'management-external-cert': 'hint', 'management-log-cache': '100', mark: '42', 'max-clients': '100', 'max-packet-size': '1400',
  'max-routes': '256', 'max-routes-per-client': '256', memstats: 'stats.bin', mode: 'server', mssfix: '1400', 'mtu-disc': 'yes', mute: '10',
  'ncp-ciphers': 'AES-256-GCM', nice: '0', 'ns-cert-type': 'server', parameter: 'x',
  'peer-fingerprint': 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
  'peer-id': '1', ping: '10', 'ping-exit': '120', 'ping-restart': '60', 'pkcs11-cert-private': '0', 'pkcs11-id': 'x', 'pkcs11-pin-cache': '300',
  'pkcs11-private-mode': '0', 'pkcs11-protected-authentication': '0', 'pkcs11-providers': '/usr/lib/layerwise-p11.so', pkcs12: 'client.p12',
  plugin: '/usr/lib/layerwise-plugin.so', port: '1194', 'port-share': '127.0.0.1 8443', prng: 'sha1', proto: 'udp', 'proto-force': 'udp',
  'protocol-flags': 'tls-ekm', providers: 'default', 'pull-filter': 'ignore dhcp-option', push: '"route 10.1.0.0 255.255.255.0"',
  'push-continuation': '1', 'push-remove': 'route', rcvbuf: '393216', 'redirect-gateway': 'def1', 'redirect-private': 'local',
  'remap-usr1': 'SIGTERM', remote: '192.0.2.1 1194', 'remote-cert-eku': '"TLS Web Server Authentication"', 'remote-cert-ku': 'a0 88',
  'remote-cert-tls': 'server', 'reneg-bytes': '0', 'reneg-pkts': '0', 'reneg-sec': '3600', 'replay-persist': 'replay.txt',
  'replay-window': '64 15', 'resolv-retry': 'infinite', route: '10.1.0.0 255.255.255.0', 'route-delay': '2', 'route-gateway': '10.8.0.1',
  'route-ipv6': 'fd00:1::/64', 'route-ipv6-gateway': 'fd00:8::1', 'route-method': 'exe', 'route-metric': '10', 'route-pre-down': '/bin/true',
  'route-up': '/bin/true', rport: '1194', 'script-security': '2', secret: 'static.key', server: '10.8.0.0 255.255.255.0',
  'server-bridge': '10.8.0.4 255.255.255.0 10.8.0.50 10.8.0.100', 'server-ipv6': 'fd00:8::/64', 'server-poll-timeout': '10',
  'session-timeout': '3600', setenv: 'LW_TEST 1', 'setenv-safe': 'LW_TEST 1', shaper: '100000', 'show-gateway': '', 'show-pkcs11-ids': '',
  sndbuf: '393216', 'socket-flags': 'TCP_NODELAY', 'socks-proxy': '192.0.2.9 1080', 'stale-routes-check': '60 30',
  'static-challenge': '"Enter PIN" 1', status: 'status.log 30', 'status-version': '2', syslog: '', 'tcp-queue-limit': '64',
  'tls-auth': 'ta.key 1', 'tls-cert-profile': 'preferred', 'tls-cipher': 'TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384',
  'tls-ciphersuites': 'TLS_AES_256_GCM_SHA384', 'tls-crypt': 'tc.key', 'tls-crypt-v2': 'tc2.key', 'tls-crypt-v2-verify': '/bin/true',
  'tls-export-cert': '/tmp', 'tls-groups': 'X25519:prime256v1', 'tls-timeout': '2', 'tls-verify': '/bin/true', 'tls-version-max': '1.3',
  'tls-version-min': '1.2', 'tmp-dir': '/tmp', topology: 'subnet', 'tran-window': '3600', 'tun-mtu': '1500', 'tun-mtu-extra': '32',
  'tun-mtu-max': '1600', txqueuelen: '1000', 'udp-mtu': '1500', up: '/bin/true', user: 'nobody', verb: '3', 'verify-client-cert': 'require',
  'verify-hash': 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01', 'verify-x509-name': 'vpn.example.test name',
  'vlan-accept': 'all', 'vlan-pvid': '1', writepid: 'openvpn.pid', 'x509-track': 'CN', 'x509-username-field': 'CN',
  // Platform-only and removed options, for the rejection checks.
  'allow-nonadmin': '', cryptoapicert: '"SUBJ:layerwise"', 'ip-win32': 'dynamic', iproute: '/sbin/ip', 'msg-channel': '1', service: 'ev',
  setcon: 'system_u', 'tap-sleep': '1', 'win-sys': 'env', 'windows-driver': 'wintun', 'key-method': '2', keysize: '256',
  'tls-remote': 'vpn.example.test', 'pkcs11-id-type': 'x', 'pkcs11-slot': '0', 'pkcs11-slot-type': 'id', 'pkcs11-sign-mode': 'auto',
};

const sampleOf = (o: OptionSpec) => SAMPLE[o.name] ?? '';
const lineOf = (o: OptionSpec, args = sampleOf(o)) => `${o.name}${args ? ` ${args}` : ''}`;

const CLIENT = ['client', 'dev tun', 'remote 192.0.2.1 1194', 'ca ca.crt', 'cert client.crt', 'key client.key'];
const SERVER = ['server 10.8.0.0 255.255.255.0', 'topology subnet', 'dev tun', 'ca ca.crt', 'cert server.crt', 'key server.key', 'dh dh.pem'];
const BRIDGE = ['server-bridge 10.8.0.4 255.255.255.0 10.8.0.50 10.8.0.100', 'dev tap', 'ca ca.crt', 'cert server.crt', 'key server.key', 'dh dh.pem'];
const STATIC = ['dev tun', 'remote 192.0.2.1', 'ifconfig 10.9.0.1 10.9.0.2', 'secret static.key'];

/**
 * Options the oracle cannot judge: it comments out daemon, syslog, plugin, genkey, mktun, rmtun,
 * show-*, version and help lines (they would act at parse time), log lines are redirected, and
 * show-pkcs11-ids runs a token query at parse time and exits.
 */
const UNVERIFIABLE: Record<string, string> = {
  daemon: 'commented out by the oracle', syslog: 'commented out by the oracle', plugin: 'commented out by the oracle',
  genkey: 'commented out by the oracle', mktun: 'commented out by the oracle', rmtun: 'commented out by the oracle',
  version: 'commented out by the oracle', help: 'commented out by the oracle', log: 'redirected by the oracle', 'log-append': 'redirected by the oracle',
  'show-ciphers': 'commented out by the oracle', 'show-curves': 'commented out by the oracle', 'show-digests': 'commented out by the oracle',
  'show-engines': 'commented out by the oracle', 'show-gateway': 'commented out by the oracle', 'show-groups': 'commented out by the oracle',
  'show-tls': 'commented out by the oracle', 'show-pkcs11-ids': 'queries PKCS#11 tokens at parse time and exits',
  connection: 'a block, checked in (d)',
};

/** The config an option is tried in: base lines plus companions it needs, with the option line last. */
function configFor(o: OptionSpec, line = lineOf(o)): string[] {
  const without = (base: string[], ...names: string[]) => base.filter((l) => !names.includes(l.split(' ')[0]));
  switch (o.name) {
    case 'auth-user-pass-optional': case 'username-as-common-name':
      return [...SERVER, 'auth-user-pass-verify /bin/true via-file', line];
    case 'ccd-exclusive': return [...SERVER, 'client-config-dir ccd', line];
    case 'ifconfig-ipv6-pool': return [...SERVER, 'ifconfig-ipv6 fd00:8::1/64 fd00:8::2', line];
    case 'ifconfig-pool': return [...without(SERVER, 'server'), 'server 10.8.0.0 255.255.255.0 nopool', line];
    case 'lladdr': return [...without(CLIENT, 'dev'), 'dev tap', line];
    case 'vlan-tagging': case 'vlan-accept': case 'vlan-pvid': return [...BRIDGE, 'vlan-tagging', line];
    case 'server-bridge': return [...BRIDGE, line];
    case 'management-client-user': case 'management-client-group': return [...CLIENT, 'management /tmp/layerwise-mgmt.sock unix', line];
    case 'management-external-key': return [...without(CLIENT, 'key'), 'management 127.0.0.1 7505 mgmt-pw.txt', line];
    case 'management-external-cert': return [...without(CLIENT, 'key', 'cert'), 'management 127.0.0.1 7505 mgmt-pw.txt', 'management-external-key', line];
    case 'pkcs11-providers': case 'pkcs11-id': case 'pkcs11-cert-private': case 'pkcs11-pin-cache':
    case 'pkcs11-private-mode': case 'pkcs11-protected-authentication':
      return [...without(CLIENT, 'cert', 'key'), 'pkcs11-providers /usr/lib/layerwise-p11.so', 'pkcs11-id x', line];
    case 'pkcs12': return [...without(CLIENT, 'cert', 'key', 'ca'), line];
    case 'http-proxy': case 'http-proxy-option': case 'http-proxy-user-pass': case 'http-proxy-retry': case 'http-proxy-timeout':
      return [...CLIENT, 'proto tcp-client', 'http-proxy 192.0.2.8 8080', line];
    case 'port-share': return [...SERVER, 'proto tcp-server', line];
    case 'secret': case 'test-crypto': return [...STATIC, line];
    case 'tls-server': case 'mode': return [...SERVER, line];
    case 'pkcs11-id-management': return [...without(CLIENT, 'cert', 'key'), 'pkcs11-providers /usr/lib/layerwise-p11.so', line];
    case 'verify-client-cert': return [...SERVER, 'auth-user-pass-verify /bin/true via-file', line];
  }
  if (o.name.startsWith('management-')) return [...CLIENT, 'management 127.0.0.1 7505 mgmt-pw.txt', line];
  return [...(o.scope === 'server' ? SERVER : CLIENT), line];
}

/** Options that need a config of their own (their companions would clash with other options). */
const ALONE = new Set(['auth-user-pass-optional', 'username-as-common-name', 'ccd-exclusive', 'ifconfig-ipv6-pool', 'ifconfig-pool', 'lladdr',
  'vlan-tagging', 'vlan-accept', 'vlan-pvid', 'server-bridge', 'pkcs12', 'port-share', 'secret', 'test-crypto', 'tls-server', 'client',
  'mode', 'server', 'proto', 'proto-force', 'dev', 'dev-type', 'topology', 'tls-client', 'pull', 'remote', 'ifconfig', 'local', 'lport', 'port',
  'nobind', 'bind', 'float', 'http-proxy-override', 'socks-proxy', 'shaper', 'cd', 'config', 'management', 'tmp-dir', 'verify-client-cert']);

// ---- oracle plumbing -------------------------------------------------------------------------

const dir = available ? mkdtempSync(path.join(tmpdir(), 'layerwise-ovpn-opts-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
if (dir) writeFileSync(path.join(dir, 'included.conf'), 'verb 3\n');
let files = 0;

interface Outcome {
  valid: boolean;
  errors: { line: number; message: string }[];
  warnings: { line: number; message: string }[];
  /** The oracle's own failure (openvpn stopped with a fatal message the oracle does not parse). */
  failure?: string;
}

function check(lines: string[]): Outcome {
  const file = path.join(dir, `case-${files++}.conf`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    return runOracle('openvpn', [file]);
  } catch (e) {
    return { valid: false, errors: [], warnings: [], failure: String(e) };
  }
}
const describeVerdict = (v: Outcome) => v.failure ?? [...v.errors, ...v.warnings.filter((w) => !/env:|cannot stat/.test(w.message))].map((e) => `${e.line}: ${e.message}`).join(' | ');

/** Checks that all option lines are accepted together; splits failing groups to name the culprits. */
function acceptAll(group: OptionSpec[], failures: string[]): void {
  if (!group.length) return;
  const base = configFor(group[0]).slice(0, -1);
  const v = check([...base, ...group.map((o) => lineOf(o))]);
  if (v.valid) return;
  if (group.length === 1) {
    failures.push(`${lineOf(group[0])}: ${describeVerdict(v)}`);
    return;
  }
  const mid = Math.ceil(group.length / 2);
  acceptAll(group.slice(0, mid), failures);
  acceptAll(group.slice(mid), failures);
}

const rejected = (v: Outcome) => !v.valid;

// ---- the option sets -------------------------------------------------------------------------

const byName = new Map(OPTIONS.map((o) => [o.name, o]));
const present = OPTIONS.filter((o) => o.status !== 'removed' && !PLATFORM_ONLY[o.name]);
const judged = present.filter((o) => !UNVERIFIABLE[o.name] && o.scope !== 'ccd' && o.name !== 'push-continuation');

/** Deprecated options openvpn accepts without printing a warning, and where they are marked deprecated. */
const STATUS_SILENT: Record<string, string> = {
  'comp-noadapt': 'manual: DEPRECATED',
  'disable-occ': 'manual and --help: DEPRECATED',
  'link-mtu': 'manual: DEPRECATED',
  'ncp-ciphers': 'prints only an informational "Note" about the rename to data-ciphers',
  'no-replay': '--help: DEPRECATED (the manual lists it as removed, but 2.6.14 still reads it)',
  'ns-cert-type': '--help: DEPRECATED (the manual lists it as removed, but 2.6.14 still reads it)',
  prng: 'prints a NOTICE that it is ignored',
  'tun-ipv6': 'prints a Note that it is ignored',
  'dhcp-release': 'Windows only',
  compress: 'warns only when it really compresses (stub-v2 is the sample)',
  'comp-lzo': 'warns only when it really compresses (no is the sample)',
};

describe('OpenVPN option table shape', () => {
  it('is sorted, unique and self-consistent', () => {
    const names = OPTIONS.map((o) => o.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(OPTIONS.length).toBeGreaterThan(280);
    for (const o of OPTIONS) {
      expect(o.name, o.name).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
      expect(o.minArgs, o.name).toBeLessThanOrEqual(o.maxArgs);
      if (o.maxArgs > 0) expect(o.args.length, o.name).toBeGreaterThan(0);
      if (o.args.includes('enum')) expect(o.values?.length, `${o.name} has enum args but no values`).toBeGreaterThan(0);
      expect(o.summary.length, o.name).toBeGreaterThan(10);
      expect(o.summary.split(/(?<=[.?!])\s+(?=[A-Z])/).length, `${o.name}: one or two sentences`).toBeLessThanOrEqual(2);
      if (o.status === 'removed') expect(o.pushable || o.inCcd || o.inConnection, o.name).toBe(false);
      if (o.scope === 'ccd') expect(o.inCcd, o.name).toBe(true);
    }
    for (const name of Object.keys(SAMPLE)) expect(byName.has(name), `sample for unknown option ${name}`).toBe(true);
    for (const name of [...ENUM_CHECKED, ...Object.keys(RANGES), ...Object.keys(PLATFORM_ONLY)]) expect(byName.has(name), name).toBe(true);
  });

  it('has a sample for every option that needs arguments', () => {
    const missing = OPTIONS.filter((o) => o.minArgs > 0 && o.status !== 'removed' && !UNVERIFIABLE[o.name] && !(o.name in SAMPLE)).map((o) => o.name);
    expect(missing).toEqual([]);
  });
});

describe.skipIf(!available)('OpenVPN option table vs openvpn 2.6.14', () => {
  it('(a) accepts every present option with a sample argument', () => {
    const failures: string[] = [];
    const groups = new Map<string, OptionSpec[]>();
    for (const o of judged) {
      const key = ALONE.has(o.name) || o.name.startsWith('pkcs11') || o.name.startsWith('management-') || o.name.startsWith('http-proxy')
        ? o.name : configFor(o).slice(0, -1).join('|');
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(o);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += 40) acceptAll(group.slice(i, i + 40), failures);
    }
    expect(failures).toEqual([]);
  });

  it('(a) warns about deprecated options, as the table says', () => {
    const unexpected: string[] = [];
    for (const o of judged.filter((x) => x.status === 'deprecated')) {
      const v = check(configFor(o));
      const warned = v.warnings.some((w) => /DEPRECAT|WARNING|NOTICE|Note:|ignored|obsolete/i.test(w.message) && !/env:|cannot stat|topology net30/.test(w.message));
      if (!v.valid) unexpected.push(`${o.name}: rejected: ${describeVerdict(v)}`);
      else if (!warned && !STATUS_SILENT[o.name]) unexpected.push(`${o.name}: no deprecation warning`);
    }
    expect(unexpected).toEqual([]);
  });

  it('(b) rejects every removed option', () => {
    const accepted: string[] = [];
    for (const o of OPTIONS.filter((x) => x.status === 'removed')) {
      const v = check([...CLIENT, lineOf(o)]);
      if (!rejected(v)) accepted.push(o.name);
      else if (v.failure && !/REMOVED|removed|obsolete|replaced|Unrecognized/.test(v.failure)) accepted.push(`${o.name}: ${v.failure}`);
    }
    expect(accepted).toEqual([]);
  });

  it('(b) rejects the options only other builds know', () => {
    const accepted: string[] = [];
    for (const name of Object.keys(PLATFORM_ONLY)) {
      if (/^show-[a-z-]+$/.test(name)) continue; // the oracle comments out show-* lines
      const o = byName.get(name)!;
      const v = check([...CLIENT, lineOf(o)]);
      if (!rejected(v) || !v.errors.some((e) => e.line === CLIENT.length + 1)) accepted.push(`${name}: ${describeVerdict(v)}`);
    }
    expect(accepted).toEqual([]);
  });

  it('(b) rejects ccd-only and push-only options in a main config, at their line', () => {
    const accepted: string[] = [];
    for (const o of OPTIONS.filter((x) => x.scope === 'ccd' || x.name === 'push-continuation')) {
      const v = check([...SERVER, lineOf(o)]);
      if (!v.errors.some((e) => e.line === SERVER.length + 1 && /cannot be used in this context/.test(e.message))) accepted.push(`${o.name}: ${describeVerdict(v)}`);
    }
    expect(accepted).toEqual([]);
  });

  it('(b) rejects one argument too many and one too few (a sample of options)', () => {
    const wrong: string[] = [];
    const sample = judged.filter((o, i) => i % 5 === 0 && !ALONE.has(o.name) && o.name !== 'setenv');
    expect(sample.length).toBeGreaterThan(40);
    for (const o of sample) {
      const args = sampleOf(o) ? sampleOf(o).match(/"[^"]*"|\S+/g)! : [];
      const cases: string[][] = [];
      if (o.maxArgs !== Number.POSITIVE_INFINITY) cases.push([...args, ...Array(o.maxArgs + 1 - args.length).fill('1')]);
      if (o.minArgs > 0) cases.push(args.slice(0, o.minArgs - 1));
      for (const a of cases) {
        const config = configFor(o, lineOf(o, a.join(' ')));
        const v = check(config);
        if (!v.errors.some((e) => e.line === config.length || e.line === 0) && !v.failure) wrong.push(`${lineOf(o, a.join(' '))}: ${describeVerdict(v) || 'accepted'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('(c) accepts every enum value, and refuses a bogus word exactly where ENUM_CHECKED says', () => {
    const wrong: string[] = [];
    for (const o of present.filter((x) => x.values && !UNVERIFIABLE[x.name] && x.scope !== 'ccd' && x.scope !== 'push-only' && x.name !== 'dns')) {
      const at = o.args.findIndex((k) => k === 'enum' || k === 'proto');
      const args = sampleOf(o) ? sampleOf(o).match(/"[^"]*"|\S+/g)! : [];
      const withValue = (v: string) => {
        const a = [...args];
        while (a.length < at) a.push(['number', 'time'].includes(o.args[a.length]) ? '3600' : o.args[a.length] === 'port' ? '1194' : 'x');
        a[at] = v;
        if (o.name === 'http-proxy-option') return lineOf(o, `${v} layerwise`);
        if (o.name === 'verify-hash') return lineOf(o, `${SAMPLE['peer-fingerprint']} ${v}`);
        return lineOf(o, a.slice(0, Math.max(at + 1, o.minArgs)).join(' '));
      };
      for (const value of o.values!) {
        if (o.name === 'mode' && value === 'server') continue; // mode server needs a server config (covered by (a))
        if (o.name === 'dev-type' && value === 'null') continue;
        if (o.name === 'verify-hash' && value === 'SHA1') continue; // the sample is a SHA256 fingerprint
        if ((o.name === 'proto' || o.name === 'remote') && /server$/.test(value)) continue; // tcp-server needs a server without remotes
        const v = check(configFor(o, withValue(value)));
        if (!v.valid) wrong.push(`${withValue(value)} rejected: ${describeVerdict(v)}`);
      }
      const bogus = check(configFor(o, withValue('layerwise-bogus')));
      const refused = !bogus.valid;
      if (refused !== ENUM_CHECKED.has(o.name) && !['dhcp-option', 'genkey', 'http-proxy', 'auth-gen-token', 'static-challenge', 'script-security', 'server-bridge', 'dns', 'management-external-key', 'tls-version-min'].includes(o.name)) {
        wrong.push(`${withValue('layerwise-bogus')}: ${refused ? 'refused' : 'accepted'} but ENUM_CHECKED says ${ENUM_CHECKED.has(o.name)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('(c) enforces the RANGES bounds', () => {
    const wrong: string[] = [];
    for (const [name, ranges] of Object.entries(RANGES)) {
      const o = byName.get(name)!;
      for (const [i, min, max] of ranges) {
        const args = sampleOf(o).split(' ');
        const at = (n: number) => {
          const a = [...args];
          a[i] = String(n);
          return configFor(o, lineOf(o, a.join(' ')));
        };
        if (check(at(min - 1)).valid) wrong.push(`${name} ${min - 1} accepted`);
        if (!check(at(min)).valid) wrong.push(`${name} ${min} refused`);
        if (max !== Number.POSITIVE_INFINITY && check(at(max + 1)).valid) wrong.push(`${name} ${max + 1} accepted`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('(d) takes the inConnection options inside <connection>, and refuses a sample of the others', () => {
    const wrong: string[] = [];
    const inside = (lines: string[]) => [...CLIENT.filter((l) => !l.startsWith('remote')), '<connection>', 'remote 192.0.2.1 1194', ...lines, '</connection>'];
    const allowed = judged.filter((o) => o.inConnection && !o.name.startsWith('http-proxy') && !['bind', 'nobind', 'float', 'proto', 'local', 'lport', 'port'].includes(o.name));
    const v = check(inside(allowed.map((o) => lineOf(o))));
    if (!v.valid) {
      for (const o of allowed) {
        const one = check(inside([lineOf(o)]));
        if (!one.valid) wrong.push(`${o.name} refused: ${describeVerdict(one)}`);
      }
    }
    for (const name of ['bind', 'nobind', 'float', 'proto', 'local', 'lport', 'port']) {
      const one = check(inside([lineOf(byName.get(name)!)]));
      if (!one.valid) wrong.push(`${name} refused: ${describeVerdict(one)}`);
    }
    const http = check(inside(['proto tcp-client', 'http-proxy 192.0.2.8 8080', 'http-proxy-option AGENT layerwise']));
    if (!http.valid) wrong.push(`http-proxy refused: ${describeVerdict(http)}`);
    const refusedSample = judged.filter((o, i) => !o.inConnection && i % 7 === 0);
    expect(refusedSample.length).toBeGreaterThan(25);
    for (const o of refusedSample) {
      const one = check(inside([lineOf(o)]));
      if (!one.errors.some((e) => /cannot be used in this context \(\[CONNECTION-OPTIONS\]\)/.test(e.message))) wrong.push(`${o.name} taken inside <connection>: ${describeVerdict(one)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('(e) takes inline blocks exactly for the inline options', () => {
    const wrong: string[] = [];
    const CONTENT: Record<string, string> = {
      'peer-fingerprint': SAMPLE['peer-fingerprint'], 'auth-user-pass': 'user\npass', 'http-proxy-user-pass': 'user\npass',
      'verify-hash': SAMPLE['peer-fingerprint'],
    };
    for (const o of present.filter((x) => x.inline)) {
      const config = configFor(o).slice(0, -1);
      const v = check([...config, `<${o.name}>`, CONTENT[o.name] ?? 'x', `</${o.name}>`]);
      if (!v.valid) wrong.push(`<${o.name}> refused: ${describeVerdict(v)}`);
    }
    const notInline = check([...CLIENT, '<dev>', 'tun', '</dev>']);
    if (notInline.valid) wrong.push('<dev> accepted');
    expect(wrong).toEqual([]);
  });
});

describe.skipIf(!available)('server and client options vs openvpn 2.6.14', () => {
  it('(f) refuses server-mode options in a client and client options in server mode', () => {
    const wrong: string[] = [];
    for (const name of REQUIRES_SERVER_MODE) {
      const o = byName.get(name)!;
      const v = check([...CLIENT, lineOf(o)]);
      if (v.valid) wrong.push(`${name} accepted in a client`);
      const ok = check(configFor(o));
      if (!ok.valid) wrong.push(`${name} refused in its server config: ${describeVerdict(ok)}`);
    }
    for (const name of REFUSED_IN_SERVER_MODE) {
      const o = byName.get(name)!;
      if (check([...SERVER, lineOf(o)]).valid) wrong.push(`${name} accepted in a server`);
    }
    expect(wrong).toEqual([]);
  });
});

describe.skipIf(!available)('dns sub-options vs openvpn 2.6.14', () => {
  it('accepts the documented forms and refuses unknown settings', () => {
    const ok = ['dns search-domains a.example.test b.example.test', 'dns server 0 address 192.0.2.53 [2001:db8::53]:53', 'dns server 1 address 192.0.2.53',
      'dns server 0 resolve-domains corp.example.test', 'dns server 0 dnssec optional', 'dns server 0 transport DoT', 'dns server 0 sni dns.example.test'];
    const bad = ['dns bogus x', 'dns server 0 priority 1', 'dns server x address 192.0.2.53', 'dns server 0 transport bogus'];
    const wrong: string[] = [];
    for (const l of ok) {
      const extra = l.includes('address') ? [] : ['dns server 0 address 192.0.2.53'];
      const v = check([...CLIENT, ...extra, l]);
      if (!v.valid) wrong.push(`${l} refused: ${describeVerdict(v)}`);
    }
    for (const l of bad) if (check([...CLIENT, 'dns server 0 address 192.0.2.53', l]).valid) wrong.push(`${l} accepted`);
    expect(wrong).toEqual([]);
  });
});
