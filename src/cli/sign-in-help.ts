import type { Database } from '../db/database.js';
import { csmTeam, DEMO_PASSWORD, DEMO_TEAM_DOMAIN, demoLeader } from '../demo/demo-catalog.js';

/**
 * What `pacer start` prints about signing in: the demo users when the demo world is there, or how to make the first
 * admin when nobody can sign in yet (there is no open mode: without a user or a key, nothing but sign-in answers).
 */
export async function signInHelp(database: Database, dataDir: string | undefined): Promise<string> {
  const users = await database.db
    .selectFrom('team_users')
    .select(['email', 'role'])
    .where('password_hash', 'is not', null)
    .where('disabled_at', 'is', null)
    .execute();
  const data = dataDir ? ` --data ${dataDir}` : '';
  const lines: string[] = [];
  const demo = users.filter((user) => user.email.endsWith(`@${DEMO_TEAM_DOMAIN}`));
  if (demo.length > 0) {
    const csms = csmTeam.map((csm) => csm.email).filter((email) => demo.some((user) => user.email === email));
    lines.push(
      `Demo users (password "${DEMO_PASSWORD}"): leader ${demoLeader.email}; CSMs ${csms.slice(0, 2).join(', ')}` +
        `${csms.length > 2 ? ` and ${csms.length - 2} more (pacer users list)` : ''}.`,
    );
  }
  if (!users.some((user) => user.role === 'admin')) {
    lines.push(
      'No admin yet. Make the first one (this works while Pacer runs):',
      `  npx pacer users create --email you@example.com --role admin --password '<at least 10 characters>'${data}`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
