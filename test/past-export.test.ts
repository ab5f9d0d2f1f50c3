import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { runPacer } from './support/cli.js';
import { EXPORT_END, type PastExport, writePastExport } from './support/past-export.js';
import { tempDir } from './support/temp-dir.js';

type Rows = Record<string, unknown>[];

interface BacktestJson {
  until: string;
  untilFrom: string;
  asOfDates: string[];
  n: number;
}

/**
 * The first-day story with a company's own exports that ended two years ago: accounts with a signup date in US
 * order, subscriptions, weekly feature usage and a table of churn events, under their own column names. Mapped by
 * their own columns only — no date given on the command line — both backtests must judge the span the data covers.
 */
describe('an export that ended on 2024-12-31', () => {
  const dir = tempDir('past-export');
  const data = join(dir, 'data');
  let files: PastExport;
  const pacer = (...args: string[]) => runPacer([...args, '--data', data], {}, 120_000);
  const query = async (text: string): Promise<Rows> => {
    const database = await openDatabase({ dataDir: data });
    try {
      return await database.withSession((q) => q(text));
    } finally {
      await database.close();
    }
  };

  beforeAll(() => {
    files = writePastExport(dir, 80);
    const runs = [
      pacer(
        'import',
        'accounts',
        files.accounts,
        '--map',
        'externalId=account_id,name=account_name,firstSeenAt=signup_date',
        '--date-format',
        'mdy',
      ),
      pacer(
        'import',
        'subscriptions',
        files.subscriptions,
        '--map',
        'externalId=subscription_id,accountExternalId=account_id,mrr=mrr_amount',
        '--set',
        'currency=USD',
      ),
      pacer(
        'import',
        'events',
        files.usage,
        '--map',
        'messageId=usage_id,groupId=account_id,event=feature_name,timestamp=usage_date,count=usage_count',
      ),
      pacer(
        'import',
        'events',
        files.churnEvents,
        '--map',
        'messageId=churn_event_id,groupId=account_id,timestamp=churn_date',
        '--set',
        'name=Churned',
      ),
    ];
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/ 0 rejected/);
    }
  }, 300_000);

  it('has each account from its signup, as the export says, not from the day of the import', async () => {
    const rows = await query(
      `select external_id, to_char(first_seen_at at time zone 'UTC', 'YYYY-MM-DD') as day from accounts`,
    );
    expect(rows).toHaveLength(80);
    for (const row of rows) expect(row.day).toBe(files.truth.get(row.external_id as string)?.signup);
  });

  it('replays the health backtest on the span the data covers, with no date options', () => {
    const run = pacer('health', 'backtest', '--json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as BacktestJson;
    expect(report.until).toBe(EXPORT_END);
    expect(report.untilFrom).toBe('data');
    // The last month-end whose 90-day horizon has passed by 2024-12-31 is 2024-09-30; twelve of them back.
    expect(report.asOfDates.at(-1)).toBe('2024-09-30');
    expect(report.asOfDates[0]).toBe('2023-10-31');
    expect(report.n).toBeGreaterThan(0);
  });

  it('replays the churn backtest on the same span, and the churn flag the CRM set afterwards does not leak', () => {
    const run = pacer('churn', 'backtest', '--seeds', '1', '--json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as BacktestJson & { model: { rocAuc: number } };
    expect(report.until).toBe(EXPORT_END);
    expect(report.asOfDates.at(-1)).toBe('2024-09-30');
    expect(report.n).toBeGreaterThan(0);
    // churn_flag (TRUE for every account that ever churned) came in with today's import, so no past day may see it;
    // a model reading it would rank nearly every churner first. From the fading usage alone the figure stays lower.
    expect(report.model.rocAuc).toBeLessThan(0.95);
    const evaluation = pacer('churn', 'evaluate', '--as-of', '2024-06-30', '--seeds', '1', '--json');
    expect(evaluation.stderr).toBe('');
    expect((JSON.parse(evaluation.stdout) as { until: string }).until).toBe(EXPORT_END);
  });

  it('dates a snapshot imported with --as-of at the end of that day, and refuses --as-of for events', async () => {
    const snapshot = join(dir, 'accounts-2024-03-31.csv');
    const text = await readFile(files.accounts, 'utf8');
    // The same CRM, three quarters earlier: every account on the Basic plan (plan_tier, a trait) was on Starter then.
    writeFileSync(snapshot, text.replaceAll(',Basic,', ',Starter,'));
    const basic = text.split('\n').filter((line) => line.includes(',Basic,')).length;
    const run = pacer(
      'import',
      'accounts',
      snapshot,
      '--map',
      'externalId=account_id,name=account_name,firstSeenAt=signup_date',
      '--date-format',
      'mdy',
      '--as-of',
      '2024-03-31',
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`${basic} updated`);
    const states = await query(
      `select count(*)::int as n from account_states
        where traits ->> 'plan_tier' = 'Starter' and valid_from = '2024-03-31T23:59:59.999Z'`,
    );
    expect(states[0]?.n).toBe(basic);

    const events = pacer('import', 'events', files.usage, '--as-of', '2024-03-31');
    expect(events.status).not.toBe(0);
    expect(events.stderr).toMatch(/--as-of is for records/);
    const future = pacer('import', 'accounts', snapshot, '--as-of', '2999-01-01');
    expect(future.status).not.toBe(0);
    expect(future.stderr).toMatch(/must not be after today/);
  });
});
