// A set of files analysed together: open documents, files read from disk on demand, and the
// dialect that understands each one. Cross-file rules (includes, client/server pairs) look here.
import type { HasMemos } from './memo';
import { applySettings, sortFindings, type Finding, type RuleSettings } from './rules';
import type { LanguageId, ParseResult } from './syntax';
import { LineIndex } from './text';
import type { Dialect } from './dialect';
import { detectLanguage } from './detect';

/** The file system as the engine sees it; the CLI and the server each provide one. */
export interface FileHost {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Absolute paths matching a glob pattern (absolute), sorted. */
  glob(pattern: string): string[];
  /** The user's home directory, for `~` in paths; undefined when unknown. */
  homeDir?(): string | undefined;
}

/** A file and its parse; its `memos` hold what is cached about this text (see memo.ts). */
export interface SourceFile extends HasMemos {
  path: string;
  language: LanguageId;
  text: string;
  lines: LineIndex;
  parse: ParseResult;
  /** Set for files opened by the user (not just read from disk to follow a reference). */
  open: boolean;
}

/** A SourceFile whose line index is built on first use (most analyses never ask for it). */
class LoadedFile implements SourceFile {
  private lineIndex: LineIndex | undefined = undefined;
  readonly memos = new Map<object, unknown>();

  constructor(
    public path: string,
    public language: LanguageId,
    public text: string,
    public parse: ParseResult,
    public open: boolean,
  ) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }
}

export class Workspace {
  private readonly files = new Map<string, SourceFile>();
  /** Paths known not to exist, so repeated lookups stay cheap. */
  private readonly missing = new Set<string>();
  settings: RuleSettings = {};
  /** Bumped on every change to the set of files or their texts; caches compare against it. */
  generation = 0;
  /** Indexes derived from the files as they are now (see `derived`). */
  private derivedValues = new Map<object, unknown>();
  /** Context forced for a fragment (nginx: `http`, `server`, ...), e.g. by the CLI's --context. */
  readonly contextOverride = new Map<string, string>();

  constructor(
    readonly host: FileHost,
    private readonly dialects: ReadonlyMap<LanguageId, Dialect>,
  ) {}

  dialect(language: LanguageId): Dialect | undefined {
    return this.dialects.get(language);
  }

  /** Adds or replaces a file with the given text. */
  setFile(path: string, text: string, language?: LanguageId, open = true): SourceFile | undefined {
    const lang = language ?? detectLanguage(path, text);
    if (!lang) return undefined;
    const dialect = this.dialects.get(lang);
    if (!dialect) return undefined;
    const existing = this.files.get(path);
    if (existing && existing.text === text && existing.language === lang) {
      existing.open ||= open;
      return existing;
    }
    this.changed();
    const file = new LoadedFile(path, lang, text, dialect.parse(text), open);
    this.files.set(path, file);
    this.missing.delete(path);
    return file;
  }

  removeFile(path: string): void {
    if (this.files.delete(path)) this.changed();
  }

  /** Forgets a file's in-memory text so that the next lookup reads it from disk again. */
  invalidate(path: string): void {
    this.files.delete(path);
    this.missing.delete(path);
    this.changed();
  }

  /**
   * An index built from the files as they are now, shared by every rule and request until the
   * files change; `key` is a constant of the module that builds it.
   */
  derived<T>(key: object, build: () => T): T {
    if (this.derivedValues.has(key)) return this.derivedValues.get(key) as T;
    const value = build();
    // Stored after building: files that building read from disk are part of the state it reflects.
    this.derivedValues.set(key, value);
    return value;
  }

  /** `derived` for a value per file. */
  derivedOf<T>(key: object, file: SourceFile, build: () => T): T {
    const known = (this.derivedValues.get(key) as Map<SourceFile, T> | undefined)?.get(file);
    if (known !== undefined) return known;
    const value = build();
    this.derived(key, () => new Map<SourceFile, T>()).set(file, value);
    return value;
  }

  /**
   * Lets go of every derived index; the next use rebuilds it. A long-lived host calls this once
   * its results are out, so that indexes several times the size of the tree do not stay alive
   * (and get copied by the garbage collector) while nothing needs them.
   */
  forgetDerived(): void {
    this.derivedValues = new Map();
  }

  /** The files changed: what was derived from them is stale, and dropped at once. */
  private changed(): void {
    this.generation++;
    this.derivedValues = new Map();
  }

  get(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  /** A file from memory, or read from disk when it is not loaded yet. */
  load(path: string, language?: LanguageId): SourceFile | undefined {
    const known = this.files.get(path);
    if (known) return known;
    if (this.missing.has(path)) return undefined;
    const text = this.host.readFile(path);
    if (text === undefined) {
      this.missing.add(path);
      return undefined;
    }
    // Reading a file from disk does not change what the open files say; no generation bump
    // is needed beyond the one setFile makes.
    return this.setFile(path, text, language, false);
  }

  all(): SourceFile[] {
    return [...this.files.values()];
  }

  /** The findings of one file, with settings and suppression comments applied. */
  analyze(path: string): Finding[] {
    const file = this.files.get(path);
    if (!file) return [];
    const dialect = this.dialects.get(file.language);
    if (!dialect) return [];
    const findings = dialect.analyze(file, this).filter((f) => f.path === path);
    return sortFindings(applySettings(findings, this.settings, file.parse.comments, (line) => dialect.isCodeLine(file, line)));
  }
}
