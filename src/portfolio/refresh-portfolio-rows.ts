import { type Kysely, sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { isRetryable, TRANSACTION_ATTEMPTS } from '../db/retry.js';
import type { Schema } from '../db/schema.js';
import { converterOn } from '../settings/convert-to-reporting.js';
import { readWorkspaceSettings } from '../settings/workspace-settings.js';
import { today } from '../shared/calendar.js';
import { type AccountFacts, buildPortfolioRow, type PortfolioRow } from './build-portfolio-row.js';

// Keeps portfolio_rows current. Triggers (migrations/0014) mark the accounts whose inputs changed in
// portfolio_dirty; this recomputes their rows, and every row on the first refresh of a new day (what is live, the
// next renewal and the rates in force depend on the day). One refresh at a time (an advisory lock), so a reader
// that waits for one in flight then reads what it wrote.

const REFRESH_LOCK = 7_140_018;
const CHUNK = 5000;

const COLUMNS = [
  'account_id',
  'name',
  'external_id',
  'domain',
  'owner_id',
  'lifecycle_stage',
  'coverage_tier',
  'health_score',
  'health_colour',
  'health_trend',
  'health_overridden',
  'churn_risk',
  'currency',
  'mrr_minor',
  'arr_minor',
  'mrr_at_risk_minor',
  'mrr_group',
  'at_risk_group',
  'money_currency',
  'mrr_parts',
  'renewal_date',
  'last_active_day',
  'refreshed_on',
] as const satisfies readonly (keyof PortfolioRow)[];

interface FactsRow {
  id: string;
  name: string;
  external_id: string | null;
  domain: string | null;
  owner_id: string | null;
  lifecycle_stage: string | null;
  coverage_tier: string | null;
  score: number | null;
  color: string | null;
  overridden: boolean | null;
  score_before: number | null;
  probability: number | null;
  subscriptions: {
    currency: string;
    mrrMinor: string;
    startDate: string;
    billingPeriod: string;
    renewalDate: string | null;
  }[];
  last_active_day: string | null;
}

/** What each account's row is made of, read as of `day` (all accounts when `accountIds` is undefined). */
async function readFacts(db: Executor, day: string, accountIds: string[] | undefined): Promise<AccountFacts[]> {
  const only = accountIds === undefined ? sql`true` : sql`a.id = any(${accountIds}::uuid[])`;
  const { rows } = await sql<FactsRow>`
    select a.id, a.name, a.external_id, a.domain, a.owner_id, a.lifecycle_stage, a.coverage_tier,
      h.score, h.color, h.overridden, hb.score as score_before, p.probability,
      (select coalesce(json_agg(json_build_object('currency', trim(s.currency), 'mrrMinor', s.mrr_minor::text,
          'startDate', s.start_date::text, 'billingPeriod', s.billing_period, 'renewalDate', s.renewal_date::text)),
          '[]'::json)
        from subscriptions s
        where s.account_id = a.id and s.status = 'active' and s.start_date <= ${day}::date
          and (s.end_date is null or s.end_date >= ${day}::date)
          and (s.cancelled_at is null or s.cancelled_at >= (${day}::date + 1)::timestamptz)) as subscriptions,
      (select max(u.day)::text from usage_daily u where u.account_id = a.id) as last_active_day
    from accounts a
    left join lateral (
      select score, color, as_of,
        -- an override of the whole score or colour, live at the end of the snapshot's day
        exists (select from jsonb_array_elements(coalesce(x.inputs -> 'overrides', '[]'::jsonb)) o
          where o ->> 'measure' is null
            and (o ->> 'expiresAt' is null or (o ->> 'expiresAt')::timestamptz >= (x.as_of + 1)::timestamptz)
            and (o ->> 'endedAt' is null or (o ->> 'endedAt')::timestamptz >= (x.as_of + 1)::timestamptz)) as overridden
      from health_scores x where x.account_id = a.id order by x.as_of desc limit 1) h on true
    left join lateral (
      select score from health_scores y where y.account_id = a.id and y.as_of <= h.as_of - 30
      order by y.as_of desc limit 1) hb on true
    left join lateral (
      select probability from churn_predictions c where c.account_id = a.id order by c.as_of desc limit 1) p on true
    where ${only}`.execute(db);
  return rows.map((r) => ({
    accountId: r.id,
    name: r.name,
    externalId: r.external_id,
    domain: r.domain,
    ownerId: r.owner_id,
    lifecycleStage: r.lifecycle_stage,
    coverageTier: r.coverage_tier,
    healthScore: r.score,
    healthColour: r.color,
    healthScoreBefore: r.score_before,
    healthOverridden: r.overridden === true,
    churnRisk: r.probability,
    subscriptions: r.subscriptions.map((s) => ({ ...s, mrrMinor: Number(s.mrrMinor) })),
    lastActiveDay: r.last_active_day,
  }));
}

async function writeRows(db: Executor, rows: PortfolioRow[]): Promise<void> {
  const columns = sql.raw(COLUMNS.join(', '));
  const updates = sql.raw(
    COLUMNS.filter((c) => c !== 'account_id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  );
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // The account may have been deleted since its facts were read: `join accounts` leaves it out.
    await sql`insert into portfolio_rows (${columns})
      select ${sql.raw(COLUMNS.map((c) => `r.${c}`).join(', '))}
      from json_populate_recordset(null::portfolio_rows, cast(${JSON.stringify(chunk)} as json)) r
      join accounts a on a.id = r.account_id
      on conflict (account_id) do update set ${updates}`.execute(db);
  }
}

async function refreshOnce(trx: Executor, day: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
  const stale = await sql<{ stale: boolean }>`
    select exists (select 1 from portfolio_rows where refreshed_on < ${day}::date) as stale`.execute(trx);
  const { rows: dirty } = await sql<{ account_id: string }>`delete from portfolio_dirty returning account_id`.execute(
    trx,
  );
  if (dirty.length === 0 && !stale.rows[0]?.stale) return 0;
  let ids: string[] | undefined = dirty.map((row) => row.account_id);
  if (stale.rows[0]?.stale) ids = undefined;
  else if (ids.length > 1000) {
    // Most accounts (a day's health snapshots, a new prediction day): one pass over all is cheaper than a lookup each.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(trx);
    if (ids.length * 2 > (rows[0]?.n ?? 0)) ids = undefined;
  }
  const converter = converterOn(await readWorkspaceSettings(trx), day);
  const rows = (await readFacts(trx, day, ids)).map((facts) => buildPortfolioRow(facts, converter, day));
  await writeRows(trx, rows);
  return rows.length;
}

/**
 * Recomputes the portfolio rows of the accounts marked dirty (every row when the day changed). Returns how many
 * rows it wrote. Inside a caller's transaction it runs there; otherwise in its own, retried on a deadlock.
 */
export async function refreshPortfolioRows(db: Executor, day = today()): Promise<number> {
  if (db.isTransaction) return refreshOnce(db, day);
  const database = db as Kysely<Schema>;
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.transaction().execute((trx) => refreshOnce(trx, day));
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}
