import { describe, expect, it } from 'vitest';
import { fitLogisticRegression, logisticContributions, predictLogistic } from './logistic-regression.js';
import { type Matrix, matrixFromRows, seededRandom } from './matrix.js';

const logit = (p: number) => Math.log(p / (1 - p));
const column = (values: number[]): Matrix => matrixFromRows(values.map((v) => [v]));
const labels = (values: number[]) => Uint8Array.from(values);

describe('logistic regression', () => {
  it('with one binary feature and no penalty, recovers the log odds ratio and the reference group’s log odds', () => {
    // Group x = 0: 8 accounts, 2 churned → odds 2/6 = 1/3. Group x = 1: 12 accounts, 9 churned → odds 9/3 = 3.
    // Two groups, two parameters: the fit reproduces each group's rate, so the slope is ln(3 / (1/3)) = ln 9 and the
    // intercept on the original scale ln(1/3).
    const x = [...Array(8).fill(0), ...Array(12).fill(1)];
    const y = [1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    const model = fitLogisticRegression(column(x), labels(y), { l2: 0 });
    // Standardised with mean 12/20 = 0.6 and sd √(0.6 · 0.4).
    expect(model.means[0]).toBeCloseTo(0.6, 12);
    expect(model.scales[0]).toBeCloseTo(Math.sqrt(0.24), 12);
    const slope = (model.coefficients[0] as number) / (model.scales[0] as number);
    expect(slope).toBeCloseTo(Math.log(9), 8);
    expect(model.intercept - slope * 0.6).toBeCloseTo(Math.log(1 / 3), 8);
    const [p0, p1] = predictLogistic(model, column([0, 1]));
    expect(p0).toBeCloseTo(2 / 8, 8);
    expect(p1).toBeCloseTo(9 / 12, 8);
  });

  it('matches the published fit of the hours-studied example (Wikipedia, “Logistic regression”)', () => {
    // 20 students; published maximum-likelihood estimates: intercept −4.0777, hours 1.5046.
    const hours = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5];
    const passed = [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1];
    const model = fitLogisticRegression(column(hours), labels(passed), { l2: 0 });
    const slope = (model.coefficients[0] as number) / (model.scales[0] as number);
    expect(slope).toBeCloseTo(1.5046, 4);
    expect(model.intercept - slope * (model.means[0] as number)).toBeCloseTo(-4.0777, 4);
  });

  // 300 rows use the exact Hessian; 60,000 an estimate from a subsample of rows, which must not move the optimum.
  it.each([300, 60_000])(
    'reaches the penalised optimum with %i rows: the gradient of log-loss + (l2/2)|β|² is zero, the intercept unpenalised',
    (n) => {
      const rand = seededRandom(3);
      const rows = Array.from({ length: n }, () => [rand() * 10, rand() < 0.2 ? Number.NaN : rand() - 0.5, rand()]);
      const y = labels(rows.map((r) => (rand() < 1 / (1 + Math.exp(2 - 0.4 * (r[0] as number))) ? 1 : 0)));
      const weights = Float64Array.from(rows, () => 0.5 + rand());
      const l2 = 2;
      const x = matrixFromRows(rows);
      const model = fitLogisticRegression(x, y, { l2, weights });
      const p = predictLogistic(model, x);
      // Optimality, checked from the definition: Σ wᵢ(yᵢ − pᵢ) = 0 and Σ wᵢ(yᵢ − pᵢ)·zᵢⱼ = l2·βⱼ.
      let interceptGradient = 0;
      const gradient = [0, 0, 0];
      rows.forEach((row, i) => {
        const residual = (weights[i] as number) * ((y[i] as number) - (p[i] as number));
        interceptGradient += residual;
        row.forEach((v, j) => {
          const z = Number.isNaN(v) ? 0 : (v - (model.means[j] as number)) / (model.scales[j] as number);
          gradient[j] = (gradient[j] as number) + residual * z;
        });
      });
      // Sums over n rows: zero up to rounding relative to n.
      expect(interceptGradient / n).toBeCloseTo(0, 8);
      gradient.forEach((g, j) => {
        expect((g - l2 * (model.coefficients[j] as number)) / n).toBeCloseTo(0, 8);
      });
      // The signal is real, the penalty shrinks but does not erase it.
      expect(model.coefficients[0]).toBeGreaterThan(0.5);
    },
  );

  it('treats a weight of 2 like a duplicated row', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [0, 0, 1, 0, 1, 1];
    const weighted = fitLogisticRegression(column(x), labels(y), { weights: Float64Array.from([1, 2, 1, 1, 2, 1]) });
    const duplicated = fitLogisticRegression(column([1, 2, 2, 3, 4, 5, 5, 6]), labels([0, 0, 0, 1, 0, 1, 1, 1]));
    expect(weighted.intercept).toBeCloseTo(duplicated.intercept, 10);
    expect(weighted.coefficients[0]).toBeCloseTo(duplicated.coefficients[0] as number, 10);
  });

  it('stays finite on perfectly separable data when penalised', () => {
    const model = fitLogisticRegression(column([1, 2, 3, 4, 5, 6]), labels([0, 0, 0, 1, 1, 1]), { l2: 1 });
    expect(Number.isFinite(model.coefficients[0])).toBe(true);
    expect(Number.isFinite(model.intercept)).toBe(true);
    const p = predictLogistic(model, column([1, 3, 4, 6]));
    expect(p[0]).toBeLessThan(0.5);
    expect(p[1]).toBeLessThan(0.5);
    expect(p[2]).toBeGreaterThan(0.5);
    expect(p[3]).toBeGreaterThan(p[2] as number);
  });

  it('gives constant and empty columns no weight, and leaves the rest of the fit as it was', () => {
    const signal = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = labels([0, 0, 1, 0, 1, 0, 1, 1]);
    const alone = fitLogisticRegression(column(signal), y);
    const withJunk = fitLogisticRegression(matrixFromRows(signal.map((v) => [7, v, Number.NaN])), y);
    expect(withJunk.coefficients).toEqual([0, expect.closeTo(alone.coefficients[0] as number, 10), 0]);
    expect(withJunk.intercept).toBeCloseTo(alone.intercept, 10);
    expect(withJunk.scales).toEqual([1, expect.any(Number), 1]);
    // The model is plain data: it survives JSON (no NaN or Infinity inside).
    const restored = JSON.parse(JSON.stringify(withJunk));
    expect(restored).toEqual(withJunk);
  });

  it('reads a missing value as the training mean, and splits each row’s log-odds into per-feature parts', () => {
    const x = matrixFromRows([
      [1, 10],
      [2, 30],
      [3, 20],
      [4, 50],
      [5, 40],
      [6, 60],
    ]);
    const model = fitLogisticRegression(x, labels([0, 1, 0, 0, 1, 1]), { l2: 0.5 });
    const probe = matrixFromRows([
      [Number.NaN, 40],
      [model.means[0] as number, 40],
      [2, 25],
    ]);
    const p = predictLogistic(model, probe);
    expect(p[0]).toBeCloseTo(p[1] as number, 14);
    const missing = logisticContributions(model, probe, 0);
    expect(missing[0]).toBe(0);
    for (let row = 0; row < probe.rows; row++) {
      const parts = logisticContributions(model, probe, row);
      const sum = parts.reduce((s, v) => s + v, model.intercept);
      expect(sum).toBeCloseTo(logit(p[row] as number), 10);
    }
    // Each part is coefficient × standardised value: (2 − 3.5) / sd for the first feature of the last row.
    const last = logisticContributions(model, probe, 2);
    expect(last[0]).toBeCloseTo(((model.coefficients[0] as number) * (2 - 3.5)) / Math.sqrt(17.5 / 6), 12);
  });

  it('refuses data with only one class, or mismatched shapes', () => {
    expect(() => fitLogisticRegression(column([1, 2, 3]), labels([0, 0, 0]))).toThrow(/both/);
    expect(() => fitLogisticRegression(column([1, 2, 3]), labels([0, 1]))).toThrow(/labels/);
    const model = fitLogisticRegression(column([1, 2, 3, 4]), labels([0, 1, 0, 1]));
    expect(() => predictLogistic(model, matrixFromRows([[1, 2]]))).toThrow(/features/);
  });
});
