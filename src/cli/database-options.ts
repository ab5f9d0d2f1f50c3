import type { Command } from 'commander';
import { type Database, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';

export const DEFAULT_DATA_DIR = './.pacer';

export interface DataOption {
  data?: string;
}

/** Adds --data to a command: every command can open the embedded database elsewhere. */
export function withDataOption(command: Command): Command {
  return command.option(
    '--data <dir>',
    `embedded database directory (default ${DEFAULT_DATA_DIR}; ignored with DATABASE_URL)`,
  );
}

/** The database a command works on: DATABASE_URL's server, else the embedded one in --data; migrated. */
export async function openMigratedDatabase(options: DataOption): Promise<Database> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && options.data) {
    throw new Error('both DATABASE_URL and --data are set; use one (unset DATABASE_URL for the embedded database)');
  }
  const database = await openDatabase(
    databaseUrl ? { databaseUrl } : { dataDir: options.data ?? process.env.PACER_DATA ?? DEFAULT_DATA_DIR },
  );
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
