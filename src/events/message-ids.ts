import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { UsageEvent } from './usage-event.js';

export interface DuplicateCounter {
  /** How many rows with this content hash (SHA-256 in hex) came earlier in the file. */
  seenBefore(hexDigest: string): number;
}

// 2^27 bits (16 MB) whatever the file's size. With four probes a million distinct rows give a false "seen" about
// once in a million rows; a false one costs an entry in the exact counts, nothing else.
const FILTER_BITS = 27;
const FILTER_MASK = 2 ** FILTER_BITS - 1;

/**
 * Counts identical rows without remembering every row: a Bloom filter says which hashes may have come before, and
 * only those are counted exactly. A false "may have" numbers that row 1 instead of 0, and does so again on every
 * run of the same file, so derived ids stay unique and repeatable.
 */
export function createDuplicateCounter(): DuplicateCounter {
  const bits = new Uint8Array(2 ** (FILTER_BITS - 3));
  const counts = new Map<string, number>();
  return {
    seenBefore(hexDigest) {
      // The four probes' bits are found first and their bytes read together: each read is likely a cache miss in
      // 16 MB, and reads that do not wait on each other overlap.
      const p0 = probeBit(hexDigest, 1);
      const p1 = probeBit(hexDigest, 9);
      const p2 = probeBit(hexDigest, 17);
      const p3 = probeBit(hexDigest, 25);
      const f0 = 1 << (p0 & 7);
      const f1 = 1 << (p1 & 7);
      const f2 = 1 << (p2 & 7);
      const f3 = 1 << (p3 & 7);
      const b0 = bits[p0 >>> 3] as number;
      const b1 = bits[p1 >>> 3] as number;
      const b2 = bits[p2 >>> 3] as number;
      const b3 = bits[p3 >>> 3] as number;
      if ((b0 & f0) === 0 || (b1 & f1) === 0 || (b2 & f2) === 0 || (b3 & f3) === 0) {
        bits[p0 >>> 3] = (bits[p0 >>> 3] as number) | f0;
        bits[p1 >>> 3] = (bits[p1 >>> 3] as number) | f1;
        bits[p2 >>> 3] = (bits[p2 >>> 3] as number) | f2;
        bits[p3 >>> 3] = (bits[p3 >>> 3] as number) | f3;
        return 0;
      }
      const count = (counts.get(hexDigest) ?? 0) + 1;
      counts.set(hexDigest, count);
      return count;
    },
  };
}

/**
 * A probe's bit: the low FILTER_BITS bits of the digest's 32-bit word that starts one hex digit before `at`
 * (big-endian), that is its last 7 hex digits.
 */
function probeBit(hexDigest: string, at: number): number {
  let bit = 0;
  for (let digit = at; digit < at + 7; digit++) bit = (bit << 4) | hexValue(hexDigest.charCodeAt(digit));
  return bit & FILTER_MASK;
}

/** The value of a lowercase hex digit's character code. */
const hexValue = (code: number) => (code <= 57 ? code - 48 : code - 87);

/** The content of an event, its parts already as JSON: properties as canonical JSON, or null. */
export function contentOf(
  type: UsageEvent['type'],
  name: string,
  userId: string | null,
  accountExternalId: string | null,
  occurredAt: string,
  count: number,
  properties: string | null,
): string {
  return (
    `{"accountExternalId":${JSON.stringify(accountExternalId)},"count":${count},"name":${JSON.stringify(name)},` +
    `"occurredAt":"${occurredAt}","properties":${properties ?? 'null'},"type":"${type}","userId":${JSON.stringify(userId)}}`
  );
}

/**
 * canonicalJson of an event without its messageId, written out directly: this runs once per imported row.
 * A unit test holds it equal to canonicalJson.
 */
export function eventContent(event: Omit<UsageEvent, 'messageId'>): string {
  return contentOf(
    event.type,
    event.name,
    event.userId,
    event.accountExternalId,
    event.occurredAt.toISOString(),
    event.count,
    event.properties ? canonicalJson(event.properties) : null,
  );
}

// The account key's hash is the same for many rows (an account's or a user's events): kept for the next ones, up to
// this many keys, then forgotten all at once, so that memory does not grow with the file.
const KEY_HASHES_KEPT = 65_536;
const keyHashes = new Map<string, string>();

/**
 * The account key a derived id is made with: the groupId, else the userId (prepareEvent requires one of them).
 * migrations/0009 finds the same key in a stored row as coalesce(account_external_id, user_id).
 */
export const derivedIdKey = (accountExternalId: string | null, userId: string | null) =>
  (accountExternalId ?? userId) as string;

/** The first 32 bits of the MD5 of an event's account key, hex: what PostgreSQL's left(md5(key), 8) gives. */
function keyHash(key: string): string {
  let hex = keyHashes.get(key);
  if (hex === undefined) {
    if (keyHashes.size >= KEY_HASHES_KEPT) keyHashes.clear();
    hex = hash('md5', key, 'hex').slice(0, 8);
    keyHashes.set(key, hex);
  }
  return hex;
}

/**
 * imp_<UTC day of the event, YYYYMMDD>_<32 bits of the MD5 of its account key><first 96 bits of the content's
 * SHA-256>_<n>, 32 hex digits in all; the account key is the groupId, else the userId. The day first: a file
 * exported in day order then adds to one end of the primary key's index, not all over it. The account key next: a
 * chunk written in id order (src/importers/event-chunk.ts) then writes each account's events together, so the
 * per-account index of events (account_id, occurred_at) takes them at one place after the other instead of all over
 * it, and the primary key still takes them in order (1M rows of a warehouse export: PostgreSQL 5.3 s for events
 * against 6.9 s with the hash after the day). 96 bits of content keep two different events of one key and day
 * apart. migrations/0007 and 0009 rewrote the ids stored before in this form, so earlier imports still count as
 * loaded.
 */
export function derivedMessageId(
  occurredAt: string,
  accountKey: string,
  hexDigest: string,
  seenBefore: number,
): string {
  // ISO 8601 as toISOString writes it: YYYY-MM-DD… (years 0–9999), ±YYYYYY-MM-DD… beyond; the migration's
  // to_char(…, 'YYYYMMDD') writes the year unsigned with at least four digits.
  const day =
    occurredAt.length === 24
      ? occurredAt.slice(0, 4) + occurredAt.slice(5, 7) + occurredAt.slice(8, 10)
      : occurredAt
          .slice(1, 13)
          .replace(/^0+(?=\d{4})/, '')
          .replaceAll('-', '');
  return `imp_${day}_${keyHash(accountKey)}${hexDigest.slice(0, 24)}_${seenBefore}`;
}
