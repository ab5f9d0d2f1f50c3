import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../demo/seeded-random.js';
import {
  type BgNbdParameters,
  bgNbdGradient,
  bgNbdLogLikelihood,
  type CustomerHistory,
  digamma,
  expectedTransactions,
  fitBgNbd,
  groupHistories,
  hypergeometric2F1,
  logGamma,
  probabilityAlive,
} from './bg-nbd.js';

const CDNOW_SAMPLE = '/work/shared/data/cdnow/CDNOW_sample.txt';
const WEEK = 7 * 86_400_000;

/**
 * The paper's calibration summary of the CDNOW 1/10th sample: 39 weeks (1997-01-01 … 1997-09-30) in weeks, several
 * purchases on one day counted once, t_x and T counted from the first purchase's day to the last one's and to
 * 1997-09-30: 38.86 weeks for a first purchase on 1997-01-01, as in lifetimes and Fader–Hardie's spreadsheet.
 */
function cdnowCalibration(): CustomerHistory[] {
  const end = Date.UTC(1997, 8, 30);
  const days = new Map<string, Set<number>>();
  for (const line of readFileSync(CDNOW_SAMPLE, 'utf8').split('\n')) {
    const [customer, , date] = line.trim().split(/\s+/);
    if (!customer || !date) continue;
    const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
    const customerDays = days.get(customer) ?? new Set<number>();
    days.set(customer, customerDays);
    if (day <= end) customerDays.add(day);
  }
  return [...days.values()].map((set) => {
    const first = Math.min(...set);
    return { x: set.size - 1, tx: (Math.max(...set) - first) / WEEK, T: (end - first) / WEEK };
  });
}

// The paper's estimates and log-likelihood on the 39-week calibration period.
const PAPER: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PAPER_LOG_LIKELIHOOD = -9582.4;

describe('logGamma', () => {
  it('matches closed forms to 1e-13', () => {
    const lnSqrtPi = 0.5 * Math.log(Math.PI);
    expect(logGamma(0.5)).toBeCloseTo(lnSqrtPi, 13);
    expect(logGamma(1.5)).toBeCloseTo(lnSqrtPi - Math.log(2), 13);
    expect(logGamma(2.5)).toBeCloseTo(lnSqrtPi + Math.log(3 / 4), 13);
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(3)).toBeCloseTo(Math.log(2), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362_880), 13);
    // Γ(1/3) = 2.678938534707747633… (Abramowitz & Stegun 6.1.9 / OEIS A073005)
    expect(logGamma(1 / 3)).toBeCloseTo(Math.log(2.678938534707747), 13);
  });

  it('is accurate to 1e-12 relative for large arguments', () => {
    let lnFactorial99 = 0;
    for (let k = 2; k <= 99; k++) lnFactorial99 += Math.log(k);
    expect(Math.abs(logGamma(100) - lnFactorial99) / lnFactorial99).toBeLessThan(1e-12);
    // Stirling's series with three terms is exact to ~1e-17 at 1e6.
    const x = 1e6;
    const stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
    expect(Math.abs(logGamma(x) - stirling) / stirling).toBeLessThan(1e-12);
  });

  it('follows Γ(x+1) = xΓ(x) and behaves like −ln x − γx near 0', () => {
    for (const x of [1e-6, 0.01, 0.243, 0.7, 1.3, 4.414, 17.5, 250]) {
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 11);
    }
    const eulerGamma = 0.5772156649015329;
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - eulerGamma * 1e-8, 12);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
});

describe('digamma', () => {
  it('matches closed forms and the recurrence', () => {
    const eulerGamma = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-eulerGamma, 14);
    expect(digamma(0.5)).toBeCloseTo(-eulerGamma - 2 * Math.log(2), 14);
    // ψ(n) = −γ + Σ_{k<n} 1/k
    expect(digamma(5)).toBeCloseTo(-eulerGamma + 1 + 1 / 2 + 1 / 3 + 1 / 4, 14);
    for (const x of [1e-7, 0.243, 2.426, 9.99, 10, 1234.5]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
    expect(digamma(0)).toBeNaN();
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.05, 0.793, 3.2, 47]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 6);
    }
  });
});

