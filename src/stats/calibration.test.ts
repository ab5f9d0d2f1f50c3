import { describe, expect, it } from 'vitest';
import { applyCalibration, fitCalibration } from './calibration.js';

const logit = (p: number) => Math.log(p / (1 - p));

describe('isotonic calibration (pool adjacent violators)', () => {
  it('pools violators into their mean and interpolates between blocks', () => {
    // Scores 0.1 … 0.5 with outcomes 1 0 0 1 1. PAV: 1 then 0 violates → pool {0.1, 0.2} = 1/2; then 0 < 1/2
    // violates → pool {0.1, 0.2, 0.3} = 1/3; then 1, 1 are in order. Fit: 1/3 1/3 1/3 1 1.
    const calibration = fitCalibration([0.3, 0.1, 0.5, 0.2, 0.4], [0, 1, 1, 0, 1], 'isotonic');
    // Each block keeps its lowest and highest score: (0.1, 1/3) (0.3, 1/3) (0.4, 1) (0.5, 1).
    expect(calibration).toEqual({
      method: 'isotonic',
      x: [0.1, 0.3, 0.4, 0.5],
      y: [1 / 3, 1 / 3, 1, 1],
    });
    // 0.35 is halfway from (0.3, 1/3) to (0.4, 1): 2/3. Beyond the ends the curve is flat.
    const [inside, between, below, above] = applyCalibration(calibration, [0.2, 0.35, 0.05, 0.9]);
    expect(inside).toBeCloseTo(1 / 3, 12);
    expect(between).toBeCloseTo(2 / 3, 12);
    expect(below).toBeCloseTo(1 / 3, 12);
    expect(above).toBe(1);
  });

  it('pools tied scores before anything else', () => {
    // Ties first: 0.3 → {1, 0} = 1/2; 0.5 → 0; 0.7 → {1, 1} = 1; 0.9 → 0.
    // PAV: 1/2 then 0 violates → {0.3, 0.5} = (1 + 0 + 0)/3 = 1/3; 1 is fine; then 0 violates → {0.7, 0.9} = 2/3.
    const calibration = fitCalibration([0.3, 0.3, 0.5, 0.7, 0.7, 0.9], [1, 0, 0, 1, 1, 0], 'isotonic');
    expect(calibration).toEqual({ method: 'isotonic', x: [0.3, 0.5, 0.7, 0.9], y: [1 / 3, 1 / 3, 2 / 3, 2 / 3] });
    expect(applyCalibration(calibration, [0.6])[0]).toBeCloseTo(1 / 2, 12);
  });

  it('does not let the first of several tied rows drag the whole tie into a violating block', () => {
    // 0.1 → 1, 0.2 → 0: pooled {0.1, 0.2} = 1/2. The tie at 0.3 is {0, 1, 1} = 2/3 > 1/2: no violation, two blocks.
    const calibration = fitCalibration([0.1, 0.2, 0.3, 0.3, 0.3], [1, 0, 0, 1, 1], 'isotonic');
    expect(calibration).toEqual({ method: 'isotonic', x: [0.1, 0.2, 0.3], y: [1 / 2, 1 / 2, 2 / 3] });
  });
});

describe('Platt calibration', () => {
  it('with two distinct scores, reproduces each group’s (prior-smoothed) churn rate', () => {
    // Score 0.2: 4 rows, 1 churned. Score 0.8: 4 rows, 2 churned. N₊ = 3, N₋ = 5, so the targets are 4/5 for a
    // churned row and 1/7 for the others. Two parameters, two distinct inputs: the fit matches each group's mean
    // target exactly: (4/5 + 3/7)/4 = 43/140 at 0.2 and (2·4/5 + 2/7)/4 = 33/70 at 0.8.
    const scores = [0.2, 0.2, 0.2, 0.2, 0.8, 0.8, 0.8, 0.8];
    const y = [1, 0, 0, 0, 1, 1, 0, 0];
    const calibration = fitCalibration(scores, y, 'platt');
    // logit(0.2) = −ln 4 and logit(0.8) = ln 4, so a = (logit(33/70) − logit(43/140)) / (2 ln 4), b the mean.
    const a = (logit(33 / 70) - logit(43 / 140)) / (2 * Math.log(4));
    const b = (logit(33 / 70) + logit(43 / 140)) / 2;
    expect(calibration.method).toBe('platt');
    if (calibration.method !== 'platt') return;
    expect(calibration.a).toBeCloseTo(a, 9);
    expect(calibration.b).toBeCloseTo(b, 9);
    const [low, high] = applyCalibration(calibration, [0.2, 0.8]);
    expect(low).toBeCloseTo(43 / 140, 9);
    expect(high).toBeCloseTo(33 / 70, 9);
  });

  it('stays finite when the scores separate the classes perfectly, and keeps their order', () => {
    const calibration = fitCalibration([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [0, 0, 0, 1, 1, 1], 'platt');
    if (calibration.method !== 'platt') throw new Error('expected Platt');
    expect(Number.isFinite(calibration.a)).toBe(true);
    expect(calibration.a).toBeGreaterThan(0);
    const p = applyCalibration(calibration, [0.1, 0.5, 0.9]);
    expect(p[0]).toBeLessThan(p[1] as number);
    expect(p[1]).toBeLessThan(p[2] as number);
    // The targets 1/(3 + 2) and (3 + 1)/(3 + 2) instead of 0 and 1 stop the fit sharpening the scores without bound.
    expect(p[0]).toBeGreaterThan(0.1);
    expect(p[2]).toBeLessThan(0.9);
  });

  it('moves only the intercept when every score is the same', () => {
    // One distinct input: the fit reproduces the mean target, (2·(3/4) + 2·(1/4))/4 = 1/2, whatever a is.
    const calibration = fitCalibration([0.3, 0.3, 0.3, 0.3], [1, 1, 0, 0], 'platt');
    expect(applyCalibration(calibration, [0.3])[0]).toBeCloseTo(0.5, 9);
  });

  it('refuses labels other than 0 and 1', () => {
    expect(() => fitCalibration([0.5, 0.5], [0, 2], 'platt')).toThrow(/label/);
  });
});
