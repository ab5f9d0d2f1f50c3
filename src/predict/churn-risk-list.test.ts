import { describe, expect, it } from 'vitest';
import { converterOn } from '../settings/convert-to-reporting.js';
import type { WorkspaceSettings } from '../settings/workspace-settings.js';
import { rankChurnRisks, type ScoredAccount } from './churn-risk-list.js';

const settings: WorkspaceSettings = {
  reportingCurrency: 'EUR',
  rates: [
    { currency: 'JPY', date: '2026-01-01', rate: '0.0062' },
    { currency: 'JPY', date: '2026-07-01', rate: '0.0065' },
    { currency: 'USD', date: '2026-06-01', rate: '0.92' },
  ],
};

const accounts: ScoredAccount[] = [
  { accountId: 'a', probability: 0.5, mrr: [{ currency: 'JPY', minor: 150000 }] }, // ¥150,000
  { accountId: 'b', probability: 0.25, mrr: [{ currency: 'EUR', minor: 100000 }] }, // €1,000.00
  { accountId: 'c', probability: 0.8, mrr: [{ currency: 'USD', minor: 2985 }] }, // $29.85
  { accountId: 'd', probability: 0.9, mrr: [{ currency: 'GBP', minor: 50000 }] }, // £500.00, no GBP rate
  {
    accountId: 'e',
    probability: 0.1,
    mrr: [
      { currency: 'GBP', minor: 10000 },
      { currency: 'EUR', minor: 20000 },
    ],
  },
  { accountId: 'f', probability: 0.6, mrr: [] },
];

const rank = (day: string, sort: 'probability' | 'mrrAtRisk', limit = 100, cursor?: string) =>
  rankChurnRisks(accounts, converterOn(settings, day), day, { sort, limit, cursor });

describe('the churn risk list in the reporting currency', () => {
  it('converts at the rate in force on the day and never adds a currency without one', () => {
    const page = rank('2026-06-30', 'mrrAtRisk');
    const byId = new Map(page.data.map((r) => [r.accountId, r]));
    // ¥150,000 × 0.0062 = €930.00 (the 1 July rate is not yet in force); at risk 0.5 × €930.00 = €465.00.
    expect(byId.get('a')?.mrr).toEqual({ amount: 930, currency: 'EUR', inReportingCurrency: true });
    expect(byId.get('a')?.mrrAtRisk).toEqual({ amount: 465, currency: 'EUR', inReportingCurrency: true });
    expect(byId.get('a')?.mrrParts).toEqual([
      { currency: 'JPY', amount: 150000, rate: '0.0062', rateDate: '2026-01-01' },
    ]);
    // $29.85 × 0.92 = €27.462 → €27.46; at risk 0.8 × 2746 cents = 2196.8 → €21.97.
    expect(byId.get('c')?.mrr?.amount).toBe(27.46);
    expect(byId.get('c')?.mrrAtRisk?.amount).toBe(21.97);
    // No GBP rate: £500.00 stays in pounds, said to be not in the reporting currency.
    expect(byId.get('d')?.mrr).toEqual({ amount: 500, currency: 'GBP', inReportingCurrency: false });
    // €200 and £100 cannot be one figure: no MRR total for the row, its parts listed.
    expect(byId.get('e')?.mrr).toBeNull();
    expect(byId.get('e')?.mrrParts.map((p) => `${p.amount} ${p.currency} ${p.rate}`)).toEqual([
      '200 EUR 1',
      '100 GBP null',
    ]);
    // Totals per currency. EUR: 93000 + 100000 + 2746 + 20000 = 215746 cents; at risk 46500 + 25000 + 2197 + 2000.
    // GBP: 50000 + 10000 pence; at risk 0.9 × 50000 + 0.1 × 10000 = 45000 + 1000.
    expect(page.summary.mrr).toEqual([
      { amount: 2157.46, currency: 'EUR', inReportingCurrency: true },
      { amount: 600, currency: 'GBP', inReportingCurrency: false },
    ]);
    expect(page.summary.mrrAtRisk).toEqual([
      { amount: 756.97, currency: 'EUR', inReportingCurrency: true },
      { amount: 460, currency: 'GBP', inReportingCurrency: false },
    ]);
    expect(page.summary.notConverted).toEqual([
      { currency: 'GBP', reason: 'no GBP rate into EUR dated on or before 2026-06-30: shown in GBP, not added to EUR' },
    ]);
    expect(page.summary.expectedChurners).toBe(3.2); // 0.5 + 0.25 + 0.8 + 0.9 + 0.1 + 0.6 = 3.15 → 3.2
  });

  it('uses the later rate once it is in force, and none before the first', () => {
    // ¥150,000 × 0.0065 = €975.00 from 1 July.
    expect(rank('2026-07-01', 'probability').data.find((r) => r.accountId === 'a')?.mrr?.amount).toBe(975);
    // Before 1 January no JPY rate: ¥150,000 kept in yen (and USD has none before June either).
    const early = rank('2025-12-31', 'probability');
    expect(early.data.find((r) => r.accountId === 'a')?.mrr).toEqual({
      amount: 150000,
      currency: 'JPY',
      inReportingCurrency: false,
    });
    expect(early.summary.notConverted.map((c) => c.currency)).toEqual(['GBP', 'JPY', 'USD']);
  });

  it('sorts MRR at risk within the reporting currency, then per other currency, never across', () => {
    // EUR: a €465.00, b €250.00, c €21.97; then GBP: d £450.00; then rows without one figure by probability: f, e.
    expect(rank('2026-06-30', 'mrrAtRisk').data.map((r) => r.accountId)).toEqual(['a', 'b', 'c', 'd', 'f', 'e']);
    expect(rank('2026-06-30', 'probability').data.map((r) => r.accountId)).toEqual(['d', 'c', 'f', 'a', 'b', 'e']);
  });

  it('pages with a cursor in the same order, with totals over every account on each page', () => {
    for (const sort of ['mrrAtRisk', 'probability'] as const) {
      const all = rank('2026-06-30', sort).data.map((r) => r.accountId);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 3; i++) {
        const page = rank('2026-06-30', sort, 2, cursor);
        expect(page.summary.accounts).toBe(6);
        seen.push(...page.data.map((r) => r.accountId));
        cursor = page.nextCursor ?? undefined;
        if (i < 2) expect(cursor).toBeTypeOf('string');
        else expect(page.nextCursor).toBeNull();
      }
      expect(seen).toEqual(all);
    }
    const first = rank('2026-06-30', 'mrrAtRisk', 2);
    expect(() => rank('2026-06-30', 'probability', 2, first.nextCursor as string)).toThrow(/sort=mrrAtRisk/);
    expect(() => rank('2026-06-30', 'probability', 2, 'nonsense')).toThrow(/not a cursor/);
  });

  it('keeps every currency apart when no reporting currency is set', () => {
    const page = rankChurnRisks(
      accounts,
      converterOn({ reportingCurrency: null, rates: [] }, '2026-06-30'),
      '2026-06-30',
      {
        sort: 'mrrAtRisk',
        limit: 100,
      },
    );
    expect(page.summary.mrr.map((m) => `${m.amount} ${m.currency}`)).toEqual([
      '1200 EUR', // 1000 + 200
      '600 GBP',
      '150000 JPY',
      '29.85 USD',
    ]);
    // Grouped by currency: EUR b (250), then GBP d (450), JPY a (75,000), USD c (23.88); then e (two currencies), f.
    expect(page.data.map((r) => r.accountId)).toEqual(['b', 'd', 'a', 'c', 'f', 'e']);
  });
});
