import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.js';
import { recordEvents } from '../src/events/record-events.js';
import type { UsageEvent } from '../src/events/usage-event.js';
import { computeMeasures } from '../src/health/compute-measures.js';
import { aliveEstimates, aliveSummary } from '../src/usage/alive-summary.js';
import { flushUsageRollups } from '../src/usage/roll-up-usage.js';
import { runPacer } from './support/cli.js';
import { serverDatabase, testEngines } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

const CDNOW_SAMPLE = '/work/shared/data/cdnow/CDNOW_sample.txt';
// Fader, Hardie & Lee (2005): the BG/NBD fit on the CDNOW 1/10th sample's 39-week calibration period.
const PAPER = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PAPER_LOG_LIKELIHOOD = -9582.4;

let sequence = 0;
const event = (userId: string, occurredAt: string, name = 'purchase'): UsageEvent => ({
  messageId: `alive-${sequence++}`,
  type: 'track',
  name,
  userId,
  accountExternalId: null,
  occurredAt: new Date(occurredAt),
  count: 1,
  properties: null,
});

describe.each(testEngines())('the BG/NBD summary of usage on $engine', ({ open }) => {
  let database: Database;
  let externalIdOf: Map<string, string>;
  beforeAll(async () => {
    database = await open();
    const events = [
      // ann: three events on 03-01 (two purchases, one page view) are one active day; 04-02 is after the as-of day.
      event('ann', '2026-03-01T09:00:00Z'),
      event('ann', '2026-03-01T17:00:00Z'),
      event('ann', '2026-03-01T18:00:00Z', 'page_view'),
      event('ann', '2026-03-11T12:00:00Z'),
      event('ann', '2026-03-21T12:00:00Z', 'page_view'),
      event('ann', '2026-04-02T12:00:00Z'),
      // bob: first seen in the last second of the as-of day.
      event('bob', '2026-03-31T23:59:59Z'),
      // cat: first seen the day after.
      event('cat', '2026-04-01T00:00:00Z'),
      // dan: page views only.
      event('dan', '2026-03-15T08:00:00Z', 'page_view'),
    ];
    await database.db.transaction().execute((trx) => recordEvents(trx, events, { userIsAccount: true }));
    await database.db.transaction().execute((trx) => flushUsageRollups(trx));
    const { rows } = await sql<{ id: string; external_id: string }>`select id, external_id from accounts`.execute(
      database.db,
    );
    externalIdOf = new Map(rows.map((account) => [account.id, account.external_id]));
  });
  afterAll(async () => {
    await database?.close();
  });

  const summary = async (unit: 'day' | 'week', eventName?: string) =>
    (await aliveSummary(database.db, '2026-03-31', { unit, eventName })).map(({ accountId, ...history }) => ({
      account: externalIdOf.get(accountId),
      ...history,
    }));

  it('counts active days up to the as-of day: x after the first, t_x to the last, T to the as-of day', async () => {
    expect(await summary('day')).toEqual([
      { account: 'ann', firstDay: '2026-03-01', x: 2, tx: 20, T: 30 },
      { account: 'bob', firstDay: '2026-03-31', x: 0, tx: 0, T: 0 },
      { account: 'dan', firstDay: '2026-03-15', x: 0, tx: 0, T: 16 },
    ]);
    const [ann] = await summary('week');
    expect(ann?.tx).toBeCloseTo(20 / 7, 12);
    expect(ann?.T).toBeCloseTo(30 / 7, 12);
  });

  it('counts only the days with the given event', async () => {
    expect(await summary('day', 'purchase')).toEqual([
      { account: 'ann', firstDay: '2026-03-01', x: 1, tx: 10, T: 30 },
      { account: 'bob', firstDay: '2026-03-31', x: 0, tx: 0, T: 0 },
    ]);
  });

  it('has nothing to estimate before any activity, and says so when no one has come back', async () => {
    expect(await aliveEstimates(database.db, '2026-02-28', { unit: 'week', horizon: 52 })).toBeNull();
    await expect(aliveEstimates(database.db, '2026-03-10', { unit: 'week', horizon: 52 })).rejects.toThrow(
      /no account was active on a second day on or before 2026-03-10/,
    );
  });
});

interface FitOutput {
  asOf: string;
  unit: string;
  customers: number;
  parameters: { r: number; alpha: number; a: number; b: number };
  logLikelihood: number;
  meanProbabilityAlive: number;
}

/** Where the CLI keeps its data: an embedded directory, or a fresh database on the test server. */
interface Target {
  engine: string;
  args: string[];
  env: Record<string, string>;
  drop?: () => Promise<void>;
}

async function serverTarget(serverUrl: string): Promise<Target> {
  const server = await serverDatabase(serverUrl, 'pacer_alive', { migrated: true });
  return { engine: 'postgres', args: [], env: { DATABASE_URL: server.url }, drop: server.drop };
}

const engines = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

