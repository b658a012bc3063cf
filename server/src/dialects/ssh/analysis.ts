// Everything OpenSSH rules need about one file: its side (client or server), each line's keyword
// spec and section, and the other side's files in the workspace.
import type { Directive } from '../../engine/syntax';
import type { HasMemos } from '../../engine/memo';
import type { SourceFile, Workspace } from '../../engine/workspace';
import type { KeywordSpec } from './keyword-types';
import { sshIncludesOf } from './includes';
import { nearestPeers } from '../../engine/pairing';
import { matchPatternList } from './patterns';
import { keywordsOf, sideOf, specOf, type SshSide } from './schema';

export interface Line {
  node: Directive;
  /** Lower-case keyword. */
  key: string;
  spec?: KeywordSpec;
  /** The Host/Match section the line belongs to (undefined for global lines and sections themselves). */
  section?: Directive;
  /** Whether the line opens a Host/Match section. */
  opener: boolean;
  /** Where the line's section is in ctx.sections (for an opener: the section it opens); -1 for the global part. */
  sectionIndex: number;
  /** Whether it is the first line of its keyword in its section, or in the global part (never for openers). */
  first: boolean;
}

export interface SshContext extends HasMemos {
  file: SourceFile;
  ws: Workspace;
  side: SshSide;
  /** Every line, section openers included, in file order. */
  lines: Line[];
  sections: Directive[];
  /** Client only: patterns from IgnoreUnknown that apply to unknown keywords. */
  ignoredUnknown(name: string, section?: Directive): boolean;
  spec(name: string): KeywordSpec | undefined;
  /** Files of the other side (server configs for a client file and the reverse). */
  peers(): SourceFile[];
  /** Every Host alias defined in this file and the other client files of the workspace. */
  hostAliases(): Map<string, Directive[]>;
}

/** Each file's context, in the workspace (see Workspace.derived). */
const CONTEXTS = {};

/** Every Host alias (lower case) of the ssh_config files among `files`, with the sections that define it. */
export function hostAliasesOf(files: readonly SourceFile[]): Map<string, Directive[]> {
  const aliases = new Map<string, Directive[]>();
  eachAlias(files, (name, d) => {
    const list = aliases.get(name);
    if (list) list.push(d);
    else aliases.set(name, [d]);
  });
  return aliases;
}

/** The names among `wanted` (lower case) that are Host aliases of the ssh_config files among `files`. */
export function aliasesAmong(files: readonly SourceFile[], wanted: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  if (wanted.size) eachAlias(files, (name) => {
    if (wanted.has(name)) found.add(name);
  });
  return found;
}

function eachAlias(files: readonly SourceFile[], fn: (name: string, d: Directive) => void): void {
  for (const f of files) {
    if (f.language !== 'ssh_config') continue;
    for (const d of f.parse.tree) {
      if (!d.children || d.name.length !== 4 || d.name.toLowerCase() !== 'host') continue;
      for (const a of d.args) if (!hasWildcardOrBang(a.value)) fn(a.value.toLowerCase(), d);
    }
  }
}

/** Whether a Host argument has `*`, `?` or `!` (so it is no alias). */
function hasWildcardOrBang(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 42 || c === 63 || c === 33) return true;
  }
  return false;
}

/** Keyword as written → lower-case key. Files repeat a few dozen keywords, so every line of one keyword shares one key string. */
const keys = new Map<string, string>();
function keyOf(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = name.toLowerCase();
    if (keys.size >= 4096) keys.clear();
    keys.set(name, key);
  }
  return key;
}

export function analyzeSsh(file: SourceFile, ws: Workspace): SshContext {
  return ws.derivedOf(CONTEXTS, file, () => buildContext(file, ws));
}

function buildContext(file: SourceFile, ws: Workspace): SshContext {
  const side = sideOf(file.language);
  const keywords = keywordsOf(side);
  const lines: Line[] = [];
  const sections: Directive[] = [];
  const globalKeys = new Set<string>();
  for (const d of file.parse.tree) {
    const key = keyOf(d.name);
    if (!d.children) {
      const first = !globalKeys.has(key);
      if (first) globalKeys.add(key);
      lines.push({ node: d, key, spec: keywords.get(key), section: undefined, opener: false, sectionIndex: -1, first });
      continue;
    }
    const sectionIndex = sections.length;
    sections.push(d);
    lines.push({ node: d, key, spec: keywords.get(key), section: undefined, opener: true, sectionIndex, first: false });
    // First of its keyword in the section: small sections compare with the lines before, big ones keep a set.
    const from = lines.length;
    const seen = d.children.length > 16 ? new Set<string>() : undefined;
    for (const c of d.children) {
      const k = keyOf(c.name);
      let first: boolean;
      if (seen) {
        first = !seen.has(k);
        if (first) seen.add(k);
      } else {
        first = true;
        for (let j = from; j < lines.length; j++) {
          if (lines[j].key === k) {
            first = false;
            break;
          }
        }
      }
      lines.push({ node: c, key: k, spec: keywords.get(k), section: d, opener: false, sectionIndex, first });
    }
  }
  let aliases: Map<string, Directive[]> | undefined;
  const ctx: SshContext = {
    file,
    ws,
    memos: new Map(),
    side,
    lines,
    sections,
    ignoredUnknown(name, section) {
      if (side !== 'client') return false;
      // IgnoreUnknown must come before the unknown keyword; the first one obtained applies.
      for (const l of lines) {
        if (l.key !== 'ignoreunknown') continue;
        if (l.section && l.section !== section) continue;
        return matchPatternList(name, l.node.args.map((a) => a.value)) === 1;
      }
      return false;
    },
    spec: (name) => specOf(side, name),
    peers() {
      const want = side === 'client' ? 'sshd_config' : 'ssh_config';
      const all = ws.all().filter((f) => f.language === want);
      // Drop-in fragments go with the file that includes them; pairing is decided by the roots.
      const includedBy = new Map<string, SourceFile>();
      for (const f of all) for (const inc of sshIncludesOf(f, ws)) for (const p of inc.paths) if (p !== f.path) includedBy.set(p, f);
      const roots = nearestPeers(file.path, all.filter((f) => !includedBy.has(f.path)));
      return all.filter((f) => roots.includes(f) || (includedBy.has(f.path) && roots.includes(includedBy.get(f.path)!)));
    },
    hostAliases() {
      aliases ??= hostAliasesOf(ws.all());
      return aliases;
    },
  };
  return ctx;
}
