import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/auth/sessions.js';
import { refreshPortfolioRows } from '../src/portfolio/refresh-portfolio-rows.js';
import { addDays, today } from '../src/shared/calendar.js';
import { upsertTask } from '../src/tasks/upsert-task.js';
import { createTeamUser } from '../src/team/team-users.js';
import { testEngines } from './support/engines.js';
import { startTestServer, type TestServer } from './support/test-server.js';

// Tasks and My day over the API, as two CSMs and a leader signed in with the web app's cookie.

interface Task {
  id: string;
  title: string;
  accountId: string;
  assigneeId: string | null;
  priority: string;
  dueDate: string | null;
  reason: string;
  status: string;
  snoozedUntil: string | null;
  completedAt: string | null;
  completedBy: string | null;
  checklist: { text: string; done: boolean }[];
  rank: { position: number; score: number; churnRisk: number; mrr: number; urgency: number; overdue: boolean };
}
interface ErrorBody {
  error: string;
  issues: { field: string; message: string }[];
}

describe.each(testEngines())('tasks over the API on $engine', ({ open }) => {
  let server: TestServer;
  const day = today();
  const ids = { aiko: '', ben: '', lead: '' };
  const headers: Record<string, Record<string, string>> = {};
  const accounts = { one: uuidv7(), two: uuidv7(), three: uuidv7(), bens: uuidv7() };
  const as = <T>(who: keyof typeof ids, method: string, path: string, body?: unknown) =>
    server.call<T>(method, path, body, headers[who]);

  beforeAll(async () => {
    server = await startTestServer(await open());
    const db = server.database.db;
    for (const [who, role] of [
      ['aiko', 'csm'],
      ['ben', 'csm'],
      ['lead', 'leader'],
    ] as const) {
      const user = await createTeamUser(
        db,
        { email: `${who}@example.com`, name: who, role, password: 'a long test password' },
        'test',
      );
      ids[who] = user.id;
      const session = await createSession(db, user.id, 'test');
      headers[who] = { authorization: '', cookie: `pacer_session=${session.token}`, 'x-csrf-token': session.csrfToken };
    }
    const owners = { one: ids.aiko, two: ids.aiko, three: ids.aiko, bens: ids.ben };
    for (const [key, id] of Object.entries(accounts)) {
      await sql`insert into accounts (id, name, owner_id) values (${id}, ${`Account ${key}`}, ${owners[key as keyof typeof owners]})`.execute(
        db,
      );
    }
    await sql`insert into settings (key, value) values ('workspace', ${JSON.stringify({ reportingCurrency: 'USD' })}::jsonb)
      on conflict (key) do update set value = excluded.value`.execute(db);
    await refreshPortfolioRows(db, day);
    // The fixture's risk and MRR, written straight into the portfolio (as scoring and billing would leave them):
    // one 50% × 1,000 USD, two 20% × 5,000 USD, three 90% × 200 USD.
    for (const [id, risk, mrrMinor] of [
      [accounts.one, 0.5, 100_000],
      [accounts.two, 0.2, 500_000],
      [accounts.three, 0.9, 20_000],
    ] as const) {
      await sql`update portfolio_rows set churn_risk = ${risk}, mrr_minor = ${mrrMinor}, currency = 'USD',
        money_currency = 'USD', mrr_group = 0 where account_id = ${id}`.execute(db);
    }
  });
  afterAll(() => server.close());

  const myDay = async (who: keyof typeof ids, query = '') =>
    (await as<{ data: Task[] }>(who, 'GET', `/api/tasks${query}`)).body.data;

  it("ranks a CSM's day: overdue first, then churn risk × MRR × urgency of the due date", async () => {
    const make = async (title: string, accountId: string, dueDate: string | null) => {
      const made = await as<{ task: Task }>('aiko', 'POST', '/api/tasks', { accountId, title, dueDate });
      expect(made.status).toBe(201);
      return made.body.task;
    };
    await make('week', accounts.one, addDays(day, 7));
    await make('today', accounts.two, day);
    await make('late', accounts.three, addDays(day, -1));
    await make('undated', accounts.one, null);
    await make('fortnight', accounts.two, addDays(day, 14));
    // Worked by hand (urgency: 1 due today or before, 7 / (7 + days) later, 0.25 undated):
    //   late      overdue: 0.9 × 200 × 1 = 180, first because it is overdue
    //   today     0.2 × 5000 × 1 = 1000
    //   fortnight 0.2 × 5000 × 7/21 = 333.33
    //   week      0.5 × 1000 × 7/14 = 250
    //   undated   0.5 × 1000 × 0.25 = 125
    const listed = await myDay('aiko');
    expect(listed.map((task) => task.title)).toEqual(['late', 'today', 'fortnight', 'week', 'undated']);
    expect(listed.map((task) => task.rank.score)).toEqual([180, 1000, expect.closeTo(333.333, 2), 250, 125]);
    expect(listed[0]?.rank).toMatchObject({ overdue: true, churnRisk: 0.9, mrr: 200, urgency: 1, position: 1 });
    // The leader's own day is empty; Ben's too.
    expect(await myDay('lead')).toEqual([]);
    expect(await myDay('ben')).toEqual([]);
  });

  it('updates the open task with the same account, playbook and key instead of adding one', async () => {
    const playbook = { playbookId: uuidv7(), playbookVersion: 3 };
    const first = await as<{ task: Task; created: boolean }>('aiko', 'POST', '/api/tasks', {
      accountId: accounts.three,
      title: 'Call about health',
      reason: 'Health turned red on 2026-12-01',
      dedupeKey: 'health-red',
      priority: 'normal',
      ...playbook,
    });
    expect(first.status).toBe(201);
    const again = await as<{ task: Task; created: boolean }>('aiko', 'POST', '/api/tasks', {
      accountId: accounts.three,
      title: 'Call about health',
      reason: 'Health still red on 2026-12-05',
      dedupeKey: 'health-red',
      priority: 'urgent',
      dueDate: addDays(day, 2),
      ...playbook,
    });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.task).toMatchObject({
      id: first.body.task.id,
      priority: 'urgent',
      reason: 'Health still red on 2026-12-05',
      dueDate: addDays(day, 2),
    });
    const same = (await myDay('aiko', `?accountId=${accounts.three}`)).filter((t) => t.title === 'Call about health');
    expect(same).toHaveLength(1);
    // The same key from another playbook is another task; once the first is done, the key makes a new one.
    const other = await as<{ created: boolean }>('aiko', 'POST', '/api/tasks', {
      accountId: accounts.three,
      title: 'Call about health',
      dedupeKey: 'health-red',
      playbookId: uuidv7(),
      playbookVersion: 1,
    });
    expect(other.body.created).toBe(true);
    await as('aiko', 'PATCH', `/api/tasks/${first.body.task.id}`, { status: 'done' });
    const after = await as<{ task: Task; created: boolean }>('aiko', 'POST', '/api/tasks', {
      accountId: accounts.three,
      title: 'Call about health',
      dedupeKey: 'health-red',
      ...playbook,
    });
    expect(after.body.created).toBe(true);
    expect(after.body.task.id).not.toBe(first.body.task.id);
    // upsertTask, as the playbook engine will call it, merges the same way.
    const merged = await upsertTask(
      server.database.db,
      {
        accountId: accounts.three,
        title: 'Call about health',
        assigneeId: ids.aiko,
        priority: 'high',
        reason: 'Health red for a week',
        playbook: { id: playbook.playbookId, version: 3 },
        dedupeKey: 'health-red',
      },
      'playbook run',
    );
    expect(merged).toEqual({ id: after.body.task.id, created: false });
  });

  it('hides a snoozed task until its day, then shows it again; completes and reopens', async () => {
    const week = (await myDay('aiko')).find((task) => task.title === 'week') as Task;
    const snoozed = await as<{ task: Task }>('aiko', 'PATCH', `/api/tasks/${week.id}`, {
      snoozedUntil: addDays(day, 3),
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.task).toMatchObject({ status: 'snoozed', snoozedUntil: addDays(day, 3) });
    expect((await myDay('aiko')).map((task) => task.id)).not.toContain(week.id);
    expect((await myDay('aiko', '?status=snoozed')).map((task) => task.id)).toEqual([week.id]);
    // Three days on: the snooze has ended (moved to today here rather than waiting), and it is back.
    await sql`update tasks set snoozed_until = ${day} where id = ${week.id}`.execute(server.database.db);
    expect((await myDay('aiko')).map((task) => task.id)).toContain(week.id);

    const todays = (await myDay('aiko')).find((task) => task.title === 'today') as Task;
    const done = await as<{ task: Task }>('aiko', 'PATCH', `/api/tasks/${todays.id}`, { status: 'done' });
    expect(done.body.task.status).toBe('done');
    expect(done.body.task.completedBy).toContain('aiko@example.com');
    expect(done.body.task.completedAt).not.toBeNull();
    expect((await myDay('aiko')).map((task) => task.id)).not.toContain(todays.id);
    expect((await myDay('aiko', '?status=done')).map((task) => task.id)).toContain(todays.id);
    const reopened = await as<{ task: Task }>('aiko', 'PATCH', `/api/tasks/${todays.id}`, { status: 'open' });
    expect(reopened.body.task).toMatchObject({ status: 'open', completedAt: null, completedBy: null });

    const ticked = await as<{ task: Task }>('aiko', 'PATCH', `/api/tasks/${todays.id}`, {
      checklist: [
        { text: 'Read the notes', done: true },
        { text: 'Call', done: false },
      ],
    });
    expect(ticked.body.task.checklist).toEqual([
      { text: 'Read the notes', done: true },
      { text: 'Call', done: false },
    ]);
  });

  it("reassigns to another CSM; a CSM is refused on another CSM's account and allowed on their own", async () => {
    const undated = (await myDay('aiko')).find((task) => task.title === 'undated') as Task;
    const handed = await as<{ task: Task }>('aiko', 'PATCH', `/api/tasks/${undated.id}`, { assigneeId: ids.ben });
    expect(handed.status).toBe(200);
    expect((await myDay('aiko')).map((task) => task.id)).not.toContain(undated.id);
    expect((await myDay('ben')).map((task) => task.id)).toEqual([undated.id]);
    // Ben may work a task given to him, though the account is Aiko's…
    expect((await as('ben', 'PATCH', `/api/tasks/${undated.id}`, { priority: 'high' })).status).toBe(200);
    // …but not Aiko's own tasks, nor make tasks on her accounts.
    const aikos = (await myDay('aiko'))[0] as Task;
    const refused = await as<ErrorBody>('ben', 'PATCH', `/api/tasks/${aikos.id}`, { status: 'done' });
    expect(refused.status).toBe(403);
    const refusedMake = await as('ben', 'POST', '/api/tasks', { accountId: accounts.one, title: 'Mine now' });
    expect(refusedMake.status).toBe(403);
    const own = await as<{ task: Task }>('ben', 'POST', '/api/tasks', { accountId: accounts.bens, title: 'QBR' });
    expect(own.status).toBe(201);
    expect(own.body.task.assigneeId).toBe(ids.ben);
    // A leader makes tasks anywhere, for anyone, or for a pool.
    const pooled = await as<{ task: Task }>('lead', 'POST', '/api/tasks', {
      accountId: accounts.one,
      title: 'Onboarding kickoff',
      assigneeId: null,
      pool: 'onboarding',
    });
    expect(pooled.status).toBe(201);
    expect((await myDay('lead', '?assignee=none')).map((task) => task.id)).toEqual([pooled.body.task.id]);
  });

  it('refuses bad input naming the field', async () => {
    const fields = async (method: string, path: string, body: unknown) => {
      const answer = await as<ErrorBody>('lead', method, path, body);
      expect(answer.status).toBe(400);
      return answer.body.issues.map((issue) => issue.field).sort();
    };
    expect(
      await fields('POST', '/api/tasks', { accountId: 'nope', title: ' ', priority: 'asap', dueDate: '12/01/2026' }),
    ).toEqual(['accountId', 'dueDate', 'priority', 'title']);
    expect(await fields('POST', '/api/tasks', { accountId: uuidv7(), title: 'x' })).toEqual(['accountId']);
    expect(await fields('POST', '/api/tasks', { accountId: accounts.one, title: 'x', assigneeId: null })).toEqual([
      'pool',
    ]);
    expect(
      await fields('POST', '/api/tasks', { accountId: accounts.one, title: 'x', checklist: [{ text: '', done: 1 }] }),
    ).toEqual(['checklist.0.done', 'checklist.0.text']);
    const task = (await myDay('aiko'))[0] as Task;
    expect(await fields('PATCH', `/api/tasks/${task.id}`, { snoozedUntil: day })).toEqual(['snoozedUntil']);
    expect(await fields('PATCH', `/api/tasks/${task.id}`, { status: 'snoozed' })).toEqual(['status']);
    expect(await fields('PATCH', `/api/tasks/${task.id}`, { assigneeId: uuidv7() })).toEqual(['assigneeId']);
    expect(await fields('GET', '/api/tasks?assignee=someone', undefined)).toEqual(['query.assignee']);
    expect((await as('lead', 'PATCH', `/api/tasks/${uuidv7()}`, { status: 'done' })).status).toBe(404);
  });

  it('audits every change with who made it', async () => {
    const todays = (await myDay('aiko')).find((task) => task.title === 'today') as Task;
    const audit = await server.call<{ data: { action: string; actor: string; changes: Record<string, unknown> }[] }>(
      'GET',
      `/api/audit?entity=task&entityId=${todays.id}`,
    );
    // Newest first: the checklist edit, reopened, completed, made.
    expect(audit.body.data.map((entry) => entry.action)).toEqual(['update', 'reopen', 'complete', 'create']);
    expect(audit.body.data.every((entry) => entry.actor.includes('aiko@example.com'))).toBe(true);
    expect(audit.body.data[2]?.changes).toEqual({
      before: { status: 'open', snoozed_until: null },
      after: { status: 'done', snoozed_until: null },
    });
  });
});
