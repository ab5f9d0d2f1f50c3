import { Command, InvalidArgumentError, Option } from 'commander';
import { migrate } from '../db/migrate.js';
import { generateDemoOnFirstStart, registerDemoCommand } from '../demo/demo-command.js';
import { registerHealthCommand } from '../health/health-command.js';
import type { CreatedKey } from '../keys/api-keys.js';
import { scopes } from '../keys/api-keys.js';
import { registerAliveCommand } from '../predict/alive-command.js';
import { registerChurnCommand } from '../predict/churn-command.js';
import type { Scope } from '../server/actor.js';
import { version } from '../server/app.js';
import { startServer } from '../server/start-server.js';
import { registerUsersCommand } from '../team/users-command.js';
import { registerBackupCommand } from './backup-command.js';
import { listenForAdminCommands } from './control-socket.js';
import { type DataOption, DEFAULT_DATA_DIR, openMigratedDatabase, withDataOption } from './database-options.js';
import { registerImportCommand } from './import-command.js';
import { runAdmin } from './run-admin.js';
import { signInHelp } from './sign-in-help.js';

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
    const control =
      database.engine === 'pglite'
        ? await listenForAdminCommands(database, options.data ?? process.env.PACER_DATA ?? DEFAULT_DATA_DIR)
        : undefined;
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await control?.close();
      await server.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // One write, so whoever waits for "Listening on" reads the sign-in help with it.
    const help = await signInHelp(database, options.data);
    process.stdout.write(
      `Pacer ${version} on ${database.location}\nListening on ${server.url}\nAPI description: ${server.url}/api/openapi.json\n${help}`,
    );
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
    .option('--b2c', 'ingest key of a product without groups: each user is its own account')
    .option(
      '--browser',
      "public ingest key for the product's pages: records usage, changes no account or contact field",
    ),
).action(
  action(async (options: DataOption & { name: string; scope: Scope; b2c?: boolean; browser?: boolean }) => {
    const key = JSON.parse(
      await runAdmin({ data: options.data }, 'keys.create', {
        name: options.name,
        scope: options.scope,
        b2c: options.b2c,
        browser: options.browser,
      }),
    ) as CreatedKey;
    const kind = key.browser ? 'browser ingest' : key.scope === 'ingest' ? 'server ingest' : key.scope;
    process.stdout.write(
      `Created ${kind} key "${key.name}" (${key.id}). Its secret, shown this once:\n${key.secret}\n`,
    );
    if (key.scope === 'ingest') {
      const pacer = (process.env.PACER_PUBLIC_URL ?? `http://localhost:${defaultPort()}`).replace(/\/+$/, '');
      process.stdout.write(
        key.browser
          ? `\nIn your product's pages (Pacer at ${pacer}; set PACER_PUBLIC_URL if your users reach it elsewhere):\n` +
              `  AnalyticsBrowser.load({ writeKey: '${key.secret}', cdnURL: '${pacer}' })   // @segment/analytics-next\n` +
              'It records events and links users to accounts; traits reach accounts and contacts only from a server key.\n'
          : `\nSend product usage with it from your servers (Pacer at ${pacer}); keep it secret, it may change ` +
              'account and contact fields (audited):\n' +
              `  new Analytics({ writeKey: '${key.secret}', host: '${pacer}' })   // @segment/analytics-node\n` +
              "For your product's pages, make a public key: pacer keys create --scope ingest --browser --name web\n",
      );
    }
  }),
);

withDataOption(keys.command('list').description('list keys (never their secrets)')).action(
  action(async (options: DataOption) => {
    const rows = JSON.parse(await runAdmin(options, 'keys.list', {})) as {
      id: string;
      scope: string;
      user_is_account: boolean;
      name: string;
      prefix: string;
      revoked_at: string | null;
      browser: boolean;
      last_used_at: string | null;
    }[];
    if (rows.length === 0) process.stdout.write('No API keys yet.\n');
    for (const row of rows) {
      const kind = `${row.scope}${row.scope === 'ingest' ? (row.browser ? ' browser' : ' server') : ''}${row.user_is_account ? ' b2c' : ''}`;
      const used = row.last_used_at ? `last used ${row.last_used_at}` : 'never used';
      process.stdout.write(
        `${row.id}  ${kind.padEnd(18)}  ${row.name}  ${row.prefix}…  ${row.revoked_at ? `revoked ${row.revoked_at}` : 'active'}  ${used}\n`,
      );
    }
  }),
);

withDataOption(
  keys.command('revoke').description('revoke a key by id or name').argument('<key>', 'the key id or name'),
).action(
  action(async (key: string, options: DataOption) => {
    const revoked = JSON.parse(await runAdmin(options, 'keys.revoke', { key })) as boolean;
    if (!revoked) throw new Error(`no active key with id or name ${key}`);
    process.stdout.write(`Revoked ${key}.\n`);
  }),
);

registerUsersCommand(program, action);

await program.parseAsync(process.argv);
