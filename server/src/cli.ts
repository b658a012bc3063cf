// `layerwise lint` and `layerwise graph`: the engine for terminals and CI. lint exits 0 without
// errors and 1 with them; graph exits 0; both exit 2 on misuse.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isatty } from 'node:tty';
import { parseArgs } from 'node:util';
import { formatByLayer, formatJson, formatSarif, formatText, printable, type FileReport } from './cli-format';
import { exitWhenWritten, writeOut } from './cli-output';
import { buildRelayGraph } from './graph/build';
import { renderDot } from './graph/dot';
import { renderJson } from './graph/json';
import { layoutGraphSync } from './graph/layout';
import { renderMermaid } from './graph/mermaid';
import { renderSvg } from './graph/svg';
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
       layerwise graph [options] PATH...

Checks nginx, OpenSSH and OpenVPN configs for what breaks connectivity, by OSI layer.
Directories are walked; all files of one call are analysed together.

  lint     findings per file, then (text format) grouped by layer, bottom up
  graph    the relay paths the configs set up: endpoints and hops, each hop with its
           layer, protocol and port; hops with an error or warning are drawn as broken

Options:
  --format FORMAT             lint: text, json or sarif (default: text)
                              graph: mermaid, svg, dot or json (default: mermaid)
  --language LANG             force the language: ${LANGUAGES.join(', ')}
  --context CTX               nginx fragments: the block they are included in
                              (main, events, http, server, location, upstream, stream, stream-server)
  --rule ID=LEVEL             set a rule to off, info, warning or error (repeatable)
  --stdin-filename NAME       the PATH - reads standard input; NAME is the file it stands for
                              (its language, where its includes are found, the name shown)
  --no-color                  plain text output
  -h, --help                  show this help
  -v, --version               show the version

Exit status: lint 0 without errors, 1 with; graph 0; 2 on misuse.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

/** What standard input (the PATH `-`) is called when --stdin-filename does not name it. */
const STDIN_NAME = '<stdin>';

/** A file to lint: its language and the text read to detect it. */
interface Collected {
  language: LanguageId;
  text: string;
}

/**
 * Whether a file's content is binary: a NUL byte in its first 8000 bytes, the test git and grep
 * apply. Text in a legacy encoding (Latin-1, EUC-KR comments) has none and is still read.
 */
function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** Collects the files to lint: explicit files as given, directories walked for known languages. */
function collect(paths: string[], forced: LanguageId | undefined, stdinName: string): { files: Map<string, Collected>; notes: string[] } {
  const files = new Map<string, Collected>();
  const notes: string[] = [];
  // `path` is where the file is read from, unless `from` (standard input) is given.
  const consider = (path: string, explicit: boolean, from: number | string = path) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(from);
    } catch (e) {
      fail(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
    }
    // Not even with --language: read as a config, a binary file only yields pages of nonsense findings.
    if (looksBinary(bytes)) {
      if (explicit) notes.push(`${path}: binary content (it holds NUL bytes), not a config file; skipped.`);
      return;
    }
    const text = bytes.toString('utf8');
    const lang = forced ?? detectLanguage(path, text);
    if (!lang) {
      if (explicit) notes.push(`${path}: not recognised as ${LANGUAGES.join(', ')}; skipped. Use --language to force one.`);
      return;
    }
    files.set(path, { language: lang, text });
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
    if (raw === '') fail('an empty PATH was given; name a file or directory (or . for this one).');
    if (raw === '-') {
      consider(resolve(stdinName), true, 0);
      continue;
    }
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

const COMMON_OPTIONS = {
  language: { type: 'string' },
  context: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'stdin-filename': { type: 'string' },
  'no-color': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

interface CommonValues {
  'stdin-filename'?: string;
  language?: string;
  context?: string;
  rule?: string[];
}

/** The workspace of one call: every recognised file under the given paths, with settings applied. */
function loadWorkspace(command: string, positionals: string[], values: CommonValues): { ws: Workspace; loaded: string[]; files: Map<string, Collected> } {
  const forced = values.language as LanguageId | undefined;
  if (forced && !LANGUAGES.includes(forced)) fail(`unknown --language "${forced}"; use one of ${LANGUAGES.join(', ')}.`);
  if (!positionals.length) fail(`no PATH given. Example: layerwise ${command} examples/`);

  const settings: Record<string, RuleSetting> = {};
  for (const r of values.rule ?? []) {
    const m = /^([\w-]+\/[\w-]+)=(off|info|warning|error)$/.exec(r);
    if (!m) fail(`--rule "${r}" is not ID=LEVEL (LEVEL: off, info, warning, error).`);
    settings[m[1]] = m[2] as RuleSetting;
  }

  if (values['stdin-filename'] !== undefined && !positionals.includes('-')) fail('--stdin-filename names standard input, given as the PATH "-".');
  const { files, notes } = collect(positionals, forced, values['stdin-filename'] ?? STDIN_NAME);
  const ws = new Workspace(nodeHost(), DIALECTS);
  ws.settings = settings;
  const loaded: string[] = [];
  for (const [path, { language, text }] of files) {
    if (!ws.dialect(language)) {
      notes.push(`${path}: ${language} files are recognised but not analysed by this version; skipped.`);
      continue;
    }
    ws.setFile(path, text, language);
    if (values.context) ws.contextOverride.set(path, values.context);
    loaded.push(path);
  }
  for (const n of notes) writeOut(2, `layerwise: ${printable(n)}\n`);
  if (!loaded.length) fail('no nginx, ssh_config, sshd_config or OpenVPN files to analyse in the given paths.');
  return { ws, loaded, files };
}

/** Parses a command's options; undefined when --help was asked for (and printed). */
function parseCommand(argv: string[], formats: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: formats[0] }, ...COMMON_OPTIONS },
  });
  if (values.help) {
    writeOut(1, USAGE + '\n');
    return undefined;
  }
  const format = values.format!;
  if (!formats.includes(format)) fail(`unknown --format "${format}"; use ${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}.`);
  return { values, positionals, format };
}

