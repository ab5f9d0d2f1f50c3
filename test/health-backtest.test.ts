import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import type { Executor } from '../src/db/executor.js';
import { migrate } from '../src/db/migrate.js';
import { acceptSuggestedWeights, backtestHealth } from '../src/health/backtest-health.js';
import { lastDayWithData } from '../src/health/data-span.js';
import { defaultScorecards } from '../src/health/default-scorecards.js';
import { currentScorecards, saveScorecardVersion } from '../src/health/scorecard-store.js';
import { runPacer } from './support/cli.js';
import { testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

const uuid = (kind: number, i: number) =>
  `01900000-0000-7000-8000-${String(kind).padStart(4, '0')}${String(i).padStart(8, '0')}`;

/**
 * An export that ends on 31 December 2024: ten monthly customers who stay, and fourteen who leave one a month from
 * 15 November 2023 to 15 December 2024. All said NPS 10 in January 2023; each leaver says 0 ninety days before it
 * leaves. Nothing else is known about them (no seats, no usage) but one event on the last day.
 */
async function seedExport(db: Executor): Promise<void> {
  for (let i = 0; i < 24; i++) {
    const leaves = i >= 10;
    const account = uuid(1, i);
    await sql`insert into accounts (id, external_id, name, lifecycle_stage, first_seen_at)
      values (${account}, ${`a${i}`}, ${`Account ${i}`}, 'adoption', '2023-01-01T00:00:00Z')`.execute(db);
    // Leaver i (10…23) leaves on the 15th of month i counted from January 2023 (0): November 2023 … December 2024.
    const left = leaves ? `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15` : null;
    await sql`insert into subscriptions (account_id, id, currency, mrr_minor, start_date, end_date, status, cancelled_at)
      values (${account}, ${uuid(2, i)}, 'USD', 10000, '2023-01-01', ${left}::date,
        ${leaves ? 'cancelled' : 'active'}, ${left ? `${left}T10:00:00Z` : null}::timestamptz)`.execute(db);
    await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
      values (${account}, ${uuid(3, i)}, 'nps', 10, '2023-01-15T12:00:00Z')`.execute(db);
    if (left) {
      // The leaver says 0 exactly 90 days before it leaves: known on a month-end just when it leaves within 90 days.
      await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
        values (${account}, ${uuid(6, i)}, 'nps', 0, (${left}::date - 90) + time '12:00')`.execute(db);
    }
  }
  await sql`insert into usage_daily (account_id, day, event_name, events)
    values (${uuid(1, 0)}, '2024-12-31', 'Report Created', 1)`.execute(db);
}

