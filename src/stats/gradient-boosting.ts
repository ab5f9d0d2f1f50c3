import { checkMatrix, type Matrix, seededRandom, sigmoid } from './matrix.js';

// Gradient-boosted trees for binary log-loss, histogram-based like LightGBM and XGBoost's `hist` (Chen & Guestrin
// 2016; Ke et al. 2017), kept small:
// - each feature is cut once into ≤ 63 quantile bins, plus one bin for missing values; a split sends the missing
//   bin to whichever side gains more (the learned default direction), so missingness itself can be the signal;
// - trees grow depth-first to a fixed depth (default 4) rather than leaf-wise: churn data sets are small (hundreds
//   to 100k accounts), where leaf-wise growth overfits more readily, and a depth bound caps the interactions a
//   tree can express, the cost of TreeSHAP (O(leaves · depth²)) and lets scoring run a tree as `depth` comparisons;
// - a node's histogram is built only for its smaller child; the sibling's is the parent's minus it;
// - thresholds are stored as raw feature values (go left when value ≤ threshold), so scoring needs no bins.

export interface GradientBoostingTree {
  /** Per node: the feature split on, or −1 at a leaf. Nodes are numbered depth-first, the root is 0. */
  feature: number[];
  /** A present value goes left when value ≤ threshold. */
  threshold: number[];
  /** Where a missing value goes. */
  missingLeft: boolean[];
  left: number[];
  right: number[];
  /** Leaf output in log-odds, already scaled by the learning rate (0 at inner nodes). */
  value: number[];
  /** Training rows (of this tree's subsample) that reached the node: the weights TreeSHAP averages with. */
  cover: number[];
}

export interface GradientBoostingModel {
  kind: 'gradient-boosting';
  featureCount: number;
  /** Log-odds every prediction starts from: the training base rate. */
  baseScore: number;
  /** The mean raw log-odds over the training data as the trees saw it: contributions are relative to this. */
  expectedValue: number;
  trees: GradientBoostingTree[];
}

export interface GradientBoostingOptions {
  /** Most trees to grow (fewer if early stopping ends sooner). Default 100, as LightGBM and scikit-learn. */
  trees?: number;
  /** Shrinkage of each tree's output. Default 0.1, as LightGBM and scikit-learn. */
  learningRate?: number;
  /** Default 4: up to 16 leaves and four-way interactions. At most 10. */
  maxDepth?: number;
  /** Fewest training rows (of the tree's subsample) in a leaf. Default 20. */
  minSamplesLeaf?: number;
  /** Smallest sum of hessians p(1 − p) in a leaf: stops splits that only isolate near-certain rows. Default 1e-3. */
  minHessianLeaf?: number;
  /** L2 penalty on leaf values (XGBoost's λ): leaf = −G / (H + l2). Default 1. */
  l2?: number;
  /** Share of rows each tree sees, drawn afresh per tree. Default 0.8. */
  subsample?: number;
  /** Share of features each tree may split on, drawn afresh per tree. Default 0.5. */
  colsample?: number;
  /** Bins per feature including the one for missing values; at most 256. Default 64. */
  maxBins?: number;
  /** Seed for the row and column draws: the same data, options and seed give the same model. Default 1. */
  seed?: number;
  weights?: Float64Array;
  /** When given, trees are added while the validation log-loss improves; the model keeps the best prefix. */
  validation?: { x: Matrix; y: Uint8Array; weights?: Float64Array };
  /** Stop after this many trees without a better validation log-loss. Default 20. */
  earlyStoppingRounds?: number;
}

