/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2): which customers of a business without contracts are still customers.
 *
 * While alive, a customer buys at rate λ ~ Gamma(r, α); after each purchase she drops out with probability
 * p ~ Beta(a, b). A customer is summarised by (x, t_x, T): x repeat purchases, the last at t_x after the first, and
 * T from the first purchase to the end of the observed period, all in one time unit (weeks in the paper).
 * Pure maths, no I/O: the summary comes from ./alive-summary.ts.
 */

/** One customer's history: x repeat transactions, the last t_x after the first, T from the first to the end. */
export interface CustomerHistory {
  x: number;
  tx: number;
  T: number;
}

/** Customers with the same history, counted once: the likelihood then costs one term per distinct history. */
export interface HistoryGroup extends CustomerHistory {
  count: number;
}

/** Purchase rate λ ~ Gamma(shape r, rate α); dropout after a purchase p ~ Beta(a, b). */
export interface BgNbdParameters {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit {
  parameters: BgNbdParameters;
  /** The maximised log-likelihood, summed over customers. */
  logLikelihood: number;
  customers: number;
  /** Distinct histories the likelihood was summed over. */
  groups: number;
  /** Likelihood evaluations the optimiser made. */
  evaluations: number;
  /** False when neither BFGS's gradient test nor Nelder–Mead's simplex test was met, or a parameter hit e^±24. */
  converged: boolean;
}

// Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): relative error about 1e-15 for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (NaN otherwise), accurate to about 1e-14 absolute near 1 and 2 and 1e-15 relative elsewhere. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  // Reflection Γ(x)Γ(1−x) = π / sin(πx): the series is accurate for x ≥ 1/2.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * ψ(x) = d/dx ln Γ(x) for x > 0 (NaN otherwise): the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the
 * asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), whose first omitted term is below 1e-16 there.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverse2 = 1 / (x * x);
  const series =
    inverse2 *
    (1 / 12 -
      inverse2 *
        (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132 - inverse2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - series;
}

const SERIES_EPSILON = 1e-15;
const SERIES_MAX_TERMS = 1_000_000;

/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, summed until the next
 * term and a geometric bound on the rest are below 1e-15 of the sum. Slow only as z nears 1 (a horizon very long
 * against α + T), where it may need many terms; it throws rather than answer unconverged.
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hypergeometric2F1: z must be in [0, 1), not ${z}`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hypergeometric2F1: c must not be 0, -1, -2…, not ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    // Once the ratio of successive terms is below 1 it tends to z: the rest is at most term·q/(1−q).
    const q = Math.max(Math.abs(ratio), z);
    if (term === 0 || (q < 1 && (Math.abs(term) * q) / (1 - q) <= SERIES_EPSILON * Math.abs(sum))) return sum;
  }
  throw new Error(`hypergeometric2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${SERIES_MAX_TERMS} terms`);
}

/** Customers with identical (x, t_x, T) counted together, in a stable order. */
export function groupHistories(histories: Iterable<CustomerHistory>): HistoryGroup[] {
  const groups = new Map<string, HistoryGroup>();
  for (const { x, tx, T } of histories) {
    const key = `${x}|${tx}|${T}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { x, tx, T, count: 1 });
  }
  return [...groups.values()];
}

/** log(e^u + e^v) without overflow. */
const logAddExp = (u: number, v: number) => (u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v)));

/**
 * ln of the odds that a customer with repeat purchases has dropped out rather than being still alive but quiet:
 * ln[ a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) ], the δ_{x>0} term of the paper's eq. (6), (10) and (13) over the other.
 */
