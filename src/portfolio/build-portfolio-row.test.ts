import { describe, expect, it } from 'vitest';
import { converterOn } from '../settings/convert-to-reporting.js';
import { type AccountFacts, buildPortfolioRow } from './build-portfolio-row.js';

const DAY = '2026-06-15';
const converter = converterOn(
  { reportingCurrency: 'USD', rates: [{ currency: 'EUR', date: '2026-01-01', rate: '1.1' }] },
  DAY,
);
const facts = (overrides: Partial<AccountFacts>): AccountFacts => ({
  accountId: '00000000-0000-7000-8000-000000000001',
  name: 'Acme',
  externalId: null,
  domain: null,
  ownerId: null,
  lifecycleStage: 'adoption',
  coverageTier: null,
  healthScore: null,
  healthColour: null,
  healthScoreBefore: null,
  healthOverridden: false,
  churnRisk: null,
  subscriptions: [],
  lastActiveDay: null,
  ...overrides,
});
const sub = (currency: string, mrrMinor: number, renewalDate: string | null = null) => ({
  currency,
  mrrMinor,
  startDate: '2026-01-10',
  billingPeriod: 'month',
  renewalDate,
});

describe('buildPortfolioRow', () => {
  it('adds dollars and euros converted at the rate in force, and puts risk × MRR at risk', () => {
    // $100.00 + €200.00 × 1.1 = $100.00 + $220.00 = $320.00; at risk 0.25 × 32000 = 8000 cents; ARR 12 × 32000.
    const row = buildPortfolioRow(
      facts({ churnRisk: 0.25, subscriptions: [sub('USD', 10000), sub('EUR', 20000)] }),
      converter,
      DAY,
    );
    expect(row).toMatchObject({
      currency: 'USD',
      mrr_minor: 32000,
      arr_minor: 384000,
      mrr_at_risk_minor: 8000,
      mrr_group: 0,
      at_risk_group: 0,
      money_currency: '',
      mrr_parts: null,
    });
  });

  it('keeps a currency without a rate in its own, and has no one figure when it cannot be added to another', () => {
    const yen = buildPortfolioRow(facts({ churnRisk: 0.5, subscriptions: [sub('JPY', 300000)] }), converter, DAY);
    expect(yen).toMatchObject({ currency: 'JPY', mrr_minor: 300000, mrr_at_risk_minor: 150000, mrr_group: 1 });
    expect(yen.money_currency).toBe('JPY');
    const mixed = buildPortfolioRow(
      facts({ churnRisk: 0.5, subscriptions: [sub('JPY', 300000), sub('USD', 1000)] }),
      converter,
      DAY,
    );
    expect(mixed).toMatchObject({ currency: null, mrr_minor: null, mrr_group: 2, at_risk_group: 2 });
    expect(mixed.mrr_parts).toEqual([
      { currency: 'USD', mrrMinor: 1000, atRiskMinor: 500 },
      { currency: 'JPY', mrrMinor: 300000, atRiskMinor: 150000 },
    ]);
  });

  it('has no MRR at risk without a risk, and sorts such an account with those lacking money', () => {
    const row = buildPortfolioRow(facts({ subscriptions: [sub('USD', 5000)] }), converter, DAY);
    expect(row).toMatchObject({ mrr_minor: 5000, mrr_at_risk_minor: null, mrr_group: 0, at_risk_group: 2 });
  });

  it('takes the nearest renewal and the trend over thirty days', () => {
    // Renewals on 20 June (5 days, within a month) and 10 July (the monthly boundary from 10 January); the nearest.
    const row = buildPortfolioRow(
      facts({
        healthScore: 42.5,
        healthScoreBefore: 60,
        subscriptions: [sub('USD', 100, '2026-06-20'), sub('USD', 100)],
      }),
      converter,
      DAY,
    );
    expect(row.renewal_date).toBe('2026-06-20');
    expect(row.health_trend).toBe(-17.5);
    expect(buildPortfolioRow(facts({ subscriptions: [sub('USD', 100)] }), converter, DAY).renewal_date).toBe(
      '2026-07-10',
    );
    expect(buildPortfolioRow(facts({ healthScore: 50 }), converter, DAY).health_trend).toBeNull();
  });
});