export function fitGradientBoosting(
  x: Matrix,
  y: Uint8Array,
  options: GradientBoostingOptions = {},
): GradientBoostingModel {
  checkMatrix(x, y, options.weights);
  const settings = {
    trees: options.trees ?? 100,
    learningRate: options.learningRate ?? 0.1,
    maxDepth: Math.min(10, options.maxDepth ?? 4),
    minSamplesLeaf: Math.max(1, options.minSamplesLeaf ?? 20),
    minHessianLeaf: options.minHessianLeaf ?? 1e-3,
    l2: options.l2 ?? 1,
    subsample: options.subsample ?? 0.8,
    colsample: options.colsample ?? 0.5,
    maxBins: Math.min(256, Math.max(3, options.maxBins ?? 64)),
    earlyStoppingRounds: options.earlyStoppingRounds ?? 20,
  };
  const { rows: n, cols: d } = x;
  const weights = options.weights;
  const weight = (i: number) => weights?.[i] ?? 1;
  const validation = options.validation;
  if (validation) {
    checkMatrix(validation.x, validation.y, validation.weights);
    if (validation.x.cols !== d) throw new Error(`validation has ${validation.x.cols} features, training ${d}`);
  }

  let positives = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    positives += weight(i) * (y[i] as number);
    total += weight(i);
  }
  if (!(positives > 0 && positives < total)) throw new Error('gradient boosting needs both churned and retained rows');
  const baseScore = Math.log(positives / (total - positives));

  const binned = binFeatures(x, settings.maxBins);
  const validationBins = validation ? binMatrix(validation.x, binned.cuts, binned.missingBin) : null;
  const random = seededRandom(options.seed ?? 1);
  const raw = new Float64Array(n).fill(baseScore);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  const sampled = new Uint8Array(n);
  const rowBuffer = new Uint32Array(n);
  const validationRaw = new Float64Array(validation?.x.rows ?? 0).fill(baseScore);
  const trees: GradientBoostingTree[] = [];
  const validationLoss = (): number => {
    let loss = 0;
    for (let i = 0; i < validationRaw.length; i++) {
      const z = validationRaw[i] as number;
      const label = validation?.y[i] as number;
      // −log-likelihood of the label: log(1 + e^z) − y·z, computed without overflow.
      loss += (validation?.weights?.[i] ?? 1) * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - label * z);
    }
    return loss;
  };
  // The best prefix so far, starting from none: the base rate alone.
  let best = { loss: validationLoss(), trees: 0 };

  for (let t = 0; t < settings.trees; t++) {
    // This tree's rows; for them the log-loss derivatives in the raw score, g = p − y and h = p(1 − p) (times the
    // row's weight), and 0 for the rest, so that a histogram may sum over every row and still count only these.
    let m = 0;
    for (let i = 0; i < n; i++) {
      const keep = settings.subsample >= 1 || random() < settings.subsample;
      sampled[i] = keep ? 1 : 0;
      if (keep) rowBuffer[m++] = i;
      const p = sigmoid(raw[i] as number);
      gradient[i] = keep ? weight(i) * (p - (y[i] as number)) : 0;
      hessian[i] = keep ? weight(i) * p * (1 - p) : 0;
    }
    const features = sampleFeatures(d, settings.colsample, random);
    const grown = growTree(binned, { gradient, hessian, sampled }, rowBuffer.subarray(0, m), features, settings);
    trees.push(grown.tree);
    for (let i = 0; i < n; i++) {
      const leaf = sampled[i] ? (grown.leafOfRow[i] as number) : leafOfBinned(grown, binned, i);
      raw[i] = (raw[i] as number) + (grown.tree.value[leaf] as number);
    }

    if (validationBins) {
      for (let i = 0; i < validationBins.rows; i++) {
        const leaf = leafOfBinned(grown, validationBins, i);
        validationRaw[i] = (validationRaw[i] as number) + (grown.tree.value[leaf] as number);
      }
      const loss = validationLoss();
      if (loss < best.loss) best = { loss, trees: trees.length };
      else if (trees.length - best.trees >= settings.earlyStoppingRounds) break;
    }
  }
  if (validation) trees.length = best.trees;

  const expectedValue = trees.reduce((sum, tree) => sum + treeExpectation(tree), baseScore);
  return { kind: 'gradient-boosting', featureCount: d, baseScore, expectedValue, trees };
}

// ---------------------------------------------------------------------------------------------------------------
// Bins

interface Binned {
  /** Column-major bin of each value: bins[f · rows + i]; missingBin for NaN. */
  bins: Uint8Array;
  rows: number;
  /** Per feature, ascending cut points: value bin b holds cuts[b − 1] < v ≤ cuts[b]. */
  cuts: Float64Array[];
  missingBin: number;
}

// Cut points come from at most this many values per feature, evenly spaced through the rows: plenty for 63 bins.
const BIN_SAMPLE = 20_000;
// Columns are read this many at a time: row-major values, one cache line of each row per pass.
const COLUMN_CHUNK = 8;

