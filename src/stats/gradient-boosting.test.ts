import { describe, expect, it } from 'vitest';
import { rocAuc } from './classification-metrics.js';
import {
  fitGradientBoosting,
  type GradientBoostingModel,
  type GradientBoostingTree,
  gradientBoostingContributions,
  gradientBoostingLogOdds,
  predictGradientBoosting,
} from './gradient-boosting.js';
import { fitLogisticRegression, predictLogistic } from './logistic-regression.js';
import { type Matrix, matrixFromRows, seededRandom } from './matrix.js';

const single = { trees: 1, learningRate: 1, subsample: 1, colsample: 1, l2: 0, minSamplesLeaf: 1 };

/** n rows of `features` uniform values in [−1, 1), with a label computed from each row. */
function dataset(n: number, features: number, seed: number, label: (row: number[], random: () => number) => boolean) {
  const random = seededRandom(seed);
  const rows = Array.from({ length: n }, () => Array.from({ length: features }, () => random() * 2 - 1));
  return { x: matrixFromRows(rows), y: Uint8Array.from(rows, (row) => (label(row, random) ? 1 : 0)), rows };
}

describe('gradient boosting: trees', () => {
  it('finds the step of a step function with one depth-1 tree, and takes one Newton step per leaf', () => {
    // x = 0…39, twice each; churn from 23 on: 34 of 80 churned, base rate p = 0.425. The cut lies halfway between the
    // values 22 and 23. From the base score, a leaf's Newton step is −Σg/Σh: on the left every g = p and h = p(1 − p),
    // so −1/(1 − p); on the right every g = p − 1, so 1/p.
    const xs = Array.from({ length: 80 }, (_, i) => i % 40);
    const model = fitGradientBoosting(
      matrixFromRows(xs.map((v) => [v])),
      Uint8Array.from(xs, (v) => (v >= 23 ? 1 : 0)),
      { ...single, maxDepth: 1 },
    );
    const [tree] = model.trees as [GradientBoostingTree];
    expect(model.baseScore).toBeCloseTo(Math.log(0.425 / 0.575), 12);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(22.5);
    expect(tree.value[tree.left[0] as number]).toBeCloseTo(-1 / 0.575, 10);
    expect(tree.value[tree.right[0] as number]).toBeCloseTo(1 / 0.425, 10);
    expect(tree.cover).toEqual([80, 46, 34]);
  });

  it('fits each tree to the log-loss gradients at the scores the trees before it gave', () => {
    // As above, with a second tree: it splits at the same place, and each leaf takes one more Newton step from the
    // score after the first tree. Left: p₁ = σ(logit 0.425 − 1/0.575), all retained, so the step is −1/(1 − p₁).
    // Right: p₁ = σ(logit 0.425 + 1/0.425), all churned, so the step is 1/p₁.
    const xs = Array.from({ length: 80 }, (_, i) => i % 40);
    const model = fitGradientBoosting(
      matrixFromRows(xs.map((v) => [v])),
      Uint8Array.from(xs, (v) => (v >= 23 ? 1 : 0)),
      { ...single, trees: 2, maxDepth: 1 },
    );
    const second = model.trees[1] as GradientBoostingTree;
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const base = Math.log(0.425 / 0.575);
    expect(second.threshold[0]).toBe(22.5);
    expect(second.value[second.left[0] as number]).toBeCloseTo(-1 / (1 - sigma(base - 1 / 0.575)), 10);
    expect(second.value[second.right[0] as number]).toBeCloseTo(1 / sigma(base + 1 / 0.425), 10);
  });

  it('places the cut within a bin’s width of the step when a feature has many distinct values', () => {
    const { x, y } = dataset(3000, 1, 5, (row) => (row[0] as number) > 0.26);
    const [tree] = fitGradientBoosting(x, y, { ...single, maxDepth: 1 }).trees as [GradientBoostingTree];
    // 63 quantile bins over [−1, 1): each about 2/63 ≈ 0.032 wide.
    expect(Math.abs((tree.threshold[0] as number) - 0.26)).toBeLessThan(0.032);
  });

  it('learns XOR of two features, which logistic regression cannot', () => {
    const xor = (row: number[]) => (row[0] as number) > 0 !== (row[1] as number) > 0;
    const train = dataset(2000, 4, 11, xor);
    const test = dataset(2000, 4, 12, xor);
    const boosted = predictGradientBoosting(fitGradientBoosting(train.x, train.y, { trees: 100 }), test.x);
    const linear = predictLogistic(fitLogisticRegression(train.x, train.y), test.x);
    expect(rocAuc(boosted, test.y)).toBeGreaterThan(0.95);
    expect(rocAuc(linear, test.y)).toBeLessThan(0.6);
  });

  it('learns from missingness: missing values go with the side they resemble', () => {
    // Churn when the value is below −0.4 or missing (a quarter of rows are missing); a second feature is noise.
    const random = seededRandom(21);
    const rows = Array.from({ length: 3000 }, () => [random() < 0.25 ? Number.NaN : random() * 2 - 1, random()]);
    const y = Uint8Array.from(rows, ([v]) => (Number.isNaN(v as number) || (v as number) < -0.4 ? 1 : 0));
    const model = fitGradientBoosting(matrixFromRows(rows), y, { trees: 50, learningRate: 0.3 });
    const [missing, low, high] = predictGradientBoosting(
      model,
      matrixFromRows([
        [Number.NaN, 0.5],
        [-0.8, 0.5],
        [0.6, 0.5],
      ]),
    );
    expect(missing).toBeGreaterThan(0.9);
    expect(low).toBeGreaterThan(0.9);
    expect(high).toBeLessThan(0.1);
    // A single split puts the missing rows with the low values: one cut at −0.4, missing to the left.
    const [stump] = fitGradientBoosting(matrixFromRows(rows), y, { ...single, maxDepth: 1 }).trees as [
      GradientBoostingTree,
    ];
    expect(stump.feature[0]).toBe(0);
    expect(stump.threshold[0]).toBeCloseTo(-0.4, 1);
    expect(stump.missingLeft[0]).toBe(true);
  });

  it('sends a missing value never seen in training the way most training rows went', () => {
    // 30 rows at or below 0.5, 10 above, none missing; one split at 0.5.
    const xs = Array.from({ length: 40 }, (_, i) => (i < 30 ? i / 60 : 1 + i / 60));
    const model = fitGradientBoosting(
      matrixFromRows(xs.map((v) => [v])),
      Uint8Array.from(xs, (v) => (v > 0.9 ? 1 : 0)),
      { ...single, maxDepth: 1 },
    );
    expect(model.trees[0]?.missingLeft[0]).toBe(true);
    const [missing, low] = predictGradientBoosting(model, matrixFromRows([[Number.NaN], [0.1]]));
    expect(missing).toBe(low);
  });

  it('gives the same model for the same seed, and another for another seed', () => {
    const { x, y } = dataset(600, 5, 3, (row, random) => random() < 0.5 + 0.4 * (row[0] as number));
    const options = { trees: 20, subsample: 0.7, colsample: 0.6 };
    const a = fitGradientBoosting(x, y, { ...options, seed: 42 });
    const b = fitGradientBoosting(x, y, { ...options, seed: 42 });
    const c = fitGradientBoosting(x, y, { ...options, seed: 43 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('respects the smallest leaf, and scores the same after a trip through JSON', () => {
    const { x, y } = dataset(500, 3, 8, (row, random) => random() < 0.3 + 0.3 * (row[1] as number));
    x.values[7] = Number.NaN;
    const model = fitGradientBoosting(x, y, { trees: 30, minSamplesLeaf: 25 });
    for (const tree of model.trees) {
      tree.feature.forEach((f, node) => {
        if (f < 0) expect(tree.cover[node]).toBeGreaterThanOrEqual(25);
      });
    }
    const restored: GradientBoostingModel = JSON.parse(JSON.stringify(model));
    expect(predictGradientBoosting(restored, x)).toEqual(predictGradientBoosting(model, x));
  });

  it('stops early on a validation set and keeps the prefix of trees with the lowest validation log-loss', () => {
    const label = (row: number[], random: () => number) => random() < 0.2 + 0.5 * Math.max(0, row[0] as number);
    const train = dataset(800, 4, 31, label);
    const validation = dataset(800, 4, 32, label);
    const options = { trees: 300, learningRate: 0.3, earlyStoppingRounds: 10 };
    const stopped = fitGradientBoosting(train.x, train.y, { ...options, validation });
    const full = fitGradientBoosting(train.x, train.y, options);
    expect(stopped.trees.length).toBeLessThan(100);
    // Trees are drawn the same way with or without validation, so the stopped model is a prefix of the full one.
    expect(stopped.trees).toEqual(full.trees.slice(0, stopped.trees.length));
    const validationLoss = (trees: number) => {
      const p = predictGradientBoosting({ ...full, trees: full.trees.slice(0, trees) }, validation.x);
      return validation.rows.reduce(
        (s, _, i) => s - Math.log(validation.y[i] ? (p[i] as number) : 1 - (p[i] as number)),
        0,
      );
    };
    const kept = validationLoss(stopped.trees.length);
    for (let k = 0; k <= stopped.trees.length + 10; k++) expect(kept).toBeLessThanOrEqual(validationLoss(k) + 1e-9);
  });

  it('treats a weight of 2 like a duplicated row', () => {
    // Few distinct values, so the bins are the same either way; every leaf may hold a single row.
    const random = seededRandom(4);
    const rows = Array.from({ length: 60 }, () => [Math.floor(random() * 10), Math.floor(random() * 5)]);
    const y = Uint8Array.from(rows, (r) => (random() < 0.2 + 0.06 * (r[0] as number) ? 1 : 0));
    const twice = rows.map((_, i) => i % 3 === 0);
    const options = { trees: 10, subsample: 1, colsample: 1, minSamplesLeaf: 1 };
    const weighted = fitGradientBoosting(matrixFromRows(rows), y, {
      ...options,
      weights: Float64Array.from(twice, (t) => (t ? 2 : 1)),
    });
    const duplicatedRows = rows.flatMap((r, i) => (twice[i] ? [r, r] : [r]));
    const duplicatedY = Uint8Array.from(rows.flatMap((_, i) => (twice[i] ? [y[i], y[i]] : [y[i]])) as number[]);
    const duplicated = fitGradientBoosting(matrixFromRows(duplicatedRows), duplicatedY, options);
    const probe = matrixFromRows(rows);
    const a = predictGradientBoosting(weighted, probe);
    const b = predictGradientBoosting(duplicated, probe);
    a.forEach((p, i) => {
      expect(p).toBeCloseTo(b[i] as number, 10);
    });
  });
});

describe('gradient boosting: contributions (TreeSHAP)', () => {
  // One hand-built tree: x0 ≤ 0.5 (cover 50 of 100) then x1 ≤ 0.5 (25 / 25); only x0 ≤ 0.5 and x1 > 0.5 scores 10.
  const tree: GradientBoostingTree = {
    feature: [0, 1, -1, -1, -1],
    threshold: [0.5, 0.5, 0, 0, 0],
    missingLeft: [false, false, false, false, false],
    left: [1, 2, -1, -1, -1],
    right: [4, 3, -1, -1, -1],
    value: [0, 0, 0, 10, 0],
    cover: [100, 50, 25, 25, 50],
  };
  const model: GradientBoostingModel = {
    kind: 'gradient-boosting',
    featureCount: 2,
    baseScore: 0,
    expectedValue: 2.5,
    trees: [tree],
  };

  it('matches Shapley values worked by hand', () => {
    // x = (0, 1) scores 10. Expected outputs knowing a subset S: v{} = 2.5 (a quarter of the cover scores 10),
    // v{x0} = 5 (half the x0 ≤ 0.5 branch), v{x1} = 5 (half the cover takes x0 ≤ 0.5, then x1 > 0.5), v{x0,x1} = 10.
    // φ0 = ½[(v{x0} − v{}) + (v{x0,x1} − v{x1})] = ½[2.5 + 5] = 3.75, and φ1 likewise.
    const both = matrixFromRows([
      [0, 1],
      [1, 1],
    ]);
    expect([...gradientBoostingContributions(model, both, 0)]).toEqual([3.75, 3.75]);
    // x = (1, 1) scores 0: v{x0} = 0, v{x1} = 5, v{x0,x1} = 0. φ0 = ½[(0 − 2.5) + (0 − 5)] = −3.75,
    // φ1 = ½[(5 − 2.5) + (0 − 0)] = 1.25.
    expect([...gradientBoostingContributions(model, both, 1)]).toEqual([-3.75, 1.25]);
  });

  it('equals the Shapley values computed from their definition, for a trained model with missing values', () => {
    const { x, rows } = dataset(400, 4, 17, () => false);
    for (let i = 0; i < x.rows; i += 7) x.values[i * 4 + 2] = Number.NaN;
    const y = Uint8Array.from(rows, (r, i) =>
      (r[0] as number) * (r[1] as number) > 0 || (i % 7 === 0 && (r[3] as number) > 0) ? 1 : 0,
    );
    const trained = fitGradientBoosting(x, y, { trees: 8, maxDepth: 3, learningRate: 0.5, minSamplesLeaf: 5 });
    for (const row of [0, 1, 7, 14, 99]) {
      const expected = bruteForceShapley(trained, x, row);
      const actual = gradientBoostingContributions(trained, x, row);
      expected.forEach((phi, j) => {
        expect(actual[j]).toBeCloseTo(phi, 10);
      });
    }
  });

  it('adds up, with the expected value, to each row’s log-odds', () => {
    const { x, y } = dataset(
      1000,
      6,
      23,
      (row, random) => random() < 0.3 + 0.3 * (row[0] as number) * (row[3] as number),
    );
    for (let i = 0; i < x.values.length; i += 11) x.values[i] = Number.NaN;
    const trained = fitGradientBoosting(x, y, { trees: 60, maxDepth: 5 });
    const logOdds = gradientBoostingLogOdds(trained, x);
    for (let row = 0; row < x.rows; row++) {
      const sum = gradientBoostingContributions(trained, x, row).reduce((s, v) => s + v, trained.expectedValue);
      expect(sum).toBeCloseTo(logOdds[row] as number, 9);
    }
  });
});

/**
 * φ_j = Σ over subsets S of the other features of |S|!(M − |S| − 1)!/M! · (v(S ∪ {j}) − v(S)), where v(S) is each
 * tree's expected output when only the features in S are known: unknown ones follow both branches, weighted by cover.
 */
function bruteForceShapley(model: GradientBoostingModel, x: Matrix, row: number): number[] {
  const m = model.featureCount;
  const value = (known: number) =>
    model.trees.reduce((sum, tree) => {
      const expectation = (node: number): number => {
        const f = tree.feature[node] as number;
        if (f < 0) return tree.value[node] as number;
        const left = tree.left[node] as number;
        const right = tree.right[node] as number;
        if (known & (1 << f)) {
          const v = x.values[row * m + f] as number;
          return expectation(
            (Number.isNaN(v) ? tree.missingLeft[node] : v <= (tree.threshold[node] as number)) ? left : right,
          );
        }
        const cover = (k: number) => tree.cover[k] as number;
        return (cover(left) * expectation(left) + cover(right) * expectation(right)) / cover(node);
      };
      return sum + expectation(0);
    }, 0);
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  return Array.from({ length: m }, (_, j) => {
    let phi = 0;
    for (let subset = 0; subset < 1 << m; subset++) {
      if (subset & (1 << j)) continue;
      let size = 0;
      for (let k = 0; k < m; k++) if (subset & (1 << k)) size++;
      phi += ((factorial(size) * factorial(m - size - 1)) / factorial(m)) * (value(subset | (1 << j)) - value(subset));
    }
    return phi;
  });
}
