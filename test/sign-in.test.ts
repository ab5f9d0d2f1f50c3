import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

describe.each(testEngines())('people sign in, on $engine', ({ open }) => {
  let server: TestServer;
  /** A request as a browser makes it: the cookie, and the CSRF token when given. */
  const send = async (
    method: string,
    path: string,
    options: { body?: unknown; cookie?: string; csrf?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
  };
  const signIn = async (email: string, password: string) => {
    const answer = await send('POST', '/api/auth/login', { body: { email, password } });
    const setCookie = answer.headers.get('set-cookie') ?? '';
    return { ...answer, cookie: setCookie.split(';')[0] as string, setCookie, csrf: answer.body.csrfToken as string };
  };
  const makeUser = async (email: string, role: string, password = 'correct horse battery') => {
    const made = await server.call<{ id: string }>('POST', '/api/users', { email, name: email, role, password });
    expect(made.status).toBe(201);
    return made.body.id;
  };

  beforeAll(async () => {
    server = await startTestServer(await open());
  });
  afterAll(() => server.close());

  it('signs a person in with an HTTP-only SameSite=Lax cookie, asks for the CSRF token on changes, signs out', async () => {
    const userId = await makeUser('aiko@acme.example', 'leader');
    const session = await signIn('Aiko@Acme.example', 'correct horse battery');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ id: userId, email: 'aiko@acme.example', role: 'leader' });
    expect(session.setCookie).toMatch(/^pacer_session=[A-Za-z0-9_-]{43};/);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Lax/);
    expect(session.setCookie).not.toMatch(/Secure/); // plain http on localhost

    const me = await send('GET', '/api/auth/me', { cookie: session.cookie });
    expect(me.body).toEqual({
      kind: 'user',
      user: { id: userId, email: 'aiko@acme.example', name: 'aiko@acme.example', role: 'leader' },
      csrfToken: session.csrf,
    });
    expect((await send('GET', '/api/accounts', { cookie: session.cookie })).status).toBe(200);

    // A change with the cookie alone is what a forged cross-site form sends: refused.
    const forged = await send('POST', '/api/accounts', { cookie: session.cookie, body: { name: 'Forged' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('csrf');
    const wrongToken = await send('POST', '/api/accounts', {
      cookie: session.cookie,
      csrf: 'not-the-token',
      body: { name: 'Forged' },
    });
    expect(wrongToken.status).toBe(403);
    const made = await send('POST', '/api/accounts', {
      cookie: session.cookie,
      csrf: session.csrf,
      body: { name: 'By Aiko' },
    });
    expect(made.status).toBe(201);

    // A leader may not manage users (admins only).
    const noUsers = await send('POST', '/api/users', {
      cookie: session.cookie,
      csrf: session.csrf,
      body: { email: 'x@acme.example', name: 'X', role: 'admin' },
    });
    expect(noUsers.status).toBe(403);
    expect(noUsers.body.message).toBe('the leader role may not call POST /api/users');

    const audit = await server.call<{ data: { actor: string; action: string; changes: unknown }[] }>(
      'GET',
      '/api/audit?limit=20',
    );
    const actions = audit.body.data.map((entry) => `${entry.actor} ${entry.action}`);
    expect(actions).toContain(`user:${userId} (aiko@acme.example) sign in`);
    expect(actions).toContain(`user:${userId} (aiko@acme.example) create`);
    expect(JSON.stringify(audit.body.data)).not.toContain('correct horse battery');

    const out = await send('POST', '/api/auth/logout', { cookie: session.cookie, csrf: session.csrf });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^pacer_session=; Max-Age=0/);
    expect((await send('GET', '/api/accounts', { cookie: session.cookie })).status).toBe(401);
  });

  it('gives the same answer to a wrong email and a wrong password, slows repeated failures, then locks', async () => {
    await makeUser('ben@acme.example', 'viewer');
    const unknown = await signIn('nobody@acme.example', 'correct horse battery');
    const wrong = await signIn('ben@acme.example', 'wrong password!');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    // Three failures in a row are free; the fourth attempt at once must wait 1 s (2^0), right password or not.
    await signIn('ben@acme.example', 'wrong password!');
    await signIn('ben@acme.example', 'wrong password!');
    const waiting = await signIn('ben@acme.example', 'correct horse battery');
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await signIn('ben@acme.example', 'correct horse battery')).status).toBe(200);

    // Seven failures already, the last long ago: the eighth locks the person out for 15 minutes.
    await server.database.db
      .updateTable('team_users')
      .set({ failed_sign_ins: 7, last_failed_sign_in_at: new Date(Date.now() - 3_600_000) })
      .where('email', '=', 'ben@acme.example')
      .execute();
    expect((await signIn('ben@acme.example', 'wrong password!')).status).toBe(401);
    const locked = await signIn('ben@acme.example', 'correct horse battery');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(890);
    expect(locked.body.message).toMatch(/locked .* try again in 15 minutes/);
  });

  it('ends sessions on sign-out everywhere, a new password, disabling, and when they lapse', async () => {
    const userId = await makeUser('chloe@acme.example', 'csm');
    const laptop = await signIn('chloe@acme.example', 'correct horse battery');
    const phone = await signIn('chloe@acme.example', 'correct horse battery');
    const everywhere = await send('POST', '/api/auth/logout-everywhere', { cookie: phone.cookie, csrf: phone.csrf });
    expect(everywhere.body).toEqual({ sessionsEnded: 2 });
    expect((await send('GET', '/api/auth/me', { cookie: laptop.cookie })).status).toBe(401);

    const again = await signIn('chloe@acme.example', 'correct horse battery');
    expect((await server.call('PATCH', `/api/users/${userId}`, { password: 'a brand new secret' })).status).toBe(200);
    expect((await send('GET', '/api/auth/me', { cookie: again.cookie })).status).toBe(401);
    expect((await signIn('chloe@acme.example', 'correct horse battery')).status).toBe(401);
    const fresh = await signIn('chloe@acme.example', 'a brand new secret');
    expect(fresh.status).toBe(200);

    expect((await server.call('PATCH', `/api/users/${userId}`, { disabled: true })).status).toBe(200);
    expect((await send('GET', '/api/auth/me', { cookie: fresh.cookie })).status).toBe(401);
    expect((await signIn('chloe@acme.example', 'a brand new secret')).status).toBe(401);
    expect((await server.call('PATCH', `/api/users/${userId}`, { disabled: false })).status).toBe(200);

    const lapsing = await signIn('chloe@acme.example', 'a brand new secret');
    expect((await send('GET', '/api/auth/me', { cookie: lapsing.cookie })).status).toBe(200);
    // Unused for longer than the idle limit (12 hours by default).
    await server.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 13 * 3_600_000) })
      .where('user_id', '=', userId)
      .execute();
    expect((await send('GET', '/api/auth/me', { cookie: lapsing.cookie })).status).toBe(401);
  });

  it("lets a CSM change their own accounts, notes on any, and nobody else's", async () => {
    const kenji = await makeUser('kenji@acme.example', 'csm');
    const other = await makeUser('mei@acme.example', 'csm');
    const mine = await server.call<{ id: string }>('POST', '/api/accounts', { name: 'Kenji’s', ownerId: kenji });
    const theirs = await server.call<{ id: string }>('POST', '/api/accounts', { name: 'Mei’s', ownerId: other });
    const session = await signIn('kenji@acme.example', 'correct horse battery');
    const as = { cookie: session.cookie, csrf: session.csrf };

    expect((await send('PATCH', `/api/accounts/${mine.body.id}`, { ...as, body: { plan: 'Pro' } })).status).toBe(200);
    const blocked = await send('PATCH', `/api/accounts/${theirs.body.id}`, { ...as, body: { plan: 'Pro' } });
    expect(blocked.status).toBe(403);
    expect(blocked.body.message).toBe(
      `a CSM may change only the accounts they own; account ${theirs.body.id} is not yours`,
    );
    const contact = await send('POST', '/api/contacts', { ...as, body: { accountId: theirs.body.id, name: 'Sneaky' } });
    expect(contact.status).toBe(403);
    // Handing their own account to someone else is not theirs to do either.
    const handOff = await send('PATCH', `/api/accounts/${mine.body.id}`, { ...as, body: { ownerId: other } });
    expect(handOff.status).toBe(403);
    const note = await send('POST', '/api/notes', {
      ...as,
      body: { accountId: theirs.body.id, author: 'Kenji', body: 'Met their CFO' },
    });
    expect(note.status).toBe(201);
    // Reads are for everyone signed in.
    expect((await send('GET', `/api/accounts/${theirs.body.id}`, { cookie: session.cookie })).status).toBe(200);
    // Nothing of the refused changes stayed.
    const after = await server.call<{ plan: string | null; ownerId: string }>('GET', `/api/accounts/${theirs.body.id}`);
    expect(after.body.plan).toBeNull();
  });

  it('refuses a malformed Authorization header instead of reading it as none', async () => {
    for (const header of ['Bearer', 'Token abc', 'Basic', 'garbage']) {
      const answer = await server.call('GET', '/api/openapi.json', undefined, { authorization: header });
      expect(answer.status).toBe(401);
    }
  });
});