/** Calls visit(f, column) for each feature with its values, read a chunk of columns at a time. */
function forEachColumn(x: Matrix, visit: (f: number, column: Float64Array) => void) {
  const { rows: n, cols: d, values } = x;
  const chunk = Array.from({ length: Math.min(COLUMN_CHUNK, d) }, () => new Float64Array(n));
  for (let f0 = 0; f0 < d; f0 += COLUMN_CHUNK) {
    const width = Math.min(COLUMN_CHUNK, d - f0);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < width; c++) (chunk[c] as Float64Array)[i] = values[i * d + f0 + c] as number;
    }
    for (let c = 0; c < width; c++) visit(f0 + c, chunk[c] as Float64Array);
  }
}

/**
 * Quantile cut points from each feature's finite values. Features with few distinct values get a bin per value;
 * otherwise bins take roughly equal shares of the rows, a heavily repeated value (often 0) staying whole. Cuts sit
 * halfway between neighbouring distinct values, so a threshold generalises to values unseen in training.
 */
function binFeatures(x: Matrix, maxBins: number): Binned {
  const n = x.rows;
  const valueBins = maxBins - 1;
  const cuts: Float64Array[] = [];
  const bins = new Uint8Array(n * x.cols);
  const present = new Float64Array(Math.min(n, BIN_SAMPLE));
  const stride = Math.max(1, n / BIN_SAMPLE);
  forEachColumn(x, (f, column) => {
    let m = 0;
    for (let k = 0; k < present.length; k++) {
      const v = column[Math.floor(k * stride)] as number;
      if (Number.isFinite(v)) present[m++] = v;
    }
    const sorted = present.subarray(0, m).sort();
    let distinct = 0;
    for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
    const featureCuts: number[] = [];
    for (let k = 0; k < m; ) {
      let end = k;
      while (end < m && sorted[end] === sorted[k]) end++;
      // Cut after this value when every value has its own bin, or once this bin holds its share of the rows.
      if (end < m && (distinct <= valueBins || end >= ((featureCuts.length + 1) * m) / valueBins)) {
        featureCuts.push(midpoint(sorted[k] as number, sorted[end] as number));
      }
      k = end;
    }
    cuts.push(Float64Array.from(featureCuts));
    binColumn(column, cuts[f] as Float64Array, maxBins - 1, bins.subarray(f * n, (f + 1) * n));
  });
  return { bins, rows: n, cuts, missingBin: maxBins - 1 };
}

function binMatrix(x: Matrix, cuts: Float64Array[], missingBin: number): Binned {
  const n = x.rows;
  const bins = new Uint8Array(n * x.cols);
  forEachColumn(x, (f, column) => {
    binColumn(column, cuts[f] as Float64Array, missingBin, bins.subarray(f * n, (f + 1) * n));
  });
  return { bins, rows: n, cuts, missingBin };
}

/**
 * Each value's bin: the number of cuts below it, so bin(v) ≤ t exactly when v ≤ cuts[t]; missingBin for NaN.
 * A binary search with a fixed number of steps over the cuts padded with +∞ to 2^k − 1 (twice as fast as one that
 * stops early, whose branches the processor cannot predict).
 */
function binColumn(column: Float64Array, cuts: Float64Array, missingBin: number, out: Uint8Array) {
  let size = 1;
  while (size - 1 < cuts.length) size *= 2;
  const padded = new Float64Array(size - 1).fill(Number.POSITIVE_INFINITY);
  padded.set(cuts);
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isNaN(v)) {
      out[i] = missingBin;
      continue;
    }
    let bin = 0;
    for (let step = size >>> 1; step >= 1; step >>>= 1) if (v > (padded[bin + step - 1] as number)) bin += step;
    out[i] = bin;
  }
}

/** A cut between a < b: their midpoint, or a itself when no double lies strictly between them. */
function midpoint(a: number, b: number): number {
  const m = a / 2 + b / 2;
  return m >= a && m < b ? m : a;
}

