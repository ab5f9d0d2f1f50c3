import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import {
  type BgNbdParameters,
  type CustomerHistory,
  expectedTransactions,
  fitBgNbd,
  groupHistories,
  probabilityAlive,
} from '../stats/bg-nbd.js';

/** The time unit of t_x, T, the horizon and the parameter α (a rate per unit). */
export type AliveUnit = 'day' | 'week';

const DAYS_PER_UNIT: Record<AliveUnit, number> = { day: 1, week: 7 };

export interface AliveSummaryOptions {
  unit: AliveUnit;
  /** Count only days with this event (e.g. the purchase); default: any event. */
  eventName?: string;
}

/** An account's activity up to the as-of date as BG/NBD sees it (see CustomerHistory), in the chosen unit. */
export interface AccountHistory extends CustomerHistory {
  accountId: string;
  /** The first day with activity, YYYY-MM-DD. */
  firstDay: string;
}

/**
 * Every account's (x, t_x, T) as of the end of a day, from usage_daily, in one set-based query: a day with activity
 * is one transaction (several purchases on a day count once), x is the number of active days after the first, t_x
 * the time from the first to the last, T from the first to the as-of day. Accounts with no activity on or before
 * the as-of day are left out.
 *
 * T is (as-of − first day), not (as-of + 1 − first day): with it, the CDNOW sample summarised to 1997-09-30 has
 * T = 38.86 weeks for a first purchase on 1997-01-01 (as lifetimes has it) and gives Fader, Hardie & Lee's estimates
 * and log-likelihood −9582.4; the other gives T = 39, a = 0.814 and b = 2.477 (3% and 2% off) and −9589.9.
 */
export async function aliveSummary(
  db: Executor,
  asOf: string,
  { unit, eventName }: AliveSummaryOptions,
): Promise<AccountHistory[]> {
  const { rows } = await sql<{ account_id: string; first_day: string; x: number; tx_days: number; age_days: number }>`
    select account_id, to_char(min(day), 'YYYY-MM-DD') as first_day, count(distinct day)::int - 1 as x,
      max(day) - min(day) as tx_days, ${asOf}::date - min(day) as age_days
    from usage_daily
    where day <= ${asOf}::date${eventName === undefined ? sql`` : sql` and event_name = ${eventName}`}
    group by account_id
    order by account_id`.execute(db);
  const perUnit = DAYS_PER_UNIT[unit];
  return rows.map((row) => ({
    accountId: row.account_id,
    firstDay: row.first_day,
    x: row.x,
    tx: row.tx_days / perUnit,
    T: row.age_days / perUnit,
  }));
}

export interface AliveEstimatesOptions extends AliveSummaryOptions {
  /** How far ahead expected transactions are counted, in units. */
  horizon: number;
}

export interface AccountAliveEstimate extends AccountHistory {
  /** P(alive | x, t_x, T): the chance the account has not silently left (1 until it has come back once). */
  probabilityAlive: number;
  /** E[Y(horizon) | x, t_x, T]: active days (transactions) expected in the next `horizon` units. */
  expectedTransactions: number;
}

export interface AliveEstimates {
  asOf: string;
  unit: AliveUnit;
  eventName: string | null;
  horizon: number;
  parameters: BgNbdParameters;
  logLikelihood: number;
  /** Accounts with activity on or before the as-of day: those fitted and estimated. */
  customers: number;
  converged: boolean;
  meanProbabilityAlive: number;
  accounts: AccountAliveEstimate[];
}

/**
 * "Is this account still a customer?" for accounts without contracts (B2C, usage-based): fits the BG/NBD model
 * (Fader, Hardie & Lee 2005) to every account's activity up to the as-of day and answers, per account, P(alive)
 * and the transactions expected in the next `horizon` units — a health measure and a churn feature.
 * Null when no account has activity on or before the day; throws when none has been active on a second day (the
 * model then has nothing to learn dropout from).
 */
export async function aliveEstimates(
  db: Executor,
  asOf: string,
  options: AliveEstimatesOptions,
): Promise<AliveEstimates | null> {
  if (!(options.horizon >= 0 && Number.isFinite(options.horizon))) {
    throw new RangeError(`the horizon must be a number of ${options.unit}s, 0 or more`);
  }
  const histories = await aliveSummary(db, asOf, options);
  if (histories.length === 0) return null;
  if (!histories.some((history) => history.x > 0)) {
    throw new Error(
      `no account was active on a second day on or before ${asOf}: the model learns from customers coming back, and none has yet`,
    );
  }
  const fit = fitBgNbd(groupHistories(histories));
  const accounts = histories.map((history) => ({
    ...history,
    probabilityAlive: probabilityAlive(fit.parameters, history),
    expectedTransactions: expectedTransactions(fit.parameters, history, options.horizon),
  }));
  return {
    asOf,
    unit: options.unit,
    eventName: options.eventName ?? null,
    horizon: options.horizon,
    parameters: fit.parameters,
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    converged: fit.converged,
    meanProbabilityAlive: accounts.reduce((sum, account) => sum + account.probabilityAlive, 0) / accounts.length,
    accounts,
  };
}
