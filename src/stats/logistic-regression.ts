import { checkMatrix, type Matrix, sigmoid } from './matrix.js';

// L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features. Minimises
//   Σ wᵢ · logloss(yᵢ, σ(b + β·zᵢ)) + (l2 / 2) · |β|²,   zᵢⱼ = (xᵢⱼ − meanⱼ) / scaleⱼ, missing → 0,
// the same objective as scikit-learn's LogisticRegression(C = 1 / l2) (lbfgs) on standardised features: the
// intercept b is not penalised. With about 100 features the (d+1)×(d+1) Hessian is cheap to build and solve.

export interface LogisticModel {
  kind: 'logistic';
  intercept: number;
  /** Per feature, on the standardised scale: the change in log-odds for one standard deviation. */
  coefficients: number[];
  /** Training means (weighted), also what a missing value is taken to be. */
  means: number[];
  /** Training standard deviations; 1 for a constant or empty column, whose coefficient stays 0. */
  scales: number[];
}

export interface LogisticOptions {
  /** Ridge penalty on the standardised coefficients (a Gaussian prior of variance 1 / l2). Default 1. */
  l2?: number;
  weights?: Float64Array;
  /** Most Newton steps. Default 50; it usually converges in under 10. */
  maxIterations?: number;
}

export function fitLogisticRegression(x: Matrix, y: Uint8Array, options: LogisticOptions = {}): LogisticModel {
  checkMatrix(x, y, options.weights);
  const { rows: n, cols: d, values } = x;
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const weight = (i: number) => options.weights?.[i] ?? 1;
  const { means, scales, active } = standardisation(x, weight);

  // Parameters: θ[0] is the intercept, θ[k] the coefficient of column active[k - 1]. Start from the base rate.
  const p = active.length + 1;
  const theta = new Float64Array(p);
  let positives = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    positives += weight(i) * (y[i] as number);
    total += weight(i);
  }
  if (!(positives > 0 && positives < total))
    throw new Error('logistic regression needs both churned and retained rows');
  theta[0] = Math.log(positives / (total - positives));

  // Rows are standardised a block at a time into columns (zt[k·BLOCK + r]), so that each Hessian entry is a dot
  // product over the block held in a register rather than a read-modify-write per row: about 3× faster.
  const zt = new Float64Array(p * BLOCK);
  const weighted = new Float64Array(p * BLOCK);
  const standardiseBlock = (start: number, m: number) => {
    zt.fill(0);
    for (let r = 0; r < m; r++) {
      const rowStart = (start + r) * d;
      zt[r] = 1;
      for (let k = 1; k < p; k++) {
        const j = active[k - 1] as number;
        const v = values[rowStart + j] as number;
        zt[k * BLOCK + r] = Number.isNaN(v) ? 0 : (v - (means[j] as number)) / (scales[j] as number);
      }
    }
  };
  const linear = (t: Float64Array, r: number) => {
    let eta = 0;
    for (let k = 0; k < p; k++) eta += (t[k] as number) * (zt[k * BLOCK + r] as number);
    return eta;
  };
  // log(1 + e^η) − y·η, computed without overflow.
  const logLoss = (eta: number, label: number) => Math.max(eta, 0) + Math.log1p(Math.exp(-Math.abs(eta))) - label * eta;
  const penalty = (t: Float64Array) => {
    let s = 0;
    for (let k = 1; k < p; k++) s += (t[k] as number) ** 2;
    return (l2 / 2) * s;
  };
  const objective = (t: Float64Array) => {
    let loss = penalty(t);
    for (let start = 0; start < n; start += BLOCK) {
      const m = Math.min(BLOCK, n - start);
      standardiseBlock(start, m);
      for (let r = 0; r < m; r++) loss += weight(start + r) * logLoss(linear(t, r), y[start + r] as number);
    }
    return loss;
  };

  const gradient = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  // Two savings, neither of which moves the optimum, since that is where the exact gradient (always summed over
  // every row) is 0 and convergence is judged on it: with many rows the Hessian is estimated from every k-th block
  // of rows, scaled up (subsampled Newton; Byrd et al. 2011), and near the optimum, where the Hessian barely
  // changes, its factorisation is reused (a step then costs only the pass for the gradient).
  const hessianEvery = Math.max(1, Math.floor(n / HESSIAN_ROWS));
  let factor: Float64Array | null = null;
  let previousStep = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const refresh = factor === null || previousStep > 0.05;
    let hessianRows = 0;
    gradient.fill(0);
    if (refresh) hessian.fill(0);
    let loss = penalty(theta);
    for (let start = 0; start < n; start += BLOCK) {
      const m = Math.min(BLOCK, n - start);
      standardiseBlock(start, m);
      const hessianBlock = refresh && (start / BLOCK) % hessianEvery === 0;
      if (hessianBlock) weighted.fill(0);
      for (let r = 0; r < m; r++) {
        const eta = linear(theta, r);
        const prob = sigmoid(eta);
        const wi = weight(start + r);
        const label = y[start + r] as number;
        loss += wi * logLoss(eta, label);
        const residual = wi * (prob - label);
        const curvature = wi * prob * (1 - prob);
        for (let k = 0; k < p; k++) gradient[k] = (gradient[k] as number) + residual * (zt[k * BLOCK + r] as number);
        if (hessianBlock)
          for (let k = 0; k < p; k++) weighted[k * BLOCK + r] = curvature * (zt[k * BLOCK + r] as number);
      }
      if (hessianBlock) {
        accumulateHessian(hessian, weighted, zt, p);
        hessianRows += m;
      }
    }
    for (let k = 1; k < p; k++) gradient[k] = (gradient[k] as number) + l2 * (theta[k] as number);
    if (refresh) {
      const scale = n / hessianRows;
      for (let k = 0; k < p * p; k++) hessian[k] = (hessian[k] as number) * scale;
      for (let k = 1; k < p; k++) hessian[k * p + k] = (hessian[k * p + k] as number) + l2;
      for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hessian[a * p + b] = hessian[b * p + a] as number;
      factor = choleskyWithRidge(hessian, p);
    }
    const step = solveCholesky(factor as Float64Array, gradient, p);

    let largest = 0;
    for (let k = 0; k < p; k++) largest = Math.max(largest, Math.abs(step[k] as number));
    if (largest < 1e-9) {
      for (let k = 0; k < p; k++) theta[k] = (theta[k] as number) - (step[k] as number);
      break;
    }
    // Step halving: a full Newton step can overshoot far from the optimum (e.g. nearly separable data). Small
    // steps are taken whole: there the quadratic model is accurate, and checking would cost a pass over the data.
    const candidate = new Float64Array(p);
    let t = 1;
    for (; t > 1e-10; t /= 2) {
      for (let k = 0; k < p; k++) candidate[k] = (theta[k] as number) - t * (step[k] as number);
      if (largest < 1e-4 || objective(candidate) <= loss + 1e-12 * Math.abs(loss)) break;
    }
    theta.set(candidate);
    previousStep = t * largest;
  }

  const coefficients = new Array<number>(d).fill(0);
  active.forEach((j, k) => {
    coefficients[j] = theta[k + 1] as number;
  });
  return { kind: 'logistic', intercept: theta[0] as number, coefficients, means, scales };
}

