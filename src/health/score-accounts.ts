import { sql } from 'kysely';
import type { Executor } from '../server/route.js';
import { computeMeasures } from './compute-measures.js';
import type { ScorecardDefinition } from './default-scorecards.js';
import {
  explainChange,
  type HealthResult,
  type MeasureChange,
  type MeasureValues,
  type Override,
  scoreHealth,
} from './score-account.js';
import { currentScorecards, scorecardFor } from './scorecard-store.js';

export interface Snapshot extends HealthResult {
  accountId: string;
  asOf: string;
  scorecard: string;
  scorecardVersion: number;
  values: MeasureValues;
  overrides: Override[];
}

const endOfDay = (day: string) => `${day}T23:59:59.999Z`;

/** Values as stored: missing ones left out (they read back as missing), the rest to six significant digits. */
function compactValues(values: MeasureValues): MeasureValues {
  const out: MeasureValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'number' && Number.isFinite(value)) out[key] = Number(value.toPrecision(6));
  }
  return out;
}

/**
 * Scores accounts as of a day and stores the snapshot (one per account per day; a rescore of the same day
 * replaces it). Measures come from data known by the end of that day, so --as-of rebuilds history.
 */
export async function scoreAccounts(db: Executor, asOf: string, accountIds?: string[]): Promise<Snapshot[]> {
  const scorecards = await currentScorecards(db);
  const measures = await computeMeasures(db, asOf, accountIds);
  const { rows: overrideRows } = await sql<{
    account_id: string;
    measure: string | null;
    score: number | null;
    color: 'red' | 'yellow' | 'green' | null;
    reason: string;
    expires_at: Date | null;
    created_by: string;
  }>`select account_id, measure, score, color, reason, expires_at, created_by from health_overrides
     where account_id = any(${[...measures.keys()]}::uuid[]) and created_at < (${asOf}::date + 1)::timestamptz`.execute(
    db,
  );
  const overrides = new Map<string, Override[]>();
  for (const row of overrideRows) {
    const list = overrides.get(row.account_id) ?? [];
    list.push({
      measure: row.measure,
      ...(row.score !== null ? { score: row.score } : {}),
      ...(row.color !== null ? { color: row.color } : {}),
      reason: row.reason,
      expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
      by: row.created_by,
    });
    overrides.set(row.account_id, list);
  }
  const snapshots: Snapshot[] = [];
  for (const [accountId, { lifecycleStage, values }] of measures) {
    const scorecard = scorecardFor(scorecards, lifecycleStage);
    if (!scorecard) continue;
    const accountOverrides = overrides.get(accountId) ?? [];
    const result = scoreHealth({
      root: scorecard.definition.root,
      thresholds: scorecard.definition.thresholds,
      values,
      overrides: accountOverrides,
      asOf: endOfDay(asOf),
    });
    snapshots.push({
      ...result,
      accountId,
      asOf,
      scorecard: scorecard.name,
      scorecardVersion: scorecard.version,
      values,
      overrides: accountOverrides,
    });
  }
  for (let start = 0; start < snapshots.length; start += 5000) {
    const chunk = snapshots.slice(start, start + 5000);
    await sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
      select account_id, ${asOf}::date, scorecard, version, score, color, computed_color, inputs
      from jsonb_to_recordset(${JSON.stringify(
        chunk.map((s) => ({
          account_id: s.accountId,
          scorecard: s.scorecard,
          version: s.scorecardVersion,
          score: s.score,
          color: s.color,
          computed_color: s.computedColor,
          inputs: { values: compactValues(s.values), overrides: s.overrides },
        })),
      )}::jsonb) as x(account_id uuid, scorecard text, version int, score real, color text, computed_color text, inputs jsonb)
      on conflict (account_id, as_of) do update set scorecard = excluded.scorecard, scorecard_version = excluded.scorecard_version,
        score = excluded.score, color = excluded.color, computed_color = excluded.computed_color, inputs = excluded.inputs,
        computed_at = now()`.execute(db);
  }
  return snapshots;
}

interface SnapshotRow {
  as_of: string;
  scorecard: string;
  scorecard_version: number;
  score: number | null;
  color: string | null;
  computed_color: string | null;
  inputs: { values: MeasureValues; overrides: Override[] };
}

export interface HealthExplanation {
  accountId: string;
  asOf: string;
  scorecard: string;
  scorecardVersion: number;
  score: number | null;
  color: string | null;
  computedColor: string | null;
  override: Override | null;
  measures: HealthResult['measures'];
  comparedWith: { asOf: string; score: number | null; color: string | null } | null;
  trend: 'up' | 'down' | 'flat' | null;
  changes: MeasureChange[];
}

/** A stored snapshot's full result, recomputed from its inputs with the scorecard version it was made with. */
async function replay(db: Executor, row: SnapshotRow): Promise<HealthResult> {
  const { rows } = await sql<{ definition: ScorecardDefinition }>`select definition from scorecards
    where name = ${row.scorecard} and version = ${row.scorecard_version}`.execute(db);
  const definition = rows[0]?.definition;
  if (!definition) return { score: row.score, color: null, computedColor: null, measures: [] };
  return scoreHealth({
    root: definition.root,
    thresholds: definition.thresholds,
    values: row.inputs.values,
    overrides: row.inputs.overrides,
    asOf: endOfDay(row.as_of),
  });
}

/** An account's stored score on a day (or the latest), and what moved it since an earlier snapshot. */
export async function explainHealth(
  db: Executor,
  accountId: string,
  options: { asOf?: string; since?: string } = {},
): Promise<HealthExplanation | undefined> {
  const columns = sql`as_of::text, scorecard, scorecard_version, score, color, computed_color, inputs`;
  const { rows } = await sql<SnapshotRow>`select ${columns}
    from health_scores where account_id = ${accountId} ${options.asOf ? sql`and as_of <= ${options.asOf}::date` : sql``}
    order by as_of desc limit 1`.execute(db);
  const now = rows[0];
  if (!now) return undefined;
  const since =
    options.since ?? new Date(Date.parse(`${now.as_of}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const { rows: before } = await sql<SnapshotRow>`select ${columns}
    from health_scores where account_id = ${accountId} and as_of <= ${since}::date order by as_of desc limit 1`.execute(
    db,
  );
  const then = before[0];
  const nowResult = await replay(db, now);
  const thenResult = then ? await replay(db, then) : undefined;
  const delta = then && now.score !== null && then.score !== null ? now.score - then.score : null;
  return {
    accountId,
    asOf: now.as_of,
    scorecard: now.scorecard,
    scorecardVersion: now.scorecard_version,
    score: now.score,
    color: now.color,
    computedColor: now.computed_color,
    override: nowResult.override ?? null,
    measures: nowResult.measures,
    comparedWith: then ? { asOf: then.as_of, score: then.score, color: then.color } : null,
    trend: delta === null ? null : delta > 2 ? 'up' : delta < -2 ? 'down' : 'flat',
    changes: thenResult ? explainChange(thenResult, nowResult) : [],
  };
}
