import { Command, InvalidArgumentError, Option } from 'commander';
import { migrate } from '../db/migrate.js';
import { generateDemoOnFirstStart, registerDemoCommand } from '../demo/demo-command.js';
import { registerHealthCommand } from '../health/health-command.js';
import { createApiKey, listApiKeys, revokeApiKey, scopes } from '../keys/api-keys.js';
import { registerAliveCommand } from '../predict/alive-command.js';
import { registerChurnCommand } from '../predict/churn-command.js';
import type { Scope } from '../server/actor.js';
import { version } from '../server/app.js';
import { startServer } from '../server/start-server.js';
import { registerBackupCommand } from './backup-command.js';
import { type DataOption, openMigratedDatabase, withDataOption } from './database-options.js';
import { registerImportCommand } from './import-command.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('must be a port number 0–65535');
  return port;
}

/** Runs a command's action; any failure becomes a one-line reason on stderr and exit code 1. */
function action<A extends unknown[]>(fn: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      process.stderr.write(`pacer: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
}

const program = new Command('pacer')
  .description('Pacer: customer success with health scores, churn risk and playbooks that explain themselves')
  .version(version)
  .showHelpAfterError('(run with --help for usage)');

/** The port `pacer start` listens on unless told otherwise. */
const defaultPort = () => Number(process.env.PACER_PORT ?? 4400);

withDataOption(
  program
    .command('start')
    .description('start the API server (and the web app) on this machine')
    .option('--port <port>', 'port to listen on', parsePort, defaultPort())
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--no-demo', 'start empty, without generating the demo world'),
).action(
  action(async (options: DataOption & { port: number; host: string; demo: boolean }) => {
    let database = await openMigratedDatabase(options);
    if (options.demo) database = await generateDemoOnFirstStart(database, options);
    const server = await startServer(database, options.port, options.host).catch(async (error: Error) => {
      await database.close();
      throw error;
    });
    process.stdout.write(
      `Pacer ${version} on ${database.location}\nListening on ${server.url}\nAPI description: ${server.url}/api/openapi.json\n`,
    );
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await server.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }),
);

withDataOption(program.command('migrate').description('apply database migrations that have not run yet')).action(
  action(async (options: DataOption) => {
    const databaseUrl = process.env.DATABASE_URL;
    const database = await openMigratedDatabase(options);
    // openMigratedDatabase migrated already; ask again to report what is in place.
    const pending = await migrate(database);
    const applied = await database.db
      .selectFrom('pacer_migrations')
      .select(['name', 'applied_at'])
      .orderBy('name')
      .execute();
    await database.close();
    process.stdout.write(
      `${databaseUrl ? 'PostgreSQL' : 'Embedded database'} is up to date: ${applied.length} migrations applied${pending.length ? ` (${pending.join(', ')} just now)` : ''}.\n`,
    );
  }),
);

registerImportCommand(program);
registerBackupCommand(program, action);
registerDemoCommand(program, action);
registerHealthCommand(program, action);
registerAliveCommand(program, action);
registerChurnCommand(program, action);

const keys = program
  .command('keys')
  .description('API keys: ingest keys for tracking, viewer/csm/admin keys for the API');

withDataOption(
  keys
    .command('create')
    .description('make a key; its secret is shown once')
    .requiredOption('--name <name>', 'what the key is for, e.g. web')
    .addOption(new Option('--scope <scope>', 'what the key may do').choices(scopes as string[]).makeOptionMandatory())
    .option('--b2c', 'ingest key of a product without groups: each user is its own account'),
).action(
  action(async (options: DataOption & { name: string; scope: Scope; b2c?: boolean }) => {
    const database = await openMigratedDatabase(options);
    const key = await createApiKey(database.db, options.name, options.scope, { userIsAccount: options.b2c ?? false });
    await database.close();
    process.stdout.write(
      `Created ${key.scope} key "${key.name}" (${key.id}). Its secret, shown this once:\n${key.secret}\n`,
    );
    if (key.scope === 'ingest') {
      const pacer = (process.env.PACER_PUBLIC_URL ?? `http://localhost:${defaultPort()}`).replace(/\/+$/, '');
      process.stdout.write(
        `\nSend product usage with it (Pacer at ${pacer}; set PACER_PUBLIC_URL if your users reach it elsewhere):\n` +
          `  server (@segment/analytics-node):   new Analytics({ writeKey: '${key.secret}', host: '${pacer}' })\n` +
          `  browser (@segment/analytics-next):  AnalyticsBrowser.load({ writeKey: '${key.secret}', cdnURL: '${pacer}' })\n`,
      );
    }
  }),
);

withDataOption(keys.command('list').description('list keys (never their secrets)')).action(
  action(async (options: DataOption) => {
    const database = await openMigratedDatabase(options);
    const rows = await listApiKeys(database.db);
    await database.close();
    if (rows.length === 0) process.stdout.write('No API keys yet.\n');
    for (const row of rows) {
      process.stdout.write(
        `${row.id}  ${row.scope.padEnd(6)}${row.user_is_account ? ' b2c' : ''}  ${row.name}  ${row.prefix}…  ${row.revoked_at ? `revoked ${row.revoked_at.toISOString()}` : 'active'}\n`,
      );
    }
  }),
);

withDataOption(
  keys.command('revoke').description('revoke a key by id or name').argument('<key>', 'the key id or name'),
).action(
  action(async (key: string, options: DataOption) => {
    const database = await openMigratedDatabase(options);
    const revoked = await revokeApiKey(database.db, key);
    await database.close();
    if (!revoked) throw new Error(`no active key with id or name ${key}`);
    process.stdout.write(`Revoked ${key}.\n`);
  }),
);

await program.parseAsync(process.argv);