const BLOCK = 64;
// Rows the Hessian is estimated from, at least: plenty for ~100 features (its relative error is about √(d / rows)).
const HESSIAN_ROWS = 25_000;

/** hessian[a][b] += Σ_r weighted[a][r] · zt[b][r] over one block, upper triangle; 4 accumulators for speed. */
function accumulateHessian(hessian: Float64Array, weighted: Float64Array, zt: Float64Array, p: number) {
  for (let a = 0; a < p; a++) {
    const ao = a * BLOCK;
    for (let b = a; b < p; b++) {
      const bo = b * BLOCK;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let r = 0; r < BLOCK; r += 4) {
        s0 += (weighted[ao + r] as number) * (zt[bo + r] as number);
        s1 += (weighted[ao + r + 1] as number) * (zt[bo + r + 1] as number);
        s2 += (weighted[ao + r + 2] as number) * (zt[bo + r + 2] as number);
        s3 += (weighted[ao + r + 3] as number) * (zt[bo + r + 3] as number);
      }
      hessian[a * p + b] = (hessian[a * p + b] as number) + s0 + s1 + s2 + s3;
    }
  }
}

/** Weighted mean and standard deviation of each column's present values; columns with no spread are left out. */
function standardisation(x: Matrix, weight: (i: number) => number) {
  const { rows: n, cols: d, values } = x;
  const sumW = new Float64Array(d);
  const sum = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const wi = weight(i);
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j] as number;
      if (Number.isNaN(v)) continue;
      sumW[j] = (sumW[j] as number) + wi;
      sum[j] = (sum[j] as number) + wi * v;
    }
  }
  const means = Array.from(sum, (s, j) => ((sumW[j] as number) > 0 ? s / (sumW[j] as number) : 0));
  const squares = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const wi = weight(i);
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j] as number;
      if (!Number.isNaN(v)) squares[j] = (squares[j] as number) + wi * (v - (means[j] as number)) ** 2;
    }
  }
  const sds = Array.from(squares, (s, j) => ((sumW[j] as number) > 0 ? Math.sqrt(s / (sumW[j] as number)) : 0));
  // A spread this small relative to the mean is rounding error: treat the column as constant.
  const varies = sds.map((sd, j) => sd > 1e-12 * Math.max(1, Math.abs(means[j] as number)) && Number.isFinite(sd));
  const scales = sds.map((sd, j) => (varies[j] ? sd : 1));
  const active = varies.flatMap((v, j) => (v ? [j] : []));
  return { means, scales, active };
}