describe('hypergeometric2F1', () => {
  it('matches closed forms, also close to z = 1', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      // ₂F₁(1, 1; 2; z) = −ln(1−z)/z; ₂F₁(a, b; b; z) = (1−z)^−a; ₂F₁(½, ½; 3/2; z²) = arcsin(z)/z.
      expect(hypergeometric2F1(1, 1, 2, z)).toBeCloseTo(z === 0 ? 1 : -Math.log1p(-z) / z, 12);
      expect(hypergeometric2F1(2.243, 4.426, 4.426, z)).toBeCloseTo((1 - z) ** -2.243, 9);
      expect(hypergeometric2F1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(z === 0 ? 1 : Math.asin(z) / z, 12);
    }
  });

  it('refuses z outside [0, 1) and c a pole', () => {
    expect(() => hypergeometric2F1(1, 1, 2, 1)).toThrow(/z must be in \[0, 1\)/);
    expect(() => hypergeometric2F1(1, 1, 2, -0.1)).toThrow(/z must be in \[0, 1\)/);
    expect(() => hypergeometric2F1(1, 1, -2, 0.5)).toThrow(/c must not be/);
  });
});

describe('BG/NBD likelihood', () => {
  it('is the paper’s eq. (6) worked by hand', () => {
    const unit = { r: 1, alpha: 1, a: 1, b: 1 };
    // x = 1, t_x = 1, T = 2: B(1,2)/B(1,1) · Γ(2)/(Γ(1)·3²) + B(2,1)/B(1,1) · Γ(2)/(Γ(1)·2²) = 1/18 + 1/8 = 13/72.
    expect(bgNbdLogLikelihood(unit, [{ x: 1, tx: 1, T: 2, count: 1 }])).toBeCloseTo(Math.log(13 / 72), 13);
    // No repeat purchase: only the first term, (α/(α+T))^r: here (2/(2+3))^0.5.
    expect(bgNbdLogLikelihood({ r: 0.5, alpha: 2, a: 3, b: 4 }, [{ x: 0, tx: 0, T: 3, count: 1 }])).toBeCloseTo(
      0.5 * Math.log(2 / 5),
      13,
    );
  });

  it('counts a group as its customers one by one', () => {
    const customers = [
      { x: 0, tx: 0, T: 30 },
      { x: 2, tx: 10, T: 30 },
      { x: 0, tx: 0, T: 30 },
      { x: 5, tx: 29, T: 35 },
      { x: 2, tx: 10, T: 30 },
      { x: 2, tx: 10, T: 30 },
    ];
    const groups = groupHistories(customers);
    expect(groups.map((group) => group.count)).toEqual([2, 3, 1]);
    const oneByOne = customers.reduce((sum, c) => sum + bgNbdLogLikelihood(PAPER, [{ ...c, count: 1 }]), 0);
    expect(bgNbdLogLikelihood(PAPER, groups)).toBeCloseTo(oneByOne, 10);
  });
});

describe('BG/NBD gradient', () => {
  it('is the derivative of the log-likelihood', () => {
    const groups = [
      { x: 0, tx: 0, T: 30, count: 40 },
      { x: 1, tx: 2, T: 30, count: 7 },
      { x: 3, tx: 29, T: 31, count: 3 },
      { x: 12, tx: 5, T: 38, count: 1 },
    ];
    const gradient = bgNbdGradient(PAPER, groups);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const h = 1e-6 * PAPER[name];
      const up = bgNbdLogLikelihood({ ...PAPER, [name]: PAPER[name] + h }, groups);
      const down = bgNbdLogLikelihood({ ...PAPER, [name]: PAPER[name] - h }, groups);
      expect(gradient[name], name).toBeCloseTo((up - down) / (2 * h), 5);
    }
  });
});

