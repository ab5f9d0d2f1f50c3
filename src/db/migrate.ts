import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any constant works; it only has to be the same for every Pacer process sharing a server.
const MIGRATION_LOCK_KEY = 727_274_001;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return { name: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the migrations not yet recorded, in order, each in its own transaction: a failing one leaves the
 * database as it was before it. Processes sharing a server wait for each other on an advisory lock.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  return database.withSession(async (query) => {
    await query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await query(`create table if not exists pacer_migrations (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
      const done = new Map(
        (await query<{ name: string; checksum: string }>('select name, checksum from pacer_migrations')).map((row) => [
          row.name,
          row.checksum,
        ]),
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        const checksum = done.get(migration.name);
        if (checksum !== undefined) {
          if (checksum !== migration.checksum) {
            throw new Error(
              `migration ${migration.name} was changed after it was applied; add a new migration instead`,
            );
          }
          continue;
        }
        await query('begin');
        try {
          await query(migration.sql);
          await query('insert into pacer_migrations (name, checksum) values ($1, $2)', [
            migration.name,
            migration.checksum,
          ]);
          await query('commit');
        } catch (error) {
          await query('rollback');
          throw new Error(`migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
        }
        applied.push(migration.name);
      }
      return applied;
    } finally {
      await query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
