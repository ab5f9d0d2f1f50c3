import { v7 as uuidv7 } from 'uuid';
import { anonymousPerson, type UsageEvent } from '../events/usage-event.js';
import type { FieldIssue } from '../server/http-error.js';
import { findUnstorable } from '../server/read-json.js';
import { DATE_RANGE_HINT, ISO_INSTANT_HINT, inDateRange, instantProblem, parseInstant } from '../shared/fields.js';

// Segment's HTTP Tracking API messages (track, page, screen, identify, group), checked by hand: this is the hot
// path, and the spec allows any extra fields (context, integrations, _metadata…), which are ignored.

export type SegmentMessage =
  | { kind: 'event'; event: UsageEvent }
  | { kind: 'identify'; userId: string; anonymousId: string | null; traits: Record<string, unknown> }
  | { kind: 'group'; userId: string | null; groupId: string; traits: Record<string, unknown> };

export type ParsedMessage =
  | { ok: true; message: SegmentMessage }
  | { ok: false; issue: FieldIssue; messageId?: string };

const MAX_NAME = 200;
const MAX_ID = 255;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function id(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.length <= MAX_ID) return value;
  return undefined;
}

// A usage event before 1990 or more than a day ahead of its arrival is a broken clock or a mistyped field, not
// usage: taken, it would sit in the rollups for years no one looks at, or in days that have not come.
const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
const AHEAD_MS = 86_400_000;

/**
 * An ISO 8601 instant as Segment's libraries send it (analytics.js and analytics-node `…T…Z`, analytics-python
 * `…T….123456+00:00`, Go RFC 3339 with nanoseconds): null when absent, undefined when it is not one.
 */
function instant(value: unknown): Date | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? parseInstant(value) : undefined;
}

/** Why a message's time (or sentAt) that instant() refused is refused, quoting it. */
function timeTextProblem(value: unknown): string {
  const problem = (typeof value === 'string' ? instantProblem(value) : undefined) ?? `must be ${ISO_INSTANT_HINT}`;
  return `${problem}, not ${JSON.stringify(value)}`;
}

/** Why an event's time (after clock-skew correction) cannot be taken, or undefined when it can. */
function timeProblem(occurredAt: Date, receivedAt: Date, corrected: boolean): string | undefined {
  const after = corrected ? " (after correcting for the sender's clock with sentAt)" : '';
  // A far sentAt can move a time out of any calendar (an invalid Date, which has no ISO text to quote).
  if (!inDateRange(occurredAt)) return `must be ${DATE_RANGE_HINT}${after}`;
  if (occurredAt.getTime() < EARLIEST) return `must not be before 1990-01-01${after}, not ${occurredAt.toISOString()}`;
  if (occurredAt.getTime() > receivedAt.getTime() + AHEAD_MS) {
    return `must not be more than a day after the message arrived (${receivedAt.toISOString()})${after}, not ${occurredAt.toISOString()}`;
  }
  return undefined;
}

const fail = (field: string, message: string, messageId?: string): ParsedMessage => ({
  ok: false,
  issue: { field, message },
  messageId,
});

/**
 * One message of a call or a batch. `type` comes from the path for single calls. Clock skew is corrected as
 * Segment does: the event's time moves by (received − sentAt) when the client says when it sent the batch.
 */
