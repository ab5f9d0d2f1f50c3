import type { Matrix } from '../stats/matrix.js';
import type { FeatureSnapshot } from './feature-snapshot.js';

// Turns snapshot columns into the numbers models read. Everything here is learned from the training rows only
// (which columns carry information, which categories are common enough to get a column of their own), so an
// evaluation fold never sees its test rows through the encoding.

export type EncodedColumn =
  | { source: string; kind: 'value' }
  | { source: string; kind: 'missing' }
  | { source: string; kind: 'level'; level: string };

export interface FeatureEncoding {
  columns: EncodedColumn[];
}

const MAX_LEVELS = 15;

/** Rows of several snapshots as one table (columns joined by name; a column a snapshot lacks is missing there). */
export function stackSnapshots(snapshots: FeatureSnapshot[]): FeatureSnapshot {
  const kinds = new Map<string, 'numeric' | 'categorical'>();
  for (const s of snapshots) for (const c of s.columns) if (!kinds.has(c.name)) kinds.set(c.name, c.kind);
  const columns = [...kinds].map(([name, kind]) => ({ name, kind, values: [] as (number | string | null)[] }));
  for (const s of snapshots) {
    const byName = new Map(s.columns.map((c) => [c.name, c]));
    for (const column of columns) {
      const source = byName.get(column.name);
      // A count column (events of a name, notes with a tag) a date did not have means none that date.
      const absent = column.name.startsWith('event.') || column.name.startsWith('tag.') ? 0 : null;
      for (let i = 0; i < s.accountIds.length; i++) column.values.push(source ? (source.values[i] ?? null) : absent);
    }
  }
  return { asOf: snapshots.map((s) => s.asOf).join(','), accountIds: snapshots.flatMap((s) => s.accountIds), columns };
}

/** Learns the encoding from training rows: informative numeric columns, missing flags, common categories. */
export function fitEncoding(training: FeatureSnapshot): FeatureEncoding {
  const n = training.accountIds.length;
  const columns: EncodedColumn[] = [];
  for (const column of training.columns) {
    if (column.kind === 'numeric') {
      const present = column.values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const distinct = new Set(present.slice(0, 5000)).size > 1 || new Set(present).size > 1;
      if (distinct) columns.push({ source: column.name, kind: 'value' });
      // Whether a value is missing is itself a signal (no NPS answer, no renewal date) when it varies enough.
      const missingShare = 1 - present.length / n;
      if (missingShare >= 0.01 && missingShare <= 0.99) columns.push({ source: column.name, kind: 'missing' });
    } else {
      const counts = new Map<string, number>();
      for (const v of column.values) if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
      const minimum = Math.max(5, Math.ceil(n * 0.01));
      const levels = [...counts]
        .filter(([, c]) => c >= minimum && c < n)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_LEVELS);
      for (const [level] of levels) columns.push({ source: column.name, kind: 'level', level });
    }
  }
  return { columns };
}

/** The rows of a snapshot as a matrix in the encoding's columns (missing numbers stay NaN: models handle them). */
export function encode(encoding: FeatureEncoding, snapshot: FeatureSnapshot): Matrix {
  const rows = snapshot.accountIds.length;
  const cols = encoding.columns.length;
  const values = new Float64Array(rows * cols);
  const byName = new Map(snapshot.columns.map((c) => [c.name, c.values]));
  encoding.columns.forEach((column, j) => {
    const source = byName.get(column.source);
    for (let i = 0; i < rows; i++) {
      const v = source ? (source[i] ?? null) : null;
      const present = v !== null && (typeof v !== 'number' || Number.isFinite(v));
      values[i * cols + j] =
        column.kind === 'value'
          ? present
            ? Number(v)
            : Number.NaN
          : column.kind === 'missing'
            ? present
              ? 0
              : 1
            : v === column.level
              ? 1
              : 0;
    }
  });
  return { values, rows, cols };
}
