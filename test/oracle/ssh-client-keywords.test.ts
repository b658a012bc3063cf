// The ssh_config keyword table (server/src/dialects/ssh/keywords-client.ts) against the real ssh:
// (a) every keyword `ssh -G` prints has an entry; (b) every entry is accepted, warned about or
// rejected as its `status` says; (c) enum values are accepted and a bogus value is rejected;
// (d) argument counts: one argument too many, or none, is rejected.
// All lines of one check go into one file; the oracle reports findings by line number.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeywordSpec, ValueKind } from '../../server/src/dialects/ssh/keyword-types';
import { CLIENT_KEYWORDS } from '../../server/src/dialects/ssh/keywords-client';
import { runOracle, type OracleVerdict } from '../support/oracles';

const ORACLES = path.resolve(__dirname, '../../../shared/oracles');

/**
 * Names `ssh -G` prints that are not ssh_config keywords. None on OpenSSH 9.2p1: every name it
 * prints, including the lower-cased `canonicalizePermittedcnames`, is a keyword. Add a name here
 * with the reason if a later ssh prints a derived value under a name of its own.
 */
const DUMP_ONLY_NAMES: Record<string, string> = {};

/** Keywords newer than the 9.2 installed here (marked `// OpenSSH 9.x > 9.2` in the table), with the release that added them. */
const NEWER_THAN_9_2: Record<string, [number, number]> = {
  tag: [9, 4],
  obscurekeystroketiming: [9, 5],
  channeltimeout: [9, 6],
};

/**
 * Keywords only Debian/Ubuntu builds know (the GSSAPI key-exchange patch and Debian's own aliases);
 * upstream ssh rejects them, so their expectations only hold on a Debian-family ssh.
 */
const DEBIAN_ONLY = new Set([
  'gssapiclientidentity', 'gssapikeyexchange', 'gssapikexalgorithms', 'gssapirenewalforcesrekey',
  'gssapiserveridentity', 'gssapitrustdns', 'protocolkeepalives', 'setuptimeout', 'useblacklistedkeys',
]);

/**
 * Keywords documented with one argument that ssh 9.2 nevertheless does not reject when given more;
 * the table keeps the documented count so the linter can flag the extra words.
 */
const EXTRA_ARGS_IGNORED: Record<string, string> = {
  proxyjump: 'ssh keeps the jump list up to the first blank and silently drops the rest of the line',
};

const BOGUS = 'layerwise-bogus';
const BOGUS_KINDS = new Set<ValueKind>(['yesno', 'enum', 'log-level', 'facility']);

/** A valid argument string for each kind, used when the default cannot serve as a sample. */
const KIND_SAMPLE: Record<ValueKind, string> = {
  yesno: 'yes',
  enum: '',
  port: '2222',
  number: '3',
  time: '30s',
  size: '1G',
  string: 'sample',
  path: '/nonexistent/layerwise-sample',
  command: 'true',
  host: 'host.example',
  address: '127.0.0.1',
  'listen-address': '127.0.0.1:2222',
  'host-patterns': '*.example',
  match: 'all',
  'local-forward': '8080 localhost:80',
  'remote-forward': '9090 localhost:80',
  'dynamic-forward': '1080',
  jump: 'jump.example',
  'permit-open': 'host.example:80',
  'permit-listen': '8080',
  algorithms: 'ssh-ed25519',
  list: 'sample',
  env: 'LAYERWISE=1',
  'log-level': 'INFO',
  facility: 'USER',
};

const argc = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** A value ssh should accept: the default when it fits the argument count, else a per-kind sample. */
function sampleValue(k: KeywordSpec): string {
  if (k.default && argc(k.default) >= k.minArgs && argc(k.default) <= k.maxArgs) return k.default;
  if (k.kind === 'enum' || (k.kind === 'list' && k.values?.length)) return k.values![0];
  return KIND_SAMPLE[k.kind];
}

