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

/** The ones Pacer ships, stored as version 1 the first time health is scored (does nothing when present). */
export async function ensureDefaultScorecards(db: Executor): Promise<void> {
  for (const [name, definition] of Object.entries(defaultScorecards)) {
    await sql`insert into scorecards (id, name, version, definition, created_by)
      values (${uuidv7()}, ${name}, 1, cast(${JSON.stringify(definition)} as jsonb), 'pacer')
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
