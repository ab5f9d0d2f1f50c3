// The plain data every model reads: typed arrays in, so a worker thread can take them without copying by hand.

/** Row-major values; NaN marks a missing value. */
export interface Matrix {
  values: Float64Array;
  rows: number;
  cols: number;
}

/** A Matrix from nested arrays (tests, small data); null and undefined become NaN (missing). */
export function matrixFromRows(rows: readonly (readonly (number | null | undefined)[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const values = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new Error(`row ${i} has ${row.length} values, expected ${cols}`);
    for (let j = 0; j < cols; j++) values[i * cols + j] = row[j] ?? Number.NaN;
  });
  return { values, rows: rows.length, cols };
}

export function checkMatrix(x: Matrix, labels?: ArrayLike<number>, weights?: ArrayLike<number>): void {
  if (x.values.length !== x.rows * x.cols)
    throw new Error(`matrix holds ${x.values.length} values, not ${x.rows}×${x.cols}`);
  if (labels && labels.length !== x.rows) throw new Error(`${labels.length} labels for ${x.rows} rows`);
  if (weights && weights.length !== x.rows) throw new Error(`${weights.length} weights for ${x.rows} rows`);
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Mulberry32: a small seeded generator, so a model trained twice with one seed is the same model. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
