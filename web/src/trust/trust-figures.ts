import type { Figures, HealthReport } from './trust-data';

// The figures each picture's sentence states, worked out from the stored reports in one place, so the page and its
// browser test read the same numbers.

export type Predictor = 'model' | 'healthScore' | 'daysSinceLastActive';
export const PREDICTORS: Predictor[] = ['model', 'healthScore', 'daysSinceLastActive'];

/** Churn rate of the riskiest tenth by a predictor's ranking: the lift times the overall rate. */
export function topTenthChurnRate(figures: Figures): number | null {
  if (figures.liftTopDecile === null || figures.n === 0) return null;
  return (figures.liftTopDecile * figures.positives) / figures.n;
}

export function overallChurnRate(report: { n: number; positives: number }): number | null {
  return report.n === 0 ? null : report.positives / report.n;
}

/** What the model said on average against what happened, over every held-out row; and in its riskiest bin. */
export function calibrationSummary(figures: Figures) {
  const bins = figures.calibration;
  const n = bins.reduce((sum, bin) => sum + bin.n, 0);
  if (n === 0) return null;
  const predicted = bins.reduce((sum, bin) => sum + bin.n * bin.meanPredicted, 0) / n;
  const observed = bins.reduce((sum, bin) => sum + bin.n * bin.observedRate, 0) / n;
  const top = bins.at(-1);
  return { predicted, observed, topPredicted: top?.meanPredicted ?? 0, topObserved: top?.observedRate ?? 0 };
}

/** Red's churn rate against green's, and how many times as likely red churned (null where either is unknown). */
export function colourContrast(report: HealthReport) {
  const red = report.byColor.red.churnRate;
  const green = report.byColor.green.churnRate;
  return { red, green, ratio: red !== null && green !== null && green > 0 ? red / green : null };
}
