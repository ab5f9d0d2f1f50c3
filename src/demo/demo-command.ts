import { type Command, InvalidArgumentError, Option } from 'commander';
import { sql } from 'kysely';
import { type DataOption, openMigratedDatabase, withDataOption } from '../cli/database-options.js';
import type { Database } from '../db/database.js';
import { assignWorldTasks } from './assign-world-tasks.js';
import type { WorldOptions, WorldShape } from './demo-world.js';
import { defaultAccounts, generateWorld, todayUtc, type WorldSummary } from './generate-world.js';
import { resetWorld } from './reset-world.js';
import { scoreWorldChurn } from './score-world-churn.js';
import { backtestWorldHealth, scoreWorldHealth } from './score-world-health.js';

export const DEFAULT_DEMO = { seed: 42, months: 18, shape: 'b2b' as WorldShape };

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number, 1 or more');
  return n;
}

/** Writes progress as plain lines every 10% (a log, a pipe), or as one line updated in place on a terminal. */
function progressPrinter(title: string): { update(share: number): void; done(summary: WorldSummary): void } {
  const tty = process.stdout.isTTY === true;
  let lastTenth = -1;
  process.stdout.write(tty ? `${title} 0%` : `${title}\n`);
  return {
    update(share) {
      const percent = Math.floor(share * 100);
      if (tty) {
        process.stdout.write(`\r${title} ${percent}%`);
      } else if (Math.floor(percent / 10) > lastTenth) {
        lastTenth = Math.floor(percent / 10);
        process.stdout.write(`Generating the demo world: ${percent}%\n`);
      }
    },
    done(summary) {
      process.stdout.write(
        `${tty ? '\n' : ''}Demo world ready: ${summary.accounts} accounts (${summary.churned} churned), ${summary.events} usage rows, in ${summary.seconds.toFixed(1)} s.\n`,
      );
    },
  };
}

async function generateWithProgress(database: Database, options: WorldOptions): Promise<WorldSummary> {
  const progress = progressPrinter(
    `Generating the demo world (${options.shape.toUpperCase()}, ${options.accounts} accounts, ${options.months} months, seed ${options.seed})…`,
  );
  const summary = await generateWorld(database, options, progress.update);
  progress.done(summary);
  const healthStarted = performance.now();
  const healthScored = await scoreWorldHealth(database, options.today);
  process.stdout.write(
    `Health scored 30 days back and today for ${healthScored} accounts in ${((performance.now() - healthStarted) / 1000).toFixed(1)} s.\n`,
  );
  const backtestStarted = performance.now();
  if (await backtestWorldHealth(database)) {
    process.stdout.write(
      `Health backtest stored for "how far to trust the scores" in ${((performance.now() - backtestStarted) / 1000).toFixed(1)} s.\n`,
    );
  }
  const started = performance.now();
  const scored = await scoreWorldChurn(database, options.today);
  if (scored > 0) {
    process.stdout.write(
      `Churn risk computed for ${scored} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
    );
  }
  const tasksStarted = performance.now();
  const tasks = await assignWorldTasks(database, options.today);
  process.stdout.write(
    `${tasks} tasks put in the CSMs' "My day" in ${((performance.now() - tasksStarted) / 1000).toFixed(1)} s.\n`,
  );
  return summary;
}

/**
 * On the first start of an empty embedded database, generates the default demo world. With DATABASE_URL, never.
 * Returns the database to serve (the embedded one is reopened first, to leave the memory initdb used behind).
 */
export async function generateDemoOnFirstStart(database: Database, options: DataOption): Promise<Database> {
  if (database.engine !== 'pglite' || process.env.DATABASE_URL?.trim()) return database;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from accounts`.execute(database.db);
  if ((rows[0]?.n ?? 0) > 0) return database;
  await database.close();
  const reopened = await openMigratedDatabase(options);
  try {
    await generateWithProgress(reopened, {
      ...DEFAULT_DEMO,
      accounts: defaultAccounts[DEFAULT_DEMO.shape],
      today: todayUtc(),
    });
  } catch (error) {
    await reopened.close();
    throw error;
  }
  return reopened;
}

/** Opens the database for generation; an embedded one is opened twice so the memory of its first start is freed. */
async function reopenLean(options: DataOption): Promise<Database> {
  const database = await openMigratedDatabase(options);
  if (database.engine !== 'pglite') return database;
  await database.close();
  return openMigratedDatabase(options);
}

interface GenerateOptions extends DataOption {
  accounts?: number;
  months: number;
  seed: number;
  shape: WorldShape;
}

function withWorldOptions(command: Command): Command {
  return withDataOption(
    command
      .option('--accounts <n>', 'how many accounts (default 500 for b2b, 20000 for b2c)', positiveInteger)
      .option('--months <n>', 'months of history, ending today', positiveInteger, DEFAULT_DEMO.months)
      .option('--seed <n>', 'the same seed gives the same world', positiveInteger, DEFAULT_DEMO.seed)
      .addOption(new Option('--shape <shape>', 'business model').choices(['b2b', 'b2c']).default(DEFAULT_DEMO.shape)),
  );
}

const worldOptions = (options: GenerateOptions): WorldOptions => ({
  seed: options.seed,
  months: options.months,
  shape: options.shape,
  accounts: options.accounts ?? defaultAccounts[options.shape],
  today: todayUtc(),
});

/** `pacer demo generate|reset`. `run` is the CLI's wrapper that turns failures into one line and exit code 1. */
export function registerDemoCommand(
  program: Command,
  run: (fn: (options: GenerateOptions) => Promise<void>) => (options: GenerateOptions) => Promise<void>,
): void {
  const demo = program.command('demo').description('the demo world: a generated book of customers to explore');
  withWorldOptions(
    demo.command('generate').description('simulate a subscription business into an empty database'),
  ).action(
    run(async (options) => {
      const database = await reopenLean(options);
      try {
        await generateWithProgress(database, worldOptions(options));
      } finally {
        await database.close();
      }
    }),
  );
  withWorldOptions(
    demo.command('reset').description('delete every account, its data, the events and the demo team; generate again'),
  ).action(
    run(async (options) => {
      const database = await reopenLean(options);
      try {
        await resetWorld(database);
        process.stdout.write('Deleted the previous world.\n');
        await generateWithProgress(database, worldOptions(options));
      } finally {
        await database.close();
      }
    }),
  );
}