/** A random share of the features, ascending. */
function sampleFeatures(d: number, share: number, random: () => number): Int32Array {
  const all = Int32Array.from({ length: d }, (_, j) => j);
  const m = Math.min(d, Math.max(1, Math.round(share * d)));
  for (let k = 0; k < m; k++) {
    const pick = k + Math.floor(random() * (d - k));
    const swap = all[k] as number;
    all[k] = all[pick] as number;
    all[pick] = swap;
  }
  return all.slice(0, m).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Growing one tree

interface TreeSettings {
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l2: number;
}

/** Per training row: derivatives of the loss, and whether this tree samples the row (derivatives 0 if not). */
interface RowStats {
  gradient: Float64Array;
  hessian: Float64Array;
  sampled: Uint8Array;
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  left: Totals;
  right: Totals;
}

/** Sums over a node's rows: gradient, hessian, count. */
interface Totals {
  g: number;
  h: number;
  n: number;
}

interface GrownTree {
  tree: GradientBoostingTree;
  /** Per node, the split's bin (value bin ≤ splitBin goes left): training scores rows by bin, not by value. */
  splitBin: number[];
  /** The leaf each sampled row ended in (unsampled rows: unset). */
  leafOfRow: Int32Array;
}

// Histogram layout: for feature f and bin b, the sums [g, h, n] at ((f · maxBins) + b) · 3.
const SLOTS = 3;

function growTree(
  binned: Binned,
  stats: RowStats,
  rows: Uint32Array,
  features: Int32Array,
  settings: TreeSettings,
): GrownTree {
  const { cuts, missingBin } = binned;
  const maxBins = missingBin + 1;
  const histogramSize = (cuts.length + 1) * maxBins * SLOTS; // one block per feature, and a spare
  const tree: GradientBoostingTree = {
    feature: [],
    threshold: [],
    missingLeft: [],
    left: [],
    right: [],
    value: [],
    cover: [],
  };
  const splitBin: number[] = [];
  const leafOfRow = new Int32Array(binned.rows);
  const scratch = new Uint32Array(rows.length);
  const canSplit = (count: number, depth: number) => depth < settings.maxDepth && count >= 2 * settings.minSamplesLeaf;

  // The rows of each node are a contiguous range of `rows`, partitioned in place as the tree grows.
  const grow = (start: number, end: number, histogram: Float64Array | null, totals: Totals, depth: number): number => {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.cover.push(end - start);
    splitBin.push(-1);
    const split = histogram && findBestSplit(histogram, totals, features, cuts, missingBin, settings);
    if (!split) {
      // Newton step for the leaf, shrunk: −G / (H + λ) · learning rate.
      tree.value[node] = (-totals.g / (totals.h + settings.l2)) * settings.learningRate || 0;
      for (let k = start; k < end; k++) leafOfRow[rows[k] as number] = node;
      return node;
    }
    const featureCuts = cuts[split.feature] as Float64Array;
    tree.feature[node] = split.feature;
    // "Every present value left" has no cut above it: the largest double stands in for +∞ (JSON has no Infinity).
    tree.threshold[node] = split.bin < featureCuts.length ? (featureCuts[split.bin] as number) : Number.MAX_VALUE;
    tree.missingLeft[node] = split.missingLeft;
    splitBin[node] = split.bin;

    // Stable partition, so each child's rows stay in ascending order (cache-friendly).
    const column = split.feature * binned.rows;
    let middle = start;
    let spilled = 0;
    for (let k = start; k < end; k++) {
      const i = rows[k] as number;
      const bin = binned.bins[column + i] as number;
      if (bin === missingBin ? split.missingLeft : bin <= split.bin) rows[middle++] = i;
      else scratch[spilled++] = i;
    }
    rows.set(scratch.subarray(0, spilled), middle);

    // Histograms only for children that may split. Scan the smaller child; the larger one's histogram is the
    // parent's minus the smaller's (the subtraction trick), reusing the parent's array.
    const leftIsSmaller = middle - start <= end - middle;
    const [smallStart, smallEnd, largeStart, largeEnd] = leftIsSmaller
      ? [start, middle, middle, end]
      : [middle, end, start, middle];
    const smallerSplits = canSplit(smallEnd - smallStart, depth + 1);
    const largerSplits = canSplit(largeEnd - largeStart, depth + 1);
    let smaller: Float64Array | null = null;
    let larger: Float64Array | null = null;
    if (smallerSplits || largerSplits) {
      smaller = new Float64Array(histogramSize);
      addRows(smaller, binned, stats, rows, smallStart, smallEnd, features);
    }
    if (smaller && largerSplits) {
      larger = histogram;
      for (const f of features) {
        for (let s = f * maxBins * SLOTS, to = s + maxBins * SLOTS; s < to; s++) {
          larger[s] = (larger[s] as number) - (smaller[s] as number);
        }
      }
    }
    const [leftHistogram, rightHistogram] = leftIsSmaller ? [smaller, larger] : [larger, smaller];
    tree.left[node] = grow(start, middle, leftHistogram, split.left, depth + 1);
    tree.right[node] = grow(middle, end, rightHistogram, split.right, depth + 1);
    return node;
  };

  const rootTotals = { g: 0, h: 0, n: rows.length };
  for (const i of rows) {
    rootTotals.g += stats.gradient[i] as number;
    rootTotals.h += stats.hessian[i] as number;
  }
  let rootHistogram: Float64Array | null = null;
  if (canSplit(rows.length, 0)) {
    rootHistogram = new Float64Array(histogramSize);
    // Most rows are sampled: summing over all of them in order (unsampled ones add 0) beats an indexed gather.
    if (rows.length * 2 >= binned.rows) addAllRows(rootHistogram, binned, stats, features);
    else addRows(rootHistogram, binned, stats, rows, 0, rows.length, features);
  }
  grow(0, rows.length, rootHistogram, rootTotals, 0);
  return { tree, splitBin, leafOfRow };
}

// The two hot loops: a histogram over a range of rows, and over all rows. Features go two at a time, sharing each
// row's loads of g and h: about 1.7× faster. An odd last feature is paired with the spare block at the end.
function addRows(
  histogram: Float64Array,
  binned: Binned,
  stats: RowStats,
  rows: Uint32Array,
  start: number,
  end: number,
  features: Int32Array,
) {
  const { bins, rows: n } = binned;
  const { gradient, hessian } = stats;
  const block = (binned.missingBin + 1) * SLOTS;
  for (let fi = 0; fi < features.length; fi += 2) {
    const f1 = features[fi] as number;
    const f2 = features[fi + 1] ?? f1;
    const [column1, column2, base1] = [f1 * n, f2 * n, f1 * block];
    const base2 = fi + 1 < features.length ? f2 * block : binned.cuts.length * block;
    for (let k = start; k < end; k++) {
      const i = rows[k] as number;
      const g = gradient[i] as number;
      const h = hessian[i] as number;
      const slot1 = base1 + (bins[column1 + i] as number) * SLOTS;
      histogram[slot1] = (histogram[slot1] as number) + g;
      histogram[slot1 + 1] = (histogram[slot1 + 1] as number) + h;
      histogram[slot1 + 2] = (histogram[slot1 + 2] as number) + 1;
      const slot2 = base2 + (bins[column2 + i] as number) * SLOTS;
      histogram[slot2] = (histogram[slot2] as number) + g;
      histogram[slot2 + 1] = (histogram[slot2 + 1] as number) + h;
      histogram[slot2 + 2] = (histogram[slot2 + 2] as number) + 1;
    }
  }
}

function addAllRows(histogram: Float64Array, binned: Binned, stats: RowStats, features: Int32Array) {
  const { bins, rows: n } = binned;
  const { gradient, hessian, sampled } = stats;
  const block = (binned.missingBin + 1) * SLOTS;
  for (let fi = 0; fi < features.length; fi += 2) {
    const f1 = features[fi] as number;
    const f2 = features[fi + 1] ?? f1;
    const [column1, column2, base1] = [f1 * n, f2 * n, f1 * block];
    const base2 = fi + 1 < features.length ? f2 * block : binned.cuts.length * block;
    for (let i = 0; i < n; i++) {
      const g = gradient[i] as number;
      const h = hessian[i] as number;
      const c = sampled[i] as number;
      const slot1 = base1 + (bins[column1 + i] as number) * SLOTS;
      histogram[slot1] = (histogram[slot1] as number) + g;
      histogram[slot1 + 1] = (histogram[slot1 + 1] as number) + h;
      histogram[slot1 + 2] = (histogram[slot1 + 2] as number) + c;
      const slot2 = base2 + (bins[column2 + i] as number) * SLOTS;
      histogram[slot2] = (histogram[slot2] as number) + g;
      histogram[slot2 + 1] = (histogram[slot2 + 1] as number) + h;
      histogram[slot2 + 2] = (histogram[slot2 + 2] as number) + c;
    }
  }
}

/**
 * The split with the largest gain (Chen & Guestrin 2016, eq. 7), ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)], over
 * every feature, every cut between value bins, and both sides for the node's missing values; null if none gains.
 */
function findBestSplit(
  histogram: Float64Array,
  totals: Totals,
  features: Int32Array,
  cuts: Float64Array[],
  missingBin: number,
  settings: TreeSettings,
): Split | null {
  const { l2, minSamplesLeaf, minHessianLeaf } = settings;
  const parentScore = (totals.g * totals.g) / (totals.h + l2);
  // Gain of a split, or −1 if a side would be too small.
  const gainOf = (lg: number, lh: number, ln: number, rg: number, rh: number, rn: number) =>
    ln < minSamplesLeaf || rn < minSamplesLeaf || lh < minHessianLeaf || rh < minHessianLeaf
      ? -1
      : ((lg * lg) / (lh + l2) + (rg * rg) / (rh + l2) - parentScore) / 2;
  let best: Split | null = null;
  let bestGain = 0;
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi] as number;
    const base = f * (missingBin + 1) * SLOTS;
    const missing = base + missingBin * SLOTS;
    const mg = histogram[missing] as number;
    const mh = histogram[missing + 1] as number;
    const mn = histogram[missing + 2] as number;
    const lastBin = (cuts[f] as Float64Array).length; // value bins are 0 … lastBin
    let lg = 0;
    let lh = 0;
    let ln = 0;
    for (let b = 0; b <= lastBin; b++) {
      const slot = base + b * SLOTS;
      lg += histogram[slot] as number;
      lh += histogram[slot + 1] as number;
      ln += histogram[slot + 2] as number;
      // Present values right of the cut: the node's totals less the left and the missing.
      const rg = totals.g - mg - lg;
      const rh = totals.h - mh - lh;
      const rn = totals.n - mn - ln;
      // Missing values right. At b = lastBin every present value is left: the split on missingness alone.
      const missingRight = gainOf(lg, lh, ln, rg + mg, rh + mh, rn + mn);
      if (missingRight > bestGain) {
        bestGain = missingRight;
        // With no missing values in the node there is nothing to learn from: future ones go where most rows went.
        const missingLeft = mn === 0 && ln >= rn;
        best = {
          feature: f,
          bin: b,
          missingLeft,
          gain: missingRight,
          left: { g: lg, h: lh, n: ln },
          right: { g: rg + mg, h: rh + mh, n: rn + mn },
        };
      }
      if (mn > 0) {
        const missingLeft = gainOf(lg + mg, lh + mh, ln + mn, rg, rh, rn);
        if (missingLeft > bestGain) {
          bestGain = missingLeft;
          best = {
            feature: f,
            bin: b,
            missingLeft: true,
            gain: missingLeft,
            left: { g: lg + mg, h: lh + mh, n: ln + mn },
            right: { g: rg, h: rh, n: rn },
          };
        }
      }
    }
  }
  return best;
}

