import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { runPacer, startPacer } from './support/cli.js';
import { serverDatabase } from './support/engines.js';
import { tempDir } from './support/temp-dir.js';

const post = (url: string, path: string, body: unknown, secret: string) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });

/** `pacer keys create --scope admin` on a data directory or database; the secret it printed. */
function adminSecret(args: string[], env: Record<string, string> = {}): string {
  const made = runPacer(['keys', 'create', '--name', 'ops', '--scope', 'admin', ...args], env);
  expect(made.status).toBe(0);
  return made.stdout.split('\n')[1] as string;
}

describe('the pacer command', () => {
  it('explains itself with --help and fails with a one-line reason', () => {
    const help = runPacer(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/start/);
    expect(help.stdout).toMatch(/migrate/);
    const startHelp = runPacer(['start', '--help']);
    expect(startHelp.stdout).toMatch(/--data <dir>/);
    expect(startHelp.stdout).toMatch(/--port <port>/);

    const unknown = runPacer(['frobnicate']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);

    const badPort = runPacer(['start', '--port', 'eighty']);
    expect(badPort.status).not.toBe(0);
    expect(badPort.stderr).toMatch(/must be a port number/);

    const badUrl = runPacer(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(badUrl.status).toBe(1);
    expect(badUrl.stderr.trim().split('\n')).toHaveLength(1);
    expect(badUrl.stderr).toMatch(/^pacer: cannot connect to PostgreSQL/);
  });

  it('keeps the embedded data across restarts and lets one process at a time open it', async () => {
    const data = join(tempDir('cli'), 'data');
    const admin = adminSecret(['--data', data]);
    const first = await startPacer(['--data', data, '--no-demo']);
    expect(first.output()).toMatch(/embedded PostgreSQL in .*data/);
    expect(
      (await post(first.url, '/api/accounts', { name: 'Survives restarts', externalId: 'keep-me' }, admin)).status,
    ).toBe(201);

    const second = runPacer(['migrate', '--data', data]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in use by another Pacer process \\(pid ${first.process.pid}\\)`));

    expect(await first.stop()).toBe(0);
    const keys = runPacer(['keys', 'create', '--name', 'web', '--scope', 'ingest', '--data', data]);
    expect(keys.status).toBe(0);
    expect(keys.stdout).toMatch(/pk_ingest_[A-Za-z0-9_-]{40,}/);
    const secret = keys.stdout.split('\n')[1] as string;
    // A server key is secret: the command shows it in analytics-node, and names --browser for pages.
    expect(keys.stdout).toContain(`new Analytics({ writeKey: '${secret}', host: 'http`);
    expect(keys.stdout).not.toContain('AnalyticsBrowser');
    expect(keys.stdout).toContain('--scope ingest --browser');

    const restarted = await startPacer(['--data', data]);
    const list = (await (
      await fetch(`${restarted.url}/api/accounts?externalId=keep-me`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as {
      data: { name: string }[];
    };
    expect(list.data.map((account) => account.name)).toEqual(['Survives restarts']);
    await restarted.stop();

    // A process killed outright leaves its lock behind; the next start takes it over.
    const killed = await startPacer(['--data', data]);
    await killed.stop('SIGKILL');
    const afterKill = await startPacer(['--data', data]);
    expect((await fetch(`${afterKill.url}/api/openapi.json`)).status).toBe(200);
    await afterKill.stop();
  }, 180_000);

  it('makes the first admin, users and keys while pacer start holds the embedded database', async () => {
    const data = join(tempDir('cli-admin'), 'data');
    const running = await startPacer(['--data', data, '--no-demo']);
    try {
      expect(running.output()).toMatch(/No admin yet\. Make the first one \(this works while Pacer runs\):/);
      const made = runPacer([
        'users',
        'create',
        '--email',
        'Ops@Acme.example',
        '--role',
        'admin',
        '--password',
        'long enough pass',
        '--data',
        data,
      ]);
      expect(made.stderr).toBe('');
      expect(made.stdout).toMatch(/^Created admin ops@acme\.example \([0-9a-f-]{36}\); they can sign in now\.$/m);
      const short = runPacer([
        'users',
        'create',
        '--email',
        'x@acme.example',
        '--role',
        'csm',
        '--password',
        'short',
        '--data',
        data,
      ]);
      expect(short.status).toBe(1);
      expect(short.stderr).toBe('pacer: password: must be at least 10 characters\n');

      const signIn = await fetch(`${running.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ops@acme.example', password: 'long enough pass' }),
      });
      expect(signIn.status).toBe(200);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;

      const key = runPacer(['keys', 'create', '--name', 'web', '--scope', 'ingest', '--data', data]);
      expect(key.status).toBe(0);
      expect(key.stdout).toMatch(/pk_ingest_[A-Za-z0-9_-]{40,}/);
      expect(runPacer(['users', 'list', '--data', data]).stdout).toMatch(
        /^ops@acme\.example +admin +can sign in +Ops$/m,
      );
      expect(runPacer(['users', 'disable', 'ops@acme.example', '--data', data]).status).toBe(0);
      // Disabled: the session ends at once and signing in fails.
      expect((await fetch(`${running.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
      expect(runPacer(['users', 'enable', 'ops@acme.example', '--data', data]).status).toBe(0);
      expect(
        runPacer(['users', 'reset-password', 'ops@acme.example', '--password', 'another long one', '--data', data])
          .status,
      ).toBe(0);
      expect(
        runPacer(['users', 'reset-password', 'nobody@acme.example', '--password', 'another long one', '--data', data])
          .stderr,
      ).toBe('pacer: email: no user with email nobody@acme.example\n');
      // A consistent copy taken by the running server itself.
      const backup = runPacer(['backup', join(data, '..', 'running.tar.gz'), '--data', data]);
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toMatch(
        /^Backed up embedded PostgreSQL in .* to .*running\.tar\.gz \([0-9.]+ MB\), while it ran\.$/m,
      );
    } finally {
      expect(await running.stop()).toBe(0);
    }
    const restoredDir = join(data, '..', 'restored');
    expect(runPacer(['restore', join(data, '..', 'running.tar.gz'), '--data', restoredDir]).status).toBe(0);
    expect(runPacer(['users', 'list', '--data', restoredDir]).stdout).toMatch(/^ops@acme\.example +admin/m);
    // Stopped, the same commands open the database themselves; every change above was audited as the CLI's user.
    const again = runPacer(['users', 'list', '--data', data]);
    expect(again.stdout).toMatch(/^ops@acme\.example +admin +can sign in/m);
    const { openDatabase } = await import('../src/db/database.js');
    const database = await openDatabase({ dataDir: data });
    try {
      const audit = await database.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('id').execute();
      expect(audit.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['create', 'sign in', 'disable', 'enable', 'reset password']),
      );
      expect(
        audit.filter((entry) => entry.action !== 'sign in').every((entry) => /^cli \(.+\)$/.test(entry.actor)),
      ).toBe(true);
    } finally {
      await database.close();
    }
  }, 180_000);

  it.skipIf(!inject('postgresUrl'))('runs on a PostgreSQL server given DATABASE_URL', async () => {
    const server = await serverDatabase(inject('postgresUrl'), 'pacer_cli');
    const url = server.url;
    try {
      const migrated = runPacer(['migrate'], { DATABASE_URL: url });
      expect(migrated.stdout).toMatch(/PostgreSQL is up to date/);
      const admin = adminSecret([], { DATABASE_URL: url });
      const running = await startPacer([], { DATABASE_URL: url });
      expect(running.output()).toMatch(/PostgreSQL at 127\.0\.0\.1/);
      expect((await post(running.url, '/api/accounts', { name: 'On the server' }, admin)).status).toBe(201);
      await running.stop();
      const direct = new pg.Client({ connectionString: url });
      await direct.connect();
      const { rows } = await direct.query('select name from accounts');
      await direct.end();
      expect(rows).toEqual([{ name: 'On the server' }]);
    } finally {
      await server.drop();
    }
  });
});
