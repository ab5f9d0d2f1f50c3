import { type AdminArgs, cliActor, runAdminCommand } from './admin-commands.js';
import { sendAdminCommand } from './control-socket.js';
import { type DataOption, DEFAULT_DATA_DIR, openMigratedDatabase } from './database-options.js';

/**
 * Runs an admin command where the data is: handed to the `pacer start` that holds the embedded database, else on
 * the database opened here (a PostgreSQL server, or an embedded one nobody runs).
 */
export async function runAdmin(options: DataOption, name: string, args: AdminArgs): Promise<string> {
  const actor = cliActor();
  if (!process.env.DATABASE_URL?.trim()) {
    const dataDir = options.data ?? process.env.PACER_DATA ?? DEFAULT_DATA_DIR;
    const answered = await sendAdminCommand(dataDir, name, args, actor);
    if (answered !== undefined) return answered;
  }
  const database = await openMigratedDatabase(options);
  try {
    return await runAdminCommand(database, name, args, actor);
  } finally {
    await database.close();
  }
}
