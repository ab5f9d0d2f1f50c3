// How well churn predictions rank and how well their probabilities are calibrated. Plain functions over scores
// (higher = more likely to churn) and 0/1 labels (1 = churned); null where a metric is undefined (e.g. AUC with only
// one class), so results stay JSON-serialisable.

type Labels = ArrayLike<number>;
type Scores = ArrayLike<number>;

function check(scores: Scores, y: Labels): void {
  if (scores.length !== y.length) throw new Error(`${scores.length} scores for ${y.length} labels`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`label ${i} is ${y[i]}, not 0 or 1`);
    if (Number.isNaN(scores[i])) throw new Error(`score ${i} is NaN`);
  }
}

/** Row indexes ordered by score, highest first. */
function byScoreDescending(scores: Scores): Uint32Array {
  return Uint32Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
}

/** Calls visit(first, end) for each run of equal scores in order (end exclusive). */
function forEachTie(order: Uint32Array, scores: Scores, visit: (first: number, end: number) => void): void {
  for (let first = 0; first < order.length; ) {
    let end = first + 1;
    while (end < order.length && scores[order[end] as number] === scores[order[first] as number]) end++;
    visit(first, end);
    first = end;
  }
}

/** ROC AUC by the rank-sum (Mann–Whitney U) formula: the share of (churned, retained) pairs ranked the right way round, ties counting half. */
export function rocAuc(scores: Scores, y: Labels): number | null {
  check(scores, y);
  const order = byScoreDescending(scores);
  const positives = countPositives(y);
  const negatives = y.length - positives;
  if (positives === 0 || negatives === 0) return null;
  // Walk from the highest score: each positive beats the negatives still below it, and half of those tied with it.
  let negativesAbove = 0;
  let wins = 0;
  forEachTie(order, scores, (first, end) => {
    let tiedPositives = 0;
    for (let k = first; k < end; k++) tiedPositives += y[order[k] as number] as number;
    const tiedNegatives = end - first - tiedPositives;
    wins += tiedPositives * (negatives - negativesAbove - tiedNegatives / 2);
    negativesAbove += tiedNegatives;
  });
  return wins / (positives * negatives);
}

export interface RocPoint {
  /** The share of retained rows scored at or above the threshold (false positive rate). */
  fpr: number;
  /** The share of churned rows scored at or above the threshold (true positive rate). */
  tpr: number;
}

/**
 * The ROC curve: (0, 0), then one point per distinct score from the highest (tied rows enter together), ending at
 * (1, 1). With more points than `maxPoints`, evenly spaced ones are kept (always the first and the last): enough to
 * draw it. Empty when either class is missing.
 */
export function rocCurve(scores: Scores, y: Labels, maxPoints = 101): RocPoint[] {
  check(scores, y);
  const positives = countPositives(y);
  const negatives = y.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const order = byScoreDescending(scores);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0 }];
  let found = 0;
  forEachTie(order, scores, (first, end) => {
    for (let k = first; k < end; k++) found += y[order[k] as number] as number;
    points.push({ fpr: (end - found) / negatives, tpr: found / positives });
  });
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (Math.max(2, maxPoints) - 1);
  return Array.from({ length: Math.max(2, maxPoints) }, (_, i) => points[Math.round(i * step)] as RocPoint);
}

/**
 * Average precision, as scikit-learn's average_precision_score: Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct score
 * thresholds from the highest, where Pₖ and Rₖ are precision and recall counting every row scored ≥ the k-th
 * threshold (so tied rows enter together). No step interpolation.
 */
export function prAuc(scores: Scores, y: Labels): number | null {
  check(scores, y);
  const positives = countPositives(y);
  if (positives === 0) return null;
  const order = byScoreDescending(scores);
  let truePositives = 0;
  let sum = 0;
  forEachTie(order, scores, (first, end) => {
    let found = 0;
    for (let k = first; k < end; k++) found += y[order[k] as number] as number;
    truePositives += found;
    sum += (found / positives) * (truePositives / end);
  });
  return sum;
}

/** Mean squared difference between the predicted probability and the outcome. */
export function brierScore(p: Scores, y: Labels): number | null {
  check(p, y);
  if (y.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += ((p[i] as number) - (y[i] as number)) ** 2;
  return sum / y.length;
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 − 1e-15] so a confident mistake stays finite. */
export function logLoss(p: Scores, y: Labels): number | null {
  check(p, y);
  if (y.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i] as number));
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return sum / y.length;
}

/**
 * The churn rate among the top tenth by score (max(1, round(n/10)) rows) divided by the overall rate. Rows tied
 * at the cut-off share the remaining places: they add their group's churn rate times the places left, so the result
 * does not depend on the order of tied rows.
 */
export function liftAtTopDecile(scores: Scores, y: Labels): number | null {
  check(scores, y);
  const n = y.length;
  const positives = countPositives(y);
  if (n === 0 || positives === 0) return null;
  const top = Math.max(1, Math.round(n / 10));
  const order = byScoreDescending(scores);
  let churnedInTop = 0;
  forEachTie(order, scores, (first, end) => {
    if (first >= top) return;
    let found = 0;
    for (let k = first; k < end; k++) found += y[order[k] as number] as number;
    churnedInTop += (found * (Math.min(end, top) - first)) / (end - first);
  });
  return churnedInTop / top / (positives / n);
}

export interface CalibrationBin {
  n: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Equal-frequency bins by predicted probability, lowest first: bin k holds the rows ranked floor(k·n/bins) up to
 * floor((k+1)·n/bins) (rows tied across a boundary may fall either side); empty bins are left out when n < bins.
 */
export function calibrationTable(p: Scores, y: Labels, bins = 10): CalibrationBin[] {
  check(p, y);
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`bins must be a positive integer, not ${bins}`);
  const n = y.length;
  const order = byScoreDescending(p).reverse();
  const table: CalibrationBin[] = [];
  for (let k = 0; k < bins; k++) {
    const start = Math.floor((k * n) / bins);
    const end = Math.floor(((k + 1) * n) / bins);
    if (end === start) continue;
    let predicted = 0;
    let churned = 0;
    for (let r = start; r < end; r++) {
      const i = order[r] as number;
      predicted += p[i] as number;
      churned += y[i] as number;
    }
    table.push({ n: end - start, meanPredicted: predicted / (end - start), observedRate: churned / (end - start) });
  }
  return table;
}

function countPositives(y: Labels): number {
  let count = 0;
  for (let i = 0; i < y.length; i++) count += y[i] as number;
  return count;
}
