import { sql } from 'kysely';
import { z } from 'zod';
import { accountResource } from '../accounts/account.resource.js';
import type { Executor } from '../db/executor.js';
import { fieldError } from '../server/http-error.js';
import { textProblem } from '../server/read-json.js';
import { loadRow } from '../server/resource.js';
import { defineRoute } from '../server/route.js';
import { addDays, daysBetween, today } from '../shared/calendar.js';
import { isoDate, parseInstant } from '../shared/fields.js';
import { summariseUsage, type UserDay, weekStart } from './usage-metrics.js';
import { readUsageSettings, usageSettingsSchema, writeUsageSettings } from './usage-settings.js';

const MAX_SERIES_DAYS = 731;

async function accountSeats(db: Executor, accountId: string, asOf: string): Promise<number | null> {
  const { rows } = await sql<{ seats: number | null }>`
    select sum(seats)::int as seats from subscriptions
    where account_id = ${accountId} and status in ('active', 'trial') and start_date <= ${asOf}
      and (end_date is null or end_date >= ${asOf})`.execute(db);
  return rows[0]?.seats ?? null;
}

const usageQuery = z.strictObject({
  from: isoDate().optional().describe('First day (UTC) of the series; default 90 days before `to`.'),
  to: isoDate().optional().describe('Last day of the series and the as-of day of the summary; default today.'),
  granularity: z.enum(['day', 'week']).optional().describe('day (default) or week (ISO weeks, starting Monday).'),
});

const eventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().optional(),
  name: z.string().optional(),
});

const accountUsage = z
  .object({
    accountId: z.uuid(),
    from: z.string(),
    to: z.string(),
    granularity: z.enum(['day', 'week']),
    series: z.array(
      z.object({
        period: z.string().describe('The day, or the Monday of the week.'),
        events: z.record(z.string(), z.number()),
        totalEvents: z.number(),
        activeUsers: z.number(),
        keyFeaturesUsed: z.number().describe('How many of the configured key features were used in the period.'),
      }),
    ),
    summary: z.object({
      asOf: z.string(),
      dau: z.number(),
      wau: z.number(),
      mau: z.number(),
      stickiness: z.number().nullable(),
      seats: z.number().nullable(),
      licenceUtilisation: z.number().nullable(),
      breadth: z.object({ used: z.array(z.string()), configured: z.array(z.string()), share: z.number().nullable() }),
      lastActiveDay: z.string().nullable(),
      daysSinceLastActive: z.number().nullable(),
      eventsWeekOverWeek: z.number().nullable(),
      activeUsersWeekOverWeek: z.number().nullable(),
    }),
  })
  .meta({ id: 'AccountUsage' });

