import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';
import { iso } from '../shared/rows.js';
import { type PlaybookDefinition, playbookDefinitionSchema } from './playbook.schema.js';
import { shippedPlaybooks } from './shipped-playbooks.js';

// Playbooks and their versions. A save never overwrites: it adds the next version and points the playbook at it.
// Whether a playbook is on lives on the playbook, not in a version, so turning it on or off adds no version.

export interface StoredPlaybook {
  id: string;
  version: number;
  enabled: boolean;
  shippedKey: string | null;
  definition: PlaybookDefinition;
  updatedAt: string;
}

export interface PlaybookVersion {
  version: number;
  definition: PlaybookDefinition;
  createdBy: string;
  createdAt: string;
}

interface PlaybookRow {
  id: string;
  current_version: number;
  enabled: boolean;
  shipped_key: string | null;
  definition: PlaybookDefinition;
  updated_at: Date | string;
}

const toStored = (row: PlaybookRow): StoredPlaybook => ({
  id: row.id,
  version: row.current_version,
  enabled: row.enabled,
  shippedKey: row.shipped_key,
  // enabled is the playbook's, whatever the version says
  definition: { ...row.definition, enabled: row.enabled },
  updatedAt: iso(row.updated_at) as string,
});

/**
 * The playbooks Pacer ships, stored off as version 1 the first time playbooks are read. Each is created once (its
 * shipped key is then taken): a team's edits are never replaced by a later read.
 */
export async function ensureShippedPlaybooks(db: Executor): Promise<void> {
  for (const [key, shipped] of Object.entries(shippedPlaybooks)) {
    const definition = playbookDefinitionSchema.parse(shipped);
    // One statement: a concurrent first read never sees a playbook without its version.
    await sql`with made as (
        insert into playbooks (id, current_version, enabled, shipped_key) values (${uuidv7()}, 1, false, ${key})
        on conflict (shipped_key) do nothing returning id)
      insert into playbook_versions (playbook_id, version, definition, created_by)
      select id, 1, cast(${JSON.stringify(definition)} as jsonb), 'pacer' from made`.execute(db);
  }
}

const selectPlaybooks = sql`select p.id, p.current_version, p.enabled, p.shipped_key, v.definition, p.updated_at
  from playbooks p join playbook_versions v on v.playbook_id = p.id and v.version = p.current_version`;

export async function listPlaybooks(db: Executor): Promise<StoredPlaybook[]> {
  await ensureShippedPlaybooks(db);
  const { rows } = await sql<PlaybookRow>`${selectPlaybooks} order by v.definition ->> 'name', p.id`.execute(db);
  return rows.map(toStored);
}

export async function findPlaybook(db: Executor, id: string): Promise<StoredPlaybook | undefined> {
  await ensureShippedPlaybooks(db);
  const { rows } = await sql<PlaybookRow>`${selectPlaybooks} where p.id = ${id}`.execute(db);
  return rows[0] ? toStored(rows[0]) : undefined;
}

/** Every version, newest first. */
export async function playbookVersions(db: Executor, id: string): Promise<PlaybookVersion[]> {
  const { rows } = await sql<{
    version: number;
    definition: PlaybookDefinition;
    created_by: string;
    created_at: Date | string;
  }>`select version, definition, created_by, created_at from playbook_versions
    where playbook_id = ${id} order by version desc`.execute(db);
  return rows.map((row) => ({
    version: row.version,
    definition: row.definition,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
  }));
}

export async function createPlaybook(db: Executor, definition: PlaybookDefinition, by: string): Promise<string> {
  const id = uuidv7();
  await sql`insert into playbooks (id, current_version, enabled) values (${id}, 1, ${definition.enabled})`.execute(db);
  await sql`insert into playbook_versions (playbook_id, version, definition, created_by)
    values (${id}, 1, cast(${JSON.stringify(definition)} as jsonb), ${by})`.execute(db);
  return id;
}

/** Saves the definition as the playbook's next version; undefined when there is no such playbook. */
export async function savePlaybookVersion(
  db: Executor,
  id: string,
  definition: PlaybookDefinition,
  by: string,
): Promise<number | undefined> {
  // The row lock makes two saves at once take successive versions instead of one failing on the key.
  const { rows } = await sql<{ version: number }>`update playbooks
    set current_version = current_version + 1, enabled = ${definition.enabled}, updated_at = now()
    where id = ${id} returning current_version as version`.execute(db);
  const version = rows[0]?.version;
  if (version === undefined) return undefined;
  await sql`insert into playbook_versions (playbook_id, version, definition, created_by)
    values (${id}, ${version}, cast(${JSON.stringify(definition)} as jsonb), ${by})`.execute(db);
  return version;
}

/** Turns a playbook on or off; false when there is no such playbook. */
export async function setPlaybookEnabled(db: Executor, id: string, enabled: boolean): Promise<boolean> {
  const result = await sql`update playbooks set enabled = ${enabled}, updated_at = now() where id = ${id}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