describe.each(engines)('pacer alive fit on the CDNOW sample, on %s', (engine) => {
  const dir = tempDir('alive');
  let target: Target;
  beforeAll(async () => {
    target =
      engine === 'postgres'
        ? await serverTarget(inject('postgresUrl'))
        : { engine, args: ['--data', join(dir, 'data')], env: {} };
  });
  afterAll(async () => {
    await target?.drop?.();
  });
  const pacer = (args: string[]) => runPacer([...args, ...target.args], target.env);

  it('imports the purchases as a user would and finds the paper’s estimates', () => {
    // The file as published: whitespace-separated, no header; each customer is its own account (B2C).
    const file = join(dir, 'CDNOW_sample.txt');
    copyFileSync(CDNOW_SAMPLE, file);
    const imported = pacer([
      'import',
      'events',
      file,
      '--b2c',
      '--delimiter',
      'whitespace',
      '--columns',
      'customer,sample_id,date,cds,dollars',
      '--map',
      'userId=customer,timestamp=date',
      '--set',
      'name=purchase',
    ]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^events: 6919 rows read, 6919 inserted, 0 updated, 0 unchanged, 0 rejected/);

    const fitted = pacer(['alive', 'fit', '--as-of', '1997-09-30', '--unit', 'week', '--json']);
    expect(fitted.stderr).toBe('');
    expect(fitted.status).toBe(0);
    const fit = JSON.parse(fitted.stdout) as FitOutput;
    expect(fit.customers).toBe(2357);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.parameters[name] / PAPER[name] - 1), name).toBeLessThan(0.01);
    }
    expect(fit.logLikelihood).toBeCloseTo(PAPER_LOG_LIKELIHOOD, 1);
    expect(fit.meanProbabilityAlive).toBeGreaterThan(0);
    expect(fit.meanProbabilityAlive).toBeLessThan(1);

    const text = pacer(['alive', 'fit', '--as-of', '1997-09-30', '--event', 'purchase']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(
      /BG\/NBD fitted to 2357 customers' active days with purchase up to 1997-09-30, in weeks/,
    );
    expect(text.stdout).toMatch(/r = 0\.24\d\d, α = 4\.41\d\d/);
    expect(text.stdout).toMatch(/a = 0\.79\d\d, b = 2\.42\d\d/);
    expect(text.stdout).toMatch(/log-likelihood -9582\.4\d/);
    expect(text.stdout).toMatch(/mean P\(alive\)\s+0\.\d{4}/);
  }, 180_000);

  it('gives each account its chance of still being active as a health measure, from the population’s fit', async () => {
    const fitted = JSON.parse(pacer(['alive', 'fit', '--as-of', '1997-09-30', '--json']).stdout) as FitOutput;
    // Each customer's active days up to the as-of day, read from the file itself.
    const days = new Map<string, Set<string>>();
    for (const line of readFileSync(CDNOW_SAMPLE, 'utf8').split('\n')) {
      const [customer, , date] = line.trim().split(/\s+/);
      if (!customer || !date || date > '19970930') continue;
      days.set(customer, (days.get(customer) ?? new Set()).add(date));
    }
    const weeks = (from: string, to: string) =>
      (Date.parse(`${to.slice(0, 4)}-${to.slice(4, 6)}-${to.slice(6)}`) -
        Date.parse(`${from.slice(0, 4)}-${from.slice(4, 6)}-${from.slice(6)}`)) /
      (7 * 86_400_000);
    // P(alive | x, t_x, T) = 1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)), FHL (2005) eq. 13.
    const { r, alpha, a, b } = fitted.parameters;
    const expected = (customer: string) => {
      const sorted = [...(days.get(customer) ?? [])].sort();
      const x = sorted.length - 1;
      const tx = weeks(sorted[0] as string, sorted.at(-1) as string);
      const T = weeks(sorted[0] as string, '19970930');
      return x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    };
    const database = await openDatabase(
      target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: join(dir, 'data') },
    );
    try {
      // Every 300th customer of the file: some came back often, some once, some never.
      const chosen = [...days.keys()].filter((_, i) => i % 300 === 0);
      const { rows } = await sql<{ id: string; external_id: string }>`select id, external_id from accounts
        where external_id = any(${chosen})`.execute(database.db);
      expect(rows).toHaveLength(chosen.length);
      const measures = await computeMeasures(
        database.db,
        '1997-09-30',
        rows.map((row) => row.id),
      );
      const spread = new Set<number>();
      for (const row of rows) {
        const value = measures.get(row.id)?.values['usage.probability_alive'] as number;
        expect(value, `customer ${row.external_id}`).toBeCloseTo(expected(row.external_id), 6);
        spread.add(Math.round(value * 100));
      }
      // Not one value for everyone: the customers differ.
      expect(spread.size).toBeGreaterThan(2);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('says in one line what is wrong', () => {
    const badDate = pacer(['alive', 'fit', '--as-of', '30/09/1997']);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toBe('pacer: --as-of must be a date written YYYY-MM-DD\n');
    const tooEarly = pacer(['alive', 'fit', '--as-of', '1996-12-31']);
    expect(tooEarly.status).toBe(1);
    expect(tooEarly.stderr).toBe('pacer: no account has any activity on or before 1996-12-31: nothing to fit\n');
  }, 60_000);
});