function leafOfBinned(grown: GrownTree, binned: Binned, i: number): number {
  const { tree, splitBin } = grown;
  let node = 0;
  for (let f = tree.feature[0] as number; f >= 0; f = tree.feature[node] as number) {
    const bin = binned.bins[f * binned.rows + i] as number;
    const left = bin === binned.missingBin ? tree.missingLeft[node] : bin <= (splitBin[node] as number);
    node = (left ? tree.left[node] : tree.right[node]) as number;
  }
  return node;
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

/** The tree's mean output over its training rows: leaves weighted by cover. */
function treeExpectation(tree: GradientBoostingTree): number {
  const root = tree.cover[0] as number;
  let sum = 0;
  tree.feature.forEach((f, node) => {
    if (f < 0 && root > 0) sum += ((tree.cover[node] as number) / root) * (tree.value[node] as number);
  });
  return sum;
}

function checkFeatures(model: GradientBoostingModel, x: Matrix) {
  checkMatrix(x);
  if (x.cols !== model.featureCount) throw new Error(`model has ${model.featureCount} features, matrix ${x.cols}`);
}

/**
 * Raw log-odds of each row: the base score plus every tree's leaf. Present values go left when ≤ threshold, missing
 * ones the learned way.
 */
export function gradientBoostingLogOdds(model: GradientBoostingModel, x: Matrix): Float64Array {
  checkFeatures(model, x);
  return scoreRows(perfectForest(model), model.baseScore, x);
}

function scoreRows(forest: PerfectForest, baseScore: number, x: Matrix): Float64Array {
  const { depth, stride, trees, code, split } = forest;
  const { values, rows, cols } = x;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const rowStart = i * cols;
    let z = baseScore;
    for (let t = 0; t < trees; t++) {
      const base = t * stride;
      let node = 0;
      for (let level = 0; level < depth; level++) {
        const c = code[base + node] as number;
        const v = values[rowStart + (c >> 1)] as number;
        // Children of node are 2·node + 1 (left) and 2·node + 2 (right): add 1 to go right.
        node = 2 * node + 1 + (+(v > (split[base + node] as number)) | (+Number.isNaN(v) & c));
      }
      z += split[base + node] as number;
    }
    out[i] = z;
  }
  return out;
}

