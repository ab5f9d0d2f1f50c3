import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { type DataOption, openMigratedDatabase, withDataOption } from '../cli/database-options.js';
import { today } from '../shared/calendar.js';
import { parseChurnDefinition } from './churn-outcomes.js';
import { predictChurnRisk, readChurnSettings, trainChurn } from './churn-service.js';
import { backtestChurn, evaluateChurn, formatReport } from './evaluate-churn.js';

type Action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
    throw new Error(`${name} must be a date written YYYY-MM-DD`);
  }
  return value;
}

function wholeNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

interface CommonOptions extends DataOption {
  horizon?: string;
  definition?: string;
  json?: boolean;
}

const csvField = (v: string | number | null) => {
  const text = v === null ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** `pacer churn evaluate|backtest|train|predict`. */
export function registerChurnCommand(program: Command, action: Action): void {
  const churn = program.command('churn').description('churn risk: evaluate honestly, train, predict with reasons');
  const common = (command: Command) =>
    withDataOption(command)
      .option('--horizon <days>', 'predict churn within this many days (default: the workspace setting, 90)')
      .option('--definition <what>', 'what churn means: auto, contract, inactivity or event:NAME (default: auto)');

  common(
    churn
      .command('evaluate')
      .description(
        'cross-validate by account at one as-of date; the model beside the health score and a recency baseline',
      )
      .requiredOption('--as-of <date>', 'the day to evaluate at (its horizon must have passed)')
      .option('--folds <k>', 'folds by account', '5')
      .option('--seeds <n>', 'repeat with this many fold draws to show how far the figures move by chance', '5')
      .option('--json', 'print the report as one JSON object'),
  ).action(
    action(async (options: CommonOptions & { asOf: string; folds: string; seeds: string }) => {
      const asOf = date(options.asOf, '--as-of') as string;
      const folds = wholeNumber(options.folds, '--folds', 2, 20) as number;
      const seeds = wholeNumber(options.seeds, '--seeds', 1, 20) as number;
      const horizon = wholeNumber(options.horizon, '--horizon', 7, 730);
      const database = await openMigratedDatabase(options);
      try {
        const settings = await readChurnSettings(database.db);
        const definition = await parseChurnDefinition(database.db, options.definition ?? settings.definition);
        const report = await evaluateChurn(database.db, {
          asOf,
          horizonDays: horizon ?? settings.horizonDays,
          folds,
          seeds,
          definition,
        });
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
      } finally {
        await database.close();
      }
    }),
  );

  common(
    churn
      .command('backtest')
      .description(
        "rolling time splits over the data's own calendar: train on earlier month-ends, test on later ones, up to the last day with data",
      )
      .option('--months <n>', 'month-ends to replay', '18')
      .option('--until <date>', 'judge with outcomes known up to this day (default: the last day with data)')
      .option('--seeds <n>', 'repeat with this many seeds to show how far the figures move by chance', '5')
      .option('--json', 'print the report as one JSON object'),
  ).action(
    action(async (options: CommonOptions & { months: string; until?: string; seeds: string }) => {
      const months = wholeNumber(options.months, '--months', 4, 60) as number;
      const seeds = wholeNumber(options.seeds, '--seeds', 1, 20) as number;
      const until = date(options.until, '--until');
      if (until !== undefined && until > today())
        throw new Error(`--until ${until} is after today: outcomes after today are not known`);
      const horizon = wholeNumber(options.horizon, '--horizon', 7, 730);
      const database = await openMigratedDatabase(options);
      try {
        const settings = await readChurnSettings(database.db);
        const definition = await parseChurnDefinition(database.db, options.definition ?? settings.definition);
        const report = await backtestChurn(database.db, {
          horizonDays: horizon ?? settings.horizonDays,
          definition,
          months,
          seeds,
          ...(until ? { until } : {}),
        });
        process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatReport(report));
      } finally {
        await database.close();
      }
    }),
  );

  common(
    churn
      .command('train')
      .description('train a churn model on the month-ends whose outcome is known, and keep it')
      .option('--months <n>', 'month-ends to learn from', '12')
      .option('--json', 'print the model summary as JSON'),
  ).action(
    action(async (options: CommonOptions & { months: string }) => {
      const months = wholeNumber(options.months, '--months', 1, 60) as number;
      const horizonDays = wholeNumber(options.horizon, '--horizon', 7, 730);
      const database = await openMigratedDatabase(options);
      try {
        const started = performance.now();
        const summary = await trainChurn(database.db, {
          months,
          ...(horizonDays ? { horizonDays } : {}),
          ...(options.definition ? { definition: options.definition } : {}),
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          return;
        }
        const auc = (v: number | null) => (v === null ? '—' : v.toFixed(3));
        const heldOut = summary.validation.heldOut;
        process.stdout.write(
          `${[
            `Trained churn model ${summary.id} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
            `Churn means: ${summary.churnMeans}`,
            `Learned from ${summary.training.rows} account-months (${summary.training.positives} churned) on ${summary.asOfDates.length} month-ends, ${summary.asOfDates[0]} … ${summary.asOfDates.at(-1)}; ${summary.features} encoded features`,
            `Model choice on the training accounts (${summary.validation.rows} rows${(summary.validation.folds ?? 1) > 1 ? `, each account held out once in ${summary.validation.folds} folds` : ''}): logistic regression AUC ${auc(summary.validation.logistic.auc)}, gradient boosting AUC ${auc(summary.validation.boosting.auc)} → ${summary.estimator === 'logistic' ? 'logistic regression' : 'gradient boosting'} (the winner's figure flatters it: it won on those rows)`,
            heldOut
              ? `On ${heldOut.n} account-months kept out of fitting, choice and calibration (${heldOut.positives} churned): ROC-AUC ${auc(heldOut.rocAuc)}, PR-AUC ${auc(heldOut.prAuc)}, Brier score ${heldOut.brier === null ? '—' : heldOut.brier.toFixed(4)}${summary.validation.heldOutOf === 'procedure' ? ' (of a model trained the same way on the other accounts; this one learned from all)' : ''}`
              : 'Not measured on held-out accounts: too few would be left to learn from (pacer churn evaluate or backtest)',
            'Next: pacer churn predict',
          ].join('\n')}\n`,
        );
      } finally {
        await database.close();
      }
    }),
  );

  withDataOption(
    churn
      .command('predict')
      .description('score every account with the latest model, store each risk and its reasons, and list the riskiest')
      .option('--as-of <date>', 'predict from the end of this day (default today)')
      .option('--out <file.csv>', 'write every account, its risk and reasons to a CSV file')
      .option('--top <n>', 'accounts to list', '20'),
  ).action(
    action(async (options: DataOption & { asOf?: string; out?: string; top: string }) => {
      const asOf = date(options.asOf, '--as-of');
      const top = wholeNumber(options.top, '--top', 0, 1_000_000) as number;
      const database = await openMigratedDatabase(options);
      try {
        const { model, risks } = await predictChurnRisk(database.db, asOf ? { asOf } : {});
        const ids = risks.map((r) => r.accountId);
        const { rows } = await sql<{ id: string; name: string; external_id: string | null }>`
          select id, name, external_id from accounts where id = any(${ids}::uuid[])`.execute(database.db);
        const names = new Map(rows.map((r) => [r.id, r]));
        const sorted = [...risks].sort((a, b) => b.probability - a.probability);
        if (options.out) {
          const lines = [
            'account_id,external_id,name,churn_probability,raising_risk,lowering_risk',
            ...sorted.map((r) =>
              [
                r.accountId,
                names.get(r.accountId)?.external_id ?? null,
                names.get(r.accountId)?.name ?? null,
                r.probability.toFixed(4),
                r.reasons.raising.map((x) => x.text).join('; '),
                r.reasons.lowering.map((x) => x.text).join('; '),
              ]
                .map(csvField)
                .join(','),
            ),
          ];
          await writeFile(options.out, `${lines.join('\n')}\n`);
        }
        const out = [
          `Scored ${risks.length} accounts (${model.churnMeans}) with model ${model.id}${options.out ? `; wrote ${options.out}` : ''}`,
        ];
        for (const r of sorted.slice(0, top)) {
          out.push(
            `${`${(r.probability * 100).toFixed(1)}%`.padStart(7)}  ${names.get(r.accountId)?.name ?? r.accountId}: ${r.reasons.raising.map((x) => x.text).join('; ') || '—'}`,
          );
        }
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await database.close();
      }
    }),
  );
}