const sshVersion = (() => {
  const r = spawnSync('ssh', ['-V'], { encoding: 'utf8' });
  const text = `${r.stdout}${r.stderr}`;
  const m = /OpenSSH_(\d+)\.(\d+)/.exec(text);
  return { major: Number(m?.[1] ?? 0), minor: Number(m?.[2] ?? 0), debian: /Debian|Ubuntu/.test(text), text };
})();

const lc = (k: KeywordSpec) => k.name.toLowerCase();
const tooNew = (k: KeywordSpec) => {
  const since = NEWER_THAN_9_2[lc(k)];
  return !!since && (sshVersion.major < since[0] || (sshVersion.major === since[0] && sshVersion.minor < since[1]));
};
/** Entries this ssh build cannot judge the normal way (newer keywords, or Debian-only ones on another build). */
const skipHere = (k: KeywordSpec) => tooNew(k) || (DEBIAN_ONLY.has(lc(k)) && !sshVersion.debian);

const dir = mkdtempSync(path.join(tmpdir(), 'layerwise-ssh-kw-'));
let fileNo = 0;

interface Batch<T> {
  items: T[];
  /** 1-based line in the checked file of each item. */
  line: (i: number) => number;
  verdict: OracleVerdict;
}

/** Writes `Host x` then one line per item and runs the ssh oracle on it for host x. */
function runBatch<T>(items: T[], toLine: (t: T) => string): Batch<T> {
  const file = path.join(dir, `batch-${++fileNo}.conf`);
  writeFileSync(file, ['Host x', ...items.map(toLine)].join('\n') + '\n');
  return { items, line: (i) => i + 2, verdict: runOracle('ssh', [file, 'x']) };
}

const findingsAt = (b: Batch<unknown>, i: number) => {
  const line = b.line(i);
  return [...b.verdict.errors, ...b.verdict.warnings].filter((f) => f.line === line).map((f) => f.message);
};

