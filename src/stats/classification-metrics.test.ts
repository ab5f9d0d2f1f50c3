import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationTable,
  liftAtTopDecile,
  logLoss,
  prAuc,
  rocAuc,
  rocCurve,
} from './classification-metrics.js';

describe('ROC AUC', () => {
  it('matches scikit-learn’s documented example', () => {
    // sklearn.metrics.auc docstring: y = [1, 1, 2, 2] (2 positive), pred = [0.1, 0.4, 0.35, 0.8] → 0.75.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it('counts tied (churned, retained) pairs as half', () => {
    // Churned at 0.9 and 0.5; retained at 0.5, 0.5, 0.1. Pairs: 0.9 beats all 3; 0.5 ties two (½ + ½) and beats
    // 0.1 (1): 5 of 6.
    expect(rocAuc([0.9, 0.5, 0.5, 0.5, 0.1], [1, 1, 0, 0, 0])).toBeCloseTo(5 / 6, 12);
    // Everything tied: every pair half, 0.5.
    expect(rocAuc([0.3, 0.3, 0.3], Uint8Array.from([1, 0, 0]))).toBeCloseTo(0.5, 12);
  });

  it('is undefined with only one class', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNull();
    expect(rocAuc([], [])).toBeNull();
  });
});

describe('ROC curve', () => {
  it('steps through each distinct score from the highest, tied rows together', () => {
    // Churned at 0.9 and 0.5; retained at 0.5, 0.5, 0.1 (2 churned, 3 retained). Thresholds 0.9: 1 churned, 0
    // retained → (0, ½); 0.5: 2 churned, 2 retained → (⅔, 1); 0.1: everything → (1, 1).
    expect(rocCurve([0.9, 0.5, 0.5, 0.5, 0.1], [1, 1, 0, 0, 0])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 2 / 3, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(rocCurve([0.1, 0.2], [1, 1])).toEqual([]);
  });

  it('keeps evenly spaced points of a long curve, the first and the last among them', () => {
    // 10 rows, all distinct, alternating churned/retained from the highest: 11 points; 3 kept: 0, 5 and 10.
    const scores = Array.from({ length: 10 }, (_, i) => 10 - i);
    const labels = scores.map((_, i) => (i % 2 === 0 ? 1 : 0));
    // After the 5th row (3 churned of 5, 2 retained of 5): (0.4, 0.6).
    expect(rocCurve(scores, labels, 3)).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0.4, tpr: 0.6 },
      { fpr: 1, tpr: 1 },
    ]);
  });
});

describe('average precision (PR AUC)', () => {
  it('matches scikit-learn’s documented example', () => {
    // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333…: by score 0.8 (churned: P 1, R ½),
    // 0.4 (not: R unchanged), 0.35 (churned: P 2/3, R 1). ½·1 + ½·2/3 = 5/6.
    expect(prAuc(Float64Array.from([0.1, 0.4, 0.35, 0.8]), [0, 0, 1, 1])).toBeCloseTo(5 / 6, 12);
  });

  it('takes tied scores as one threshold', () => {
    // 0.9 (churned): P 1, R ½. The three at 0.5 enter together (one churned): P 2/4, R 1. ½·1 + ½·½ = 0.75.
    expect(prAuc([0.9, 0.5, 0.5, 0.5, 0.1], [1, 1, 0, 0, 0])).toBeCloseTo(0.75, 12);
    // All tied: a single threshold at which precision is the base rate.
    expect(prAuc([0.5, 0.5, 0.5, 0.5], [1, 0, 0, 1])).toBeCloseTo(0.5, 12);
  });

  it('is undefined without churners', () => {
    expect(prAuc([0.5, 0.2], [0, 0])).toBeNull();
  });
});

describe('Brier score and log-loss', () => {
  it('match scikit-learn’s documented examples', () => {
    // brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) = (0.01 + 0.01 + 0.04 + 0.09)/4 = 0.0375.
    expect(brierScore([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0])).toBeCloseTo(0.0375, 12);
    // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) = 0.21616…:
    // −(ln 0.9 + ln 0.9 + ln 0.8 + ln 0.65)/4.
    expect(logLoss([0.9, 0.1, 0.2, 0.65], [1, 0, 0, 1])).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4,
      12,
    );
    expect(logLoss([0.9, 0.1, 0.2, 0.65], [1, 0, 0, 1])).toBeCloseTo(0.21616, 5);
  });

  it('keeps a confident mistake finite', () => {
    // p = 0 for a churner is clipped to 1e-15: −ln(1e-15) ≈ 34.54, over two rows.
    expect(logLoss([0, 0], [1, 0])).toBeCloseTo(-Math.log(1e-15) / 2, 6);
    expect(brierScore([], [])).toBeNull();
  });
});

describe('lift in the top decile', () => {
  it('compares the churn rate of the top tenth with the overall rate', () => {
    // 20 accounts, 4 churned (20%); the top 2 hold 1 churner (50%): lift 2.5.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    const churned = scores.map((_, i) => (i === 0 || i === 7 || i === 12 || i === 19 ? 1 : 0));
    expect(liftAtTopDecile(scores, churned)).toBeCloseTo(2.5, 12);
  });

  it('shares the last places among rows tied at the cut-off', () => {
    // 10 accounts, 2 churned (20%): the top is 1 row, but three tie at 0.9, one of them churned. The one place gets
    // their rate, 1/3: lift (1/3)/0.2 = 5/3, whichever order the ties come in.
    expect(
      liftAtTopDecile([0.9, 0.9, 0.9, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0], [0, 1, 0, 0, 0, 0, 0, 1, 0, 0]),
    ).toBeCloseTo(5 / 3, 12);
    // With 4 rows the top is still one row (max(1, round(0.4))): the churner at 0.8, among 2 of 4 churned: 1/0.5 = 2.
    expect(liftAtTopDecile([0.8, 0.6, 0.4, 0.2], [1, 0, 1, 0])).toBeCloseTo(2, 12);
    expect(liftAtTopDecile([0.8, 0.6], [0, 0])).toBeNull();
  });
});

describe('calibration table', () => {
  it('splits rows into equal-frequency bins by predicted probability', () => {
    // 7 rows into 3 bins: ranks [0, 2), [2, 4), [4, 7) (floor(k·7/3)). In order of p: 0.1 0.2 | 0.3 0.4 | 0.5 0.6 0.7.
    const p = [0.5, 0.1, 0.7, 0.3, 0.2, 0.6, 0.4];
    const y = [1, 0, 1, 1, 0, 1, 0];
    expect(calibrationTable(p, y, 3)).toEqual([
      { n: 2, meanPredicted: expect.closeTo(0.15, 12), observedRate: 0 },
      { n: 2, meanPredicted: expect.closeTo(0.35, 12), observedRate: 0.5 },
      { n: 3, meanPredicted: expect.closeTo(0.6, 12), observedRate: 1 },
    ]);
  });

  it('leaves out empty bins when there are fewer rows than bins', () => {
    expect(calibrationTable([0.9, 0.2], [1, 0])).toEqual([
      { n: 1, meanPredicted: 0.2, observedRate: 0 },
      { n: 1, meanPredicted: 0.9, observedRate: 1 },
    ]);
  });
});

describe('inputs', () => {
  it('refuses mismatched lengths and labels other than 0 and 1', () => {
    expect(() => rocAuc([0.1, 0.2], [1])).toThrow(/labels/);
    expect(() => prAuc([0.1, 0.2], [1, 2])).toThrow(/label 1/);
    expect(() => brierScore([Number.NaN], [1])).toThrow(/NaN/);
  });
});
