import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { generateWorld } from '../src/demo/generate-world.js';
import { testEngines } from './support/engines.js';

const embedded = testEngines()[0];
const options = { seed: 7, accounts: 120, months: 12, shape: 'b2b' as const, today: '2026-03-31' };

interface Fingerprint {
  names: string[];
  mrr: { currency: string; total: number }[];
  churn: { external_id: string; churned_on: string | null; churn_cause: string }[];
  events: number;
  rolledUp: number;
}

async function fingerprint(database: Database): Promise<Fingerprint> {
  const db = database.db;
  const names = await sql<{ name: string }>`select name from accounts order by external_id`.execute(db);
  const mrr = await sql<{ currency: string; total: number }>`
    select currency, sum(mrr_minor)::bigint as total from subscriptions group by currency order by currency`.execute(
    db,
  );
  const churn = await sql<Fingerprint['churn'][number]>`
    select external_id, churned_on, churn_cause from demo.account_truth order by external_id`.execute(db);
  const counts = await sql<{ events: number; rolled: number }>`
    select (select count(*) from events)::bigint as events,
      (select coalesce(sum(events), 0) from usage_daily)::bigint as rolled`.execute(db);
  return {
    names: names.rows.map((row) => row.name),
    mrr: mrr.rows,
    churn: churn.rows,
    events: counts.rows[0]?.events ?? 0,
    rolledUp: counts.rows[0]?.rolled ?? 0,
  };
}

describe('the demo world (B2B, 120 accounts, 12 months)', () => {
  let first: Database;
  let world: Fingerprint;

  beforeAll(async () => {
    first = await (embedded as NonNullable<typeof embedded>).open();
    await generateWorld(first, options);
    world = await fingerprint(first);
  }, 120_000);
  afterAll(async () => {
    await first?.close();
  });

  it('is the same world for the same seed', async () => {
    const second = await (embedded as NonNullable<typeof embedded>).open();
    try {
      await generateWorld(second, options);
      expect(await fingerprint(second)).toEqual(world);
    } finally {
      await second.close();
    }
    expect(world.names).toHaveLength(120);
    expect(world.events).toBeGreaterThan(10_000);
    expect(world.churn.some((row) => row.churned_on !== null)).toBe(true);
  }, 120_000);

  it('refuses a database that has accounts', async () => {
    await expect(generateWorld(first, options)).rejects.toThrow(/has 120 accounts already/);
  });

  it('writes everything through the API rules: rollups match events, records belong to their accounts', async () => {
    const { rows } = await sql<{
      counted: number;
    }>`select coalesce(sum(count), 0)::bigint as counted from events`.execute(first.db);
    expect(rows[0]?.counted).toBe(world.rolledUp);
    const orphans = await sql<{ n: number }>`
      select count(*)::int as n from accounts a where not exists (select 1 from subscriptions s where s.account_id = a.id)
        or not exists (select 1 from contacts c where c.account_id = a.id)`.execute(first.db);
    expect(orphans.rows[0]?.n).toBe(0);
    const churnedWithoutCancel = await sql<{ n: number }>`
      select count(*)::int as n from demo.account_truth t where t.churned_on is not null and not exists (
        select 1 from subscriptions s where s.account_id = t.account_id and s.status = 'cancelled'
          and s.end_date = t.churned_on and s.cancel_reason is not null)`.execute(first.db);
    expect(churnedWithoutCancel.rows[0]?.n).toBe(0);
  });

  it('churned accounts had lower latent value than retained ones', async () => {
    const { rows } = await sql<{ churned: boolean; value: number }>`
      select churned_on is not null as churned, avg(value_at_end)::float8 as value
      from demo.account_truth group by 1`.execute(first.db);
    const churned = rows.find((row) => row.churned)?.value ?? 1;
    const retained = rows.find((row) => !row.churned)?.value ?? 0;
    expect(churned).toBeLessThan(retained - 0.05);
  });

  it('some churners used the product heavily until the end, so usage alone cannot tell', async () => {
    // Usage in the 30 days before churn (churners) or before the end of the world (retained), per account.
    const { rows } = await sql<{ churned: boolean; events: number }>`
      select t.churned_on is not null as churned, coalesce((
        select sum(u.events) from usage_daily u where u.account_id = t.account_id
          and u.day > coalesce(t.churned_on, ${options.today}::date) - 30
          and u.day <= coalesce(t.churned_on, ${options.today}::date)), 0)::float8 as events
      from demo.account_truth t join accounts a on a.id = t.account_id
      where a.first_seen_at < coalesce(t.churned_on, ${options.today}::date) - 60`.execute(first.db);
    const retained = rows
      .filter((row) => !row.churned)
      .map((row) => row.events)
      .sort((a, b) => a - b);
    const median = retained[Math.floor(retained.length / 2)] ?? 0;
    const churners = rows.filter((row) => row.churned);
    const heavy = churners.filter((row) => row.events >= median);
    expect(churners.length).toBeGreaterThanOrEqual(10);
    expect(heavy.length / churners.length).toBeGreaterThanOrEqual(0.15);
  });

  it('a champion leaving precedes churn more often than chance', async () => {
    // Seen only in Pacer's own tables: an inactive champion contact or a note tagged champion-left.
    const { rows } = await sql<{ departed: boolean; accounts: number; churned: number }>`
      select exists (
          select 1 from contacts c where c.account_id = t.account_id and c.role = 'champion' and not c.active
        ) or exists (
          select 1 from notes n where n.account_id = t.account_id and 'champion-left' = any(n.tags)
        ) as departed,
        count(*)::int as accounts, count(t.churned_on)::int as churned
      from demo.account_truth t group by 1`.execute(first.db);
    const rate = (departed: boolean) => {
      const row = rows.find((candidate) => candidate.departed === departed);
      return row ? row.churned / row.accounts : 0;
    };
    expect(rows.find((row) => row.departed)?.accounts ?? 0).toBeGreaterThanOrEqual(5);
    expect(rate(true)).toBeGreaterThan(rate(false) * 1.5);
  });
});
