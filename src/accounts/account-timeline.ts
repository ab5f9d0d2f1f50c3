import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { textProblem } from '../server/read-json.js';
import { parseInstant } from '../shared/fields.js';
import { toDecimalText } from '../shared/money.js';

// One account's history as one list, newest first: notes, survey answers, tickets, subscription changes, lifecycle
// changes (account_states) and health colour changes (health_scores). One SELECT per kind, joined by UNION ALL and
// paged by the key (at, kind, id), so a page after a cursor is one indexed read however long the history is.
// Items carry their facts, not sentences: the web writes them in the reader's language.

export const timelineKinds = ['note', 'survey', 'ticket', 'subscription', 'lifecycle', 'score'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

type Colour = 'red' | 'yellow' | 'green';

interface ItemBase {
  /** Unique within its kind for the account; with `at` and `kind`, the item's place in the order. */
  id: string;
  /** When it happened (ISO instant); a day-dated fact (a subscription's start, a day's score) is that day's 00:00 UTC. */
  at: string;
  /** True when only the day is known (`at` is its start): show the date, not a time. */
  allDay: boolean;
  /** Who did it, where Pacer knows (a note's author). */
  actor: string | null;
}

export type TimelineItem =
  | (ItemBase & {
      kind: 'note';
      body: string;
      sentiment: number | null;
      tags: string[];
      contact: string | null;
    })
  | (ItemBase & {
      kind: 'survey';
      survey: 'nps' | 'csat' | 'ces';
      score: number;
      comment: string | null;
      contact: string | null;
    })
  | (ItemBase & {
      kind: 'ticket';
      subject: string | null;
      priority: string;
      status: string;
      closedAt: string | null;
    })
  | (ItemBase & {
      kind: 'subscription';
      change: 'started' | 'cancelled' | 'ended';
      subscriptionId: string;
      plan: string | null;
      mrr: { amount: string; currency: string };
      seats: number | null;
      billingPeriod: string;
      cancelReason: string | null;
    })
  | (ItemBase & { kind: 'lifecycle'; from: string | null; to: string })
  | (ItemBase & {
      kind: 'score';
      from: Colour | null;
      to: Colour | null;
      score: number | null;
      previousScore: number | null;
    });

interface Row {
  kind: TimelineKind;
  at: Date;
  id: string;
  all_day: boolean;
  actor: string | null;
  data: Record<string, unknown>;
}

const utcDay = (column: string) => sql.raw(`(${column})::timestamp at time zone 'UTC'`);

/** The SELECT of one kind: (kind, at, id, all_day, actor, data), the account's rows only. */
function selectKind(kind: TimelineKind, accountId: string, today: string): RawBuilder<Row> {
  switch (kind) {
    case 'note':
      return sql`select 'note'::text as kind, n.occurred_at as at, n.id::text as id, false as all_day,
          n.author as actor,
          jsonb_build_object('body', n.body, 'sentiment', n.sentiment, 'tags', to_jsonb(n.tags),
            'contact', coalesce(c.name, c.email, c.external_id)) as data
        from notes n left join contacts c on c.account_id = n.account_id and c.id = n.contact_id
        where n.account_id = ${accountId}`;
    case 'survey':
      return sql`select 'survey'::text, s.answered_at, s.id::text, false, null::text,
          jsonb_build_object('survey', s.kind, 'score', s.score, 'comment', s.comment,
            'contact', coalesce(c.name, c.email, c.external_id))
        from survey_responses s left join contacts c on c.account_id = s.account_id and c.id = s.contact_id
        where s.account_id = ${accountId}`;
    case 'ticket':
      return sql`select 'ticket'::text, t.opened_at, t.id::text, false, null::text,
          jsonb_build_object('subject', t.subject, 'priority', t.priority, 'status', t.status,
            'closedAt', t.closed_at)
        from tickets t where t.account_id = ${accountId}`;
    case 'subscription': {
      // Subscriptions keep no history of their own: what is known is when each started, was cancelled and ended.
      // A start or end after today is a plan, not a change yet.
      const fields = sql`'subscriptionId', s.id, 'plan', s.plan, 'mrrMinor', s.mrr_minor::text, 'currency', s.currency,
        'seats', s.seats, 'billingPeriod', s.billing_period, 'cancelReason', s.cancel_reason`;
      return sql`select 'subscription'::text, c.at, s.id::text || ':' || c.change, c.all_day, null::text,
          jsonb_build_object('change', c.change, ${fields})
        from subscriptions s
        cross join lateral (values
          ('started', ${utcDay('s.start_date')}, true, s.start_date <= ${today}::date),
          ('cancelled', s.cancelled_at, false, s.cancelled_at is not null),
          ('ended', ${utcDay('s.end_date')}, true, s.end_date is not null and s.end_date <= ${today}::date)
        ) as c(change, at, all_day, happened)
        where s.account_id = ${accountId} and c.happened`;
    }
    case 'lifecycle':
      // The account's fields are kept whole at every change; a lifecycle change is a row whose stage differs from
      // the row before it (the first row is the stage the account began in).
      return sql`select 'lifecycle'::text, h.valid_from, to_char(h.valid_from at time zone 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.US'), false, null::text,
          jsonb_build_object('from', h.previous, 'to', h.lifecycle_stage)
        from (select valid_from, lifecycle_stage,
            lag(lifecycle_stage) over (order by valid_from) as previous
          from account_states where account_id = ${accountId}) h
        where h.previous is distinct from h.lifecycle_stage`;
    case 'score':
      // One snapshot per day; a change is a day whose colour differs from the snapshot before (the first scored
      // day counts: from no colour to its colour).
      return sql`select 'score'::text, ${utcDay('h.as_of')}, h.as_of::text, true, null::text,
          jsonb_build_object('from', h.previous, 'to', h.color, 'score', h.score, 'previousScore', h.previous_score)
        from (select as_of, color, score,
            lag(color) over (order by as_of) as previous,
            lag(score) over (order by as_of) as previous_score,
            row_number() over (order by as_of) as n
          from health_scores where account_id = ${accountId}) h
        where h.n = 1 or h.previous is distinct from h.color`;
  }
}

/** Where a page starts: strictly before this key (the last item of the previous page). */
export interface TimelineCursor {
  at: string;
  kind: TimelineKind;
  id: string;
}

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.kind, cursor.id])).toString('base64url');
}

