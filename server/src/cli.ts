// `layerwise lint`: the engine for terminals and CI. Exit 0 without errors, 1 with, 2 on misuse.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatJson, formatSarif, formatText, type FileReport } from './cli-format';
import { DIALECTS } from './dialects/index';
import { detectLanguage } from './engine/detect';
import type { RuleSetting } from './engine/rules';
import type { LanguageId } from './engine/syntax';
import { Workspace } from './engine/workspace';
import { nodeHost } from './node-host';

const VERSION = '0.1.0';
const LANGUAGES: LanguageId[] = ['nginx', 'ssh_config', 'sshd_config', 'openvpn'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const USAGE = `Usage: layerwise lint [options] PATH...

Checks nginx, OpenSSH and OpenVPN configs for what breaks connectivity, by OSI layer.
Directories are walked; all files of one call are analysed together.

Options:
  --format text|json|sarif    output format (default: text)
  --language LANG             force the language: ${LANGUAGES.join(', ')}
  --context CTX               nginx fragments: the block they are included in
                              (main, events, http, server, location, upstream, stream, stream-server)
  --rule ID=LEVEL             set a rule to off, info, warning or error (repeatable)
  --no-color                  plain text output
  -h, --help                  show this help
  -v, --version               show the version`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

/** Collects the files to lint: explicit files as given, directories walked for known languages. */
function collect(paths: string[], forced: LanguageId | undefined): { files: Map<string, LanguageId>; notes: string[] } {
  const files = new Map<string, LanguageId>();
  const notes: string[] = [];
  const consider = (path: string, explicit: boolean) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      fail(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    const lang = forced ?? detectLanguage(path, text);
    if (!lang) {
      if (explicit) notes.push(`${path}: not recognised as ${LANGUAGES.join(', ')}; skipped. Use --language to force one.`);
      return;
    }
    files.set(path, lang);
  };
  const walkDir = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      fail(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = resolve(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walkDir(p);
      } else if (e.isFile()) consider(p, false);
    }
  };
  for (const raw of paths) {
    const path = resolve(raw);
    let st;
    try {
      st = statSync(path);
    } catch {
      fail(`${raw}: no such file or directory.`);
    }
    if (st.isDirectory()) walkDir(path);
    else consider(path, true);
  }
  return { files, notes };
}

/** Paths inside the working directory are shown relative to it, others in full. */
function displayPath(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return !rel || rel.startsWith('..') ? abs : rel;
}

function sarifUri(report: FileReport): string {
  const rel = relative(process.cwd(), report.absPath);
  return !rel || rel.startsWith('..') ? pathToFileURL(report.absPath).href : rel.split(sep).join('/');
}

function lint(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      language: { type: 'string' },
      context: { type: 'string' },
      rule: { type: 'string', multiple: true },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) fail(`unknown --format "${format}"; use text, json or sarif.`);
  const forced = values.language as LanguageId | undefined;
  if (forced && !LANGUAGES.includes(forced)) fail(`unknown --language "${forced}"; use one of ${LANGUAGES.join(', ')}.`);
  if (!positionals.length) fail('no PATH given. Example: layerwise lint examples/');

  const settings: Record<string, RuleSetting> = {};
  for (const r of values.rule ?? []) {
    const m = /^([\w-]+\/[\w-]+)=(off|info|warning|error)$/.exec(r);
    if (!m) fail(`--rule "${r}" is not ID=LEVEL (LEVEL: off, info, warning, error).`);
    settings[m[1]] = m[2] as RuleSetting;
  }

  const { files, notes } = collect(positionals, forced);
  const ws = new Workspace(nodeHost(), DIALECTS);
  ws.settings = settings;
  const reports: FileReport[] = [];
  const loaded: string[] = [];
  for (const [path, language] of files) {
    if (!ws.dialect(language)) {
      notes.push(`${path}: ${language} files are recognised but not analysed by this version; skipped.`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    ws.setFile(path, text, language);
    if (values.context) ws.contextOverride.set(path, values.context);
    loaded.push(path);
  }
  for (const path of loaded) reports.push({ path: displayPath(path), absPath: path, language: files.get(path)!, findings: ws.analyze(path) });
  for (const n of notes) process.stderr.write(`layerwise: ${n}\n`);
  if (!reports.length) fail('no nginx, ssh_config, sshd_config or OpenVPN files to analyse in the given paths.');

  const allRules = [...DIALECTS.values()].flatMap((d) => d.rules);
  if (format === 'json') process.stdout.write(formatJson(reports) + '\n');
  else if (format === 'sarif') process.stdout.write(formatSarif(reports, allRules, sarifUri, VERSION) + '\n');
  else process.stdout.write(formatText(reports, !values['no-color'] && !!process.stdout.isTTY) + '\n');
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export function main(argv: string[]): number {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      process.stdout.write(VERSION + '\n');
      return 0;
    }
    if (command === 'lint') return lint(rest);
    fail(`unknown command "${command}". Run "layerwise --help".`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`layerwise: ${(e as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`layerwise: internal error: ${(e as Error).stack ?? e}\nPlease report this with the file that caused it.\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
