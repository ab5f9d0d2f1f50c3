import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { writeWorkspaceSettings } from '../settings/workspace-settings.js';
import { today } from '../shared/calendar.js';
import { readUsageSettings, writeUsageSettings } from '../usage/usage-settings.js';
import { dollarRates, keyFeatures, MAGIC_MOMENT_EVENT } from './demo-catalog.js';
import type { SimulatedAccount, WorldOptions, WorldShape } from './demo-world.js';
import { planWorld } from './plan-world.js';
import { simulateAccount } from './simulate-account.js';
import { simulateSubscriber } from './simulate-subscriber.js';
import { flushRollups, writeAccounts, writeTeam } from './write-world.js';

export const defaultAccounts: Record<WorldShape, number> = { b2b: 500, b2c: 20_000 };

export interface WorldSummary {
  accounts: number;
  churned: number;
  events: number;
  seconds: number;
}

/** Accounts written per transaction, and queued usage counts allowed before they are rolled up. */
const GROUP_SIZE = { b2b: 10, b2c: 200 };
const FLUSH_EVERY_EVENTS = 60_000;

/** Today in UTC, 'YYYY-MM-DD': the demo world ends here. */
export const todayUtc = () => today();

/**
 * Simulates the demo world and writes it through Pacer's own paths (resource rules, event recording, rollups).
 * Refuses a database that has accounts already: the demo is generated into an empty workspace.
 */
export async function generateWorld(
  database: Database,
  options: WorldOptions,
  onProgress: (share: number) => void = () => {},
): Promise<WorldSummary> {
  const started = performance.now();
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(database.db);
  if ((rows[0]?.n ?? 0) > 0) {
    throw new Error(
      `the database has ${rows[0]?.n} accounts already; \`pacer demo reset\` replaces them with the demo`,
    );
  }
  const plan = planWorld(options);
  const teamIds = options.shape === 'b2b' ? await writeTeam(database) : [];
  if (options.shape === 'b2b') {
    const settings = await readUsageSettings(database.db);
    await writeUsageSettings(database.db, {
      ...settings,
      keyFeatures: [...keyFeatures],
      magicMomentEvent: MAGIC_MOMENT_EVENT,
    });
    // The book bills in four currencies: report in dollars at the rates the prices were set with, so MRR adds up.
    await writeWorkspaceSettings(database.db, {
      reportingCurrency: 'USD',
      rates: (['JPY', 'EUR', 'GBP'] as const).map((currency) => ({
        currency,
        date: '2000-01-01',
        rate: (1 / dollarRates[currency]).toFixed(12),
      })),
    });
  }
  const simulate = options.shape === 'b2b' ? simulateAccount : simulateSubscriber;
  const groupSize = GROUP_SIZE[options.shape];
  let events = 0;
  let unflushed = 0;
  let churned = 0;
  for (let first = 0; first < options.accounts; first += groupSize) {
    const group: SimulatedAccount[] = [];
    for (let index = first; index < Math.min(options.accounts, first + groupSize); index++) {
      const simulated = simulate(plan, index);
      if (simulated.truth.churnedOn !== null) churned++;
      group.push(simulated);
    }
    const stored = await writeAccounts(database, plan, group, teamIds);
    events += stored;
    unflushed += stored;
    if (unflushed >= FLUSH_EVERY_EVENTS) {
      await flushRollups(database);
      unflushed = 0;
    }
    onProgress(Math.min(options.accounts, first + groupSize) / options.accounts);
  }
  await flushRollups(database);
  // Fresh statistics for the planner: the embedded engine has no autovacuum to gather them.
  await sql`analyze`.execute(database.db);
  return { accounts: options.accounts, churned, events, seconds: (performance.now() - started) / 1000 };
}