function lint(argv: string[]): number {
  const parsed = parseCommand(argv, ['text', 'json', 'sarif']);
  if (!parsed) return 0;
  const { values, positionals, format } = parsed;
  const { ws, loaded, files } = loadWorkspace('lint', positionals, values);
  const reports: FileReport[] = loaded.map((path) => ({ path: displayPath(path), absPath: path, language: files.get(path)!.language, findings: ws.analyze(path) }));

  const allRules = [...DIALECTS.values()].flatMap((d) => d.rules);
  if (format === 'json') writeOut(1, formatJson(reports) + '\n');
  else if (format === 'sarif') writeOut(1, formatSarif(reports, allRules, sarifUri, VERSION) + '\n');
  else {
    // isatty, not process.stdout.isTTY: creating the stream would make a piped stdout non-blocking.
    const color = !values['no-color'] && isatty(1);
    const byLayer = formatByLayer(reports, color);
    writeOut(1, formatText(reports, color) + '\n' + (byLayer ? `\n${byLayer}\n` : ''));
  }
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

const GRAPH_FORMATS = ['mermaid', 'svg', 'dot', 'json'];

function graph(argv: string[]): number {
  const parsed = parseCommand(argv, GRAPH_FORMATS);
  if (!parsed) return 0;
  const { values, positionals, format } = parsed;
  const { ws, loaded } = loadWorkspace('graph', positionals, values);
  const relay = buildRelayGraph(ws, loaded);
  let out: string;
  if (format === 'svg') out = renderSvg(layoutGraphSync(relay), { theme: 'standalone' });
  else if (format === 'dot') out = renderDot(relay);
  else if (format === 'json') out = renderJson(relay);
  else out = renderMermaid(relay);
  writeOut(1, out);
  return 0;
}

export function main(argv: string[]): number {
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      writeOut(1, USAGE + '\n');
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      writeOut(1, VERSION + '\n');
      return 0;
    }
    if (command === 'lint') return lint(rest);
    if (command === 'graph') return graph(rest);
    fail(`unknown command "${command}". Run "layerwise --help".`);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      writeOut(2, `layerwise: ${(e as Error).message}\n`);
      return 2;
    }
    writeOut(2, `layerwise: internal error: ${(e as Error).stack ?? e}\nPlease report this with the file that caused it.\n`);
    return 2;
  }
}

/** Runs the CLI as the whole process: it ends as soon as its output is written. */
export function run(argv: string[]): void {
  exitWhenWritten(main(argv));
}

if (require.main === module) run(process.argv.slice(2));