describe('BG/NBD on the CDNOW sample (Fader, Hardie & Lee 2005)', () => {
  const histories = cdnowCalibration();

  it('summarises 2,357 customers as the paper does', () => {
    expect(histories).toHaveLength(2357);
    // Customer 00004: 1997-01-01, 01-18, 08-02 (and 12-12, after the calibration).
    expect(histories[0]?.x).toBe(2);
    expect(histories[0]?.tx).toBeCloseTo(30.43, 2);
    expect(histories[0]?.T).toBeCloseTo(38.86, 2);
  });

  it('finds the paper’s estimates and log-likelihood', () => {
    const fit = fitBgNbd(groupHistories(histories));
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.parameters[name] / PAPER[name] - 1), name).toBeLessThan(0.01);
    }
    expect(fit.logLikelihood).toBeCloseTo(PAPER_LOG_LIKELIHOOD, 1);
    // At the maximum: no derivative by a log-parameter above 1e-7 per customer (θ ∂lnL/∂θ).
    const gradient = bgNbdGradient(fit.parameters, groupHistories(histories));
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.parameters[name] * gradient[name]), name).toBeLessThan(2357e-7);
    }
    // The paper's rounded estimates are close to the optimum, not better than it.
    expect(bgNbdLogLikelihood(PAPER, groupHistories(histories))).toBeLessThanOrEqual(fit.logLikelihood);
  });

  it('predicts for one customer what Fader and Hardie published', () => {
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    // Fader & Hardie, "Implementing the BG/NBD Model for Customer Base Analysis in Excel": 1.226 in the next 39 weeks.
    expect(expectedTransactions(PAPER, customer, 39)).toBeCloseTo(1.226, 3);
    // Eq. (13) by hand: 1 / (1 + 0.793/3.426 · (43.274/34.844)^2.243) = 1 / (1 + 0.23147 · 1.62584) = 0.7266.
    expect(probabilityAlive(PAPER, customer)).toBeCloseTo(0.7266, 4);
  });
});

describe('P(alive) and expected transactions', () => {
  it('has a customer without repeat purchases alive for sure', () => {
    expect(probabilityAlive(PAPER, { x: 0, tx: 0, T: 38.86 })).toBe(1);
    expect(probabilityAlive(PAPER, { x: 0, tx: 0, T: 0 })).toBe(1);
  });

  it('falls as the silence since the last purchase grows, and stays in (0, 1] far out', () => {
    const recent = probabilityAlive(PAPER, { x: 3, tx: 35, T: 38 });
    const quiet = probabilityAlive(PAPER, { x: 3, tx: 5, T: 38 });
    expect(recent).toBeGreaterThan(quiet);
    // ln odds of dropout = ln(0.793/51.426) + 50.243 · ln(10004.414/5.414) ≈ 374: P(alive) ≈ e^−374 ≈ 1e-162.
    const long = probabilityAlive(PAPER, { x: 50, tx: 1, T: 1e4 });
    expect(Math.log(long)).toBeCloseTo(-Math.log(0.793 / 51.426) - 50.243 * Math.log(10004.414 / 5.414), 6);
    expect(probabilityAlive(PAPER, { x: 400, tx: 1, T: 1e6 })).toBe(0);
    expect(probabilityAlive(PAPER, { x: 400, tx: 1e6, T: 1e6 })).toBeGreaterThan(0.99);
  });

  it('expects nothing in no time and more in a longer horizon', () => {
    const customer = { x: 2, tx: 30.43, T: 38.86 };
    expect(expectedTransactions(PAPER, customer, 0)).toBe(0);
    const weeks = [1, 4, 13, 39, 104, 520].map((t) => expectedTransactions(PAPER, customer, t));
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]).toBeGreaterThan(weeks[i - 1] as number);
    // Within a week, the customer buys at about P(alive) · E[λ | x, t_x, T] = P(alive) · (r+x)/(α+T).
    const perWeek = (probabilityAlive(PAPER, customer) * (PAPER.r + 2)) / (PAPER.alpha + 38.86);
    expect(expectedTransactions(PAPER, customer, 1e-4) / 1e-4).toBeCloseTo(perWeek, 4);
  });

  it('is continuous through a = 1, where eq. (10) is 0/0', () => {
    const customer = { x: 1, tx: 10, T: 20 };
    const at = (a: number) => expectedTransactions({ ...PAPER, a }, customer, 26);
    // Smooth in a: the line through a = 1 ± 1e-4 is off by O(1e-8) · E'' around 1.
    const [below, above] = [at(1 - 1e-4), at(1 + 1e-4)];
    const line = (a: number) => below + ((a - (1 - 1e-4)) / 2e-4) * (above - below);
    for (const a of [1, 1 + 5e-7, 1 - 5e-7, 1 + 3e-6]) expect(at(a)).toBeCloseTo(line(a), 7);
  });
});

/** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the boost for shape < 1. */
function gammaVariate(random: Random, shape: number): number {
  if (shape < 1) return gammaVariate(random, shape + 1) * (1 - random.next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = random.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - random.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Customers drawn from the BG/NBD story itself, first purchase at 0, watched for T. */
function simulate(truth: BgNbdParameters, customers: number, seed: number): CustomerHistory[] {
  const random = createRandom(seed);
  return Array.from({ length: customers }, () => {
    const lambda = gammaVariate(random, truth.r) / truth.alpha;
    const g = gammaVariate(random, truth.a);
    const dropout = g / (g + gammaVariate(random, truth.b));
    const T = random.uniform(20, 60);
    let [t, x, tx] = [0, 0, 0];
    for (;;) {
      t += random.exponential(1 / lambda);
      if (t > T) break;
      [x, tx] = [x + 1, t];
      if (random.chance(dropout)) break;
    }
    return { x, tx, T };
  });
}

describe('fitting BG/NBD', () => {
  it('recovers the parameters of simulated customers', () => {
    const truth = { r: 0.8, alpha: 6, a: 1.2, b: 4 };
    const groups = groupHistories(simulate(truth, 30_000, 7));
    const fit = fitBgNbd(groups);
    expect(fit.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, groups));
    // r and α are pinned by 30,000 customers to a few percent; a and b, seen only through dropouts, less so.
    expect(Math.abs(fit.parameters.r / truth.r - 1)).toBeLessThan(0.05);
    expect(Math.abs(fit.parameters.alpha / truth.alpha - 1)).toBeLessThan(0.08);
    expect(Math.abs(fit.parameters.a / truth.a - 1)).toBeLessThan(0.2);
    expect(Math.abs(fit.parameters.b / truth.b - 1)).toBeLessThan(0.2);
  });

  it('answers the same in days as in weeks: α scales by 7, ln L by 7^−x per customer', () => {
    const weeks = groupHistories(cdnowCalibration());
    const days = weeks.map((group) => ({ ...group, tx: group.tx * 7, T: group.T * 7 }));
    const inWeeks = fitBgNbd(weeks);
    const inDays = fitBgNbd(days);
    expect(inDays.parameters.alpha / inWeeks.parameters.alpha).toBeCloseTo(7, 4);
    for (const name of ['r', 'a', 'b'] as const) {
      expect(inDays.parameters[name] / inWeeks.parameters[name], name).toBeCloseTo(1, 4);
    }
    // Each repeat purchase's time density is per day rather than per week: a factor 1/7 for each.
    const repeats = weeks.reduce((sum, group) => sum + group.count * group.x, 0);
    expect(inDays.logLikelihood).toBeCloseTo(inWeeks.logLikelihood - repeats * Math.log(7), 4);
  });

  it('copes with dropout the same for everyone, where a and b have no finite estimate', () => {
    // p ~ Beta(10⁵, 3·10⁵) is p = 0.25 for everyone: the likelihood rises for ever along a/(a+b) ≈ 0.25.
    const truth = { r: 0.8, alpha: 6, a: 1e5, b: 3e5 };
    const groups = groupHistories(simulate(truth, 5000, 11));
    const fit = fitBgNbd(groups);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, groups) - 1e-6);
    expect(fit.parameters.a).toBeGreaterThan(100);
    expect(fit.parameters.a / (fit.parameters.a + fit.parameters.b)).toBeCloseTo(0.25, 1);
    expect(fit.parameters.r / truth.r).toBeCloseTo(1, 0);
  });

  it('copes with customers who never drop out, where the estimate of a runs to 0', () => {
    // Clockwork customers: each buys every `gap` weeks for the whole of its T. No one leaves, so E[p] = a/(a+b) → 0.
    const random = createRandom(3);
    const customers = Array.from({ length: 2000 }, () => {
      const T = random.uniform(20, 60);
      const gap = random.uniform(1, 10);
      const x = Math.floor(T / gap);
      return { x, tx: x * gap, T };
    });
    const fit = fitBgNbd(groupHistories(customers));
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.parameters.a / (fit.parameters.a + fit.parameters.b)).toBeLessThan(1e-6);
    // A customer who bought in the last week is alive; 26 more weeks bring about (r+x)/(α+T) a week.
    const customer = { x: 10, tx: 49, T: 50 };
    expect(probabilityAlive(fit.parameters, customer)).toBeGreaterThan(0.999);
    const { r, alpha } = fit.parameters;
    expect(expectedTransactions(fit.parameters, customer, 26) / 26).toBeCloseTo((r + 10) / (alpha + 50), 1);
  });

  it('refuses data without any repeat purchase', () => {
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 10, count: 5 }])).toThrow(/no customer has a repeat transaction/);
    expect(() => fitBgNbd([])).toThrow(/at least one customer/);
  });
});