/**
 * The trees re-laid as perfect binary trees of the deepest tree's depth (node k's children at 2k + 1 and 2k + 2),
 * `stride` nodes each; a leaf above that depth is copied down behind splits that send every row left. Each tree is
 * then exactly `depth` comparisons whose outcome is added to an index instead of branched on: about twice as fast,
 * since the processor cannot predict those branches. Two arrays only, so that the loop's pointers fit in registers.
 */
interface PerfectForest {
  depth: number;
  stride: number;
  trees: number;
  /** Inner nodes: feature · 2 + (1 if a missing value goes right). */
  code: Int32Array;
  /** Inner nodes: the threshold; leaves: the value. */
  split: Float64Array;
}

function perfectForest(model: GradientBoostingModel): PerfectForest {
  const depth = model.trees.reduce((most, tree) => Math.max(most, treeDepth(tree, 0)), 0);
  const stride = 2 ** (depth + 1) - 1;
  const trees = model.trees.length;
  const code = new Int32Array(trees * stride);
  const split = new Float64Array(trees * stride).fill(Number.POSITIVE_INFINITY);
  model.trees.forEach((tree, t) => {
    const place = (node: number, slot: number, level: number) => {
      const f = tree.feature[node] as number;
      if (level === depth) {
        split[t * stride + slot] = tree.value[node] as number;
      } else if (f < 0) {
        place(node, 2 * slot + 1, level + 1); // feature 0, threshold +∞: every row goes left
      } else {
        code[t * stride + slot] = f * 2 + (tree.missingLeft[node] ? 0 : 1);
        split[t * stride + slot] = tree.threshold[node] as number;
        place(tree.left[node] as number, 2 * slot + 1, level + 1);
        place(tree.right[node] as number, 2 * slot + 2, level + 1);
      }
    };
    place(0, 0, 0);
  });
  return { depth, stride, trees, code, split };
}