describe.each(testEngines())('health backtest on $engine', ({ open }) => {
  it('replays the span the data covers, and saves suggested weights only when they do better', async () => {
    const database = await open();
    try {
      const { db } = database;
      await expect(backtestHealth(db, { horizonDays: 90 })).rejects.toThrow(
        /^nothing to judge: there is no dated data yet/,
      );
      expect(await lastDayWithData(db)).toBeNull();
      await seedExport(db);
      // A note dated in the future is not data yet.
      await sql`insert into notes (account_id, id, author, body, tags, occurred_at)
        values (${uuid(1, 1)}, ${uuid(4, 1)}, 'kenji', 'Planned QBR', '{}', '2099-01-01T10:00:00Z')`.execute(db);
      expect(await lastDayWithData(db)).toBe('2024-12-31');

      const report = await backtestHealth(db, { horizonDays: 90 });
      // Month-ends whose 90 days have passed by 31 December 2024 (2 October): the twelve to 30 September 2024.
      expect(report.until).toBe('2024-12-31');
      expect(report.untilFrom).toBe('data');
      expect(report.asOfDates[0]).toBe('2023-10-31');
      expect(report.asOfDates.at(-1)).toBe('2024-09-30');
      expect(report.asOfDates).toHaveLength(12);
      // Account-months: 10 stayers × 12, plus the leavers still live on each month-end: 14 on 31 October 2023,
      // one fewer each month, 3 on 30 September 2024: 14 + 13 + … + 3 = 102.
      // Churned within 90 days: on each month-end, the leavers of the next three months (3 × 12 = 36).
      expect(report.n).toBe(120 + 102);
      expect(report.churned).toBe(36);
      // Known on each month-end: red flags, the renewal window (monthly: 1 day, 30 points), NPS and billing (no change).
      // Not leaving within 90 days: (25·100 + 15·30 + 15·100 + 5·100) / 60 = 82.5; leaving: a detractor (red
      // flags 30) and NPS 0: (25·30 + 15·30 + 0 + 5·100) / 60 = 28.33. Every leaver ranks below every other.
      expect(report.auc).toBe(1);
      expect(report.suggestion?.current.auc).toBe(1);

      // The current weights already rank the held-out months perfectly; new weights cannot do better: none saved.
      const accepted = await acceptSuggestedWeights(db, report, 'test');
      expect(accepted.version).toBeNull();
      expect(accepted.reason).toMatch(/no better than the current weights' ROC-AUC 1\.000/);
      expect((await currentScorecards(db)).find((s) => s.name === 'Customer health')?.version).toBe(1);

      const asked = await backtestHealth(db, { horizonDays: 90, until: '2024-06-30' });
      expect([asked.untilFrom, asked.asOfDates.at(-1)]).toEqual(['asked', '2024-03-31']);
      // Before the first contract began: the twelve month-ends to 17 November 2022 (from November 2021), and not one
      // account-month among them.
      await expect(backtestHealth(db, { horizonDays: 90, until: '2023-02-15' })).rejects.toThrow(
        'nothing to judge: no account had a live subscription on the month-ends 2021-11-30 … 2022-10-31 (the 12 whose 90-day outcome is known by 2023-02-15)',
      );
    } finally {
      await database.close();
    }
  });

  it('brings an untouched default scorecard up to what Pacer ships, and leaves an edited one alone', async () => {
    const database = await open();
    try {
      const { db } = database;
      const shipped = defaultScorecards['Customer health'];
      if (!shipped) throw new Error('no default scorecard');
      const older = { ...shipped, thresholds: { red: 40, yellow: 70 } };
      await sql`insert into scorecards (id, name, version, definition, created_by)
        values (${uuid(5, 1)}, 'Customer health', 1, cast(${JSON.stringify(older)} as jsonb), 'pacer')`.execute(db);
      const upgraded = (await currentScorecards(db)).find((s) => s.name === 'Customer health');
      expect(upgraded?.version).toBe(2);
      expect(upgraded?.definition).toEqual(shipped);
      expect((await currentScorecards(db)).find((s) => s.name === 'Customer health')?.version).toBe(2);

      await saveScorecardVersion(db, 'Customer health', older, 'ayumi');
      const kept = (await currentScorecards(db)).find((s) => s.name === 'Customer health');
      expect([kept?.version, kept?.definition.thresholds]).toEqual([3, { red: 40, yellow: 70 }]);
    } finally {
      await database.close();
    }
  });
});

describe('pacer health backtest', () => {
  it('says which span it replayed, and why it saved nothing', async () => {
    const data = join(tempDir('backtest'), 'data');
    const database = await openDatabase({ dataDir: data });
    await migrate(database);
    await seedExport(database.db);
    await database.close();
    const run = runPacer(['health', 'backtest', '--data', data, '--accept'], {}, 120_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('12 month-ends (2023-10-31 … 2024-09-30), horizon 90 days');
    expect(run.stdout).toContain('span: outcomes known up to 2024-12-31 (the last day with data)');
    expect(run.stdout).toMatch(/not saved: the suggested weights score ROC-AUC 1\.000 on the held-out month-ends/);

    const empty = join(tempDir('backtest-empty'), 'data');
    const none = runPacer(['health', 'backtest', '--data', empty], {}, 120_000);
    expect(none.status).toBe(1);
    expect(none.stderr).toBe(
      'pacer: nothing to judge: there is no dated data yet (usage, subscriptions, notes, surveys or tickets)\n',
    );
  });
});
