import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';

// An account's stored health snapshots over a range of days (one per scored day): the score, its colour, and the
// usage measures the account page charts beside it, as they were on each day (the snapshot keeps its inputs).

const CHARTED = {
  activeUsers30d: 'usage.active_users_30d',
  licenceUtilisation: 'usage.licence_utilisation',
  keyFeaturesUsed: 'usage.breadth',
  probabilityAlive: 'usage.probability_alive',
} as const;

interface HistoryRow {
  day: string;
  score: number | null;
  color: 'red' | 'yellow' | 'green' | null;
  computed_color: 'red' | 'yellow' | 'green' | null;
  values: Record<string, unknown> | null;
}

export interface HealthDay {
  day: string;
  score: number | null;
  colour: 'red' | 'yellow' | 'green' | null;
  /** The colour was set by hand that day (it differs from the computed one). */
  overridden: boolean;
  /** The measures as scored that day; null where the value was missing. */
  measures: Record<keyof typeof CHARTED, number | null>;
}

export async function readHealthHistory(
  db: Executor,
  accountId: string,
  from: string,
  to: string,
): Promise<HealthDay[]> {
  const { rows } = await sql<HistoryRow>`select as_of::text as day, score, color, computed_color,
      inputs->'values' as values
    from health_scores where account_id = ${accountId} and as_of between ${from}::date and ${to}::date
    order by as_of`.execute(db);
  return rows.map((row) => {
    const value = (measure: string) => {
      const v = row.values?.[measure];
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    };
    return {
      day: row.day,
      score: row.score,
      colour: row.color,
      overridden: row.color !== row.computed_color,
      measures: {
        activeUsers30d: value(CHARTED.activeUsers30d),
        licenceUtilisation: value(CHARTED.licenceUtilisation),
        keyFeaturesUsed: value(CHARTED.keyFeaturesUsed),
        probabilityAlive: value(CHARTED.probabilityAlive),
      },
    };
  });
}
