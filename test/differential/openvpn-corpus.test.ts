// Differential test against the real openvpn 2.6.14 (../shared/oracles/openvpn-check).
// (a) Every corpus file (/work/shared/corpus/openvpn) is judged by the oracle and by Layerwise
//     (invalid = any error-level finding of any rule); the verdicts must agree.
// (b) Deterministic mutants of the files the oracle accepts (a misspelt option, a wrong argument
//     count, a bad proto/port value, an inline block without its end tag, a server-only option
//     moved into a client) are judged the same way. When both reject, the oracle's ERROR line must
//     fall on one of our error findings (see `sameLine`).
// The environment is prepared the way a real install has it, so the oracle judges the config and
// not this machine: the file is copied to a folder of its own, and key files openvpn loads while
// checking (tls-auth, tls-crypt, tls-crypt-v2, secret) and scripts it checks for (up, down ...)
// are created there; an absolute path to such a file is pointed at the local copy in the oracle's
// copy only (same line). Missing certificates are only warnings for the oracle and stay missing.
// Verdicts must agree on at least 95% of all samples.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { fileKind } from '../../server/src/dialects/openvpn/analysis';
import { optionSpec } from '../../server/src/dialects/openvpn/schema';
import type { Finding } from '../../server/src/engine/rules';
import type { Directive } from '../../server/src/engine/syntax';
import { Workspace } from '../../server/src/engine/workspace';
import { nodeHost } from '../../server/src/node-host';
import { insertLine, replaceOnLine, splitLines, typoOf } from '../support/mutate';
import { corpusDir, mapLimit, oracleCheck, oracleDir, oracleGate, type OracleResult } from '../support/oracle';
import { pick, prng } from '../support/prng';
import { pct, tally, type Row } from '../support/tally';

const CONCURRENCY = 4;
const SEED = Number(process.env.LW_DIFF_SEED ?? 0x0e9e);
const MIN_AGREEMENT = 0.95;
const MIN_LINE_AGREEMENT = 0.9;

const available = oracleGate(existsSync(path.join(oracleDir, 'openvpn-check')) && ['/usr/sbin/openvpn', '/usr/bin/openvpn'].some((p) => existsSync(p)), 'the openvpn oracle');

// ---- throwaway key material (generated once with openvpn --genkey; test data only) ----------

const STATIC_KEY = `-----BEGIN OpenVPN Static key V1-----
${Array.from({ length: 16 }, (_, i) => Array.from({ length: 16 }, (__, j) => ((i * 16 + j) * 37 + 11) % 256).map((b) => b.toString(16).padStart(2, '0')).join('')).join('\n')}
-----END OpenVPN Static key V1-----
`;
const V2_SERVER_KEY = `-----BEGIN OpenVPN tls-crypt-v2 server key-----
sLY/1AkTvTZ6UV2EDVAFYfbGfhKOGC8viAUGQmmE4AGxcWF8lIwR99wYwRfTyYXp
n6UlZ6X06CvW2PW8P0Zz39I2flMntLpJ7jkvutqhkbnTJdsCgZv5Thdci1rbcDog
iP12HStS9plIUe1xm6BeRIsGF0/124axFZevTAJuelU=
-----END OpenVPN tls-crypt-v2 server key-----
`;
const V2_CLIENT_KEY = `-----BEGIN OpenVPN tls-crypt-v2 client key-----
yAptTqLptLpEjrP/23Fa/At+oVG1FGa/GOGiXlK3x8JnbwOUvoEHn/vGtLcT6Uae
bBTFQrU7aOeoAfTzs3wIg5cuoQI54lSfBKO7DbeuoUY2eon7an1nb1FVjYFRle07
Wd6y1o+DwcAMm4UmpjbyGEh+SFkSq1CWcSsAuBBX4m+S4yYvTiN07/aTT2WfuQKW
lQgzGTyLWhxnbuPY362vYIVrchZPjy59yp+H7EuNeK807A06IP2Spb1yP5Y34+2j
Dqpe0hAlk+nZPnUmBdbb846+k1pkZzWI4SxwvpXVE4WzdstP0bjBHO/oIeyuS/SG
/hf9YKlv/4dM5ZXwL5ZtxXMF01eSqXwpnyVXBY13RakU4OGLrxOMGdlWOLJgY9mB
eL9gr8eA9g6/LwSYeP2CG7tDN+Ys3FZklqRENz1Tl4D2C0gGhGRFZa+MIgsIFdOR
nkqUekKa/0ofv5k7v5UzwBSMk6BGhFR8bgSX6dKe9fQfdYvhHdfPMa3yfr+xCXEF
d1r7G/EjmnRoypUMBXQZZsxSxQnRawDOCm5qCo6cG+MeugzAZ/uJceItJl/frhE7
bID1m2limkljcGEd02tbvvutmfqh+NXS8kRdngIReRyDJK4S5CA68o4j7EJLziRy
LYF8CAwFQ2vhOw0/hS9iZYoKsoHSYHtBMzOYSvwQPLP4chZIYYRCTaHpZEyyWKIH
TFa6+oZcbvKjZO6geJVDzQF4KHVoGizjKgEr
-----END OpenVPN tls-crypt-v2 client key-----
`;