function logDropoutOdds({ r, alpha, a, b }: BgNbdParameters, { x, tx, T }: CustomerHistory): number {
  return Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** Indexes of each group's x, t_x and T among the distinct values: the logarithms are then taken once per value. */
interface IndexedGroups {
  xs: Float64Array;
  txs: Float64Array;
  Ts: Float64Array;
  /** Per group: index into xs, txs, Ts, and its count. */
  xIndex: Uint32Array;
  txIndex: Uint32Array;
  TIndex: Uint32Array;
  counts: Float64Array;
}

function indexGroups(groups: readonly HistoryGroup[]): IndexedGroups {
  const distinct = (values: number[]) => {
    const unique = [...new Set(values)];
    const position = new Map(unique.map((value, i) => [value, i]));
    return { values: Float64Array.from(unique), index: Uint32Array.from(values, (value) => position.get(value) ?? 0) };
  };
  const x = distinct(groups.map((group) => group.x));
  const tx = distinct(groups.map((group) => group.tx));
  const T = distinct(groups.map((group) => group.T));
  return {
    xs: x.values,
    txs: tx.values,
    Ts: T.values,
    xIndex: x.index,
    txIndex: tx.index,
    TIndex: T.index,
    counts: Float64Array.from(groups, (group) => group.count),
  };
}

/**
 * The BG/NBD log-likelihood (the paper's eq. 6, in logs) summed over customers:
 *   ln L_i = lnΓ(r+x) − lnΓ(r) + r ln α + lnΓ(a+b) + lnΓ(b+x) − lnΓ(b) − lnΓ(a+b+x)
 *            + ln[ (α+T)^−(r+x) + δ_{x>0} a/(b+x−1) (α+t_x)^−(r+x) ]
 * and, when `gradient` is given, its derivatives by (r, α, a, b) written into it. With w_i the weight of the
 * second term (the chance the customer has dropped out, 1 − P(alive)):
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+t_x)      ∂/∂α = r/α − (r+x) [(1−w)/(α+T) + w/(α+t_x)]
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a                                ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w/(b+x−1)
 * Gamma functions are taken once per distinct x, logarithms once per distinct t_x and T.
 */
function indexedLogLikelihood(
  { r, alpha, a, b }: BgNbdParameters,
  indexed: IndexedGroups,
  gradient?: Float64Array,
): number {
  const { xs, txs, Ts, xIndex, txIndex, TIndex, counts } = indexed;
  const logAlpha = Math.log(alpha);
  const base = logGamma(a + b) - logGamma(r) - logGamma(b) + r * logAlpha;
  const logA = Math.log(a);
  const xTerms = xs.map((x) => base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
  const dropoutTerms = xs.map((x) => (x > 0 ? logA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY));
  const logAlphaTx = txs.map((tx) => Math.log(alpha + tx));
  const logAlphaT = Ts.map((T) => Math.log(alpha + T));
  let total = 0;
  if (!gradient) {
    for (let i = 0; i < counts.length; i++) {
      const xi = xIndex[i] as number;
      const x = xs[xi] as number;
      const stillAlive = -(r + x) * (logAlphaT[TIndex[i] as number] as number);
      let log = stillAlive;
      if (x > 0) {
        const droppedOut = (dropoutTerms[xi] as number) - (r + x) * (logAlphaTx[txIndex[i] as number] as number);
        log = logAddExp(stillAlive, droppedOut);
      }
      total += (counts[i] as number) * ((xTerms[xi] as number) + log);
    }
    return total;
  }
  const psiR = digamma(r);
  const psiAB = digamma(a + b);
  const psiB = digamma(b);
  const dR = xs.map((x) => digamma(r + x) - psiR + logAlpha);
  const dA = xs.map((x) => psiAB - digamma(a + b + x));
  const dB = xs.map((x) => psiAB + digamma(b + x) - psiB - digamma(a + b + x));
  const inverseTx = txs.map((tx) => 1 / (alpha + tx));
  const inverseT = Ts.map((T) => 1 / (alpha + T));
  let [gR, gAlpha, gA, gB] = [0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) {
    const xi = xIndex[i] as number;
    const x = xs[xi] as number;
    const ti = TIndex[i] as number;
    const count = counts[i] as number;
    const stillAlive = -(r + x) * (logAlphaT[ti] as number);
    let log = stillAlive;
    // w: the share of the likelihood in the dropped-out term.
    let w = 0;
    if (x > 0) {
      const droppedOut = (dropoutTerms[xi] as number) - (r + x) * (logAlphaTx[txIndex[i] as number] as number);
      const difference = droppedOut - stillAlive;
      if (difference > 0) {
        const e = Math.exp(-difference);
        log = droppedOut + Math.log1p(e);
        w = 1 / (1 + e);
      } else {
        const e = Math.exp(difference);
        log = stillAlive + Math.log1p(e);
        w = e / (1 + e);
      }
    }
    total += count * ((xTerms[xi] as number) + log);
    const txi = txIndex[i] as number;
    gR += count * ((dR[xi] as number) - (1 - w) * (logAlphaT[ti] as number) - w * (logAlphaTx[txi] as number));
    gAlpha += count * (r / alpha - (r + x) * ((1 - w) * (inverseT[ti] as number) + w * (inverseTx[txi] as number)));
    gA += count * ((dA[xi] as number) + w / a);
    gB += count * ((dB[xi] as number) - (x > 0 ? w / (b + x - 1) : 0));
  }
  gradient.set([gR, gAlpha, gA, gB]);
  return total;
}

/** The BG/NBD log-likelihood of these customers under these parameters (see indexedLogLikelihood). */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, groups: readonly HistoryGroup[]): number {
  return indexedLogLikelihood(parameters, indexGroups(groups));
}

/** The derivatives of bgNbdLogLikelihood by each parameter. */
export function bgNbdGradient(parameters: BgNbdParameters, groups: readonly HistoryGroup[]): BgNbdParameters {
  const gradient = new Float64Array(4);
  indexedLogLikelihood(parameters, indexGroups(groups), gradient);
  const [r, alpha, a, b] = gradient as unknown as [number, number, number, number];
  return { r, alpha, a, b };
}

/** P(alive | x, t_x, T), the paper's eq. (13): 1 for a customer who has not bought again. */
export function probabilityAlive(parameters: BgNbdParameters, history: CustomerHistory): number {
  if (history.x === 0) return 1;
  const logOdds = logDropoutOdds(parameters, history);
  // 1 / (1 + e^d), written so that neither branch overflows.
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T], the expected number of transactions in the next t periods, the paper's eq. (10):
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive | x, t_x, T)
 * At a = 1 the first factor is 0/0 and, near it, loses digits: within 1e-6 of 1 the answer is interpolated
 * between a = 1 ± 2e-6 (E is smooth in a), good to about 1e-10.
 */
