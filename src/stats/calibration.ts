// Turning a model's scores into probabilities that match observed churn rates, fitted on held-out rows.
// Platt scaling bends the scores smoothly with two parameters (best for small data sets); isotonic regression
// fits any non-decreasing step curve (more flexible, needs more rows).

export type CalibrationMethod = 'platt' | 'isotonic';

export type Calibration =
  /** p' = σ(a · logit(p) + b). */
  | { method: 'platt'; a: number; b: number }
  /** Points (x[k], y[k]) with x ascending and y non-decreasing; linear between them, flat beyond the ends. */
  | { method: 'isotonic'; x: number[]; y: number[] };

/** Scores are probabilities in [0, 1] (they are clipped to [1e-12, 1 − 1e-12] for Platt's logit); labels 0/1. */
export function fitCalibration(
  scores: ArrayLike<number>,
  y: ArrayLike<number>,
  method: CalibrationMethod,
): Calibration {
  if (scores.length !== y.length) throw new Error(`${scores.length} scores for ${y.length} labels`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`label ${i} is ${y[i]}, not 0 or 1`);
    if (!Number.isFinite(scores[i])) throw new Error(`score ${i} is ${scores[i]}`);
  }
  if (y.length === 0) throw new Error('calibration needs at least one row');
  return method === 'platt' ? fitPlatt(scores, y) : fitIsotonic(scores, y);
}

export function applyCalibration(calibration: Calibration, scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    out[i] =
      calibration.method === 'platt'
        ? 1 / (1 + Math.exp(-(calibration.a * logit(s) + calibration.b)))
        : interpolate(calibration.x, calibration.y, s);
  }
  return out;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/**
 * Platt (1999): logistic regression of the outcome on f = logit(score), by Newton's method. As in Platt's paper and
 * scikit-learn, the targets are (N₊ + 1)/(N₊ + 2) for churned rows and 1/(N₋ + 2) for the rest rather than 1 and 0:
 * a prior that keeps a and b finite when the scores separate the classes perfectly.
 */
function fitPlatt(scores: ArrayLike<number>, y: ArrayLike<number>): Calibration {
  const n = y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i] as number;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (n - positives + 2);
  const f = Float64Array.from({ length: n }, (_, i) => logit(scores[i] as number));
  const target = Float64Array.from({ length: n }, (_, i) => (y[i] === 1 ? high : low));
  const loss = (a: number, b: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * (f[i] as number) + b;
      // −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t·z, computed without overflow.
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (target[i] as number) * z;
    }
    return sum;
  };

  let a = 1; // start from the identity: scores taken as they are
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let i = 0; i < n; i++) {
      const fi = f[i] as number;
      const q = 1 / (1 + Math.exp(-(a * fi + b)));
      const r = q - (target[i] as number);
      const w = q * (1 - q);
      ga += r * fi;
      gb += r;
      haa += w * fi * fi;
      hab += w * fi;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    // All scores equal: a cannot be told apart from b, so only b moves.
    const [da, db] =
      det > 1e-12 * haa * hbb ? [(hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det] : [0, gb / hbb];
    if (Math.abs(da) < 1e-12 && Math.abs(db) < 1e-12) break;
    const current = loss(a, b);
    let t = 1;
    while (t > 1e-10 && loss(a - t * da, b - t * db) > current) t /= 2;
    a -= t * da;
    b -= t * db;
  }
  return { method: 'platt', a, b };
}

/**
 * Isotonic regression by pool adjacent violators: the non-decreasing fit closest in squared error. Rows with equal
 * scores are pooled first (an equal score must get an equal probability). Each final block keeps its lowest and
 * highest score, as scikit-learn's IsotonicRegression does, for interpolation between blocks.
 */
function fitIsotonic(scores: ArrayLike<number>, y: ArrayLike<number>): Calibration {
  const order = Uint32Array.from({ length: y.length }, (_, i) => i).sort(
    (i, j) => (scores[i] as number) - (scores[j] as number),
  );
  const blocks: { low: number; high: number; sum: number; count: number }[] = [];
  const mean = (block: { sum: number; count: number }) => block.sum / block.count;
  for (let k = 0; k < order.length; ) {
    // All rows with this score, as one block.
    const s = scores[order[k] as number] as number;
    const block = { low: s, high: s, sum: 0, count: 0 };
    for (; k < order.length && scores[order[k] as number] === s; k++) {
      block.sum += y[order[k] as number] as number;
      block.count++;
    }
    blocks.push(block);
    // Merge backwards while a block's mean is below its predecessor's.
    for (;;) {
      const top = blocks[blocks.length - 1];
      const below = blocks[blocks.length - 2];
      if (!top || !below || mean(below) <= mean(top)) break;
      blocks.pop();
      below.high = top.high;
      below.sum += top.sum;
      below.count += top.count;
    }
  }
  const x: number[] = [];
  const fitted: number[] = [];
  for (const block of blocks) {
    x.push(block.low);
    fitted.push(mean(block));
    if (block.high > block.low) {
      x.push(block.high);
      fitted.push(mean(block));
    }
  }
  return { method: 'isotonic', x, y: fitted };
}

function interpolate(xs: number[], ys: number[], s: number): number {
  const last = xs.length - 1;
  if (s <= (xs[0] as number)) return ys[0] as number;
  if (s >= (xs[last] as number)) return ys[last] as number;
  // The last point at or below s (binary search), then a straight line to the next.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= s) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  const x1 = xs[hi] as number;
  const y0 = ys[lo] as number;
  return y0 + (((ys[hi] as number) - y0) * (s - x0)) / (x1 - x0);
}
