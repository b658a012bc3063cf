// Text edits the differential tests make their mutants with (line endings kept as the file has them).

/** The file as lines (without their breaks) and the line break it uses. */
export function splitLines(text: string): { lines: string[]; eol: string } {
  return { lines: text.split(/\r?\n/), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Replaces the characters `from`..`to` of a 0-based line. */
export function replaceOnLine(text: string, line: number, from: number, to: number, insert: string): string {
  const { lines, eol } = splitLines(text);
  lines[line] = lines[line].slice(0, from) + insert + lines[line].slice(to);
  return lines.join(eol);
}

/** Inserts a line before the 0-based line `at`. */
export function insertLine(text: string, at: number, content: string): string {
  const { lines, eol } = splitLines(text);
  lines.splice(at, 0, content);
  return lines.join(eol);
}

/**
 * A misspelling of `name`: a character dropped (only from names longer than `keep`), doubled, or
 * swapped with the next one.
 */
export function typoOf(name: string, rnd: () => number, keep = 3): string {
  const i = Math.floor(rnd() * name.length);
  const op = Math.floor(rnd() * 3);
  if (op === 0 && name.length > keep) return name.slice(0, i) + name.slice(i + 1);
  if (op === 1) return name.slice(0, i + 1) + name[i] + name.slice(i + 1);
  const j = Math.min(i, name.length - 2);
  return name.slice(0, j) + name[j + 1] + name[j] + name.slice(j + 2);
}