export function expectedTransactions(parameters: BgNbdParameters, history: CustomerHistory, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = parameters;
  if (Math.abs(a - 1) < 1e-6) {
    const below = expectedTransactions({ ...parameters, a: 1 - 2e-6 }, history, t);
    const above = expectedTransactions({ ...parameters, a: 1 + 2e-6 }, history, t);
    return below + ((a - (1 - 2e-6)) / 4e-6) * (above - below);
  }
  const { x, T } = history;
  const z = t / (alpha + T + t);
  const hyper = hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const discount = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
  const ifAlive = ((a + b + x - 1) / (a - 1)) * (1 - discount * hyper);
  return ifAlive * probabilityAlive(parameters, history);
}

/** Log-parameters are kept within ±LOG_BOUND: beyond, the likelihood is flat and the fit degenerate. */
const LOG_BOUND = 25;
/**
 * Converged when no derivative of ln L by a log-parameter exceeds this per customer. Tighter is not resolvable:
 * near the optimum the steps it would take change a sum of 10⁵ terms by less than its rounding.
 */
const GRADIENT_TOLERANCE = 1e-7;
const BFGS_MAX_ITERATIONS = 200;
/** BFGS gives up when this many steps in a row raise ln L by less than 1e-14 of it (a ridge to infinity). */
const BFGS_STALLED_STEPS = 5;
/** A BFGS step moves a log-parameter by at most this much: a factor e³ on the parameter. */
const MAX_STEP = 3;
const NM_TOLERANCE = 1e-12;
const NM_MAX_EVALUATIONS = 1000;