/** Probability of churn for each row. */
export function predictGradientBoosting(model: GradientBoostingModel, x: Matrix): Float64Array {
  return gradientBoostingLogOdds(model, x).map(sigmoid);
}

// ---------------------------------------------------------------------------------------------------------------
// Explaining one row: path-dependent TreeSHAP

/**
 * Each feature's share of one row's raw log-odds: model.expectedValue + Σ contributions = the row's log-odds.
 * Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution for tree
 * ensembles", Algorithm 2; ported from the `shap` package's tree_shap.h): exact Shapley values of the tree's
 * expected output given a subset of features, where an unknown feature follows both branches weighted by cover.
 */
export function gradientBoostingContributions(model: GradientBoostingModel, x: Matrix, row: number): Float64Array {
  checkFeatures(model, x);
  if (row < 0 || row >= x.rows) throw new Error(`row ${row} is outside 0…${x.rows - 1}`);
  const depth = model.trees.reduce((most, tree) => Math.max(most, treeDepth(tree, 0)), 0);
  // The "unique path" of (feature, zero fraction, one fraction, weight) from the root to the current node, one copy
  // per recursion level laid end to end, as in the reference implementation: (depth + 2)(depth + 3)/2 elements.
  const size = ((depth + 2) * (depth + 3)) / 2;
  const state: ShapState = {
    values: x.values,
    rowStart: row * x.cols,
    phi: new Float64Array(model.featureCount),
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
  for (const tree of model.trees) shapRecurse(state, tree, 0, 0, 0, 1, 1, -1);
  return state.phi;
}

function treeDepth(tree: GradientBoostingTree, node: number): number {
  if ((tree.feature[node] as number) < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node] as number), treeDepth(tree, tree.right[node] as number));
}

