import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { addDays } from '../shared/calendar.js';
import { toDecimalText } from '../shared/money.js';
import { decodeCursor, encodeCursor, type PortfolioSort, sortKey } from './portfolio-sorts.js';

// Reading the portfolio: a page in a sort after a cursor, the number of accounts matching, and the totals of the
// summary strip, all from portfolio_rows (kept current by refresh-portfolio-rows.ts).

export interface PortfolioFilters {
  search?: string | undefined;
  colours?: ('red' | 'yellow' | 'green' | 'none')[] | undefined;
  /** A user id, or 'none' for accounts without an owner. */
  owner?: string | undefined;
  stage?: string | undefined;
  tier?: string | undefined;
  renewalWithinDays?: number | undefined;
}

export interface Money {
  amount: string;
  currency: string;
}

const money = (minor: number | string | null, currency: string | null): Money | null =>
  minor === null || currency === null ? null : { amount: toDecimalText(Number(minor), currency), currency };

function whereOf(filters: PortfolioFilters, day: string): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (filters.search) {
    const pattern = `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(name ilike ${pattern} or external_id ilike ${pattern} or domain ilike ${pattern})`);
  }
  if (filters.colours && filters.colours.length > 0) {
    const named = filters.colours.filter((c) => c !== 'none');
    const none = filters.colours.includes('none');
    conditions.push(sql`(health_colour = any(${named}::text[])${none ? sql` or health_colour is null` : sql``})`);
  }
  if (filters.owner === 'none') conditions.push(sql`owner_id is null`);
  else if (filters.owner !== undefined) conditions.push(sql`owner_id = ${filters.owner}::uuid`);
  if (filters.stage === 'current') conditions.push(sql`lifecycle_stage is distinct from 'churned'`);
  else if (filters.stage !== undefined) conditions.push(sql`lifecycle_stage = ${filters.stage}`);
  if (filters.tier !== undefined) conditions.push(sql`coverage_tier = ${filters.tier}`);
  if (filters.renewalWithinDays !== undefined) {
    conditions.push(sql`renewal_date between ${day}::date and ${addDays(day, filters.renewalWithinDays)}::date`);
  }
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/**
 * Counts of matching accounts per database, for the current portfolio_version only: a page after a cursor, or the
 * same filters asked again, is answered without counting 100,000 rows again while nothing changed.
 */
const counts = new WeakMap<object, { version: string; byFilters: Map<string, number> }>();

async function countMatching(db: Executor, day: string, filters: PortfolioFilters): Promise<number> {
  const { rows } = await sql<{ version: string }>`select version::text as version from portfolio_version`.execute(db);
  const version = `${rows[0]?.version ?? ''}|${day}`;
  let cached = counts.get(db);
  if (cached?.version !== version) {
    cached = { version, byFilters: new Map() };
    counts.set(db, cached);
  }
  const key = JSON.stringify(filters);
  const known = cached.byFilters.get(key);
  if (known !== undefined) return known;
  const counted = await sql<{
    n: number;
  }>`select count(*)::int as n from portfolio_rows where ${whereOf(filters, day)}`.execute(db);
  const n = counted.rows[0]?.n ?? 0;
  if (cached.byFilters.size >= 200) cached.byFilters.clear();
  cached.byFilters.set(key, n);
  return n;
}

interface PageRow {
  account_id: string;
  name: string;
  external_id: string | null;
  health_score: number | null;
  health_colour: 'red' | 'yellow' | 'green' | null;
  health_trend: number | null;
  health_overridden: boolean;
  churn_risk: number | null;
  currency: string | null;
  mrr_minor: string | null;
  arr_minor: string | null;
  mrr_at_risk_minor: string | null;
  renewal_date: string | null;
  owner_id: string | null;
  owner_name: string | null;
  lifecycle_stage: string | null;
  coverage_tier: string | null;
  last_active_day: string | null;
  [key: `k${number}`]: string;
}

