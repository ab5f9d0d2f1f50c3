import { hash } from 'node:crypto';
import type { UsageEvent } from '../ingest/usage-event.js';
import { canonicalJson } from './canonical-json.js';
import type { Prepared } from './prepare-record.js';

const EVENT_TYPES = new Set(['track', 'page', 'screen']);
const MAX_TEXT = 1000;

export interface DuplicateCounter {
  /** How many rows with this content hash came earlier in the file. */
  seenBefore(hash: Buffer): number;
}

// 2^27 bits (16 MB) whatever the file's size. With four probes a million distinct rows give a false "seen" about
// once in a million rows; a false one costs an entry in the exact counts, nothing else.
const FILTER_BITS = 27;
const PROBES = 4;

/**
 * Counts identical rows without remembering every row: a Bloom filter says which hashes may have come before, and
 * only those are counted exactly. A false "may have" numbers that row 1 instead of 0, and does so again on every
 * run of the same file, so derived ids stay unique and repeatable.
 */
export function createDuplicateCounter(): DuplicateCounter {
  const bits = new Uint8Array(2 ** (FILTER_BITS - 3));
  const counts = new Map<string, number>();
  const mask = 2 ** FILTER_BITS - 1;
  return {
    seenBefore(hash) {
      let present = true;
      for (let probe = 0; probe < PROBES; probe++) {
        const bit = hash.readUInt32BE(probe * 4) & mask;
        const byte = bit >>> 3;
        const flag = 1 << (bit & 7);
        if (((bits[byte] as number) & flag) === 0) {
          present = false;
          bits[byte] = (bits[byte] as number) | flag;
        }
      }
      if (!present) return 0;
      const key = hash.toString('base64');
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return count;
    },
  };
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * canonicalJson of an event without its messageId, written out directly: this runs once per imported row.
 * A unit test holds it equal to canonicalJson.
 */
export function eventContent(event: Omit<UsageEvent, 'messageId'>): string {
  return (
    `{"accountExternalId":${JSON.stringify(event.accountExternalId)},"count":${event.count},` +
    `"name":${JSON.stringify(event.name)},"occurredAt":"${event.occurredAt.toISOString()}",` +
    `"properties":${event.properties ? canonicalJson(event.properties) : 'null'},"type":${JSON.stringify(event.type)},` +
    `"userId":${JSON.stringify(event.userId)}}`
  );
}

export interface EventOptions {
  userIsAccount: boolean;
  duplicates: DuplicateCounter;
}

/**
 * A usage event from a mapped row ({ messageId?, type?, name, userId, accountExternalId, timestamp, count?,
 * properties }), checked by hand rather than with zod because a million rows go through here. A row without a
 * messageId gets imp_<sha256 of its content>_<n>, n counting identical rows earlier in the file: two identical rows
 * are two events, and the next run of the same file derives the same ids.
 */
export function prepareEvent(row: Record<string, unknown>, options: EventOptions): Prepared<UsageEvent> {
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
    count = row.count;
  }
  const properties = (row.properties as Record<string, unknown> | undefined) ?? null;
  let messageId = text(row.messageId);
  if (messageId && messageId.length > 255) return { ok: false, reason: 'messageId: must be at most 255 characters' };
  if (!messageId) {
    const digest = hash(
      'sha256',
      eventContent({
        type: type as UsageEvent['type'],
        name,
        userId,
        accountExternalId,
        occurredAt,
        count,
        properties,
      }),
      'buffer',
    );
    messageId = `imp_${digest.toString('hex')}_${options.duplicates.seenBefore(digest)}`;
  }
  return {
    ok: true,
    value: {
      messageId,
      type: type as UsageEvent['type'],
      name,
      userId,
      accountExternalId,
      occurredAt,
      count,
      properties,
    },
  };
}