interface Minimum {
  point: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

type Objective = (point: number[], gradient?: Float64Array) => number;

const dot = (u: ArrayLike<number>, v: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += (u[i] as number) * (v[i] as number);
  return sum;
};
const largest = (v: ArrayLike<number>) => Math.max(...Array.from(v, Math.abs));

/**
 * BFGS (Nocedal & Wright, algorithm 6.1) with a backtracking line search under the Armijo condition; the inverse
 * Hessian starts as the identity scaled after the first step and is updated only when the curvature yᵀs is
 * positive, so it stays positive definite. Converged when the largest derivative is below `tolerance`; gives up
 * when the line search finds no lower point, or the function has stopped falling.
 */
function bfgs(f: Objective, start: number[], tolerance: number): Minimum {
  const n = start.length;
  let point = start;
  let gradient = new Float64Array(n);
  let value = f(point, gradient);
  let evaluations = 1;
  let inverse: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let scaled = false;
  let stalled = 0;
  for (let iteration = 0; iteration < BFGS_MAX_ITERATIONS && stalled < BFGS_STALLED_STEPS; iteration++) {
    if (!Number.isFinite(value)) break;
    if (largest(gradient) <= tolerance) return { point, value, evaluations, converged: true };
    let direction = inverse.map((row) => -dot(row, gradient));
    if (dot(direction, gradient) >= 0) {
      // Not a descent direction (rounding in the update): start again from steepest descent.
      inverse = inverse.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      direction = Array.from(gradient, (g) => -g);
    }
    const longest = largest(direction);
    if (longest > MAX_STEP) direction = direction.map((d) => (d * MAX_STEP) / longest);
    const slope = dot(direction, gradient);
    let step = 1;
    let next: number[] = point;
    let nextValue = Number.POSITIVE_INFINITY;
    const nextGradient = new Float64Array(n);
    for (let tries = 0; tries < 60; tries++) {
      next = point.map((v, i) => v + step * (direction[i] as number));
      nextValue = f(next, nextGradient);
      evaluations++;
      if (Number.isFinite(nextValue) && nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextValue < value)) break;
    stalled = value - nextValue < 1e-14 * Math.abs(value) ? stalled + 1 : 0;
    const s = next.map((v, i) => v - (point[i] as number));
    const y = Array.from(nextGradient, (g, i) => g - (gradient[i] as number));
    const curvature = dot(y, s);
    if (curvature > 1e-12 * Math.sqrt(dot(y, y) * dot(s, s))) {
      if (!scaled) {
        const scale = curvature / dot(y, y);
        inverse = inverse.map((row) => row.map((v) => v * scale));
        scaled = true;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / yᵀs.
      const rho = 1 / curvature;
      const hy = inverse.map((row) => dot(row, y));
      const yhy = dot(y, hy);
      inverse = inverse.map((row, i) =>
        row.map(
          (v, j) =>
            v -
            rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
            (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number),
        ),
      );
    }
    point = next;
    value = nextValue;
    gradient = nextGradient;
  }
  return { point, value, evaluations, converged: Number.isFinite(value) && largest(gradient) <= tolerance };
}

/** Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½) from a simplex of axis steps around start. */
function nelderMead(f: Objective, start: number[], step: number, budget: number): Minimum {
  const n = start.length;
  let evaluations = 0;
  const evaluate = (point: number[]) => {
    evaluations++;
    const value = f(point);
    return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
  };
  const simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((point) => ({
    point,
    value: evaluate(point),
  }));
  const along = (from: number[], to: number[], by: number) => from.map((v, i) => v + by * ((to[i] as number) - v));
  while (evaluations < budget) {
    simplex.sort((p, q) => p.value - q.value);
    const best = simplex[0] as { point: number[]; value: number };
    const worst = simplex[n] as { point: number[]; value: number };
    const secondWorst = simplex[n - 1] as { point: number[]; value: number };
    if (worst.value - best.value <= NM_TOLERANCE * (1 + Math.abs(best.value))) {
      return { point: best.point, value: best.value, evaluations, converged: true };
    }
    const centroid = start.map((_, i) => simplex.slice(0, n).reduce((sum, p) => sum + (p.point[i] as number), 0) / n);
    const reflected = along(centroid, worst.point, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < best.value) {
      const expanded = along(centroid, worst.point, -2);
      const expandedValue = evaluate(expanded);
      simplex[n] =
        expandedValue < reflectedValue
          ? { point: expanded, value: expandedValue }
          : { point: reflected, value: reflectedValue };
      continue;
    }
    if (reflectedValue < secondWorst.value) {
      simplex[n] = { point: reflected, value: reflectedValue };
      continue;
    }
    const outside = reflectedValue < worst.value;
    const contracted = along(centroid, outside ? reflected : worst.point, 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < (outside ? reflectedValue : worst.value)) {
      simplex[n] = { point: contracted, value: contractedValue };
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const point = along(best.point, (simplex[i] as { point: number[] }).point, 0.5);
      simplex[i] = { point, value: evaluate(point) };
    }
  }
  simplex.sort((p, q) => p.value - q.value);
  const best = simplex[0] as { point: number[]; value: number };
  return { point: best.point, value: best.value, evaluations, converged: false };
}

const fromLog = ([logR, logAlpha, logA, logB]: number[]): BgNbdParameters => ({
  r: Math.exp(logR as number),
  alpha: Math.exp(logAlpha as number),
  a: Math.exp(logA as number),
  b: Math.exp(logB as number),
});

/**
 * Maximum-likelihood BG/NBD parameters. Optimises over (ln r, ln α, ln a, ln b), so the parameters stay positive
 * and their scales even out, by BFGS on the analytic gradient until no derivative exceeds 1e-7 per customer; should
 * BFGS stop short, Nelder–Mead (which needs no gradient) carries on from where it stopped for up to 1,000
 * evaluations. Data the model does not describe can have its supremum at infinity, typically a, b → ∞ with a/(a+b)
 * fixed (every customer drops out with the same probability): the fit then ends with huge a and b, whose
 * predictions are those of the limit.
 * Throws when no customer has a repeat transaction: the likelihood then has no maximum.
 */
export function fitBgNbd(histories: readonly HistoryGroup[]): BgNbdFit {
  const customers = histories.reduce((sum, group) => sum + group.count, 0);
  if (customers === 0) throw new Error('the BG/NBD model needs at least one customer to fit');
  if (!histories.some((group) => group.x > 0 && group.count > 0)) {
    throw new Error('no customer has a repeat transaction: the BG/NBD model cannot be fitted');
  }
  const indexed = indexGroups(histories);
  const byParameter = new Float64Array(4);
  // −ln L and its gradient by the log-parameters (∂/∂ln θ = θ ∂/∂θ).
  const negative: Objective = (point, gradient) => {
    if (point.some((v) => Math.abs(v) > LOG_BOUND)) return Number.POSITIVE_INFINITY;
    const parameters = fromLog(point);
    const value = -indexedLogLikelihood(parameters, indexed, gradient && byParameter);
    if (gradient) {
      const { r, alpha, a, b } = parameters;
      gradient.set([r, alpha, a, b].map((theta, i) => -theta * (byParameter[i] as number)));
    }
    return value;
  };
  // α is a rate per time unit: start it at the mean age, so that r/α starts near one purchase per customer lifetime.
  const meanAge = histories.reduce((sum, group) => sum + group.count * group.T, 0) / customers;
  const start = [0, Math.log(Math.max(meanAge, 1e-3)), 0, 0];
  let minimum = bfgs(negative, start, GRADIENT_TOLERANCE * customers);
  let evaluations = minimum.evaluations;
  if (!minimum.converged) {
    const polished = nelderMead(
      negative,
      Number.isFinite(minimum.value) ? minimum.point : start,
      0.1,
      NM_MAX_EVALUATIONS,
    );
    evaluations += polished.evaluations;
    if (polished.value <= minimum.value || !Number.isFinite(minimum.value)) minimum = polished;
  }
  const atBound = minimum.point.some((v) => Math.abs(v) > LOG_BOUND - 1);
  return {
    parameters: fromLog(minimum.point),
    logLikelihood: -minimum.value,
    customers,
    groups: histories.length,
    evaluations,
    converged: minimum.converged && !atBound,
  };
}