export async function listPortfolio(
  db: Executor,
  day: string,
  filters: PortfolioFilters,
  options: { sort: PortfolioSort; limit: number; cursor?: string | undefined },
) {
  const key = sortKey(options.sort);
  const after = options.cursor === undefined ? null : decodeCursor(options.cursor, options.sort);
  const where = whereOf(filters, day);
  const keyTuple = sql.raw(`(${key.parts.map((p) => p.expression).join(', ')})`);
  const keyAfter =
    after === null
      ? sql`true`
      : sql`${keyTuple} ${sql.raw(key.direction === 'asc' ? '>' : '<')} (${sql.join(
          key.parts.map((p, i) => sql`cast(${after[i]} as ${sql.raw(p.type)})`),
        )})`;
  const order = sql.raw(key.parts.map((p) => `${p.expression} ${key.direction}`).join(', '));
  const keyColumns = sql.raw(key.parts.map((p, i) => `(${p.expression})::text as k${i}`).join(', '));
  // One more than the page tells whether there is a next one.
  const [{ rows }, total] = await Promise.all([
    sql<PageRow>`
      select account_id, name, external_id, health_score, health_colour, health_trend, health_overridden, churn_risk,
        currency, mrr_minor::text as mrr_minor, arr_minor::text as arr_minor,
        mrr_at_risk_minor::text as mrr_at_risk_minor, renewal_date::text as renewal_date, owner_id,
        lifecycle_stage, coverage_tier, last_active_day::text as last_active_day, ${keyColumns}
      from portfolio_rows where ${where} and ${keyAfter} order by ${order} limit ${options.limit + 1}`.execute(db),
    countMatching(db, day, filters),
  ]);
  const shown = rows.slice(0, options.limit);
  const ownerIds = [...new Set(shown.flatMap((r) => (r.owner_id ? [r.owner_id] : [])))];
  const owners = new Map<string, string>();
  if (ownerIds.length > 0) {
    const { rows: found } = await sql<{ id: string; name: string }>`
      select id, name from team_users where id = any(${ownerIds}::uuid[])`.execute(db);
    for (const owner of found) owners.set(owner.id, owner.name);
  }
  const last = shown.at(-1);
  return {
    data: shown.map((r) => ({
      id: r.account_id,
      name: r.name,
      externalId: r.external_id,
      health: {
        score: r.health_score,
        colour: r.health_colour,
        trend: r.health_trend,
        overridden: r.health_overridden,
      },
      churnRisk: r.churn_risk,
      mrr: money(r.mrr_minor, r.currency),
      arr: money(r.arr_minor, r.currency),
      mrrAtRisk: money(r.mrr_at_risk_minor, r.currency),
      renewalDate: r.renewal_date,
      owner: r.owner_id && owners.has(r.owner_id) ? { id: r.owner_id, name: owners.get(r.owner_id) as string } : null,
      lifecycleStage: r.lifecycle_stage,
      tier: r.coverage_tier,
      // Usage is rolled up per UTC day: the start of the last day with any.
      lastActiveAt: r.last_active_day === null ? null : `${r.last_active_day}T00:00:00.000Z`,
    })),
    nextCursor:
      rows.length > options.limit && last
        ? encodeCursor(
            options.sort,
            key.parts.map((_, i) => last[`k${i}`] as string),
          )
        : null,
    total,
  };
}

const byCurrency = (reporting: string | null) => (a: Money, b: Money) =>
  Number(b.currency === reporting) - Number(a.currency === reporting) || (a.currency < b.currency ? -1 : 1);

/** The summary strip's totals over the accounts matching the filters, one figure per currency. */
export async function summarisePortfolio(
  db: Executor,
  day: string,
  filters: PortfolioFilters,
  reportingCurrency: string | null,
) {
  const where = whereOf(filters, day);
  const soon = sql`renewal_date between ${day}::date and ${addDays(day, 90)}::date`;
  const [counts, sums] = await Promise.all([
    sql<{ accounts: number; red: number; yellow: number; green: number; none: number; renewals: number }>`
      select count(*)::int as accounts,
        count(*) filter (where health_colour = 'red')::int as red,
        count(*) filter (where health_colour = 'yellow')::int as yellow,
        count(*) filter (where health_colour = 'green')::int as green,
        count(*) filter (where health_colour is null or health_colour not in ('red', 'yellow', 'green'))::int as none,
        count(*) filter (where ${soon})::int as renewals
      from portfolio_rows where ${where}`.execute(db),
    // Each account's one figure, or its parts per currency when it has no one figure; summed per currency.
    sql<{ currency: string; mrr: string; at_risk: string | null; renewing: string | null }>`
      with money as (
        select currency, mrr_minor as mrr, mrr_at_risk_minor as at_risk, ${soon} as renews
        from portfolio_rows where ${where} and currency is not null
        union all
        select p ->> 'currency', (p ->> 'mrrMinor')::bigint, (p ->> 'atRiskMinor')::bigint, ${soon}
        from portfolio_rows, jsonb_array_elements(mrr_parts) p where ${where} and mrr_parts is not null
      )
      select currency, sum(mrr)::text as mrr, sum(at_risk)::text as at_risk,
        sum(mrr) filter (where renews)::text as renewing
      from money group by currency`.execute(db),
  ]);
  const c = counts.rows[0] ?? { accounts: 0, red: 0, yellow: 0, green: 0, none: 0, renewals: 0 };
  const order = byCurrency(reportingCurrency);
  const figures = (pick: (row: (typeof sums.rows)[number]) => string | null) =>
    sums.rows.flatMap((row) => {
      const value = money(pick(row), row.currency);
      return value ? [value] : [];
    });
  return {
    accounts: c.accounts,
    mrr: figures((r) => r.mrr).sort(order),
    mrrAtRisk: figures((r) => r.at_risk).sort(order),
    byColour: { red: c.red, yellow: c.yellow, green: c.green, none: c.none },
    renewalsNext90Days: { count: c.renewals, mrr: figures((r) => r.renewing).sort(order) },
  };
}
