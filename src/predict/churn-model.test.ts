import { describe, expect, it } from 'vitest';
import { rocAuc } from '../stats/classification-metrics.js';
import { seededRandom } from '../stats/matrix.js';
import { assignFolds, predictChurn, trainChurnModel } from './churn-model.js';
import { crossValidateChurn } from './evaluate-churn.js';
import type { FeatureSnapshot } from './feature-snapshot.js';

describe('assignFolds', () => {
  it('deals churned and staying accounts evenly round the folds, one fold per account', () => {
    // 4 accounts that churned (c1, c2 twice: rows 0 and 5 share a key) and 6 that stayed, 2 folds: the churned are
    // dealt 2 and 2, then the stayers start where they left off (fold 0) and are dealt 3 and 3.
    const keys = ['c1', 'c2', 'c3', 'c4', 's1', 'c1', 's2', 's3', 's4', 's5', 's6'];
    const labels = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const folds = assignFolds(keys, labels, 2, 1, 'fold');
    // One account, one fold, whatever its label on each date.
    expect(folds[0]).toBe(folds[5]);
    const churnedIn = (f: number) => ['c1', 'c2', 'c3', 'c4'].filter((k) => folds[keys.indexOf(k)] === f).length;
    const stayedIn = (f: number) =>
      ['s1', 's2', 's3', 's4', 's5', 's6'].filter((k) => folds[keys.indexOf(k)] === f).length;
    expect([churnedIn(0), churnedIn(1)]).toEqual([2, 2]);
    expect([stayedIn(0), stayedIn(1)]).toEqual([3, 3]);
  });

  it('depends on the keys and the seed, not on the order of the rows', () => {
    const keys = Array.from({ length: 50 }, (_, i) => `acct-${i}`);
    const labels = Uint8Array.from(keys, (_, i) => (i % 4 === 0 ? 1 : 0));
    const folds = assignFolds(keys, labels, 5, 7, 'outer');
    const reversed = assignFolds([...keys].reverse(), Uint8Array.from([...labels].reverse()), 5, 7, 'outer');
    expect([...reversed].reverse()).toEqual([...folds]);
    // Another seed draws other folds.
    expect([...assignFolds(keys, labels, 5, 8, 'outer')]).not.toEqual([...folds]);
  });
});

/** Accounts with only noise for features: nothing can be learned, so an honest figure is chance (ROC-AUC 0.5). */
function noise(seed: number, rows: number, features: number) {
  const random = seededRandom(seed);
  const accountIds = Array.from({ length: rows }, (_, i) => `noise-${seed}-${i}`);
  const snapshot: FeatureSnapshot = {
    asOf: '2025-01-31',
    accountIds,
    columns: Array.from({ length: features }, (_, j) => ({
      name: `noise.${j}`,
      kind: 'numeric' as const,
      values: accountIds.map(() => random()),
    })),
  };
  return { snapshot, labels: Uint8Array.from(accountIds, () => (random() < 0.3 ? 1 : 0)), foldKeys: accountIds };
}

describe('validation on data with nothing to learn', () => {
  it('gives chance figures on rows the model never saw, where the rows it learned from flatter it', () => {
    const honest: number[] = [];
    const flattering: number[] = [];
    for (const seed of [1, 2, 3]) {
      const data = noise(seed, 150, 40);
      const cv = crossValidateChurn(data, { folds: 5, seed: 1 });
      honest.push(rocAuc(cv.model, cv.labels) as number);
      // The optimistic figure: the model judged on the rows it was fitted on.
      const model = trainChurnModel(data);
      flattering.push(rocAuc(predictChurn(model, data.snapshot), data.labels) as number);
      // What `pacer churn train` and the API show: measured on a fifth of the accounts kept out of everything.
      expect(model.validation.heldOut?.n).toBe(30);
      expect(model.validation.heldOutOf).toBe('procedure');
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    // 150 rows, 45 churned: one pooled ROC-AUC has a standard error near 0.05 under chance (Hanley & McNeil 1982),
    // the mean of three about 0.03; ±0.07 is a little over two of those.
    expect(Math.abs(mean(honest) - 0.5)).toBeLessThan(0.07);
    expect(mean(flattering)).toBeGreaterThan(0.6);
  }, 300_000);
});