export const usageRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/usage/status',
    access: 'viewer',
    tag: 'Usage',
    summary: 'How far ingestion has got: events in the rollups, counts still queued, events waiting for their account',
    response: z.object({ rolledUpEvents: z.number(), queuedCounts: z.number(), unattachedEvents: z.number() }),
    async handler({ db }) {
      const { rows } = await sql<{ rolled: number; queued: number; unattached: number }>`
        select (select coalesce(sum(events), 0) from usage_daily)::bigint as rolled,
          (select count(*) from usage_pending)::bigint as queued,
          (select count(*) from unattached_events)::bigint as unattached`.execute(db);
      const row = rows[0];
      return {
        body: {
          rolledUpEvents: Number(row?.rolled ?? 0),
          queuedCounts: Number(row?.queued ?? 0),
          unattachedEvents: Number(row?.unattached ?? 0),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/usage',
    access: 'viewer',
    tag: 'Usage',
    summary: "An account's usage by day or week, and its DAU/WAU/MAU, stickiness, licence use, breadth and trend",
    params: z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) }),
    query: usageQuery,
    response: accountUsage,
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      const to = query.to ?? today();
      const from = query.from ?? addDays(to, -89);
      if (from > to) throw fieldError('query.from', `must not be after to (${to})`);
      if (daysBetween(from, to) > MAX_SERIES_DAYS)
        throw fieldError('query.from', `the range may span at most ${MAX_SERIES_DAYS} days`);
      const granularity = query.granularity ?? 'day';
      // The summary needs the 30 days ending at `to`, even when the series starts later.
      const windowStart = [addDays(to, -29), from].sort()[0] as string;
      // The accounts' rollup first: a flush adds to both rollups in one statement, so what it shows is then in the
      // users' rollup read next (read the other way round, a flush between the two showed events without users).
      const { rows: accountDays } = await sql<{ day: string; event_name: string; events: number }>`
        select day, event_name, events from usage_daily
        where account_id = ${params.id} and day between ${from} and ${to}`.execute(db);
      const { rows } = await sql<{ day: string; user_id: string; event_name: string; events: number }>`
        select day, user_id, event_name, events from usage_user_daily
        where account_id = ${params.id} and day between ${windowStart} and ${to}`.execute(db);
      const { rows: last } = await sql<{ day: string | null }>`
        select max(day) as day from usage_daily where account_id = ${params.id} and day <= ${to}`.execute(db);
      const settings = await readUsageSettings(db);
      const userDays: UserDay[] = rows.map((r) => ({
        day: r.day,
        userId: r.user_id,
        eventName: r.event_name,
        events: r.events,
      }));

      const periodOf = (day: string) => (granularity === 'week' ? weekStart(day) : day);
      const series = new Map<string, { events: Record<string, number>; users: Set<string> }>();
      for (let day = from; day <= to; day = addDays(day, 1)) {
        if (!series.has(periodOf(day))) series.set(periodOf(day), { events: {}, users: new Set() });
      }
      for (const row of accountDays) {
        const bucket = series.get(periodOf(row.day));
        if (bucket) bucket.events[row.event_name] = (bucket.events[row.event_name] ?? 0) + row.events;
      }
      for (const row of userDays) {
        if (row.day >= from) series.get(periodOf(row.day))?.users.add(row.userId);
      }
      return {
        body: {
          accountId: params.id,
          from,
          to,
          granularity,
          series: [...series.entries()].map(([period, bucket]) => ({
            period,
            events: bucket.events,
            totalEvents: Object.values(bucket.events).reduce((sum, n) => sum + n, 0),
            activeUsers: bucket.users.size,
            keyFeaturesUsed: settings.keyFeatures.filter((feature) => (bucket.events[feature] ?? 0) > 0).length,
          })),
          summary: summariseUsage({
            asOf: to,
            userDays,
            lastActiveDay: last[0]?.day ?? null,
            seats: await accountSeats(db, params.id, to),
            keyFeatures: settings.keyFeatures,
          }),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/usage/users',
    access: 'viewer',
    tag: 'Usage',
    summary: 'Each user of an account: last active day, days since, and events in the last 30 days',
    params: z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) }),
    query: z.strictObject({ asOf: isoDate().optional() }),
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      const asOf = query.asOf ?? today();
      const { rows } = await sql<{ user_id: string; last_day: string; events_30d: number }>`
        select user_id, max(day) as last_day,
          coalesce(sum(events) filter (where day > ${asOf}::date - 30), 0)::bigint as events_30d
        from usage_user_daily where account_id = ${params.id} and day <= ${asOf}
        group by user_id order by max(day) desc, user_id limit 1000`.execute(db);
      return {
        body: {
          asOf,
          users: rows.map((row) => ({
            userId: row.user_id,
            lastActiveDay: row.last_day,
            daysSinceLastActive: daysBetween(row.last_day, asOf),
            eventsLast30Days: Number(row.events_30d),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/accounts/:id/events',
    access: 'viewer',
    tag: 'Usage',
    summary: "An account's raw events, newest first, paginated by cursor (kept for the retention period)",
    params: z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) }),
    query: eventsQuery,
    async handler({ db, params, query }) {
      await loadRow(db, accountResource, params.id);
      const limit = query.limit ?? 100;
      let after: [string, string] | undefined;
      if (query.cursor) {
        let decoded: unknown;
        try {
          decoded = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
        } catch {
          decoded = undefined;
        }
        // Anyone can send a cursor: [an instant, a message id] as nextCursor writes it, or refused by name.
        const [time, messageId] = Array.isArray(decoded) && decoded.length === 2 ? decoded : [];
        if (
          typeof time !== 'string' ||
          parseInstant(time) === undefined ||
          typeof messageId !== 'string' ||
          textProblem(messageId) !== undefined
        ) {
          throw fieldError('query.cursor', 'is not a cursor this API returned');
        }
        after = [time, messageId];
      }
      const { rows } = await sql<{
        message_id: string;
        user_id: string | null;
        type: string;
        name: string;
        occurred_at: Date;
        received_at: Date;
        count: number;
        properties: Record<string, unknown> | null;
      }>`select message_id, user_id, type, name, occurred_at, received_at, count, properties from events
        where account_id = ${params.id}
          ${query.name ? sql`and name = ${query.name}` : sql``}
          ${after ? sql`and (occurred_at, message_id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
        order by occurred_at desc, message_id desc limit ${limit + 1}`.execute(db);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        body: {
          data: page.map((row) => ({
            messageId: row.message_id,
            userId: row.user_id,
            type: row.type,
            name: row.name,
            occurredAt: row.occurred_at.toISOString(),
            receivedAt: row.received_at.toISOString(),
            count: row.count,
            properties: row.properties,
          })),
          nextCursor:
            rows.length > limit && last
              ? Buffer.from(JSON.stringify([last.occurred_at.toISOString(), last.message_id])).toString('base64url')
              : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/settings/usage',
    access: 'viewer',
    tag: 'Usage',
    summary: 'Key features and raw-event retention',
    response: usageSettingsSchema,
    async handler({ db }) {
      return { body: await readUsageSettings(db) };
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/settings/usage',
    access: 'leader',
    tag: 'Usage',
    summary: 'Set the key features and raw-event retention',
    body: usageSettingsSchema,
    response: usageSettingsSchema,
    async handler({ db, body, audit }) {
      await writeUsageSettings(db, body);
      audit({ action: 'update', entity: 'settings', changes: { usage: body } });
      return { body };
    },
  }),
];
