// SERVER_KEYWORDS against the real sshd (OpenSSH 9.2p1 here) through ../shared/oracles/sshd-check.
// sshd reports every unknown keyword of a file but stops at the first bad value, so valid samples
// are checked many to a file, and each line that must be rejected gets a file of its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeywordSpec } from '../../server/src/dialects/ssh/keyword-types';
import { SERVER_KEYWORDS } from '../../server/src/dialects/ssh/keywords-server';
import { runOracle, type OracleVerdict } from '../support/oracles';

const ORACLES = path.resolve(__dirname, '../../../shared/oracles');

/**
 * Keywords added after 9.2: the 9.2p1 daemon here does not know them, so they are left out of the
 * acceptance checks below, and a separate test asserts that 9.2 really rejects them as unknown
 * (when this machine's sshd is upgraded, that test fails and the entries can join the others).
 */
const NEWER_THAN_9_2: Record<string, string> = {
  PerSourcePenalties: '9.8',
  PerSourcePenaltyExemptList: '9.8',
  SshdSessionPath: '9.8',
  RefuseConnection: '9.9',
};

/**
 * Names `sshd -T` prints that are derived rather than keywords. None so far: every name 9.2p1
 * prints (including the Debian GSSAPI key-exchange ones) is a keyword of the table.
 */
const DUMP_NOT_KEYWORDS: Record<string, string> = {};

/**
 * Entries whose `default` differs from what `sshd -T` prints for an empty file here, and why.
 * (Values are compared case-insensitively: -T prints SHA256, INFO, AUTH in capitals.)
 */
const DEFAULT_EXCEPTIONS: Record<string, string> = {
  AuthorizedKeysCommandUser: '-T prints "none" for unset; the keyword has no none value',
  AuthorizedPrincipalsCommandUser: '-T prints "none" for unset; the keyword has no none value',
  HostKeyAgent: '-T prints "none" for unset; 9.2 has no none value for it',
  HostKey: 'the oracle passes its own throwaway key with -h',
  IPQoS: 'Debian patches the default to lowdelay throughput; upstream uses af21 cs1',
  ListenAddress: '-T prints one expanded address:port per family; unset means all addresses',
  PermitRootLogin: '-T prints the old spelling without-password for prohibit-password',
  PidFile: 'Debian builds use /run/sshd.pid',
  RekeyLimit: '-T prints the resolved numbers 0 0 for default none',
};

/** Entries with a status whose 9.2p1 verdict is not the plain "<Status> option <Name>" notice. */
const STATUS_EXCEPTIONS: Record<string, { why: string; expect: 'silent' | RegExp }> = {
  // sshd files Protocol under "ignore" and logs it only at DEBUG2, so `sshd -t` says nothing.
  Protocol: { why: 'ignored without a message', expect: 'silent' },
  // RDomain is a real keyword, but outside OpenBSD setting it is a fatal error, not a notice.
  RDomain: { why: 'OpenBSD only; fatal elsewhere', expect: /RDomain not supported on this platform/ },
};

/** Sample values that cannot be derived from kind, values and default. */
const SAMPLE_OVERRIDES: Record<string, string> = {
  ChannelTimeout: 'session=5m',
  LogVerbose: 'kex.c:*:1000',
  Match: 'User nobody',
  Subsystem: 'sftp internal-sftp',
};

const BY_KIND: Record<KeywordSpec['kind'], string> = {
  yesno: 'yes', enum: '', port: '2222', number: '10', time: '30', size: '1G', string: 'nobody',
  path: '/etc/ssh/layerwise-sample', command: '/bin/true', host: 'localhost', address: '127.0.0.1',
  'listen-address': '0.0.0.0', 'host-patterns': '*', match: 'All', 'local-forward': '8080 localhost:80',
  'remote-forward': '8080 localhost:80', 'dynamic-forward': '1080', jump: 'none', 'permit-open': 'any',
  'permit-listen': 'any', algorithms: 'aes128-ctr', list: 'LANG', env: 'LAYERWISE=1', 'log-level': 'INFO',
  facility: 'AUTH',
};

/** A value sshd should accept for the keyword, as argument tokens. */
function sampleArgs(k: KeywordSpec): string[] {
  const text = SAMPLE_OVERRIDES[k.name] ?? (k.default || k.values?.[0] || BY_KIND[k.kind]);
  return text.split(/\s+/).slice(0, Math.max(1, k.maxArgs));
}
const line = (k: KeywordSpec, args = sampleArgs(k)) => `${k.name} ${args.join(' ')}`;

