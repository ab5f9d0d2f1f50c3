import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backupDatabase, holdsEmbeddedDatabase, restoreDatabase } from '../db/backup-database.js';
import { openDatabase } from '../db/database.js';
import { cliActor } from './admin-commands.js';
import { sendAdminCommand } from './control-socket.js';
import { type DataOption, DEFAULT_DATA_DIR, withDataOption } from './database-options.js';

/** The CLI's wrapper that turns a failure into one line on stderr and exit code 1. */
type Run = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

/** The embedded database's directory; a server's data is pg_dump's to copy. */
function embeddedDataDir(options: DataOption, command: 'backup' | 'restore'): string {
  if (process.env.DATABASE_URL?.trim()) {
    throw new Error(
      `pacer ${command} works on the embedded database; DATABASE_URL names a PostgreSQL server: use pg_dump and pg_restore there (see the README)`,
    );
  }
  return options.data ?? process.env.PACER_DATA ?? DEFAULT_DATA_DIR;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `pacer backup FILE` and `pacer restore FILE` for the embedded database. */
export function registerBackupCommand(program: Command, run: Run): void {
  withDataOption(
    program
      .command('backup')
      .description('copy the embedded database into one file, consistent even while `pacer start` runs on it')
      .argument('<file>', 'where to write the backup (a .tar.gz)'),
  ).action(
    run(async (file: string, options: DataOption) => {
      const dir = embeddedDataDir(options, 'backup');
      // The running server holds the database: it takes the copy itself, between transactions.
      const answered = await sendAdminCommand(dir, 'backup', { file: resolve(file) }, cliActor());
      if (answered !== undefined) {
        process.stdout.write(answered);
        return;
      }
      if (!holdsEmbeddedDatabase(dir)) throw new Error(`there is no embedded database in ${dir}`);
      const database = await openDatabase({ dataDir: dir });
      try {
        const summary = await backupDatabase(database, file);
        process.stdout.write(`Backed up ${database.location} to ${summary.file} (${megabytes(summary.bytes)}).\n`);
      } finally {
        await database.close();
      }
    }),
  );
  withDataOption(
    program
      .command('restore')
      .description('replace the embedded database with a backup (stop `pacer start` on the directory first)')
      .argument('<file>', 'a file `pacer backup` wrote')
      .option('--force', 'replace the database the directory already holds (its data is lost)', false),
  ).action(
    run(async (file: string, options: DataOption & { force: boolean }) => {
      const summary = await restoreDatabase(embeddedDataDir(options, 'restore'), file, { force: options.force });
      process.stdout.write(
        `Restored the embedded database in ${summary.dataDir} from ${file} (${summary.migrations} migrations applied in it; \`pacer migrate\` or \`pacer start\` applies newer ones).\n`,
      );
    }),
  );
}
