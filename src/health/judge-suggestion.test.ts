import { describe, expect, it } from 'vitest';
import { type BacktestReport, judgeSuggestion } from './backtest-health.js';

const quality = (auc: number | null) => ({ n: 100, positives: 10, auc, liftTopDecile: null });
const report = (current: number | null, suggested: number | null): BacktestReport => ({
  scorecard: 'Customer health',
  scorecardVersion: 2,
  horizonDays: 90,
  until: '2024-12-31',
  untilFrom: 'data',
  asOfDates: [],
  n: 200,
  churned: 20,
  contracted: 0,
  auc: null,
  liftTopDecile: null,
  byColor: {
    green: { accounts: 0, churned: 0, churnRate: null },
    yellow: { accounts: 0, churned: 0, churnRate: null },
    red: { accounts: 0, churned: 0, churnRate: null },
  },
  watermelons: { churners: 0, greenThirtyDaysBefore: 0, share: null, accounts: [] },
  suggestion: {
    groups: [],
    fittedOn: ['2024-01-31'],
    judgedOn: ['2024-07-31', '2024-09-30'],
    current: quality(current),
    suggested: quality(suggested),
  },
});

describe('judging suggested weights on the held-out month-ends', () => {
  it('takes them only when their ROC-AUC there is higher than the current weights’', () => {
    expect(judgeSuggestion(report(0.7, 0.74))).toEqual({
      better: true,
      reason:
        "the suggested weights score ROC-AUC 0.740 on the held-out month-ends 2024-07-31 … 2024-09-30, better than the current weights' ROC-AUC 0.700",
    });
    expect(judgeSuggestion(report(0.7, 0.7)).better).toBe(false);
    expect(judgeSuggestion(report(0.68, 0.628))).toEqual({
      better: false,
      reason:
        "the suggested weights score ROC-AUC 0.628 on the held-out month-ends 2024-07-31 … 2024-09-30, no better than the current weights' ROC-AUC 0.680",
    });
    // Without churners among the held-out months there is no ROC-AUC to compare: nothing is taken.
    expect(judgeSuggestion(report(null, null)).better).toBe(false);
    expect(judgeSuggestion({ ...report(0.7, 0.8), suggestion: null }).reason).toMatch(/no suggested weights/);
  });
});
