// Did-you-mean suggestions by edit distance.
import { distance } from 'fastest-levenshtein';

/** The candidates closest to `word`, best first, within a distance that scales with its length. */
export function suggest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const max = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d <= max && c !== word) scored.push([c, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, limit).map(([c]) => c);
}
