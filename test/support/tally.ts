// Counts of a differential comparison (test/differential): per kind of sample and in total.

export interface Row {
  /** Samples compared (not excluded, the oracle ran). */
  n: number;
  verdicts: number;
  bothInvalid: number;
  lines: number;
  /** Both invalid, but the oracle's error names no line. */
  lineless: number;
  excluded: number;
  oracleFailed: number;
}

const emptyRow = (): Row => ({ n: 0, verdicts: 0, bothInvalid: 0, lines: 0, lineless: 0, excluded: 0, oracleFailed: 0 });

export const pct = (n: number, d: number): string => (d ? ((100 * n) / d).toFixed(1) : '100.0');

export interface Tally {
  rows: Map<string, Row>;
  total: Row;
  /** Adds one to `key` in the row of `kind` and in the total. */
  count(kind: string, key: keyof Row): void;
}

export function tally(): Tally {
  const rows = new Map<string, Row>();
  const total = emptyRow();
  return {
    rows,
    total,
    count(kind, key) {
      let row = rows.get(kind);
      if (!row) rows.set(kind, (row = emptyRow()));
      row[key]++;
      total[key]++;
    },
  };
}
