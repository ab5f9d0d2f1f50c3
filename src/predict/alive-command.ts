import { type Command, Option } from 'commander';
import { type DataOption, openMigratedDatabase, withDataOption } from '../cli/database-options.js';
import { type AliveUnit, aliveEstimates } from '../usage/alive-summary.js';

type Action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A year ahead unless told otherwise. */
const DEFAULT_HORIZON: Record<AliveUnit, number> = { day: 365, week: 52 };

function isCalendarDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

interface FitOptions extends DataOption {
  asOf: string;
  unit: AliveUnit;
  event?: string;
  horizon?: string;
  json?: boolean;
}

/** `pacer alive fit`: which customers are still customers, for products without contracts (BG/NBD). */
export function registerAliveCommand(program: Command, action: Action): void {
  const alive = program
    .command('alive')
    .description('"still a customer?" for products without contracts: the BG/NBD model on usage events');

  withDataOption(
    alive
      .command('fit')
      .description('fit BG/NBD to every account’s active days up to --as-of and summarise P(alive)')
      .requiredOption('--as-of <date>', 'fit on activity up to the end of this day, YYYY-MM-DD')
      .addOption(
        new Option('--unit <unit>', 'time unit of the model (α is a rate per unit)')
          .choices(['week', 'day'])
          .default('week'),
      )
      .option('--event <name>', 'count only days with this event (e.g. purchase); default any event')
      .option(
        '--horizon <units>',
        'expected transactions over this many units ahead (default a year: 52 weeks, 365 days)',
      )
      .option('--json', 'print one JSON object'),
  ).action(
    action(async (options: FitOptions) => {
      if (!isCalendarDate(options.asOf)) throw new Error('--as-of must be a date written YYYY-MM-DD');
      const horizon = options.horizon === undefined ? DEFAULT_HORIZON[options.unit] : Number(options.horizon);
      if (!(Number.isFinite(horizon) && horizon >= 0))
        throw new Error(`--horizon must be a number of ${options.unit}s`);
      const database = await openMigratedDatabase(options);
      try {
        const started = performance.now();
        const estimates = await aliveEstimates(database.db, options.asOf, {
          unit: options.unit,
          eventName: options.event,
          horizon,
        });
        const seconds = (performance.now() - started) / 1000;
        if (!estimates) {
          throw new Error(
            `no account has ${options.event ? `a ${options.event} event` : 'any activity'} on or before ${options.asOf}: nothing to fit`,
          );
        }
        const { accounts, ...summary } = estimates;
        const meanExpected = accounts.reduce((sum, account) => sum + account.expectedTransactions, 0) / accounts.length;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ...summary, meanExpectedTransactions: meanExpected, seconds })}\n`);
          return;
        }
        const { r, alpha, a, b } = summary.parameters;
        const unit = options.unit;
        process.stdout.write(
          `${[
            `BG/NBD fitted to ${summary.customers} customers' active days${options.event ? ` with ${options.event}` : ''} up to ${options.asOf}, in ${unit}s, in ${seconds.toFixed(1)} s${summary.converged ? '' : ' (the optimiser did not converge: treat with care)'}`,
            `  purchase rate  λ ~ Gamma(r = ${r.toFixed(4)}, α = ${alpha.toFixed(4)})   mean ${(r / alpha).toFixed(4)} per ${unit}`,
            `  dropout        p ~ Beta(a = ${a.toFixed(4)}, b = ${b.toFixed(4)})   mean ${(a / (a + b)).toFixed(4)} per transaction`,
            `  log-likelihood ${summary.logLikelihood.toFixed(2)}`,
            `  mean P(alive)  ${summary.meanProbabilityAlive.toFixed(4)}`,
            `  mean expected transactions in the next ${horizon} ${unit}s: ${meanExpected.toFixed(3)}`,
          ].join('\n')}\n`,
        );
      } finally {
        await database.close();
      }
    }),
  );
}
