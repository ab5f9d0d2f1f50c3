import { fieldError } from '../server/http-error.js';
import type { Converter } from '../settings/convert-to-reporting.js';
import { toMajorUnits } from '../shared/money.js';

// The portfolio by churn risk, as a pure function of the scored accounts, their live MRR per currency and the
// workspace's rates: each account's MRR in the reporting currency where a rate is in force on the day, kept in its
// own currency where none is (never added to another), sorted in a total order and paged by a cursor.

export interface ScoredAccount {
  accountId: string;
  probability: number;
  /** Live MRR per currency, in minor units (trials are not revenue, so not here). */
  mrr: { currency: string; minor: number }[];
}

/** An amount in one currency; inReportingCurrency is false when it is in its own currency, not converted. */
export interface MoneyFigure {
  amount: number;
  currency: string;
  inReportingCurrency: boolean;
}

/** One currency's share of an account's MRR, as billed, and the rate that converted it (null: none in force). */
export interface MrrPart {
  currency: string;
  amount: number;
  rate: string | null;
  rateDate: string | null;
}

export interface RankedAccount {
  accountId: string;
  probability: number;
  /** The MRR in one currency, or null when it has none or its parts are in currencies that cannot be added. */
  mrr: MoneyFigure | null;
  mrrAtRisk: MoneyFigure | null;
  mrrParts: MrrPart[];
}

export type RiskSort = 'probability' | 'mrrAtRisk';

export interface Bucket {
  currency: string;
  minor: number;
  inReporting: boolean;
}

/** Adds the parts that convert into one reporting-currency bucket; each part that cannot stays in its own. */
export function bucketsOf(account: ScoredAccount, converter: Converter): { buckets: Bucket[]; parts: MrrPart[] } {
  const own = new Map<string, Bucket>();
  let reporting: Bucket | null = null;
  const parts: MrrPart[] = [];
  for (const part of [...account.mrr].sort((a, b) => (a.currency < b.currency ? -1 : 1))) {
    const conversion = converter.convert(part.minor, part.currency);
    parts.push({
      currency: part.currency,
      amount: toMajorUnits(part.minor, part.currency),
      rate: conversion?.rate ?? null,
      rateDate: conversion?.rateDate ?? null,
    });
    if (conversion && converter.reportingCurrency) {
      reporting ??= { currency: converter.reportingCurrency, minor: 0, inReporting: true };
      reporting.minor += conversion.minor;
    } else {
      const bucket = own.get(part.currency) ?? { currency: part.currency, minor: 0, inReporting: false };
      bucket.minor += part.minor;
      own.set(part.currency, bucket);
    }
  }
  return { buckets: [...(reporting ? [reporting] : []), ...own.values()], parts };
}

// MRR at risk is probability × MRR, rounded once to the minor unit; totals add these integers, so the list and
// its totals agree to the unit.
export const atRisk = (probability: number, minor: number) => Math.round(probability * minor);

const figure = (bucket: Bucket, minor: number): MoneyFigure => ({
  amount: toMajorUnits(minor, bucket.currency),
  currency: bucket.currency,
  inReportingCurrency: bucket.inReporting,
});

type SortKey = (number | string)[];

/**
 * A total order for each sort. probability: riskiest first. mrrAtRisk: amounts in the reporting currency first,
 * largest first; then amounts left in their own currency, grouped by currency (never compared with another);
 * then accounts without one MRR figure. Ties: probability, then account id.
 */
function sortKey(row: RankedAccount, minorAtRisk: number | null, sort: RiskSort): SortKey {
  if (sort === 'probability') return [-row.probability, row.accountId];
  const group = row.mrrAtRisk === null ? 2 : row.mrrAtRisk.inReportingCurrency ? 0 : 1;
  const currency = group === 1 ? (row.mrrAtRisk?.currency ?? '') : '';
  return [group, currency, -(minorAtRisk ?? 0), -row.probability, row.accountId];
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function encodeRiskCursor(sort: RiskSort, key: SortKey): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

function decodeRiskCursor(cursor: string, sort: RiskSort): SortKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || !decoded.every((part) => typeof part === 'string' || typeof part === 'number')) {
    throw fieldError('query.cursor', 'is not a cursor this API returned');
  }
  if (decoded[0] !== sort && (decoded[0] === 'probability' || decoded[0] === 'mrrAtRisk')) {
    throw fieldError('query.cursor', `was made for sort=${decoded[0]}, not sort=${sort}`);
  }
  if (decoded[0] !== sort || decoded.length !== (sort === 'probability' ? 3 : 6)) {
    throw fieldError('query.cursor', 'is not a cursor this API returned');
  }
  return decoded.slice(1) as SortKey;
}

