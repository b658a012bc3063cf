// OpenSSH pattern lists: `*` and `?` wildcards, comma-separated, `!` negates (match.c).
/** Whether a single wildcard pattern matches (case-insensitive, as for host names). */
export function matchPattern(value: string, pattern: string): boolean {
  const v = value.toLowerCase();
  const p = pattern.toLowerCase();
  let vi = 0;
  let pi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      vi++;
      pi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/**
 * Matches a value against a list of patterns: 1 for a positive match, -1 when a negated pattern
 * matches (which vetoes the whole list), 0 for no match.
 */
export function matchPatternList(value: string, patterns: readonly string[]): 1 | 0 | -1 {
  let result: 1 | 0 = 0;
  for (const raw of patterns.flatMap((p) => p.split(','))) {
    if (!raw) continue;
    const negated = raw.startsWith('!');
    const p = negated ? raw.slice(1) : raw;
    if (matchPattern(value, p)) {
      if (negated) return -1;
      result = 1;
    }
  }
  return result;
}

/** Whether a pattern list is the catch-all (`*` alone). */
export function isWildcardOnly(patterns: readonly string[]): boolean {
  return patterns.length > 0 && patterns.every((p) => p === '*');
}
