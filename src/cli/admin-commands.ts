import { userInfo } from 'node:os';
import { backupDatabase } from '../db/backup-database.js';
import type { Database } from '../db/database.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../keys/api-keys.js';
import type { Scope } from '../server/actor.js';
import { HttpError } from '../server/http-error.js';
import type { TeamRole } from '../team/team-user.resource.js';
import { createTeamUser, listTeamUsers, resetTeamUserPassword, setTeamUserDisabled } from '../team/team-users.js';

// The administration `pacer users …` and `pacer keys …` do, as named commands over plain arguments: run directly
// on the database, or handed to a running `pacer start` through its control socket (control-socket.ts) when the
// embedded database is that process's. Each returns what the command prints.

export type AdminArgs = Record<string, string | boolean | undefined>;

/** Who did it, for the audit log: the operating-system user at the terminal. */
export function cliActor(): string {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no user name (a container without /etc/passwd entry): the label stays generic
  }
  return `cli (${name})`;
}

const str = (args: AdminArgs, name: string): string => {
  const value = args[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
};

function messageOf(error: unknown): string {
  if (error instanceof HttpError && error.issues.length > 0) {
    return error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
  }
  return (error as Error).message;
}

export const adminCommands: Record<string, (database: Database, args: AdminArgs, actor: string) => Promise<string>> = {
  async 'users.create'(database, args, actor) {
    const email = str(args, 'email');
    const user = await createTeamUser(
      database.db,
      {
        email,
        name: typeof args.name === 'string' && args.name ? args.name : email.split('@')[0] || email,
        role: str(args, 'role') as TeamRole,
        password: str(args, 'password'),
      },
      actor,
    );
    return `Created ${user.role} ${user.email} (${user.id}); they can sign in now.\n`;
  },
  async 'users.list'(database) {
    const users = await listTeamUsers(database.db);
    if (users.length === 0) return 'No users yet.\n';
    return users
      .map(
        (user) =>
          `${user.email.padEnd(32)} ${user.role.padEnd(7)} ${user.disabled ? 'disabled' : user.lockedUntil ? `locked until ${user.lockedUntil.toISOString()}` : user.canSignIn ? 'can sign in' : 'no password'}  ${user.name}\n`,
      )
      .join('');
  },
  async 'users.disable'(database, args, actor) {
    await setTeamUserDisabled(database.db, str(args, 'email'), true, actor);
    return `Disabled ${args.email}: they cannot sign in, and their sessions have ended.\n`;
  },
  async 'users.enable'(database, args, actor) {
    await setTeamUserDisabled(database.db, str(args, 'email'), false, actor);
    return `Enabled ${args.email}.\n`;
  },
  async 'users.reset-password'(database, args, actor) {
    await resetTeamUserPassword(database.db, str(args, 'email'), str(args, 'password'), actor);
    return `New password set for ${args.email}; any lock is lifted and their sessions have ended.\n`;
  },
  async backup(database, args) {
    const summary = await backupDatabase(database, str(args, 'file'));
    return `Backed up ${database.location} to ${summary.file} (${(summary.bytes / 1e6).toFixed(1)} MB), while it ran.\n`;
  },
  async 'keys.create'(database, args, actor) {
    const key = await createApiKey(database.db, str(args, 'name'), str(args, 'scope') as Scope, {
      userIsAccount: args.b2c === true,
      browser: args.browser === true,
      actor,
    });
    return JSON.stringify(key);
  },
  async 'keys.list'(database) {
    return JSON.stringify(await listApiKeys(database.db));
  },
  async 'keys.revoke'(database, args, actor) {
    return JSON.stringify(await revokeApiKey(database.db, str(args, 'key'), { actor }));
  },
};

/** Runs a named admin command; errors become plain messages naming the field. */
export async function runAdminCommand(database: Database, name: string, args: AdminArgs, actor: string) {
  const command = adminCommands[name];
  if (!command) throw new Error(`unknown admin command ${name}`);
  try {
    return await command(database, args, actor);
  } catch (error) {
    throw new Error(messageOf(error));
  }
}