export interface RiskTotals {
  accounts: number;
  expectedChurners: number;
  reportingCurrency: string | null;
  /** MRR and MRR at risk per currency: the reporting currency first, then each currency left unconverted. */
  mrr: MoneyFigure[];
  mrrAtRisk: MoneyFigure[];
  notConverted: { currency: string; reason: string }[];
}

export interface RiskPage {
  data: RankedAccount[];
  nextCursor: string | null;
  summary: RiskTotals;
}

export function rankChurnRisks(
  accounts: readonly ScoredAccount[],
  converter: Converter,
  day: string,
  options: { sort: RiskSort; limit: number; cursor?: string | undefined },
): RiskPage {
  const after = options.cursor === undefined ? null : decodeRiskCursor(options.cursor, options.sort);
  const mrrTotals = new Map<string, { bucket: Bucket; minor: number; atRisk: number }>();
  const missing = new Set<string>();
  const ranked = accounts.map((account) => {
    const { buckets, parts } = bucketsOf(account, converter);
    for (const bucket of buckets) {
      const total = mrrTotals.get(bucket.currency) ?? { bucket, minor: 0, atRisk: 0 };
      total.minor += bucket.minor;
      total.atRisk += atRisk(account.probability, bucket.minor);
      mrrTotals.set(bucket.currency, total);
      if (!bucket.inReporting) missing.add(bucket.currency);
    }
    const only = buckets.length === 1 ? (buckets[0] as Bucket) : null;
    const minorAtRisk = only ? atRisk(account.probability, only.minor) : null;
    const row: RankedAccount = {
      accountId: account.accountId,
      probability: account.probability,
      mrr: only ? figure(only, only.minor) : null,
      mrrAtRisk: only ? figure(only, minorAtRisk as number) : null,
      mrrParts: parts,
    };
    return { row, key: sortKey(row, minorAtRisk, options.sort) };
  });
  ranked.sort((a, b) => compareKeys(a.key, b.key));
  const from = after === null ? 0 : ranked.findIndex((r) => compareKeys(r.key, after) > 0);
  const page = from < 0 ? [] : ranked.slice(from, from + options.limit);
  const last = page.at(-1);
  const more = from >= 0 && from + options.limit < ranked.length;

  const totals = [...mrrTotals.values()].sort(
    (a, b) =>
      Number(b.bucket.inReporting) - Number(a.bucket.inReporting) || (a.bucket.currency < b.bucket.currency ? -1 : 1),
  );
  const reporting = converter.reportingCurrency;
  return {
    data: page.map((r) => r.row),
    nextCursor: more && last ? encodeRiskCursor(options.sort, last.key) : null,
    summary: {
      accounts: accounts.length,
      // The number of these accounts expected to churn within the horizon: the sum of their probabilities.
      expectedChurners: Math.round(accounts.reduce((sum, a) => sum + a.probability, 0) * 10) / 10,
      reportingCurrency: reporting,
      mrr: totals.map((t) => figure(t.bucket, t.minor)),
      mrrAtRisk: totals.map((t) => figure(t.bucket, t.atRisk)),
      notConverted: [...missing].sort().map((currency) => ({
        currency,
        reason:
          reporting === null
            ? `no reporting currency is set (PUT /api/settings): ${currency} amounts are shown in ${currency}`
            : `no ${currency} rate into ${reporting} dated on or before ${day}: shown in ${currency}, not added to ${reporting}`,
      })),
    },
  };
}
