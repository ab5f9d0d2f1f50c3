// How well a risk ranks what happened: plain functions, tested against hand-worked cases.

/** ROC AUC by the rank-sum (Mann–Whitney) formula; ties count half. risk: higher = more likely positive. */
export function rocAuc(risk: number[], positive: boolean[]): number | null {
  const items = risk.map((r, i) => ({ r, p: positive[i] === true })).sort((a, b) => a.r - b.r);
  const positives = items.filter((x) => x.p).length;
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return null;
  let rankSum = 0;
  for (let i = 0; i < items.length; ) {
    let j = i;
    while (j < items.length && items[j]?.r === items[i]?.r) j++;
    const averageRank = (i + 1 + j) / 2; // ranks i+1 … j share their mean
    for (let k = i; k < j; k++) if (items[k]?.p) rankSum += averageRank;
    i = j;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The positive rate among the riskiest tenth, divided by the overall rate. */
export function liftAtTopDecile(risk: number[], positive: boolean[]): number | null {
  const n = risk.length;
  const overall = positive.filter(Boolean).length / n;
  if (n === 0 || overall === 0) return null;
  const top = Math.max(1, Math.round(n / 10));
  const order = risk.map((r, i) => ({ r, p: positive[i] === true })).sort((a, b) => b.r - a.r);
  return order.slice(0, top).filter((x) => x.p).length / top / overall;
}

/**
 * Logistic regression by gradient descent on standardised features (few features, thousands of rows: small and
 * exact enough). Returns coefficients on the original scale of each feature, and the intercept.
 */
export function fitLogistic(
  x: number[][],
  y: boolean[],
  options = { iterations: 3000, rate: 0.5, l2: 0.001 },
): { coefficients: number[]; intercept: number } {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, row) => s + (row[j] ?? 0), 0) / n);
  const sd = Array.from(
    { length: d },
    (_, j) => Math.sqrt(x.reduce((s, row) => s + ((row[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / n) || 1,
  );
  const z = x.map((row) => row.map((v, j) => (v - (mean[j] ?? 0)) / (sd[j] ?? 1)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let it = 0; it < options.iterations; it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = z[i] as number[];
      const p = 1 / (1 + Math.exp(-(b + row.reduce((s, v, j) => s + v * (w[j] ?? 0), 0))));
      const err = p - (y[i] ? 1 : 0);
      gb += err;
      for (let j = 0; j < d; j++) gw[j] = (gw[j] ?? 0) + err * (row[j] ?? 0);
    }
    b -= (options.rate * gb) / n;
    for (let j = 0; j < d; j++) w[j] = (w[j] ?? 0) - options.rate * ((gw[j] ?? 0) / n + options.l2 * (w[j] ?? 0));
  }
  const coefficients = w.map((wj, j) => wj / (sd[j] ?? 1));
  const intercept = b - coefficients.reduce((s, c, j) => s + c * (mean[j] ?? 0), 0);
  return { coefficients, intercept };
}