export function parseSegmentMessage(raw: unknown, receivedAt: Date, sentAt: Date | null, type?: string): ParsedMessage {
  if (!isObject(raw)) return fail('(message)', 'must be a JSON object');
  const messageId = id(raw.messageId);
  if (messageId === undefined) return fail('messageId', `must be a string of at most ${MAX_ID} characters`);
  const kind = type ?? raw.type;
  const userId = id(raw.userId);
  const anonymousId = id(raw.anonymousId);
  const mid = messageId ?? undefined;
  if (userId === undefined) return fail('userId', `must be a string of at most ${MAX_ID} characters`, mid);
  if (anonymousId === undefined) return fail('anonymousId', `must be a string of at most ${MAX_ID} characters`, mid);
  // PostgreSQL cannot store U+0000 or a lone surrogate anywhere, nor may a message nest without end: such a message
  // is refused here, by itself, rather than failing the write it would share with the rest of its batch.
  const unstorable = findUnstorable(raw);
  if (unstorable) return fail(unstorable.field, unstorable.message, unstorable.field === 'messageId' ? undefined : mid);
  const person = userId ?? (anonymousId ? anonymousPerson(anonymousId) : null);
  // Every kind's time is checked, identify and group too: a message whose time is nonsense is refused whole.
  const timestamp = instant(raw.timestamp);
  if (timestamp === undefined) return fail('timestamp', timeTextProblem(raw.timestamp), mid);
  const occurredAt =
    timestamp === null
      ? receivedAt
      : sentAt
        ? new Date(timestamp.getTime() + (receivedAt.getTime() - sentAt.getTime()))
        : timestamp;
  const late = timestamp === null ? undefined : timeProblem(occurredAt, receivedAt, sentAt !== null);
  if (late) return fail('timestamp', late, mid);

  if (kind === 'identify') {
    if (!userId) return fail('userId', 'required for identify (anonymous visitors are not contacts)', mid);
    if (raw.traits !== undefined && !isObject(raw.traits)) return fail('traits', 'must be an object', mid);
    return {
      ok: true,
      message: { kind: 'identify', userId, anonymousId, traits: (raw.traits as Record<string, unknown>) ?? {} },
    };
  }
  if (kind === 'group') {
    const groupId = id(raw.groupId);
    if (!groupId) return fail('groupId', 'required for group', mid);
    if (raw.traits !== undefined && !isObject(raw.traits)) return fail('traits', 'must be an object', mid);
    return {
      ok: true,
      message: {
        kind: 'group',
        userId: userId ?? null,
        groupId,
        traits: (raw.traits as Record<string, unknown>) ?? {},
      },
    };
  }
  if (kind === 'alias') {
    return fail('type', 'alias is not taken: Pacer knows a person by userId, so call identify with it instead', mid);
  }
  if (kind !== 'track' && kind !== 'page' && kind !== 'screen') {
    return fail('type', `must be track, page, screen, identify or group, not ${JSON.stringify(kind)}`, mid);
  }
  if (!person) return fail('userId', 'userId or anonymousId is required', mid);
  let name: unknown;
  if (kind === 'track') {
    name = raw.event;
    if (typeof name !== 'string' || name.trim() === '') return fail('event', 'required: the name of the event', mid);
  } else {
    name = raw.name ?? (kind === 'page' ? 'Page Viewed' : 'Screen Viewed');
    if (typeof name !== 'string' || name.trim() === '') return fail('name', 'must be a non-empty string', mid);
  }
  if ((name as string).length > MAX_NAME)
    return fail(kind === 'track' ? 'event' : 'name', `is longer than ${MAX_NAME} characters`, mid);
  if (raw.properties !== undefined && raw.properties !== null && !isObject(raw.properties)) {
    return fail('properties', 'must be an object', mid);
  }
  const context = isObject(raw.context) ? raw.context : {};
  const groupId = id(context.groupId);
  if (groupId === undefined) return fail('context.groupId', `must be a string of at most ${MAX_ID} characters`, mid);
  return {
    ok: true,
    message: {
      kind: 'event',
      event: {
        messageId: messageId ?? uuidv7(),
        type: kind,
        name: (name as string).trim(),
        userId: person,
        accountExternalId: groupId,
        occurredAt,
        count: 1,
        properties: (raw.properties as Record<string, unknown> | undefined) ?? null,
      },
    },
  };
}

/** Why a request's sentAt cannot be used to correct its events' times, or undefined (also when it is absent). */
export function sentAtProblem(value: unknown): string | undefined {
  return instant(value) === undefined ? timeTextProblem(value) : undefined;
}

export { instant as parseSegmentTime };