const dir = mkdtempSync(path.join(tmpdir(), 'layerwise-sshd-kw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function check(lines: string[]): OracleVerdict & { text: string } {
  const text = `${lines.join('\n')}\n`;
  const file = path.join(dir, `case-${files++}.conf`);
  writeFileSync(file, text);
  return { ...runOracle('sshd', [file]), text };
}
/**
 * `sshd -T` output for a file: lower-case name → printed values. runOracle keeps only the
 * ERROR/WARN lines, so the dump (printed after them when the file is valid) is read directly.
 */
function dump(lines: string[]): Map<string, string[]> {
  const file = path.join(dir, `dump-${files++}.conf`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = spawnSync('bash', [path.join(ORACLES, 'sshd-check'), '--dump', file], { encoding: 'utf8' });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const out = new Map<string, string[]>();
  for (const l of r.stdout.split('\n')) {
    const m = /^([a-z0-9]+) (.*)$/.exec(l);
    if (m) out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  }
  return out;
}
const errorsAt = (v: OracleVerdict, n: number) => v.errors.filter((e) => e.line === n).map((e) => e.message);

const byName = new Map(SERVER_KEYWORDS.map((k) => [k.name.toLowerCase(), k]));
const current = SERVER_KEYWORDS.filter((k) => !(k.name in NEWER_THAN_9_2));
const plain = current.filter((k) => !k.status);
const closedKinds = new Set<KeywordSpec['kind']>(['yesno', 'enum', 'log-level', 'facility']);
const valuesOf = (k: KeywordSpec) => k.values ?? (k.kind === 'yesno' ? ['yes', 'no'] : []);

describe('SERVER_KEYWORDS table shape', () => {
  it('is sorted, unique, and self-consistent', () => {
    const names = SERVER_KEYWORDS.map((k) => k.name);
    const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(names).toEqual(sorted);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const k of SERVER_KEYWORDS) {
      expect(k.minArgs, k.name).toBeLessThanOrEqual(k.maxArgs);
      expect(typeof k.matchAllowed, k.name).toBe('boolean');
      expect(k.summary.length, k.name).toBeGreaterThan(20);
      if (k.kind === 'enum') expect(k.values?.length, k.name).toBeGreaterThan(1);
    }
    expect(byName.get('match')).toMatchObject({ kind: 'match', role: 'section' });
    expect(byName.get('include')).toMatchObject({ kind: 'path', role: 'include' });
    for (const name of Object.keys({ ...NEWER_THAN_9_2, ...STATUS_EXCEPTIONS })) expect(byName.has(name.toLowerCase()), name).toBe(true);
  });
});

describe('SERVER_KEYWORDS against sshd 9.2p1', () => {
  it('finds the oracle', () => {
    expect(existsSync(path.join(ORACLES, 'sshd-check')), ORACLES).toBe(true);
  });

  it('(a) has an entry for every name sshd -T prints', () => {
    const names = new Set([
      ...dump(['# minimal']).keys(),
      // A file setting every keyword makes -T print the ones it omits when unset (AcceptEnv, SetEnv, ...).
      ...dump(plain.filter((k) => k.name !== 'Match').map((k) => line(k))).keys(),
    ]);
    expect(names.size).toBeGreaterThan(80);
    const missing = [...names].filter((n) => !byName.has(n) && !(n in DUMP_NOT_KEYWORDS));
    expect(missing).toEqual([]);
  });

  it('(a) has the defaults sshd -T shows for an empty file', () => {
    const shown = dump(['# minimal']);
    const wrong = current
      .filter((k) => shown.has(k.name.toLowerCase()) && !(k.name in DEFAULT_EXCEPTIONS))
      .filter((k) => shown.get(k.name.toLowerCase())!.join(' ').toLowerCase() !== k.default.toLowerCase())
      .map((k) => `${k.name}: table ${k.default} / sshd -T ${shown.get(k.name.toLowerCase())!.join(' ')}`);
    expect(wrong).toEqual([]);
  });

  it('(b) accepts every entry without a status at top level', () => {
    // Match last: everything after it would be inside the block.
    const lines = plain.filter((k) => k.name !== 'Match').map((k) => line(k));
    lines.push(line(byName.get('match')!));
    const v = check(lines);
    expect(v.errors, v.text).toEqual([]);
    expect(v.warnings.filter((w) => /option/.test(w.message)), v.text).toEqual([]);
    expect(v.valid).toBe(true);
  });

  it('(b) gives each entry with a status its verdict', () => {
    const withStatus = current.filter((k) => k.status && !(k.name in STATUS_EXCEPTIONS));
    const v = check(withStatus.map((k) => line(k)));
    expect(v.errors, v.text).toEqual([]);
    withStatus.forEach((k, i) => {
      const notes = v.warnings.filter((w) => w.line === i + 1).map((w) => w.message);
      const expected = k.status === 'deprecated' ? `Deprecated option ${k.name}` : k.status === 'unsupported' ? `Unsupported option ${k.name}` : '';
      if (k.status === 'removed') expect(errorsAt(v, i + 1).join('\n'), k.name).toMatch(/Bad configuration option/);
      else expect(notes, k.name).toEqual([expected]);
    });
    for (const [name, ex] of Object.entries(STATUS_EXCEPTIONS)) {
      const one = check([line(byName.get(name.toLowerCase())!)]);
      if (ex.expect === 'silent') {
        expect(one.valid, name).toBe(true);
        expect([...one.errors, ...one.warnings], name).toEqual([]);
      } else {
        expect(one.errors.map((e) => e.message).join('\n'), name).toMatch(ex.expect);
      }
    }
  });

  it('(b) rejects the keywords newer than 9.2 as unknown', () => {
    const newer = SERVER_KEYWORDS.filter((k) => k.name in NEWER_THAN_9_2);
    expect(newer.map((k) => k.name).sort()).toEqual(Object.keys(NEWER_THAN_9_2).sort());
    const v = check(newer.map((k) => line(k)));
    newer.forEach((k, i) => expect(errorsAt(v, i + 1), k.name).toEqual([`Bad configuration option: ${k.name}`]));
  });

  it('(c) accepts inside Match exactly the entries with matchAllowed', () => {
    const notAllowed = /is not allowed within a Match block/;
    const allowed = current.filter((k) => k.matchAllowed && !(k.name in STATUS_EXCEPTIONS) && k.name !== 'Match');
    const v = check(['Match User nobody', ...allowed.map((k) => `  ${line(k)}`), line(byName.get('match')!)]);
    expect(v.errors, v.text).toEqual([]);
    for (const k of current.filter((k) => k.matchAllowed && k.name in STATUS_EXCEPTIONS)) {
      const one = check(['Match User nobody', `  ${line(k)}`]);
      expect(one.errors.map((e) => e.message).join('\n'), k.name).not.toMatch(notAllowed);
    }
    for (const k of current.filter((k) => !k.matchAllowed)) {
      const one = check(['Match User nobody', `  ${line(k)}`]);
      expect(errorsAt(one, 2), k.name).toEqual([`Directive '${k.name}' is not allowed within a Match block`]);
    }
  });

  it('(d) accepts every listed value and rejects a bogus one', () => {
    const valued = plain.filter((k) => valuesOf(k).length);
    // Every line's value is checked even when an earlier line already set the keyword.
    const lines = valued.flatMap((k) => valuesOf(k).map((value) => line(k, [value])));
    const v = check(lines);
    expect(v.errors, v.text).toEqual([]);
    for (const k of valued.filter((k) => closedKinds.has(k.kind))) {
      const one = check([line(k, ['layerwise-bogus'])]);
      expect(one.valid, k.name).toBe(false);
      expect(errorsAt(one, 1).length, k.name).toBe(1);
    }
  });

  it('(e) rejects one argument more than maxArgs', () => {
    // ListenAddress reads its 2nd argument as the word rdomain, so an extra one is a fatal syntax error.
    const bounded = plain.filter((k) => Number.isFinite(k.maxArgs) && k.name !== 'ListenAddress');
    const v = check(bounded.map((k) => {
      const args = sampleArgs(k);
      while (args.length <= k.maxArgs) args.push(args[args.length - 1]);
      return line(k, args);
    }));
    bounded.forEach((k, i) => expect(errorsAt(v, i + 1), k.name).toEqual([`keyword ${k.name} extra arguments at end of line`]));
  });
});
