import { atRisk, bucketsOf } from '../predict/churn-risk-list.js';
import type { Converter } from '../settings/convert-to-reporting.js';
import { addDays } from '../shared/calendar.js';
import { daysToNextRenewal } from '../subscriptions/next-renewal.js';

// One account's portfolio row from its facts, as a pure function: the money rule is the risk list's (each part
// converted at the rate in force on the day, a part without a rate kept in its own currency, never added to
// another), MRR at risk is risk × MRR rounded once to the minor unit, the renewal the nearest of its paying
// subscriptions' next renewals.

export interface LiveSubscription {
  currency: string;
  mrrMinor: number;
  startDate: string;
  billingPeriod: string;
  renewalDate: string | null;
}

export interface AccountFacts {
  accountId: string;
  name: string;
  externalId: string | null;
  domain: string | null;
  ownerId: string | null;
  lifecycleStage: string | null;
  coverageTier: string | null;
  healthScore: number | null;
  healthColour: string | null;
  /** The score of the latest snapshot 30 or more days before the latest one; null when there is none. */
  healthScoreBefore: number | null;
  healthOverridden: boolean;
  churnRisk: number | null;
  /** Paying subscriptions live on the day (trials are not revenue). */
  subscriptions: LiveSubscription[];
  lastActiveDay: string | null;
}

export interface PortfolioRow {
  account_id: string;
  name: string;
  external_id: string | null;
  domain: string | null;
  owner_id: string | null;
  lifecycle_stage: string | null;
  coverage_tier: string | null;
  health_score: number | null;
  health_colour: string | null;
  health_trend: number | null;
  health_overridden: boolean;
  churn_risk: number | null;
  currency: string | null;
  mrr_minor: number | null;
  arr_minor: number | null;
  mrr_at_risk_minor: number | null;
  /** 0: in the reporting currency; 1: in its own currency (money_currency); 2: no figure. */
  mrr_group: number;
  at_risk_group: number;
  money_currency: string;
  mrr_parts: { currency: string; mrrMinor: number; atRiskMinor: number | null }[] | null;
  renewal_date: string | null;
  last_active_day: string | null;
  refreshed_on: string;
}

/** The nearest next renewal among the subscriptions, as a day; null without any. */
function nextRenewal(day: string, subscriptions: readonly LiveSubscription[]): string | null {
  let nearest: number | null = null;
  for (const s of subscriptions) {
    const days = daysToNextRenewal(day, s.startDate, s.billingPeriod, s.renewalDate);
    nearest = nearest === null ? days : Math.min(nearest, days);
  }
  return nearest === null ? null : addDays(day, nearest);
}

export function buildPortfolioRow(facts: AccountFacts, converter: Converter, day: string): PortfolioRow {
  const perCurrency = new Map<string, number>();
  for (const s of facts.subscriptions) perCurrency.set(s.currency, (perCurrency.get(s.currency) ?? 0) + s.mrrMinor);
  const { buckets } = bucketsOf(
    {
      accountId: facts.accountId,
      probability: facts.churnRisk ?? 0,
      mrr: [...perCurrency].map(([currency, minor]) => ({ currency, minor })),
    },
    converter,
  );
  const risk = facts.churnRisk;
  const only = buckets.length === 1 ? buckets[0] : undefined;
  const mrrGroup = only === undefined ? 2 : only.inReporting ? 0 : 1;
  const trend =
    facts.healthScore === null || facts.healthScoreBefore === null
      ? null
      : Math.round((facts.healthScore - facts.healthScoreBefore) * 10) / 10;
  return {
    account_id: facts.accountId,
    name: facts.name,
    external_id: facts.externalId,
    domain: facts.domain,
    owner_id: facts.ownerId,
    lifecycle_stage: facts.lifecycleStage,
    coverage_tier: facts.coverageTier,
    health_score: facts.healthScore,
    health_colour: facts.healthColour,
    health_trend: trend,
    health_overridden: facts.healthOverridden,
    churn_risk: risk,
    currency: only?.currency ?? null,
    mrr_minor: only ? only.minor : null,
    arr_minor: only ? only.minor * 12 : null,
    mrr_at_risk_minor: only && risk !== null ? atRisk(risk, only.minor) : null,
    mrr_group: mrrGroup,
    at_risk_group: risk === null ? 2 : mrrGroup,
    money_currency: only && !only.inReporting ? only.currency : '',
    mrr_parts:
      buckets.length > 1
        ? buckets.map((b) => ({
            currency: b.currency,
            mrrMinor: b.minor,
            atRiskMinor: risk === null ? null : atRisk(risk, b.minor),
          }))
        : null,
    renewal_date: nextRenewal(day, facts.subscriptions),
    last_active_day: facts.lastActiveDay,
    refreshed_on: day,
  };
}