interface ShapState {
  values: Float64Array;
  rowStart: number;
  phi: Float64Array;
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

/** Adds a feature to the path of length u, with the fractions of paths that go its way when it is unknown/known. */
function extendPath(s: ShapState, path: number, u: number, zero: number, one: number, feature: number) {
  const w = s.weight;
  s.feature[path + u] = feature;
  s.zero[path + u] = zero;
  s.one[path + u] = one;
  w[path + u] = u === 0 ? 1 : 0;
  for (let i = u - 1; i >= 0; i--) {
    w[path + i + 1] = (w[path + i + 1] as number) + (one * (w[path + i] as number) * (i + 1)) / (u + 1);
    w[path + i] = (zero * (w[path + i] as number) * (u - i)) / (u + 1);
  }
}

/** Undoes extendPath for element k of a path of length u + 1. */
function unwindPath(s: ShapState, path: number, u: number, k: number) {
  const w = s.weight;
  const one = s.one[path + k] as number;
  const zero = s.zero[path + k] as number;
  let next = w[path + u] as number;
  for (let i = u - 1; i >= 0; i--) {
    if (one !== 0) {
      const previous = w[path + i] as number;
      w[path + i] = (next * (u + 1)) / ((i + 1) * one);
      next = previous - ((w[path + i] as number) * zero * (u - i)) / (u + 1);
    } else {
      w[path + i] = ((w[path + i] as number) * (u + 1)) / (zero * (u - i));
    }
  }
  for (let i = k; i < u; i++) {
    s.feature[path + i] = s.feature[path + i + 1] as number;
    s.zero[path + i] = s.zero[path + i + 1] as number;
    s.one[path + i] = s.one[path + i + 1] as number;
  }
}

/** The total weight the path would have with element k unwound, without changing the path. */
function unwoundPathSum(s: ShapState, path: number, u: number, k: number): number {
  const w = s.weight;
  const one = s.one[path + k] as number;
  const zero = s.zero[path + k] as number;
  let next = w[path + u] as number;
  let total = 0;
  for (let i = u - 1; i >= 0; i--) {
    if (one !== 0) {
      const share = next / ((i + 1) * one);
      total += share;
      next = (w[path + i] as number) - share * zero * (u - i);
    } else {
      total += (w[path + i] as number) / (zero * (u - i));
    }
  }
  return total * (u + 1);
}

function shapRecurse(
  s: ShapState,
  tree: GradientBoostingTree,
  node: number,
  u: number,
  parent: number,
  zero: number,
  one: number,
  feature: number,
): void {
  const path = parent + u + 1;
  s.feature.copyWithin(path, parent, parent + u);
  s.zero.copyWithin(path, parent, parent + u);
  s.one.copyWithin(path, parent, parent + u);
  s.weight.copyWithin(path, parent, parent + u);
  extendPath(s, path, u, zero, one, feature);
  const split = tree.feature[node] as number;
  if (split < 0) {
    const leaf = tree.value[node] as number;
    for (let i = 1; i <= u; i++) {
      const f = s.feature[path + i] as number;
      const share = unwoundPathSum(s, path, u, i) * ((s.one[path + i] as number) - (s.zero[path + i] as number));
      s.phi[f] = (s.phi[f] as number) + share * leaf;
    }
    return;
  }
  const v = s.values[s.rowStart + split] as number;
  const goesLeft = Number.isNaN(v) ? tree.missingLeft[node] : v <= (tree.threshold[node] as number);
  const hot = (goesLeft ? tree.left[node] : tree.right[node]) as number;
  const cold = (goesLeft ? tree.right[node] : tree.left[node]) as number;
  const cover = tree.cover[node] as number;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature split on higher up is taken out of the path and put back in with this node's fractions.
  let k = 0;
  while (k <= u && s.feature[path + k] !== split) k++;
  let depth = u;
  if (k <= u) {
    incomingZero = s.zero[path + k] as number;
    incomingOne = s.one[path + k] as number;
    unwindPath(s, path, u, k);
    depth = u - 1;
  }
  const hotZero = ((tree.cover[hot] as number) / cover) * incomingZero;
  const coldZero = ((tree.cover[cold] as number) / cover) * incomingZero;
  shapRecurse(s, tree, hot, depth + 1, path, hotZero, incomingOne, split);
  shapRecurse(s, tree, cold, depth + 1, path, coldZero, 0, split);
}
