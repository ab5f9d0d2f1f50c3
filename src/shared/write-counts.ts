// What a write of many rows did, and a row of such a write with where it came from.

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ChunkRow<T> {
  line: number;
  /** The row as read; its raw text is made only for a row that is rejected. */
  source: { raw: string };
  value: T;
}

export const noCounts = (): Counts => ({ inserted: 0, updated: 0, unchanged: 0 });

export function addCounts(total: Counts, more: Counts): void {
  total.inserted += more.inserted;
  total.updated += more.updated;
  total.unchanged += more.unchanged;
}
