// Differential test against the real ssh and sshd (`ssh -G` and `sshd -t` through
// ../shared/oracles/ssh-check and sshd-check).
// (a) Every corpus file (/work/shared/corpus/ssh_config, sshd_config) is judged by the oracle and
//     by Layerwise (invalid = any error-level finding); the verdicts must agree.
// (b) Deterministic mutants of the files the oracle accepts (a misspelt keyword, a bad yes/no
//     value, an out-of-range Port, a malformed LocalForward, a global-only keyword moved into a
//     Match block, a removed argument) are judged the same way. When both reject, the oracle's
//     first ERROR line must be one of our error lines.
// Verdicts must agree on at least 95% of all samples, for ssh and for sshd separately.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../server/src/dialects/index';
import { isMatchAll } from '../../server/src/dialects/ssh/hosts-scope';
import { specOf, type SshSide } from '../../server/src/dialects/ssh/schema';
import type { Finding } from '../../server/src/engine/rules';
import type { Directive } from '../../server/src/engine/syntax';
import { Workspace } from '../../server/src/engine/workspace';
import { nodeHost } from '../../server/src/node-host';
import { insertLine, replaceOnLine, splitLines, typoOf } from '../support/mutate';
import { corpusDir, mapLimit, oracleCheck, oracleDir, oracleGate, type OracleResult } from '../support/oracle';
import { pick, prng } from '../support/prng';
import { pct, tally, type Row } from '../support/tally';

const CONCURRENCY = 6;
const SEED = Number(process.env.LW_DIFF_SEED ?? 0x55d1);
const MIN_AGREEMENT = 0.95;
const MIN_LINE_AGREEMENT = 0.9;

type Tool = 'ssh' | 'sshd';
const LANG = { ssh: 'ssh_config', sshd: 'sshd_config' } as const;
const SIDE: Record<Tool, SshSide> = { ssh: 'client', sshd: 'server' };

// ---- oracle --------------------------------------------------------------------------------

type Verdict = OracleResult;

const check = (tool: Tool, file: string): Promise<Verdict> => oracleCheck(tool, [file]);

/**
 * The oracle's errors. A rejected file turns every notice into an ERROR line, including
 * "Deprecated option X" and "Unsupported option X", which only say a keyword is ignored.
 */
const oracleErrors = (v: Verdict) => v.lines.filter((l) => l.level === 'ERROR' && !/^(Deprecated|Unsupported) option /.test(l.message));

