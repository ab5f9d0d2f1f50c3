import { hash } from 'node:crypto';
import { canonicalJson } from '../events/canonical-json.js';
import { contentOf, type DuplicateCounter, derivedIdKey, derivedMessageId } from '../events/message-ids.js';
import type { ImportedEvent, UsageEvent } from '../events/usage-event.js';
import type { Prepared } from './prepare-record.js';

const EVENT_TYPES = new Set(['track', 'page', 'screen']);
export const MAX_TEXT = 1000;
// events.count is an integer column.
export const MAX_COUNT = 2_147_483_647;

const hasNul = (value: string | null | undefined) => value?.includes('\0') ?? false;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export interface EventOptions {
  userIsAccount: boolean;
  duplicates: DuplicateCounter;
}

/**
 * A usage event from a mapped row ({ messageId?, type?, name, userId, accountExternalId, timestamp, count?,
 * properties }), checked by hand rather than with zod because a million rows go through here. A row without a
 * messageId gets one derived from its content (derivedMessageId), n counting identical rows earlier in the file: two
 * identical rows are two events, and the next run of the same file derives the same ids.
 */
export function prepareEvent(row: Record<string, unknown>, options: EventOptions): Prepared<ImportedEvent> {
  const name = text(row.name);
  if (!name) return { ok: false, reason: 'name: required (the event name)' };
  if (name.length > MAX_TEXT) return { ok: false, reason: `name: must be at most ${MAX_TEXT} characters` };
  const type = row.type === undefined ? 'track' : row.type;
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) {
    return { ok: false, reason: 'type: must be track, page or screen' };
  }
  const occurredAt = row.timestamp;
  if (!(occurredAt instanceof Date)) return { ok: false, reason: 'timestamp: required' };
  const userId = text(row.userId) ?? null;
  const accountExternalId = text(row.accountExternalId) ?? null;
  if (options.userIsAccount ? !userId : !userId && !accountExternalId) {
    return {
      ok: false,
      reason: options.userIsAccount
        ? 'userId: required (with --b2c each user is its own account)'
        : 'userId: required (or accountExternalId)',
    };
  }
  if ((userId?.length ?? 0) > MAX_TEXT || (accountExternalId?.length ?? 0) > MAX_TEXT) {
    return { ok: false, reason: `userId: ids must be at most ${MAX_TEXT} characters` };
  }
  let count = 1;
  if (row.count !== undefined && row.count !== null) {
    if (typeof row.count !== 'number' || !Number.isSafeInteger(row.count) || row.count < 1) {
      return { ok: false, reason: 'count: must be a whole number, 1 or more' };
    }
    if (row.count > MAX_COUNT) return { ok: false, reason: `count: must be at most ${MAX_COUNT}` };
    count = row.count;
  }
  const properties = row.properties as Record<string, unknown> | undefined;
  const occurredAtText = occurredAt.toISOString();
  const propertiesJson = properties ? canonicalJson(properties) : null;
  let messageId = text(row.messageId);
  if (messageId && messageId.length > 255) return { ok: false, reason: 'messageId: must be at most 255 characters' };
  // What the database would refuse, said here: its text cannot hold U+0000 (JSON writes it \u0000).
  const nulIn = hasNul(name)
    ? 'name'
    : hasNul(userId)
      ? 'userId'
      : hasNul(accountExternalId)
        ? 'accountExternalId'
        : hasNul(messageId)
          ? 'messageId'
          : undefined;
  if (nulIn) return { ok: false, reason: `${nulIn}: must not contain the character U+0000` };
  if (propertiesJson?.includes('\\u0000')) {
    return { ok: false, reason: 'properties: must not contain the character U+0000' };
  }
  if (!messageId) {
    const content = contentOf(
      type as UsageEvent['type'],
      name,
      userId,
      accountExternalId,
      occurredAtText,
      count,
      propertiesJson,
    );
    // Hex straight from hash(): a Buffer result costs more than the hashing.
    const digest = hash('sha256', content, 'hex');
    messageId = derivedMessageId(
      occurredAtText,
      derivedIdKey(accountExternalId, userId),
      digest,
      options.duplicates.seenBefore(digest),
    );
  }
  return {
    ok: true,
    value: {
      messageId,
      type: type as UsageEvent['type'],
      name,
      userId,
      accountExternalId,
      occurredAt: occurredAtText,
      count,
      properties: propertiesJson,
    },
  };
}