describe('ssh_config keyword table', () => {
  it('is sorted case-insensitively, without duplicates', () => {
    const names = CLIENT_KEYWORDS.map(lc);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('has sane argument counts and values', () => {
    for (const k of CLIENT_KEYWORDS) {
      expect(k.minArgs, k.name).toBeGreaterThanOrEqual(1);
      expect(k.maxArgs, k.name).toBeGreaterThanOrEqual(k.minArgs);
      if (k.kind === 'enum') expect(k.values?.length, k.name).toBeGreaterThan(0);
      expect(k.summary.length, k.name).toBeGreaterThan(20);
    }
  });
});

describe('ssh_config keywords against the real ssh', () => {
  it('finds the oracle and an ssh to run', () => {
    expect(existsSync(path.join(ORACLES, 'ssh-check'))).toBe(true);
    expect(sshVersion.major, sshVersion.text).toBeGreaterThanOrEqual(9);
  });

  describe('(a) every name ssh -G prints is in the table', () => {
    const known = new Set(CLIENT_KEYWORDS.map(lc));
    const dumpNames = (args: string[]) => {
      const home = mkdtempSync(path.join(tmpdir(), 'layerwise-ssh-home-'));
      const r = spawnSync('ssh', ['-G', ...args], {
        encoding: 'utf8',
        cwd: home,
        env: { ...process.env, HOME: home, SHELL: '/bin/false' },
        input: '',
      });
      expect(r.status, r.stderr).toBe(0);
      return [...new Set(r.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0].toLowerCase()))];
    };
    const check = (names: string[]) => {
      const missing = names.filter((n) => !known.has(n) && !(n in DUMP_ONLY_NAMES));
      expect(missing).toEqual([]);
    };

    it('with an empty configuration (-F /dev/null)', () => {
      const names = dumpNames(['-F', '/dev/null', 'example.test']);
      expect(names.length).toBeGreaterThan(50);
      check(names);
    });

    it('with every accepted keyword set, so optional ones are printed too', () => {
      const entries = CLIENT_KEYWORDS.filter((k) => !k.status && !skipHere(k) && !k.role?.match(/^(section|include)$/));
      const file = path.join(dir, 'dump.conf');
      writeFileSync(file, ['Host x', ...entries.map((k) => `  ${k.name} ${sampleValue(k)}`)].join('\n') + '\n');
      const names = dumpNames(['-F', file, 'x']);
      expect(names).toContain('localforward');
      check(names);
    });

    it('the exception list only names things that are not keywords', () => {
      for (const n of Object.keys(DUMP_ONLY_NAMES)) expect(known.has(n), n).toBe(false);
    });
  });

  describe('(b) each keyword is accepted, warned about or rejected as its status says', () => {
    let batch: Batch<KeywordSpec>;
    beforeAll(() => {
      batch = runBatch([...CLIENT_KEYWORDS], (k) => `  ${k.name} ${sampleValue(k)}`);
    });

    CLIENT_KEYWORDS.forEach((k, i) => {
      const label = `${k.name} ${sampleValue(k)}`;
      if (tooNew(k)) {
        it(`${label}: newer than this ssh, so rejected as unknown`, () => {
          expect(findingsAt(batch, i).join('\n')).toMatch(/Bad configuration option/);
        });
        return;
      }
      if (DEBIAN_ONLY.has(lc(k)) && !sshVersion.debian) return;
      if (!k.status || k.status === 'deprecated') {
        it(`${label}: accepted without complaint${k.status ? ' (deprecated: ignored or an alias)' : ''}`, () => {
          expect(findingsAt(batch, i)).toEqual([]);
        });
      } else if (k.status === 'unsupported') {
        it(`${label}: accepted with an "Unsupported option" warning`, () => {
          expect(findingsAt(batch, i).join('\n')).toMatch(/Unsupported option/);
        });
      } else {
        it(`${label}: rejected or warned about`, () => {
          expect(findingsAt(batch, i).join('\n')).toMatch(/Bad configuration option|Unsupported option|Deprecated option/);
        });
      }
    });
  });

  describe('(c) enum values', () => {
    const judged = CLIENT_KEYWORDS.filter((k) => !k.status && !skipHere(k));
    const valueLines = judged.flatMap((k) => (k.values ?? []).map((v) => ({ k, v })));
    const bogusLines = judged.filter((k) => BOGUS_KINDS.has(k.kind)).map((k) => ({ k, v: BOGUS }));
    let good: Batch<{ k: KeywordSpec; v: string }>;
    let bad: Batch<{ k: KeywordSpec; v: string }>;
    beforeAll(() => {
      good = runBatch(valueLines, ({ k, v }) => `  ${k.name} ${v}`);
      bad = runBatch(bogusLines, ({ k, v }) => `  ${k.name} ${v}`);
    });

    valueLines.forEach(({ k, v }, i) => {
      it(`${k.name} ${v} is accepted`, () => expect(findingsAt(good, i)).toEqual([]));
    });
    bogusLines.forEach(({ k }, i) => {
      it(`${k.name} ${BOGUS} is rejected`, () => {
        const line = bad.line(i);
        expect(bad.verdict.errors.filter((e) => e.line === line)).not.toEqual([]);
      });
    });
  });

  describe('(d) argument counts', () => {
    const judged = CLIENT_KEYWORDS.filter((k) => !k.status && !skipHere(k) && k.role !== 'section');
    const oneTooMany = judged.filter((k) => k.maxArgs === 1 && !(lc(k) in EXTRA_ARGS_IGNORED));
    let extra: Batch<KeywordSpec>;
    let none: Batch<KeywordSpec>;
    beforeAll(() => {
      extra = runBatch(oneTooMany, (k) => `  ${k.name} ${sampleValue(k)} extra`);
      none = runBatch(judged, (k) => `  ${k.name}`);
    });

    oneTooMany.forEach((k, i) => {
      it(`${k.name} takes a single argument`, () => {
        const line = extra.line(i);
        expect(extra.verdict.errors.filter((e) => e.line === line)).not.toEqual([]);
      });
    });
    judged.forEach((k, i) => {
      it(`${k.name} needs an argument`, () => {
        const line = none.line(i);
        expect(none.verdict.errors.filter((e) => e.line === line)).not.toEqual([]);
      });
    });
  });
});
