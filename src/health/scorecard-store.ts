import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { defaultScorecards, type ScorecardDefinition } from './default-scorecards.js';
import { groupNodeSchema, thresholdsSchema } from './scorecard.schema.js';

export const scorecardDefinitionSchema = z.strictObject({
  thresholds: thresholdsSchema,
  appliesTo: z.strictObject({ lifecycleStages: z.array(z.string()) }),
  root: groupNodeSchema,
});

export interface StoredScorecard {
  name: string;
  version: number;
  definition: ScorecardDefinition;
}

/**
 * The ones Pacer ships, stored as version 1 the first time health is scored. When Pacer ships a changed one and the
 * latest stored version is still Pacer's own (nobody has edited or re-weighted it), the new one is saved as the next
 * version: snapshots made with the old version keep replaying with it. A team's own version is never replaced.
 */
export async function ensureDefaultScorecards(db: Executor): Promise<void> {
  for (const [name, definition] of Object.entries(defaultScorecards)) {
    const shipped = JSON.stringify(definition);
    await sql`insert into scorecards (id, name, version, definition, created_by)
      select ${uuidv7()}, ${name}, coalesce(max(version), 0) + 1, cast(${shipped} as jsonb), 'pacer'
      from scorecards where name = ${name}
      having count(*) = 0 or ((array_agg(created_by order by version desc))[1] = 'pacer'
        and (array_agg(definition order by version desc))[1] <> cast(${shipped} as jsonb))
      on conflict (name, version) do nothing`.execute(db);
  }
}

/** The latest version of every scorecard. */
export async function currentScorecards(db: Executor): Promise<StoredScorecard[]> {
  await ensureDefaultScorecards(db);
  const { rows } = await sql<{ name: string; version: number; definition: ScorecardDefinition }>`
    select distinct on (name) name, version, definition from scorecards order by name, version desc`.execute(db);
  return rows;
}

/** Saves a changed scorecard as its next version. */
export async function saveScorecardVersion(
  db: Executor,
  name: string,
  definition: ScorecardDefinition,
  by: string,
): Promise<number> {
  await ensureDefaultScorecards(db);
  const { rows } = await sql<{ version: number }>`
    insert into scorecards (id, name, version, definition, created_by)
    select ${uuidv7()}, ${name}, coalesce(max(version), 0) + 1, cast(${JSON.stringify(definition)} as jsonb), ${by}
    from scorecards where name = ${name}
    returning version`.execute(db);
  return (rows[0] as { version: number }).version;
}

/**
 * Which scorecard judges an account: the one naming its lifecycle stage, else the one that names none (also when the
 * stage was not known on the day).
 */
export function scorecardFor(
  scorecards: StoredScorecard[],
  lifecycleStage: string | null,
): StoredScorecard | undefined {
  return (
    (lifecycleStage !== null
      ? scorecards.find((s) => s.definition.appliesTo.lifecycleStages.includes(lifecycleStage))
      : undefined) ?? scorecards.find((s) => s.definition.appliesTo.lifecycleStages.length === 0)
  );
}

/**
 * The version of every scorecard in force at the end of `day`: the latest one created by then. The versions Pacer
 * ships are written down before any data is seen, so they stand for every day before a later version (even days
 * before they were stored); a version a user saved — or one `health backtest --accept` fitted on outcomes — only
 * from its creation on, so it never judges the days whose outcomes it was fitted on.
 */
export async function scorecardsInForce(db: Executor, day: string): Promise<StoredScorecard[]> {
  await ensureDefaultScorecards(db);
  const { rows } = await sql<{ name: string; version: number; definition: ScorecardDefinition }>`
    select distinct on (name) name, version, definition from scorecards
    where created_by = 'pacer' or created_at < (${day}::date + 1)::timestamptz
    order by name, version desc`.execute(db);
  return rows;
}