/** The line of the oracle's first error: a numbered ERROR, or "at line N" in a line-0 message. */
function oracleLine(v: Verdict): number | undefined {
  const errors = oracleErrors(v);
  const numbered = errors.find((l) => l.line > 0);
  if (numbered) return numbered.line;
  for (const e of errors) {
    const m = /\bat line (\d+)\b/.exec(e.message);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** A verdict that depends on this machine (DNS while canonicalizing), not on the file. */
function environmental(v: Verdict): string | undefined {
  const e = v.lines.find((l) => l.level === 'ERROR' && /Could not resolve hostname|name resolution/.test(l.message));
  return e?.message;
}

const available = oracleGate(existsSync(path.join(oracleDir, 'ssh-check')) && existsSync(path.join(oracleDir, 'sshd-check'))
  && ['/usr/bin/ssh', '/usr/sbin/sshd'].every((p) => existsSync(p)), 'the ssh/sshd oracle');

// ---- Layerwise -----------------------------------------------------------------------------

function lint(tool: Tool, file: string, text: string): Finding[] {
  const ws = new Workspace(nodeHost(), DIALECTS);
  ws.setFile(file, text, LANG[tool]);
  return ws.analyze(file).filter((f) => f.path === file);
}

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');
const parse = (tool: Tool, text: string) => DIALECTS.get(LANG[tool])!.parse(text);

// ---- corpus --------------------------------------------------------------------------------

interface CorpusFile {
  tool: Tool;
  name: string;
  file: string;
  text: string;
}

function corpus(tool: Tool): CorpusFile[] {
  const dir = path.join(corpusDir, LANG[tool]);
  return readdirSync(dir).sort().map((name) => ({ tool, name, file: path.join(dir, name), text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** ssh-check runs nothing for `Match exec`, but such files are left out to keep the comparison simple. */
const hasMatchExec = (text: string) => /^[ \t]*match\b[^\n#]*\bexec\b/im.test(text);

// ---- deterministic mutants -----------------------------------------------------------------

type Kind = 'typo' | 'yesno' | 'port' | 'forward' | 'match' | 'arg';
const KINDS: Record<Tool, Record<Kind, number>> = {
  ssh: { typo: 16, yesno: 16, port: 12, forward: 20, match: 0, arg: 14 },
  sshd: { typo: 16, yesno: 16, port: 12, forward: 0, match: 18, arg: 14 },
};

interface Mutant {
  id: string;
  tool: Tool;
  kind: Kind;
  base: CorpusFile;
  text: string;
  what: string;
}

function keywordLines(tool: Tool, text: string): Directive[] {
  const out: Directive[] = [];
  for (const d of parse(tool, text).tree) {
    out.push(d);
    for (const c of d.children ?? []) out.push(c);
  }
  return out;
}

/** Where a global line may be inserted: before the first Host/Match section (line 0 at the latest). */
function globalSlot(tool: Tool, text: string): number {
  const first = parse(tool, text).tree.find((d) => d.children);
  return first ? first.nameRange.start.line : 0;
}

const BAD_YESNO = ['maybe', 'on', 'off', 'true', 'false', 'enabled', 'Y', '1', 'yes,no', 'nope'];
const BAD_PORTS = ['0', '65536', '70000', '99999', '-1', '123456', '65535', '1'];
const FORWARDS = [
  // malformed
  '8080', '0 localhost:80', '8080 localhost', '70000 localhost:80', '8080 localhost:0', 'a:b:c localhost:80',
  '[::1:8080 localhost:80', '8080 localhost:80 extra', '8080 [::1]:99999', 'localhost:8080:localhost:80', '8080 ::1:22',
  '65536 127.0.0.1:22', '8080 db.example.test:', 'abc 192.0.2.10:5432',
  // valid, to catch false alarms
  '*:8080 localhost:80', '[::1]:8080 [::1]:80', '/tmp/lw.sock localhost:80', '8080 localhost:http', ':5432 db.example.test:5432',
  '127.0.0.1:8080 192.0.2.10:80', '8080 /run/lw.sock',
];
const GLOBAL_ONLY = ['Port 2222', 'ListenAddress 0.0.0.0', 'UsePAM yes', 'HostKey /etc/ssh/ssh_host_ed25519_key', 'Ciphers aes128-ctr', 'LoginGraceTime 30', 'UseDNS no', 'Subsystem sftp internal-sftp', 'TCPKeepAlive yes'];

function typoMutant(tool: Tool, base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const side = SIDE[tool];
  const lines = keywordLines(tool, base.text).filter((d) => !d.children && specOf(side, d.name) && !specOf(side, d.name)!.status && /^[A-Za-z0-9]+$/.test(d.name));
  if (!lines.length) return undefined;
  const d = pick(rnd, lines);
  const typo = typoOf(d.name, rnd);
  if (typo === d.name || specOf(side, typo) || specOf(side === 'client' ? 'server' : 'client', typo)) return undefined;
  if (side === 'client' && /^\s*IgnoreUnknown/im.test(base.text)) return undefined;
  return { text: replaceOnLine(base.text, d.nameRange.start.line, d.nameRange.start.character, d.nameRange.end.character, typo), what: `${d.name} -> ${typo} (line ${d.nameRange.start.line + 1})` };
}

function yesnoMutant(tool: Tool, base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const side = SIDE[tool];
  const bad = pick(rnd, BAD_YESNO);
  const lines = keywordLines(tool, base.text).filter((d) => specOf(side, d.name)?.kind === 'yesno' && !specOf(side, d.name)!.status && d.args.length === 1);
  if (lines.length && rnd() < 0.8) {
    const d = pick(rnd, lines);
    const a = d.args[0];
    return { text: replaceOnLine(base.text, a.range.start.line, a.range.start.character, a.range.end.character, bad), what: `${d.name} ${bad} (line ${a.range.start.line + 1})` };
  }
  const keyword = pick(rnd, tool === 'ssh' ? ['BatchMode', 'ForwardX11', 'Compression', 'CheckHostIP'] : ['PasswordAuthentication', 'X11Forwarding', 'UseDNS', 'PermitEmptyPasswords']);
  const at = globalSlot(tool, base.text);
  return { text: insertLine(base.text, at, `${keyword} ${bad}`), what: `insert ${keyword} ${bad} (line ${at + 1})` };
}

function portMutant(tool: Tool, base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const side = SIDE[tool];
  const port = pick(rnd, BAD_PORTS);
  const lines = keywordLines(tool, base.text).filter((d) => d.name.toLowerCase() === 'port' && d.args.length === 1 && specOf(side, d.name));
  if (lines.length && rnd() < 0.7) {
    const d = pick(rnd, lines);
    const a = d.args[0];
    return { text: replaceOnLine(base.text, a.range.start.line, a.range.start.character, a.range.end.character, port), what: `Port ${port} (line ${a.range.start.line + 1})` };
  }
  const at = globalSlot(tool, base.text);
  return { text: insertLine(base.text, at, `Port ${port}`), what: `insert Port ${port} (line ${at + 1})` };
}

function forwardMutant(tool: Tool, base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const spec = pick(rnd, FORWARDS);
  const sections = parse(tool, base.text).tree.filter((d) => d.children && d.name.toLowerCase() === 'host');
  const at = sections.length && rnd() < 0.7 ? pick(rnd, sections).nameRange.start.line + 1 : globalSlot(tool, base.text);
  return { text: insertLine(base.text, at, `    LocalForward ${spec}`), what: `LocalForward ${spec} (line ${at + 1})` };
}

function matchMutant(tool: Tool, base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const side = SIDE[tool];
  const tree = parse(tool, base.text).tree;
  const globals = tree.filter((d) => !d.children && specOf(side, d.name)?.matchAllowed === false && !specOf(side, d.name)!.status);
  const { lines, eol } = splitLines(base.text);
  let moved: string;
  let from = -1;
  if (globals.length && rnd() < 0.75) {
    const d = pick(rnd, globals);
    from = d.nameRange.start.line;
    moved = lines[from].trim();
  } else moved = pick(rnd, GLOBAL_ONLY);
  const matches = tree.filter((d) => d.children && d.name.toLowerCase() === 'match');
  const out = lines.filter((_, i) => i !== from);
  let what: string;
  if (matches.length && rnd() < 0.6) {
    const m = pick(rnd, matches);
    let at = m.nameRange.start.line + 1;
    if (from >= 0 && from < at) at--;
    out.splice(at, 0, `    ${moved}`);
    what = `${moved} into ${m.name} ${m.args.map((a) => a.text).join(' ')}${isMatchAll(m) ? ' (Match all: allowed)' : ''} (line ${at + 1})`;
  } else {
    const criteria = pick(rnd, ['User lw', 'Group sftp', 'Address 192.0.2.0/24', 'Host *.example.test', 'LocalPort 2222', 'All']);
    out.push(`Match ${criteria}`, `    ${moved}`);
    what = `${moved} into new Match ${criteria} (line ${out.length})`;
  }
  return { text: out.join(eol), what };
}

function argMutant(tool: Tool, base: CorpusFile, rnd: () => number): { text: string; what: string } | undefined {
  const side = SIDE[tool];
  const lines = keywordLines(tool, base.text).filter((d) => d.args.length > 0 && specOf(side, d.name) && !specOf(side, d.name)!.status);
  if (!lines.length) return undefined;
  const d = pick(rnd, lines);
  const first = d.args[0];
  const last = d.args[d.args.length - 1];
  if (first.range.start.line !== last.range.end.line) return undefined;
  if (d.args.length >= 2 && rnd() < 0.5) {
    const prev = d.args[d.args.length - 2];
    return { text: replaceOnLine(base.text, last.range.end.line, prev.range.end.character, last.range.end.character, ''), what: `${d.name} without its last argument (line ${last.range.end.line + 1})` };
  }
  return { text: replaceOnLine(base.text, first.range.start.line, d.nameRange.end.character, last.range.end.character, ''), what: `${d.name} without arguments (line ${first.range.start.line + 1})` };
}

const MAKERS: Record<Kind, (tool: Tool, base: CorpusFile, rnd: () => number) => { text: string; what: string } | undefined> = {
  typo: typoMutant,
  yesno: yesnoMutant,
  port: portMutant,
  forward: forwardMutant,
  match: matchMutant,
  arg: argMutant,
};

function mutants(tool: Tool, bases: CorpusFile[]): Mutant[] {
  const out: Mutant[] = [];
  (Object.keys(MAKERS) as Kind[]).forEach((kind, k) => {
    const want = KINDS[tool][kind];
    const rnd = prng(SEED + k * 101 + (tool === 'sshd' ? 7 : 0));
    const seen = new Set<string>();
    let made = 0;
    for (let attempt = 0; made < want && attempt < want * 30; attempt++) {
      const base = pick(rnd, bases);
      const m = MAKERS[kind](tool, base, rnd);
      if (!m || m.text === base.text || seen.has(m.text)) continue;
      seen.add(m.text);
      out.push({ id: `${tool}-${kind}-${String(made).padStart(2, '0')}`, tool, kind, base, ...m });
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
  oracle: Verdict;
  ours: Finding[];
}

function compare(tool: Tool, samples: Sample[]): { rows: Map<string, Row>; total: Row; notes: string[] } {
  const { rows, total, count: countOf } = tally();
  const notes: string[] = [];
  for (const s of samples) {
    const count = (k: keyof Row) => countOf(s.kind, k);
    if (s.oracle.exit === 2) {
      count('oracleFailed');
      notes.push(`  oracle failure: ${s.id} ${s.label}: ${s.oracle.stderr.trim()}`);
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
    const firstError = oracleErrors(s.oracle)[0];
    const show = `${s.id} ${s.label}: ${tool} ${theirs ? `line ${oracleLine(s.oracle) ?? 0}: ${firstError?.message}` : 'valid'}; Layerwise ${mine ? errors.map((f) => `line ${f.range.start.line + 1}: ${f.rule}`).join(', ') : 'valid'}`;
    if (process.env.LW_DIFF_VERBOSE) console.log(`  ${show}`);
    if (theirs !== mine) {
      notes.push(`  verdict: ${show}`);
      continue;
    }
    count('verdicts');
    if (!theirs) continue;
    count('bothInvalid');
    const line = oracleLine(s.oracle);
    if (line !== undefined && errors.some((f) => f.range.start.line + 1 === line)) count('lines');
    else notes.push(`  line:    ${show}`);
  }
  return { rows, total, notes };
}

function printTable(tool: Tool, rows: Map<string, Row>, total: Row): void {
  const table = [`${tool}: kind      samples  verdicts agree  lines agree  excluded  oracle failed`];
  for (const [kind, r] of rows) {
    table.push(`${' '.repeat(tool.length + 2)}${kind.padEnd(9)} ${String(r.n).padStart(7)}  ${`${r.verdicts} (${pct(r.verdicts, r.n)}%)`.padStart(14)}  ${`${r.lines}/${r.bothInvalid}`.padStart(11)}  ${String(r.excluded).padStart(8)}  ${String(r.oracleFailed).padStart(13)}`);
  }
  console.log(table.join('\n'));
  console.log(`${tool} differential: ${total.verdicts}/${total.n} verdicts agree (${pct(total.verdicts, total.n)}%), lines ${total.lines}/${total.bothInvalid}`);
}

// ---- the tests -----------------------------------------------------------------------------

let work = '';
let counter = 0;

describe.skipIf(!available)('ssh/sshd differential (ssh -G, sshd -t vs Layerwise)', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'lw-ssh-diff-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const tool of ['ssh', 'sshd'] as Tool[]) {
    it(`agrees with ${tool === 'ssh' ? 'ssh -G' : 'sshd -t'} on the corpus and its mutants`, async () => {
      const files = corpus(tool);
      expect(files.length).toBeGreaterThan(5);
      const skipped = tool === 'ssh' ? files.filter((f) => hasMatchExec(f.text)) : [];
      const judged = files.filter((f) => !skipped.includes(f));
      const corpusVerdicts = await mapLimit(judged, CONCURRENCY, (f) => check(tool, f.file));
      const samples: Sample[] = judged.map((f, i) => ({ id: `${tool}-corpus-${String(i).padStart(2, '0')}`, kind: 'corpus', label: f.name, oracle: corpusVerdicts[i], ours: lint(tool, f.file, f.text) }));

      const accepted = judged.filter((_, i) => corpusVerdicts[i].exit === 0 && !environmental(corpusVerdicts[i]));
      expect(accepted.length).toBeGreaterThan(3);
      const all = mutants(tool, accepted);
      const mutantVerdicts = await mapLimit(all, CONCURRENCY, (m) => {
        const file = path.join(work, `${m.id}-${counter++}.conf`);
        writeFileSync(file, m.text);
        return check(tool, file).then((oracle) => ({ oracle, ours: lint(tool, file, m.text) }));
      });
      all.forEach((m, i) => samples.push({ id: m.id, kind: m.kind, label: `${m.base.name} [${m.what}]`, ...mutantVerdicts[i] }));

      const { rows, total, notes } = compare(tool, samples);
      printTable(tool, rows, total);
      if (skipped.length) console.log(`${tool}: skipped (Match exec): ${skipped.map((f) => f.name).join(', ')}`);
      if (notes.length) console.log(`${tool} disagreements and exclusions:\n${notes.join('\n')}`);

      expect(all.length).toBeGreaterThanOrEqual(60);
      expect(total.n).toBeGreaterThanOrEqual(60);
      expect(total.verdicts / total.n).toBeGreaterThanOrEqual(MIN_AGREEMENT);
      expect(total.lines / Math.max(1, total.bothInvalid)).toBeGreaterThanOrEqual(MIN_LINE_AGREEMENT);
    }, 60_000);
  }
});