/**
 * Cholesky factor L (A = L·Lᵀ) of the symmetric positive definite Hessian. If rounding (or collinear columns with
 * l2 = 0) makes it not quite positive definite, a small ridge is added: that changes only the step, not the optimum
 * the iteration converges to, since convergence is judged on the exact gradient.
 */
function choleskyWithRidge(a: Float64Array, p: number): Float64Array {
  let maxDiagonal = 0;
  for (let k = 0; k < p; k++) maxDiagonal = Math.max(maxDiagonal, a[k * p + k] as number);
  for (let ridge = 0; ; ridge = ridge === 0 ? 1e-12 * (maxDiagonal || 1) : ridge * 100) {
    const l = cholesky(a, p, ridge);
    if (l) return l;
  }
}

/** Solves L·Lᵀ·s = g: forward then back substitution. */
function solveCholesky(l: Float64Array, g: Float64Array, p: number): Float64Array {
  const s = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let v = g[i] as number;
    for (let k = 0; k < i; k++) v -= (l[i * p + k] as number) * (s[k] as number);
    s[i] = v / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let v = s[i] as number;
    for (let k = i + 1; k < p; k++) v -= (l[k * p + i] as number) * (s[k] as number);
    s[i] = v / (l[i * p + i] as number);
  }
  return s;
}

function cholesky(a: Float64Array, p: number, jitter: number): Float64Array | null {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (a[i * p + j] as number) + (i === j ? jitter : 0);
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / (l[j * p + j] as number);
      }
    }
  }
  return l;
}

function standardised(model: LogisticModel, x: Matrix, row: number, j: number): number {
  const v = x.values[row * x.cols + j] as number;
  return Number.isNaN(v) ? 0 : (v - (model.means[j] as number)) / (model.scales[j] as number);
}

/** Probability of churn for each row. */
export function predictLogistic(model: LogisticModel, x: Matrix): Float64Array {
  checkFeatureCount(model, x);
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let eta = model.intercept;
    for (let j = 0; j < x.cols; j++) eta += (model.coefficients[j] as number) * standardised(model, x, i, j);
    out[i] = sigmoid(eta);
  }
  return out;
}

/**
 * Each feature's share of one row's log-odds, relative to an account at the training means: coefficient ×
 * standardised value (0 when missing). intercept + the sum of these = the row's log-odds.
 */
export function logisticContributions(model: LogisticModel, x: Matrix, row: number): Float64Array {
  checkFeatureCount(model, x);
  if (row < 0 || row >= x.rows) throw new Error(`row ${row} is outside 0…${x.rows - 1}`);
  return Float64Array.from(model.coefficients, (c, j) => c * standardised(model, x, row, j));
}

function checkFeatureCount(model: LogisticModel, x: Matrix) {
  checkMatrix(x);
  if (x.cols !== model.coefficients.length)
    throw new Error(`model has ${model.coefficients.length} features, matrix ${x.cols}`);
}