/** The cursor a page returned, or undefined for anything else (the route names the field). */
export function decodeTimelineCursor(text: string): TimelineCursor | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return undefined;
  const [at, kind, id] = decoded as unknown[];
  // Anyone can send a cursor: an instant the database takes (years 1–9999), a kind, and text it can store.
  if (typeof at !== 'string' || parseInstant(at) === undefined) return undefined;
  if (typeof kind !== 'string' || !(timelineKinds as readonly string[]).includes(kind)) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || textProblem(id) !== undefined) return undefined;
  return { at, kind: kind as TimelineKind, id };
}

function itemOf(row: Row): TimelineItem {
  const base = { id: row.id, at: row.at.toISOString(), allDay: row.all_day, actor: row.actor };
  const d = row.data;
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null);
  const numOrNull = (key: string) => (typeof d[key] === 'number' ? (d[key] as number) : null);
  switch (row.kind) {
    case 'note':
      return {
        ...base,
        kind: 'note',
        body: str('body') ?? '',
        sentiment: numOrNull('sentiment'),
        tags: Array.isArray(d.tags) ? (d.tags as string[]) : [],
        contact: str('contact'),
      };
    case 'survey':
      return {
        ...base,
        kind: 'survey',
        survey: str('survey') as 'nps' | 'csat' | 'ces',
        score: numOrNull('score') ?? 0,
        comment: str('comment'),
        contact: str('contact'),
      };
    case 'ticket': {
      const closed = str('closedAt');
      return {
        ...base,
        kind: 'ticket',
        subject: str('subject'),
        priority: str('priority') ?? 'normal',
        status: str('status') ?? 'open',
        closedAt: closed === null ? null : new Date(closed).toISOString(),
      };
    }
    case 'subscription': {
      const currency = str('currency') ?? 'USD';
      return {
        ...base,
        kind: 'subscription',
        change: str('change') as 'started' | 'cancelled' | 'ended',
        subscriptionId: str('subscriptionId') ?? '',
        plan: str('plan'),
        mrr: { amount: toDecimalText(Number(str('mrrMinor') ?? 0), currency), currency },
        seats: numOrNull('seats'),
        billingPeriod: str('billingPeriod') ?? 'month',
        cancelReason: str('cancelReason'),
      };
    }
    case 'lifecycle':
      return { ...base, kind: 'lifecycle', from: str('from'), to: str('to') ?? '' };
    case 'score':
      return {
        ...base,
        kind: 'score',
        from: str('from') as Colour | null,
        to: str('to') as Colour | null,
        score: numOrNull('score'),
        previousScore: numOrNull('previousScore'),
      };
  }
}

/**
 * A page of the account's timeline, newest first: items strictly before the cursor, of the kinds asked for.
 * `today` bounds subscription starts and ends (a future one has not happened).
 */
export async function readTimeline(
  db: Executor,
  accountId: string,
  options: { kinds: readonly TimelineKind[]; limit: number; before?: TimelineCursor | undefined; today: string },
): Promise<{ data: TimelineItem[]; nextBefore: string | null }> {
  // What has happened: an item dated later than now (a ticket imported with tomorrow's date) is not history yet.
  const before = options.before
    ? sql`and (k.at, k.kind, k.id) < (${options.before.at}::timestamptz, ${options.before.kind}::text, ${options.before.id}::text)`
    : sql``;
  // Each kind is cut to one page before the kinds are merged, so a page reads a page per kind (by the kind's
  // per-account time index), not the account's whole history.
  const pageOf = (kind: TimelineKind) => {
    const items = selectKind(kind, accountId, options.today);
    return sql`(select * from (${items}) as k(kind, at, id, all_day, actor, data)
      where k.at <= now() ${before}
      order by k.at desc, k.id desc limit ${options.limit + 1})`;
  };
  const parts = options.kinds.map(pageOf);
  // The cursor keeps `at` to the microsecond (a Date would cut it to the millisecond and skip rows in between).
  const { rows } = await sql<Row & { at_key: string }>`select t.kind, t.at, t.id, t.all_day, t.actor, t.data,
      to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key
    from (${sql.join(parts, sql` union all `)}) as t(kind, at, id, all_day, actor, data)
    order by t.at desc, t.kind desc, t.id desc
    limit ${options.limit + 1}`.execute(db);
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map(itemOf),
    nextBefore:
      rows.length > options.limit && last
        ? encodeTimelineCursor({ at: last.at_key, kind: last.kind, id: last.id })
        : null,
  };
}