const KEY_OPTIONS = new Set(['tls-auth', 'tls-crypt', 'tls-crypt-v2', 'secret']);
const SCRIPT_OPTIONS = new Set(['up', 'down', 'route-up', 'route-pre-down', 'ipchange', 'tls-verify', 'client-connect', 'client-disconnect',
  'client-crresponse', 'learn-address', 'auth-user-pass-verify']);

// ---- oracle --------------------------------------------------------------------------------

type Verdict = OracleResult;

const runCheck = (file: string): Promise<Verdict> => oracleCheck('openvpn', [file]);

const oracleErrors = (v: Verdict) => v.lines.filter((l) => l.level === 'ERROR');

/** A verdict that depends on this machine, not on the file. */
function environmental(v: Verdict): string | undefined {
  const e = v.lines.find((l) => l.level === 'ERROR' && /fails with '.*': No such file|Please correct this error|Cannot pre-load keyfile|cd to '.*' failed/.test(l.message));
  if (e) return e.message;
  if (v.exit === 2 && /Cannot pre-load keyfile|No such file/.test(v.stderr)) return v.stderr.trim().split('\n').pop();
  return undefined;
}

// ---- Layerwise -----------------------------------------------------------------------------

function lint(file: string, text: string): Finding[] {
  const ws = new Workspace(nodeHost(), DIALECTS);
  ws.setFile(file, text, 'openvpn');
  return ws.analyze(file).filter((f) => f.path === file);
}
const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const parse = (text: string) => DIALECTS.get('openvpn')!.parse(text);

/** Every option line of a parse tree (connection children included, pushed options not). */
function optionLines(text: string): Directive[] {
  const out: Directive[] = [];
  for (const d of parse(text).tree) {
    if (d.name === 'connection' && d.children && !d.opaque) out.push(...d.children);
    else out.push(d);
  }
  return out;
}

/** Line spans (0-based, inclusive) of blocks openvpn reads as one unit: inline and <connection>. */
function blocks(text: string): [number, number][] {
  return parse(text).tree.filter((d) => d.opaque || (d.name === 'connection' && d.children)).map((d) => [d.range.start.line, d.range.end.line]);
}

// ---- environment ---------------------------------------------------------------------------

let work = '';
let counter = 0;

