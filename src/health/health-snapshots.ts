import { sql, type Transaction } from 'kysely';
import type { Executor } from '../db/executor.js';
import type { Schema } from '../db/schema.js';
import { computeMeasures, computeMeasuresInSlices } from './compute-measures.js';
import type { ScorecardDefinition } from './default-scorecards.js';
import { type MeasureGroup, measureGroups } from './measure-groups.js';
import {
  explainChange,
  type HealthInput,
  type HealthResult,
  type MeasureChange,
  type MeasureResult,
  type MeasureValues,
  type Override,
  scoreHealth,
} from './scorecard-math.js';
import { currentScorecards, type StoredScorecard, scorecardFor } from './scorecard-store.js';

export interface Snapshot extends HealthResult, SnapshotAbout {}

interface SnapshotAbout {
  accountId: string;
  asOf: string;
  scorecard: string;
  scorecardVersion: number;
  values: MeasureValues;
  overrides: Override[];
}

const endOfDay = (day: string) => `${day}T23:59:59.999Z`;

/** Snapshots per write statement: large enough that statements are few, small enough to stay in work_mem. */
const WRITE_CHUNK = 2000;

/** Values as stored: missing ones left out (they read back as missing), the rest to six significant digits. */
function compactValues(values: MeasureValues): MeasureValues {
  const out: MeasureValues = {};
  for (const key in values) {
    const value = values[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    // A whole number of up to six digits already is one; toPrecision would give it back unchanged, slowly.
    out[key] = Number.isInteger(value) && value > -1e6 && value < 1e6 ? value : Number(value.toPrecision(6));
  }
  return out;
}

/**
 * A snapshot whose per-measure results are worked out again when first read (scoring is pure, so they are the
 * same). A full rescore returns every account's snapshot, and keeping all their measure results alive was most of
 * its time in JavaScript, spent collecting garbage.
 */
function snapshotOf(input: HealthInput, result: HealthResult, about: SnapshotAbout): Snapshot {
  return {
    score: result.score,
    color: result.color,
    computedColor: result.computedColor,
    get measures(): MeasureResult[] {
      const measures = scoreHealth(input).measures;
      Object.defineProperty(this, 'measures', {
        value: measures,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return measures;
    },
    set measures(value: MeasureResult[]) {
      Object.defineProperty(this, 'measures', { value, enumerable: true, writable: true, configurable: true });
    },
    ...(result.override ? { override: result.override } : {}),
    ...about,
  };
}

/**
 * Stores snapshots of a day, replacing that day's earlier ones. A snapshot identical to the stored one is left as
 * it is: a rescore of a day already scored then writes (and locks) only what changed.
 */
function writeSnapshots(db: Executor, asOf: string, snapshots: Snapshot[]): Promise<unknown> {
  const rows = snapshots.map((s) => ({
    account_id: s.accountId,
    scorecard: s.scorecard,
    version: s.scorecardVersion,
    score: s.score,
    color: s.color,
    computed_color: s.computedColor,
    inputs: { values: compactValues(s.values), overrides: s.overrides },
  }));
  return sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
    select x.account_id, ${asOf}::date, x.scorecard, x.version, x.score, x.color, x.computed_color, x.inputs
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(account_id uuid, scorecard text, version int, score real, color text, computed_color text, inputs jsonb)
    where not exists (select from health_scores h where h.account_id = x.account_id and h.as_of = ${asOf}::date
      and (h.scorecard, h.scorecard_version, h.score, h.color, h.computed_color, h.inputs)
        is not distinct from (x.scorecard, x.version, x.score, x.color, x.computed_color, x.inputs))
    on conflict (account_id, as_of) do update set scorecard = excluded.scorecard, scorecard_version = excluded.scorecard_version,
      score = excluded.score, color = excluded.color, computed_color = excluded.computed_color, inputs = excluded.inputs,
      computed_at = now()`.execute(db);
}

/**
 * The overrides live at the end of a day: made by then and not removed by then (expiry is checked when scoring). A
 * replay of a day before an override was removed still applies it. Oldest first: the latest made wins.
 */
async function readOverrides(db: Executor, asOf: string, accountIds?: string[]): Promise<Map<string, Override[]>> {
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const { rows } = await sql<{
    account_id: string;
    measure: string | null;
    score: number | null;
    color: 'red' | 'yellow' | 'green' | null;
    reason: string;
    expires_at: Date | null;
    created_by: string;
    created_at: Date;
  }>`select account_id, measure, score, color, reason, expires_at, created_by, created_at from health_overrides
     where created_at < ${end} and (ended_at is null or ended_at >= ${end})
     ${accountIds ? sql`and account_id = any(${accountIds}::uuid[])` : sql``}
     order by created_at, id`.execute(db);
  const overrides = new Map<string, Override[]>();
  for (const row of rows) {
    const list = overrides.get(row.account_id) ?? [];
    list.push({
      measure: row.measure,
      ...(row.score !== null ? { score: row.score } : {}),
      ...(row.color !== null ? { color: row.color } : {}),
      reason: row.reason,
      expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
      by: row.created_by,
      createdAt: row.created_at.toISOString(),
    });
    overrides.set(row.account_id, list);
  }
  return overrides;
}

/** Write statements in flight at most; more would only hold memory, the database being the slower side then. */
const WRITES_IN_FLIGHT = 8;

/**
 * Scores accounts as of a day and stores the snapshot (one per account per day; a rescore of the same day
 * replaces it). Measures come from data known by the end of that day, so --as-of rebuilds history. Runs in one
 * transaction (its own when not given one).
 */
export async function scoreAccounts(db: Executor, asOf: string, accountIds?: string[]): Promise<Snapshot[]> {
  if (!db.isTransaction) return db.transaction().execute((trx) => scoreAccounts(trx, asOf, accountIds));
  const trx = db as Transaction<Schema>;
  const scorecards = await currentScorecards(trx);
  const overrides = await readOverrides(trx, asOf, accountIds);
  const scorecardByStage = new Map<string | null, StoredScorecard | undefined>();
  const until = endOfDay(asOf);
  const snapshots: Snapshot[] = [];
  // The statements queue on the transaction's connection: the next slice's measures, then these writes. Scoring goes
  // on meanwhile, and the first failure is the one reported (later statements fail only because the first did).
  const writing: Promise<unknown>[] = [];
  let failure: unknown;
  let written = 0;
  const write = async () => {
    if (writing.length >= WRITES_IN_FLIGHT) await writing.shift();
    const statement = writeSnapshots(trx, asOf, snapshots.slice(written));
    statement.catch((error) => {
      failure ??= error;
    });
    writing.push(statement);
    written = snapshots.length;
    // Back to the event loop, so the connection sends what is queued while the next chunk is scored.
    await new Promise((resolve) => setImmediate(resolve));
  };
  try {
    const slices = accountIds ? [computeMeasures(trx, asOf, accountIds)] : computeMeasuresInSlices(trx, asOf);
    for await (const measures of slices) {
      for (const [accountId, { lifecycleStage, values }] of measures) {
        if (!scorecardByStage.has(lifecycleStage))
          scorecardByStage.set(lifecycleStage, scorecardFor(scorecards, lifecycleStage));
        const scorecard = scorecardByStage.get(lifecycleStage);
        if (!scorecard) continue;
        const accountOverrides = overrides.get(accountId) ?? [];
        const input: HealthInput = {
          root: scorecard.definition.root,
          thresholds: scorecard.definition.thresholds,
          values,
          overrides: accountOverrides,
          asOf: until,
        };
        snapshots.push(
          snapshotOf(input, scoreHealth(input), {
            accountId,
            asOf,
            scorecard: scorecard.name,
            scorecardVersion: scorecard.version,
            values,
            overrides: accountOverrides,
          }),
        );
        if (snapshots.length - written === WRITE_CHUNK) await write();
      }
    }
    if (snapshots.length > written) await write();
    await Promise.all(writing);
  } catch (error) {
    throw failure ?? error;
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
  /** The scorecard's groups under its root, with their measures and the points they add together. */
  groups: MeasureGroup[];
  comparedWith: { asOf: string; score: number | null; color: string | null } | null;
  trend: 'up' | 'down' | 'flat' | null;
  changes: MeasureChange[];
}

/**
 * A stored snapshot's full result, recomputed from its inputs with the scorecard version it was made with, and the
 * same scoring over other measure values (to say what each changed measure did).
 */
async function replay(
  db: Executor,
  row: SnapshotRow,
): Promise<HealthResult & { groups: MeasureGroup[]; rescore?: (values: MeasureValues) => HealthResult }> {
  const { rows } = await sql<{ definition: ScorecardDefinition }>`select definition from scorecards
    where name = ${row.scorecard} and version = ${row.scorecard_version}`.execute(db);
  const definition = rows[0]?.definition;
  if (!definition) return { score: row.score, color: null, computedColor: null, measures: [], groups: [] };
  const rescore = (values: MeasureValues) =>
    scoreHealth({
      root: definition.root,
      thresholds: definition.thresholds,
      values,
      overrides: row.inputs.overrides,
      asOf: endOfDay(row.as_of),
    });
  const result = rescore(row.inputs.values);
  return { ...result, groups: measureGroups(definition.root, result.measures), rescore };
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
    groups: nowResult.groups,
    comparedWith: then ? { asOf: then.as_of, score: then.score, color: then.color } : null,
    trend: delta === null ? null : delta > 2 ? 'up' : delta < -2 ? 'down' : 'flat',
    // Measures are credited one by one only when both days were scored by the same scorecard version.
    changes: thenResult
      ? explainChange(
          thenResult,
          nowResult,
          then?.scorecard === now.scorecard && then?.scorecard_version === now.scorecard_version
            ? nowResult.rescore
            : undefined,
        )
      : [],
  };
}
