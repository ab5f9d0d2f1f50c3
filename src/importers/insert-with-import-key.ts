import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';
import { httpErrorFromDatabase } from '../server/http-error.js';
import type { ResourceSpec, Row } from '../server/resource.js';

/**
 * Creates a record from validated input (the same columns as POST) with its import_key, unless a record with that
 * key exists. Answers whether it inserted one.
 */
export async function insertWithImportKey(
  db: Executor,
  spec: ResourceSpec,
  input: Row,
  importKey: string,
): Promise<boolean> {
  const columns = await spec.toColumns(input, { db });
  const entries = Object.entries({ id: uuidv7(), ...columns, import_key: importKey });
  try {
    const { rows } = await sql<{ id: string }>`insert into ${sql.table(spec.table)}
      (${sql.join(entries.map(([column]) => sql.ref(column)))})
      values (${sql.join(entries.map(([, value]) => value))})
      on conflict (import_key) do nothing
      returning id`.execute(db);
    return rows.length > 0;
  } catch (error) {
    throw httpErrorFromDatabase(error) ?? error;
  }
}

/** The import keys among these that a record of the table already has. */
export async function findImportKeys(db: Executor, spec: ResourceSpec, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await sql<{ import_key: string }>`select import_key from ${sql.table(spec.table)}
    where import_key = any(${keys}::text[])`.execute(db);
  return new Set(rows.map((row) => row.import_key));
}
