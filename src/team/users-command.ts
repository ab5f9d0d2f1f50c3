import { type Command, Option } from 'commander';
import { type DataOption, withDataOption } from '../cli/database-options.js';
import { runAdmin } from '../cli/run-admin.js';
import { teamRoles } from './team-user.resource.js';

type Action = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => Promise<void>;

/** `pacer users create|list|disable|enable|reset-password`: work while `pacer start` runs, too. */
export function registerUsersCommand(program: Command, action: Action): void {
  const users = program
    .command('users')
    .description('the people who sign in: admin (users, keys, settings), leader, csm, viewer');

  withDataOption(
    users
      .command('create')
      .description('add a person who can sign in')
      .requiredOption('--email <email>', 'their email, which they sign in with')
      .requiredOption('--password <password>', 'their first password (at least 10 characters)')
      .addOption(new Option('--role <role>', 'what they may do').choices([...teamRoles]).makeOptionMandatory())
      .option('--name <name>', 'their name (default: the part of the email before @)'),
  ).action(
    action(async (options: DataOption & { email: string; password: string; role: string; name?: string }) => {
      const { data, ...args } = options;
      process.stdout.write(await runAdmin({ data }, 'users.create', args));
    }),
  );

  withDataOption(users.command('list').description('list people, their roles and whether they can sign in')).action(
    action(async (options: DataOption) => {
      process.stdout.write(await runAdmin(options, 'users.list', {}));
    }),
  );

  for (const [name, description] of [
    ['disable', 'stop a person signing in and end their sessions'],
    ['enable', 'let a disabled person sign in again'],
  ] as const) {
    withDataOption(users.command(name).description(description).argument('<email>')).action(
      action(async (email: string, options: DataOption) => {
        process.stdout.write(await runAdmin(options, `users.${name}`, { email }));
      }),
    );
  }

  withDataOption(
    users
      .command('reset-password')
      .description('set a new password, lift a sign-in lock and end their sessions')
      .argument('<email>')
      .requiredOption('--password <password>', 'the new password (at least 10 characters)'),
  ).action(
    action(async (email: string, options: DataOption & { password: string }) => {
      process.stdout.write(
        await runAdmin({ data: options.data }, 'users.reset-password', { email, password: options.password }),
      );
    }),
  );
}
