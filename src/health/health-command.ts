import type { Command } from 'commander';
import { sql } from 'kysely';
import { type DataOption, openMigratedDatabase, withDataOption } from '../cli/database-options.js';
import { addDays, today } from '../shared/calendar.js';
import { accountStakeholders } from './account-stakeholders.js';
import { acceptSuggestedWeights, backtestHealth, judgeSuggestion } from './backtest-health.js';
import { describeChange, formatMeasureValue } from './describe-change.js';
import { explainHealth, scoreAccounts } from './health-snapshots.js';

type Action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && !DATE.test(value)) throw new Error(`${name} must be a date written YYYY-MM-DD`);
  return value;
}

/** `pacer health score` and `pacer health explain`. */
export function registerHealthCommand(program: Command, action: Action): void {
  const health = program
    .command('health')
    .description('health scores: compute them, and say why they are what they are');

  withDataOption(
    health
      .command('score')
      .description('score every account and store the snapshot; --from rebuilds history day by day (or --every N days)')
      .option('--as-of <date>', 'score as of the end of this day (default today)')
      .option('--from <date>', 'rebuild history: score every --every days from this day to --as-of')
      .option('--every <days>', 'with --from: days between snapshots', '7'),
  ).action(
    action(async (options: DataOption & { asOf?: string; from?: string; every: string }) => {
      const last = date(options.asOf, '--as-of') ?? today();
      const first = date(options.from, '--from') ?? last;
      const every = Number(options.every);
      if (!Number.isInteger(every) || every < 1) throw new Error('--every must be a whole number of days');
      const database = await openMigratedDatabase(options);
      try {
        for (
          let day = first;
          day <= last;
          day = day === last ? addDays(last, 1) : ([addDays(day, every), last].sort()[0] as string)
        ) {
          const started = performance.now();
          const snapshots = await database.db.transaction().execute((trx) => scoreAccounts(trx, day));
          const byColor = { green: 0, yellow: 0, red: 0, none: 0 };
          for (const s of snapshots) byColor[s.color ?? 'none']++;
          process.stdout.write(
            `${day}: scored ${snapshots.length} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s — ${byColor.green} green, ${byColor.yellow} yellow, ${byColor.red} red${byColor.none ? `, ${byColor.none} without data` : ''}\n`,
          );
        }
      } finally {
        await database.close();
      }
    }),
  );

  withDataOption(
    health
      .command('explain')
      .description("why an account's health is what it is, and what moved it")
      .argument('<account>', 'account id or external id')
      .option('--as-of <date>', 'the day to explain (default the latest scored)')
      .option('--since <date>', 'compare with the score on or before this day (default 30 days earlier)')
      .option('--json', 'print one JSON object'),
  ).action(
    action(async (account: string, options: DataOption & { asOf?: string; since?: string; json?: boolean }) => {
      const database = await openMigratedDatabase(options);
      try {
        const { rows } = await sql<{ id: string; name: string }>`select id, name from accounts
          where external_id = ${account} or id::text = ${account} limit 1`.execute(database.db);
        const found = rows[0];
        if (!found) throw new Error(`no account has the id or external id ${account}`);
        const explanation = await explainHealth(database.db, found.id, {
          asOf: date(options.asOf, '--as-of'),
          since: date(options.since, '--since'),
        });
        if (!explanation) throw new Error(`${found.name} has no health score yet; run pacer health score`);
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ ...explanation, sentences: explanation.changes.map(describeChange) })}\n`,
          );
          return;
        }
        const out: string[] = [];
        out.push(
          `${found.name}: ${explanation.score ?? '—'} (${explanation.color ?? 'no data'}) on ${explanation.asOf}, scorecard "${explanation.scorecard}" v${explanation.scorecardVersion}`,
        );
        if (explanation.override) {
          out.push(
            `  Overridden to ${explanation.override.color} by ${explanation.override.by}: ${explanation.override.reason}`,
          );
        }
        if (explanation.comparedWith) {
          out.push(
            `  Since ${explanation.comparedWith.asOf} (${explanation.comparedWith.score ?? '—'}, ${explanation.comparedWith.color ?? 'no data'}): trend ${explanation.trend}`,
          );
          for (const change of explanation.changes.slice(0, 8)) out.push(`    ${describeChange(change)}`);
        }
        out.push('  Measures (points towards the score):');
        for (const measure of [...explanation.measures].sort((a, b) => b.effectiveWeight - a.effectiveWeight)) {
          out.push(
            `    ${measure.label.padEnd(42)} ${formatMeasureValue(measure.measure, measure.value).padStart(10)}  ${measure.missing ? 'missing, left out' : `${measure.color ?? ''} ${measure.points.toFixed(1)} pts`}${measure.override ? ` (overridden: ${measure.override.reason})` : ''}`,
          );
        }
        const people = await accountStakeholders(database.db, found.id, explanation.asOf);
        out.push('  People:');
        for (const signal of people.signals) out.push(`    ! ${signal}`);
        for (const p of people.stakeholders.slice(0, 10)) {
          out.push(
            `    ${(p.name ?? p.email ?? p.externalId ?? '?').padEnd(28)} ${(p.role ?? '').padEnd(18)} ${p.score === null ? 'left' : `${p.score} ${p.color}`} — ${p.reasons.join('; ')}`,
          );
        }
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await database.close();
      }
    }),
  );

  withDataOption(
    health
      .command('backtest')
      .description('replay history: would the scorecard have warned before accounts churned?')
      .option('--horizon <days>', 'churn within this many days after each month-end', '90')
      .option(
        '--until <date>',
        'replay the month-ends whose horizon ends by this day (default: the last day with data, at most today)',
      )
      .option('--json', 'print one JSON object')
      .option(
        '--accept',
        'save the suggested weights as a new scorecard version, if they beat the current ones on the later month-ends',
      ),
  ).action(
    action(async (options: DataOption & { horizon: string; until?: string; json?: boolean; accept?: boolean }) => {
      const horizonDays = Number(options.horizon);
      if (!Number.isInteger(horizonDays) || horizonDays < 1)
        throw new Error('--horizon must be a whole number of days');
      const until = date(options.until, '--until');
      if (until !== undefined && until > today()) throw new Error(`--until ${until} is after today`);
      const database = await openMigratedDatabase(options);
      try {
        const report = await backtestHealth(database.db, { horizonDays, until });
        const accepted = options.accept ? await acceptSuggestedWeights(database.db, report, 'cli') : null;
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ ...report, acceptedVersion: accepted?.version ?? null, acceptance: accepted?.reason ?? null })}\n`,
          );
          return;
        }
        const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
        const num = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));
        const out = [
          `Backtest of "${report.scorecard}" v${report.scorecardVersion}: ${report.asOfDates.length} month-ends (${report.asOfDates[0] ?? '—'} … ${report.asOfDates.at(-1) ?? '—'}), horizon ${horizonDays} days`,
          `  span: outcomes known up to ${report.until} (${report.untilFrom === 'data' ? 'the last day with data' : 'as asked with --until'})`,
          `  account-months: ${report.n}, churned within the horizon: ${report.churned} (${pct(report.n ? report.churned / report.n : null)}), contracted: ${report.contracted}`,
          `  ROC AUC (low score → churn): ${num(report.auc)}    lift in the worst decile: ${num(report.liftTopDecile, 2)}`,
          '  churn rate by colour:',
          ...(['green', 'yellow', 'red'] as const).map(
            (c) =>
              `    ${c.padEnd(6)} ${String(report.byColor[c].accounts).padStart(6)} account-months, ${pct(report.byColor[c].churnRate)} churned`,
          ),
          `  watermelons (green 30 days before their contract ended): ${report.watermelons.greenThirtyDaysBefore} of ${report.watermelons.churners} churners (${pct(report.watermelons.share)})`,
        ];
        if (report.suggestion) {
          const s = report.suggestion;
          out.push(
            `  suggested group weights (fitted on ${s.fittedOn.length} earlier month-ends, judged on ${s.judgedOn.length} later ones):`,
            ...s.groups.map((g) => `    ${g.name.padEnd(28)} ${String(g.weight).padStart(5)} → ${g.suggestedWeight}`),
            `    on the later month-ends: AUC ${num(s.current.auc)} now → ${num(s.suggested.auc)} suggested; lift ${num(s.current.liftTopDecile, 2)} → ${num(s.suggested.liftTopDecile, 2)}`,
            accepted === null
              ? `    ${judgeSuggestion(report).better ? 'they do better on the later month-ends: accept them with --accept (saved as a new scorecard version)' : `not worth saving: ${judgeSuggestion(report).reason}`}`
              : accepted.version !== null
                ? `    saved as version ${accepted.version}: ${accepted.reason}`
                : `    not saved: ${accepted.reason}`,
          );
        }
        if (!report.suggestion && accepted) out.push(`  not saved: ${accepted.reason}`);
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await database.close();
      }
    }),
  );
}