/** Writes the oracle's copy of `text` into a folder of its own, with the key files and scripts it needs. */
function materialise(name: string, text: string): string {
  const dir = path.join(work, `s${counter++}`);
  mkdirSync(dir, { recursive: true });
  const lines = text.split(/\r?\n/);
  const server = (() => {
    const ws = new Workspace(nodeHost(), DIALECTS);
    const f = ws.setFile(path.join(dir, name), text, 'openvpn');
    return fileKind(f!) === 'server';
  })();
  let local = 0;
  for (const d of optionLines(text)) {
    if (d.opaque || !d.args.length) continue;
    const key = KEY_OPTIONS.has(d.name);
    const script = SCRIPT_OPTIONS.has(d.name);
    if (!key && !script) continue;
    const arg = d.args[0];
    const target = script ? arg.value.split(/\s+/)[0] : arg.value;
    if (!target || target === '[inline]' || target === 'stdin') continue;
    let rel = target;
    if (path.isAbsolute(target)) {
      if (existsSync(target)) continue;
      rel = `lw-env-${local++}${script ? '.sh' : '.key'}`;
      const l = arg.range.start.line;
      if (arg.range.end.line !== l) continue;
      const newArg = script ? arg.text.replace(target, rel) : rel;
      lines[l] = lines[l].slice(0, arg.range.start.character) + newArg + lines[l].slice(arg.range.end.character);
    }
    const abs = path.resolve(dir, rel);
    if (!abs.startsWith(dir) || existsSync(abs)) continue;
    mkdirSync(path.dirname(abs), { recursive: true });
    if (script) {
      writeFileSync(abs, '#!/bin/sh\nexit 0\n');
      chmodSync(abs, 0o755);
    } else {
      writeFileSync(abs, d.name === 'tls-crypt-v2' ? (server ? V2_SERVER_KEY : V2_CLIENT_KEY) : STATIC_KEY);
    }
  }
  const file = path.join(dir, name);
  writeFileSync(file, lines.join(text.includes('\r\n') ? '\r\n' : '\n'));
  return file;
}

// ---- corpus --------------------------------------------------------------------------------

interface CorpusFile {
  name: string;
  text: string;
}

