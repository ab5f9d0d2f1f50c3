// The account timeline on one very busy account (5,000 notes, 1,000 tickets, 1,000 survey answers, two years of
// daily health snapshots changing colour weekly): the first page, a page ~4,000 items deep, and one kind only.
// Embedded engine by default; DATABASE_URL=postgres://… for a server (an empty database: this migrates it).
// npm run bench:timeline
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { decodeTimelineCursor, readTimeline, timelineKinds } from '../src/accounts/account-timeline.js';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { isoDay } from '../src/shared/calendar.js';

const db = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {});
await migrate(db);
const id = uuidv7();
await sql`insert into accounts (id, name) values (${id}, 'Bench')`.execute(db.db);
// 5,000 notes, 1,000 tickets, 1,000 survey answers, 2 years of daily snapshots alternating colour weekly.
await sql`insert into notes (account_id, id, author, body, occurred_at)
  select ${id}, gen_random_uuid(), 'x', 'note ' || g, now() - (g || ' hours')::interval from generate_series(1, 5000) g`.execute(
  db.db,
);
await sql`insert into tickets (account_id, id, subject, opened_at)
  select ${id}, gen_random_uuid(), 't' || g, now() - (g * 7 || ' hours')::interval from generate_series(1, 1000) g`.execute(
  db.db,
);
await sql`insert into survey_responses (account_id, id, kind, score, answered_at)
  select ${id}, gen_random_uuid(), 'nps', 5, now() - (g * 9 || ' hours')::interval from generate_series(1, 1000) g`.execute(
  db.db,
);
await sql`insert into health_scores (account_id, as_of, scorecard, scorecard_version, score, color, computed_color, inputs)
  select ${id}, current_date - g, 'default', 1, 50, case when (g / 7) % 2 = 0 then 'red' else 'green' end, 'red', '{"values":{},"overrides":[]}'
  from generate_series(1, 730) g`.execute(db.db);
const time = async (label: string, run: () => Promise<unknown>) => {
  const runs: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    await run();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(label, 'median ms', runs[10]?.toFixed(1), 'max', runs[20]?.toFixed(1));
};
const today = isoDay(new Date());
await time('first page of 50', () => readTimeline(db.db, id, { kinds: timelineKinds, limit: 50, today }));
let page = await readTimeline(db.db, id, { kinds: timelineKinds, limit: 200, today });
for (let i = 0; i < 20 && page.nextBefore; i++)
  page = await readTimeline(db.db, id, {
    kinds: timelineKinds,
    limit: 200,
    today,
    before: decodeTimelineCursor(page.nextBefore),
  });
const deep = page.nextBefore ? decodeTimelineCursor(page.nextBefore) : undefined;
await time('page of 50 after ~4,000 items', () =>
  readTimeline(db.db, id, { kinds: timelineKinds, limit: 50, today, before: deep }),
);
await time('notes only, first page', () => readTimeline(db.db, id, { kinds: ['note'], limit: 50, today }));
await db.close();
