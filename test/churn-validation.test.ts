import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { lastDayWithData } from '../src/health/data-span.js';
import { trainChurn } from '../src/predict/churn-service.js';
import { backtestChurn, evaluateChurn } from '../src/predict/evaluate-churn.js';
import { testEngines } from './support/engines.js';

/**
 * A company's export: accounts with two traits and one subscription each. Month-to-month customers without a
 * support plan churn far more often. Accounts sign up over the first 300 days of `year`; churners leave over the
 * first 300 days of the next year; the rest are still live when the export was taken. Returns the last day with
 * data, worked out here from the dates written (the latest start or end).
 */
async function importExport(db: Database['db'], options: { accounts: number; year: number }): Promise<string> {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const day = (year: number, offset: number) => new Date(Date.UTC(year, 0, 1 + offset)).toISOString().slice(0, 10);
  const accounts = [];
  const subscriptions = [];
  let last = '';
  for (let i = 0; i < options.accounts; i++) {
    // A fresh id on every import: only the external id stays.
    const id = uuidv7();
    const monthly = random() < 0.5;
    const support = random() < 0.5;
    const churnRate = monthly ? (support ? 0.25 : 0.6) : support ? 0.03 : 0.1;
    const start = day(options.year, Math.floor(random() * 300));
    const end = random() < churnRate ? day(options.year + 1, Math.floor(random() * 300)) : null;
    for (const d of [start, end]) if (d && d > last) last = d;
    accounts.push({
      id,
      name: `Customer ${i}`,
      external_id: `c${i}`,
      first_seen_at: `${start}T00:00:00Z`,
      traits: { contract: monthly ? 'Month-to-month' : 'Two year', techSupport: support ? 'Yes' : 'No' },
    });
    subscriptions.push({
      account_id: id,
      id: uuidv7(),
      currency: 'USD',
      mrr_minor: 2000 + Math.floor(random() * 8000),
      billing_period: monthly ? 'month' : 'year',
      start_date: start,
      end_date: end,
      cancelled_at: end ? `${end}T00:00:00Z` : null,
    });
  }
  await sql`insert into accounts (id, name, external_id, first_seen_at, traits)
    select id, name, external_id, first_seen_at, traits
    from jsonb_to_recordset(cast(${JSON.stringify(accounts)} as jsonb))
      as r(id uuid, name text, external_id text, first_seen_at timestamptz, traits jsonb)`.execute(db);
  await sql`insert into subscriptions (account_id, id, currency, mrr_minor, billing_period, start_date, end_date, cancelled_at)
    select * from jsonb_to_recordset(cast(${JSON.stringify(subscriptions)} as jsonb))
      as r(account_id uuid, id uuid, currency char(3), mrr_minor bigint, billing_period text, start_date date,
           end_date date, cancelled_at timestamptz)`.execute(db);
  return last;
}

describe.each(testEngines())('churn evaluations on an export that ended in the past, on $engine', ({ open }) => {
  let database: Database;
  let lastDay: string;
  beforeAll(async () => {
    database = await open();
    lastDay = await importExport(database.db, { accounts: 200, year: 2022 });
  }, 60_000);
  afterAll(() => database.close());

  it('knows the last day with data', async () => {
    expect(lastDay < '2023-12-31').toBe(true);
    expect(await lastDayWithData(database.db)).toBe(lastDay);
  });

  it('backtests the month-ends the data covers, ending at its last day, and says so', async () => {
    const report = await backtestChurn(database.db, { horizonDays: 90, definition: { kind: 'contract' }, seeds: 1 });
    expect(report.until).toBe(lastDay);
    expect(report.untilFrom).toBe('data');
    expect(report.testedDates.length).toBeGreaterThan(0);
    // Every replayed month-end's 90-day outcome is known on the last day with data.
    const latest = report.asOfDates.at(-1) as string;
    expect(new Date(`${latest}T00:00:00Z`).getTime() + 90 * 86_400_000).toBeLessThan(
      new Date(`${lastDay}T00:00:00Z`).getTime(),
    );

    // Asked to judge as of mid-2023: outcomes known by 2023-06-30 are those of month-ends up to 2023-03-31
    // (2023-03-31 + 90 days = 2023-06-29, before it; 2023-04-30 + 90 = 2023-07-29, after).
    const earlier = await backtestChurn(database.db, {
      horizonDays: 90,
      definition: { kind: 'contract' },
      until: '2023-06-30',
      seeds: 1,
    });
    expect(earlier.until).toBe('2023-06-30');
    expect(earlier.untilFrom).toBe('option');
    expect(earlier.asOfDates.at(-1)).toBe('2023-03-31');
  }, 300_000);

  it('trains on the data’s own calendar when the data ends in the past', async () => {
    const summary = await trainChurn(database.db, { horizonDays: 90, definition: 'contract', inWorker: false });
    const latest = summary.asOfDates.at(-1) as string;
    expect(latest < lastDay).toBe(true);
    expect(summary.training.positives).toBeGreaterThan(3);
    expect(summary.validation.heldOut?.n).toBeGreaterThan(0);
  }, 300_000);
});

describe('churn evaluations with nothing to judge', () => {
  it('refuse clearly', async () => {
    const database = await (testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>).open();
    try {
      await expect(backtestChurn(database.db, { horizonDays: 90, definition: { kind: 'contract' } })).rejects.toThrow(
        /nothing to backtest: no usage, subscriptions, notes, survey answers or tickets are recorded/,
      );
      expect(await lastDayWithData(database.db)).toBeNull();
    } finally {
      await database.close();
    }
  });
});

describe('the same data imported twice', () => {
  it('gives the same figures, and the spread over seeds', async () => {
    const engine = testEngines()[0] as NonNullable<ReturnType<typeof testEngines>[0]>;
    const reports = [];
    for (let run = 0; run < 2; run++) {
      const database = await engine.open();
      try {
        await importExport(database.db, { accounts: 200, year: 2022 });
        reports.push(
          await evaluateChurn(database.db, {
            asOf: '2022-12-31',
            horizonDays: 365,
            folds: 5,
            definition: { kind: 'contract' },
            today: '2026-03-31',
            seeds: 3,
          }),
        );
      } finally {
        await database.close();
      }
    }
    const [first, second] = reports as [(typeof reports)[0], (typeof reports)[0]];
    const rounded = (v: unknown) =>
      JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'number' ? Number(x.toFixed(9)) : x)));
    expect(rounded(second.model)).toEqual(rounded(first.model));
    expect(rounded(second.seeds)).toEqual(rounded(first.seeds));
    expect(first.seeds.seeds).toEqual([1, 2, 3]);
    const spread = first.seeds.rocAuc;
    expect(spread?.min).toBeLessThanOrEqual(spread?.median as number);
    expect(spread?.max).toBeGreaterThanOrEqual(spread?.median as number);
    // The first seed's figure, the one in the table, lies within the range.
    expect(first.model.rocAuc).toBeGreaterThanOrEqual(spread?.min as number);
    expect(first.model.rocAuc).toBeLessThanOrEqual(spread?.max as number);
  }, 300_000);
});
