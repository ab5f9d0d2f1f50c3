import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { generateWorld } from '../src/demo/generate-world.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { backtestChurn, evaluateChurn } from '../src/predict/evaluate-churn.js';
import { buildFeatureSnapshot, type FeatureSnapshot } from '../src/predict/feature-snapshot.js';
import { addDays, today } from '../src/shared/calendar.js';
import { testEngines } from './support/engines.js';

const TODAY = '2026-03-31';
const AS_OF = '2025-09-30';

const column = (snapshot: FeatureSnapshot, name: string) => snapshot.columns.find((c) => c.name === name);

/**
 * A report with every number to 9 significant digits: rows updated on PostgreSQL come back in another physical order,
 * and sums of floats in another order differ in the last bits. A leak moves figures far more than that.
 */
const rounded = (report: unknown): unknown =>
  JSON.parse(JSON.stringify(report), (_, value) => (typeof value === 'number' ? Number(value.toPrecision(9)) : value));

describe.each(testEngines())('account fields and traits history on $engine', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await generateWorld(database, { seed: 11, accounts: 100, months: 12, shape: 'b2b', today: TODAY });
  }, 180_000);
  afterAll(() => database.close());

  it('changing fields and traits after the day moves neither features, evaluation nor backtest', async () => {
    const db = database.db;
    const evaluation = {
      asOf: AS_OF,
      horizonDays: 180,
      folds: 3,
      definition: { kind: 'contract' as const },
      today: TODAY,
    };
    const backtest = { horizonDays: 90, definition: { kind: 'contract' as const }, today: TODAY, months: 8 };
    const before = await buildFeatureSnapshot(db, AS_OF);
    const evaluatedBefore = await evaluateChurn(db, evaluation);
    const backtestBefore = await backtestChurn(db, backtest);
    // The demo's fields are known from each account's first day: the day reads them.
    expect(column(before, 'account.industry')?.values.filter((v) => v !== null).length).toBe(before.accountIds.length);

    // Today (after the as-of day and after the world ends) a CRM sync rewrites every field, and marks the
    // accounts that left with a status and a lost reason: the perfect predictor, if the past could see it.
    await sql`update accounts a set industry = 'Rewritten', employees = 1, country = 'ZZ', plan = 'legacy',
        coverage_tier = 'tech_touch', owner_id = null, lifecycle_stage = 'churned',
        traits = a.traits || jsonb_build_object(
          'crmStatus', case when t.churned_on is null then 'Active' else 'Closed Lost' end,
          'lostReason', coalesce(t.churn_cause, 'none'), 'segment', 'rewritten')
      from demo.account_truth t where t.account_id = a.id`.execute(db);

    const after = await buildFeatureSnapshot(db, AS_OF);
    expect(after.accountIds).toEqual(before.accountIds);
    expect(after.columns.map((c) => c.name)).toEqual(before.columns.map((c) => c.name));
    for (const c of before.columns) expect(column(after, c.name)?.values, c.name).toEqual(c.values);
    expect(after.columns.map((c) => c.name)).not.toContain('trait:crmStatus');
    expect(rounded(await evaluateChurn(db, evaluation))).toEqual(rounded(evaluatedBefore));
    expect(rounded(await backtestChurn(db, backtest))).toEqual(rounded(backtestBefore));

    // Today's snapshot does read them: the history is the record of what changed, not a frozen copy.
    const now = await buildFeatureSnapshot(db, today());
    expect(column(now, 'trait:crmStatus')?.values.filter((v) => v !== null).length).toBeGreaterThan(0);
    expect(new Set(column(now, 'account.industry')?.values)).toEqual(new Set(['Rewritten']));
  }, 240_000);

  it("the demo's history: a champion who left counts until the day they left, a churned account is churned from its churn day", async () => {
    const db = database.db;
    const { rows: departures } = await sql<{ account_id: string; champion_left_on: string }>`
      select account_id, champion_left_on::text from demo.account_truth where champion_left_on is not null`.execute(db);
    expect(departures.length).toBeGreaterThan(0);
    for (const { account_id: id, champion_left_on: day } of departures) {
      const champion = async (asOf: string) =>
        (await computeMeasures(db, asOf, [id])).get(id)?.values['relationship.champion_active'];
      expect(await champion(addDays(day, -1)), `${id} before ${day}`).toBe(1);
      // A replacement, when there is one, starts 20 to 60 days later.
      expect(await champion(day), `${id} on ${day}`).toBe(0);
    }
    const { rows: churned } = await sql<{ account_id: string; churned_on: string }>`
      select account_id, churned_on::text from demo.account_truth where churned_on is not null`.execute(db);
    expect(churned.length).toBeGreaterThan(0);
    for (const { account_id: id, churned_on: day } of churned) {
      const stage = async (asOf: string) => (await computeMeasures(db, asOf, [id])).get(id)?.lifecycleStage;
      expect(await stage(addDays(day, -1)), `${id} before ${day}`).not.toBe('churned');
      expect(await stage(day), `${id} on ${day}`).toBe('churned');
    }
  }, 120_000);
});
