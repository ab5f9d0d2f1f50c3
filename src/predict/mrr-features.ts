import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { converterOn } from '../settings/convert-to-reporting.js';
import { readWorkspaceSettings } from '../settings/workspace-settings.js';

// The MRR features in one currency. An account's MRR is the sum of its live subscriptions, which may be billed in
// several currencies: each part is converted into the reporting currency at the rate in force on the day, and an
// account with a part that has no rate then has no MRR figure (missing), rather than yen added to euros. Without
// a reporting currency the day's main currency (the one most live subscriptions are billed in) stands in for it,
// so a single-currency workspace needs no settings and a mixed one never mixes.

export interface MrrFeatures {
  /** Live MRR on the day, in minor units of the reporting currency; null when there is none or it cannot be stated. */
  now: number | null;
  /**
   * now ÷ the live MRR 180 days before − 1, both at the day's rates so that it measures contracts, not exchange
   * rates; null when there was none then, or a part of either cannot be converted.
   */
  change180: number | null;
}

/** The accounts' MRR features, and the currency their amounts are in (null when no subscription is live). */
export async function mrrFeatures(
  db: Executor,
  asOf: string,
  accountIds?: string[],
): Promise<{ accounts: Map<string, MrrFeatures>; currency: string | null }> {
  const live = (at: ReturnType<typeof sql>) =>
    sql`start_date <= ${at} and (end_date is null or end_date >= ${at}) and (cancelled_at is null or cancelled_at >= (${at} + 1)::timestamptz)`;
  const only = accountIds ? sql`and account_id = any(${accountIds}::uuid[])` : sql``;
  const { rows } = await sql<{
    account_id: string;
    currency: string;
    now_minor: string | null;
    then_minor: string | null;
  }>`
    select account_id, trim(currency) as currency,
      sum(mrr_minor) filter (where ${live(sql`${asOf}::date`)})::text as now_minor,
      sum(mrr_minor) filter (where ${live(sql`${asOf}::date - 180`)})::text as then_minor
    from subscriptions where start_date <= ${asOf}::date ${only}
    group by account_id, currency`.execute(db);
  const settings = await readWorkspaceSettings(db);
  const reportingCurrency = settings.reportingCurrency ?? (await mainCurrency(db, asOf));
  const converter = converterOn({ ...settings, reportingCurrency }, asOf);

  const sums = new Map<string, { now: number | null; before: number | null }>();
  for (const row of rows) {
    const sum = sums.get(row.account_id) ?? { now: null, before: null };
    for (const key of ['now', 'before'] as const) {
      const minor = key === 'now' ? row.now_minor : row.then_minor;
      if (minor === null || Number.isNaN(sum[key])) continue;
      const converted = converter.convert(Number(minor), row.currency);
      // NaN marks "a part could not be converted" until the end, where it becomes null.
      sum[key] = converted === null ? Number.NaN : (sum[key] ?? 0) + converted.minor;
    }
    sums.set(row.account_id, sum);
  }
  const known = (value: number | null) => (value === null || Number.isNaN(value) ? null : value);
  const accounts = new Map(
    [...sums].map(([id, { now, before }]) => [
      id,
      {
        now: known(now),
        change180: before && !Number.isNaN(before) && !Number.isNaN(now) ? (now ?? 0) / before - 1 : null,
      },
    ]),
  );
  return { accounts, currency: reportingCurrency };
}

/** The currency most subscriptions live on the day are billed in (ties: the first code), or null when none is. */
async function mainCurrency(db: Executor, asOf: string): Promise<string | null> {
  const { rows } = await sql<{ currency: string }>`
    select trim(currency) as currency from subscriptions
    where start_date <= ${asOf}::date and (end_date is null or end_date >= ${asOf}::date)
      and (cancelled_at is null or cancelled_at >= (${asOf}::date + 1)::timestamptz)
    group by currency order by count(*) desc, currency limit 1`.execute(db);
  return rows[0]?.currency ?? null;
}