function corpus(): CorpusFile[] {
  const dir = path.join(corpusDir, 'openvpn');
  return readdirSync(dir).sort().map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

// ---- deterministic mutants -----------------------------------------------------------------

type Kind = 'typo' | 'arity' | 'value' | 'endtag' | 'move';
const KINDS: Record<Kind, number> = { typo: 26, arity: 24, value: 26, endtag: 14, move: 24 };

interface Mutant {
  id: string;
  kind: Kind;
  base: CorpusFile;
  text: string;
  what: string;
}

/** Option lines outside blocks, with a known option name. */
function plainOptions(text: string): Directive[] {
  return parse(text).tree.filter((d) => !d.opaque && !d.children?.length && optionSpec(d.name) && optionSpec(d.name)!.status !== 'removed');
}

/** The first line that is an option (after leading comments), where new lines go. */
function firstOptionLine(text: string): number {
  const t = parse(text).tree[0];
  return t ? t.range.start.line : 0;
}

function typoMutant(base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const d = pick(rnd, plainOptions(base.text).filter((x) => /^[a-z0-9-]+$/.test(x.name) && x.name.length > 2));
  if (!d) return undefined;
  const typo = typoOf(d.name, rnd);
  if (typo === d.name || optionSpec(typo)) return undefined;
  const r = d.nameRange;
  return { text: replaceOnLine(base.text, r.start.line, r.start.character, r.end.character, typo), what: `${d.name} -> ${typo} (line ${r.start.line + 1})` };
}

function arityMutant(base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const d = pick(rnd, plainOptions(base.text));
  if (!d) return undefined;
  const line = d.nameRange.start.line;
  if (d.range.end.line !== line) return undefined;
  if (!d.args.length || rnd() < 0.3) {
    const extra = pick(rnd, ['yes', '1', 'extra']);
    return { text: replaceOnLine(base.text, line, d.range.end.character, d.range.end.character, ` ${extra}`), what: `${d.name} + "${extra}" (line ${line + 1})` };
  }
  if (d.args.length >= 2 && rnd() < 0.5) {
    const prev = d.args[d.args.length - 2];
    return { text: replaceOnLine(base.text, line, prev.range.end.character, d.range.end.character, ''), what: `${d.name} without its last argument (line ${line + 1})` };
  }
  return { text: replaceOnLine(base.text, line, d.nameRange.end.character, d.range.end.character, ''), what: `${d.name} without arguments (line ${line + 1})` };
}

const BAD_PROTOS = ['UDP', 'TCP', 'tcp-clinet', 'udp5', 'sctp', 'tcp4-clients', 'http', 'udp6 ', 'tcp6', 'tcp-client', 'udp4'];
const BAD_PORTS = ['70000', '0', '65536', 'abc', '1194x', '-1', '443', '%PORT%'];

function valueMutant(base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const opts = plainOptions(base.text);
  const protoLine = opts.find((d) => d.name === 'proto' && d.args.length === 1);
  const portLine = opts.find((d) => (d.name === 'port' || d.name === 'lport' || d.name === 'rport') && d.args.length === 1);
  const remotes = opts.filter((d) => d.name === 'remote' && d.args.length >= 2);
  const choice = Math.floor(rnd() * 4);
  if (choice === 0) {
    const v = pick(rnd, BAD_PROTOS).trim();
    if (protoLine) {
      const a = protoLine.args[0];
      return { text: replaceOnLine(base.text, a.range.start.line, a.range.start.character, a.range.end.character, v), what: `proto ${v} (line ${a.range.start.line + 1})` };
    }
    const at = firstOptionLine(base.text);
    return { text: insertLine(base.text, at, `proto ${v}`), what: `insert proto ${v} (line ${at + 1})` };
  }
  if (choice === 1 && remotes.length) {
    const r = pick(rnd, remotes);
    const v = pick(rnd, BAD_PROTOS).trim();
    if (r.args.length >= 3) {
      const a = r.args[2];
      return { text: replaceOnLine(base.text, a.range.start.line, a.range.start.character, a.range.end.character, v), what: `remote ... ${v} (line ${a.range.start.line + 1})` };
    }
    return { text: replaceOnLine(base.text, r.range.end.line, r.range.end.character, r.range.end.character, ` ${v}`), what: `remote ... + ${v} (line ${r.range.end.line + 1})` };
  }
  const v = pick(rnd, BAD_PORTS);
  if (choice === 2 && portLine) {
    const a = portLine.args[0];
    return { text: replaceOnLine(base.text, a.range.start.line, a.range.start.character, a.range.end.character, v), what: `${portLine.name} ${v} (line ${a.range.start.line + 1})` };
  }
  if (remotes.length) {
    const r = pick(rnd, remotes);
    const a = r.args[1];
    return { text: replaceOnLine(base.text, a.range.start.line, a.range.start.character, a.range.end.character, v), what: `remote port ${v} (line ${a.range.start.line + 1})` };
  }
  const at = firstOptionLine(base.text);
  return { text: insertLine(base.text, at, `port ${v}`), what: `insert port ${v} (line ${at + 1})` };
}

function endtagMutant(base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const inline = parse(base.text).tree.filter((d) => d.opaque);
  if (!inline.length) return undefined;
  const d = pick(rnd, inline);
  const end = d.range.end.line;
  const { lines, eol } = splitLines(base.text);
  if (!/^\s*<\//.test(lines[end] ?? '')) return undefined;
  lines.splice(end, 1);
  return { text: lines.join(eol), what: `<${d.name}> without its end tag (line ${d.range.start.line + 1})` };
}

/** Server-side lines to move into a client: most refused there, some only ignored. */
const SERVER_ONLY = ['client-to-client', 'duplicate-cn', 'server 10.8.0.0 255.255.255.0', 'ifconfig-pool-persist ipp.txt', 'client-config-dir ccd',
  'ifconfig-pool 10.8.0.10 10.8.0.20', 'username-as-common-name', 'stale-routes-check 60', 'learn-address /bin/true', 'mode server',
  'server-ipv6 fd00:8::/64', 'iroute 10.1.0.0 255.255.255.0', 'push-reset', 'ifconfig-push 10.8.0.10 255.255.255.0', 'auth-gen-token',
  'push "route 10.1.0.0 255.255.255.0"', 'max-clients 10', 'dh dh.pem', 'topology subnet', 'tcp-queue-limit 64'];

function moveMutant(base: CorpusFile, rnd: () => number, clients: Set<string>): { text: string; what: string } | undefined {
  if (!clients.has(base.name)) return undefined;
  const line = pick(rnd, SERVER_ONLY);
  const { lines } = splitLines(base.text);
  const candidates = optionLines(base.text).filter((d) => !d.opaque && d.parent === undefined).map((d) => d.range.end.line + 1);
  const at = candidates.length ? pick(rnd, candidates) : lines.length;
  return { text: insertLine(base.text, at, line), what: `${line} into the client (line ${at + 1})` };
}

function mutants(bases: CorpusFile[], clients: Set<string>): Mutant[] {
  const makers: Record<Kind, (b: CorpusFile, r: () => number) => { text: string; what: string } | undefined> = {
    typo: typoMutant,
    arity: arityMutant,
    value: valueMutant,
    endtag: endtagMutant,
    move: (b, r) => moveMutant(b, r, clients),
  };
  const out: Mutant[] = [];
  (Object.keys(KINDS) as Kind[]).forEach((kind, k) => {
    const want = KINDS[kind];
    const rnd = prng(SEED + k * 101);
    const seen = new Set<string>();
    let made = 0;
    for (let attempt = 0; made < want && attempt < want * 40; attempt++) {
      const base = pick(rnd, bases);
      const m = makers[kind](base, rnd);
      if (!m || m.text === base.text || seen.has(m.text)) continue;
      seen.add(m.text);
      out.push({ id: `${kind}-${String(made).padStart(2, '0')}`, kind, base, ...m });
      made++;
    }
  });
  return out;
}

// ---- comparison ----------------------------------------------------------------------------

interface Sample {
  id: string;
  kind: string;
  label: string;
  text: string;
  oracle: Verdict;
  ours: Finding[];
}

/**
 * Whether one of our errors is on the oracle's line (1-based). openvpn reads an inline block or a
 * <connection> block as one unit, and the oracle finds the line of a message without one by
 * cutting the file shorter, so an error inside such a block is reported at its last line: any of
 * our errors inside the same block counts.
 */
function sameLine(line: number, errors: Finding[], text: string): boolean {
  const l = line - 1;
  if (errors.some((f) => f.range.start.line <= l && l <= f.range.end.line)) return true;
  const block = blocks(text).find(([s, e]) => s <= l && l <= e);
  return !!block && errors.some((f) => block[0] <= f.range.start.line && f.range.start.line <= block[1]);
}

function compare(samples: Sample[]): { rows: Map<string, Row>; total: Row; notes: string[] } {
  const { rows, total, count: countOf } = tally();
  const notes: string[] = [];
  for (const s of samples) {
    const count = (k: keyof Row) => countOf(s.kind, k);
    if (s.oracle.exit === 2 && !environmental(s.oracle)) {
      count('oracleFailed');
      notes.push(`  oracle failure: ${s.id} ${s.label}: ${s.oracle.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const env = environmental(s.oracle);
    if (env) {
      count('excluded');
      notes.push(`  excluded: ${s.id} ${s.label}: environment (${env})`);
      continue;
    }
    count('n');
    const theirs = s.oracle.exit === 1;
    const errors = errorsOf(s.ours);
    const mine = errors.length > 0;
    const first = oracleErrors(s.oracle)[0];
    const show = `${s.id} ${s.label}: openvpn ${theirs ? `line ${first?.line ?? 0}: ${first?.message}` : 'valid'}; Layerwise ${mine ? errors.map((f) => `line ${f.range.start.line + 1}: ${f.rule}`).join(', ') : 'valid'}`;
    if (process.env.LW_DIFF_VERBOSE) console.log(`  ${show}`);
    if (theirs !== mine) {
      notes.push(`  verdict: ${show}`);
      continue;
    }
    count('verdicts');
    if (!theirs) continue;
    count('bothInvalid');
    if (!first || first.line === 0) {
      count('lineless');
      continue;
    }
    if (sameLine(first.line, errors, s.text)) count('lines');
    else notes.push(`  line:    ${show}`);
  }
  return { rows, total, notes };
}

function printTable(rows: Map<string, Row>, total: Row): void {
  const table = ['openvpn: kind      samples  verdicts agree  lines agree  no line  excluded  oracle failed'];
  for (const [kind, r] of [...rows, ['total', total] as [string, Row]]) {
    table.push(`         ${kind.padEnd(9)} ${String(r.n).padStart(7)}  ${`${r.verdicts} (${pct(r.verdicts, r.n)}%)`.padStart(14)}  ${`${r.lines}/${r.bothInvalid - r.lineless}`.padStart(11)}  ${String(r.lineless).padStart(7)}  ${String(r.excluded).padStart(8)}  ${String(r.oracleFailed).padStart(13)}`);
  }
  console.log(table.join('\n'));
  console.log(`openvpn differential: ${total.verdicts}/${total.n} verdicts agree (${pct(total.verdicts, total.n)}%), lines ${total.lines}/${total.bothInvalid - total.lineless}`);
}

// ---- the test ------------------------------------------------------------------------------

describe.skipIf(!available)('openvpn differential (openvpn 2.6.14 vs Layerwise)', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lw-ovpn-diff-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('agrees with openvpn on the corpus and its mutants', async () => {
    const files = corpus();
    expect(files.length).toBeGreaterThan(20);
    const judge = async (name: string, text: string) => {
      const file = materialise(name, text);
      const oracle = await runCheck(file);
      return { oracle, ours: lint(file, text) };
    };
    const corpusVerdicts = await mapLimit(files, CONCURRENCY, (f) => judge(f.name, f.text));
    const samples: Sample[] = files.map((f, i) => ({ id: `corpus-${String(i).padStart(2, '0')}`, kind: 'corpus', label: f.name, text: f.text, ...corpusVerdicts[i] }));

    const accepted = files.filter((_, i) => corpusVerdicts[i].oracle.exit === 0);
    expect(accepted.length).toBeGreaterThan(10);
    const clients = new Set(accepted.filter((f) => {
      const ws = new Workspace(nodeHost(), DIALECTS);
      return fileKind(ws.setFile(`/corpus/${f.name}`, f.text, 'openvpn')!) === 'client';
    }).map((f) => f.name));
    const all = mutants(accepted, clients);
    const mutantVerdicts = await mapLimit(all, CONCURRENCY, (m) => judge(m.base.name, m.text));
    all.forEach((m, i) => samples.push({ id: m.id, kind: m.kind, label: `${m.base.name} [${m.what}]`, text: m.text, ...mutantVerdicts[i] }));

    const { rows, total, notes } = compare(samples);
    printTable(rows, total);
    if (notes.length) console.log(`openvpn disagreements and exclusions:\n${notes.join('\n')}`);

    expect(all.length).toBeGreaterThanOrEqual(90);
    expect(total.n).toBeGreaterThanOrEqual(100);
    expect(total.verdicts / total.n).toBeGreaterThanOrEqual(MIN_AGREEMENT);
    expect(total.lines / Math.max(1, total.bothInvalid - total.lineless)).toBeGreaterThanOrEqual(MIN_LINE_AGREEMENT);
  }, 60_000);
});
