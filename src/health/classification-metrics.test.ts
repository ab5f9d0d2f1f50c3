import { describe, expect, it } from 'vitest';
import { fitLogistic, liftAtTopDecile, rocAuc } from './classification-metrics.js';

describe('ROC AUC', () => {
  it('is the share of (positive, negative) pairs ranked the right way round, ties half', () => {
    // Positives at risk 0.9 and 0.4; negatives at 0.8, 0.3, 0.1. Pairs: (0.9 beats all 3) + (0.4 beats 0.3, 0.1) = 5 of 6.
    expect(rocAuc([0.9, 0.8, 0.4, 0.3, 0.1], [true, false, true, false, false])).toBeCloseTo(5 / 6, 12);
    // A tie between a positive and a negative counts half: pairs (0.5 vs 0.5) = 0.5, (0.5 vs 0.2) = 1 → 1.5 / 2.
    expect(rocAuc([0.5, 0.5, 0.2], [true, false, false])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNull();
  });
});

describe('lift in the top decile', () => {
  it('compares the churn rate of the riskiest tenth with the overall rate', () => {
    // 20 accounts, 4 churned (20%); the 2 riskiest hold 1 churner (50%): lift 2.5.
    const risk = Array.from({ length: 20 }, (_, i) => 20 - i);
    const churned = risk.map((_, i) => i === 0 || i === 7 || i === 12 || i === 19);
    expect(liftAtTopDecile(risk, churned)).toBeCloseTo(2.5, 12);
  });
});

describe('logistic regression', () => {
  it('finds that a higher score means less churn, and which of two scores matters', () => {
    // Churn follows the first feature (low → churn); the second is noise, the same for churners and not.
    const x: number[][] = [];
    const y: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      const first = i % 100;
      const second = (i * 37) % 100;
      x.push([first, second]);
      y.push(first < 30);
    }
    const { coefficients } = fitLogistic(x, y);
    expect(coefficients[0]).toBeLessThan(0);
    expect(Math.abs(coefficients[0] as number)).toBeGreaterThan(10 * Math.abs(coefficients[1] as number));
  });
});
