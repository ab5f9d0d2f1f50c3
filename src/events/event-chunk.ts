import { digitsAt } from '../shared/digits.js';
import type { ChunkRow } from '../shared/write-counts.js';
import { noteFirstSeen } from './make-user-accounts.js';
import type { ImportedEvent } from './usage-event.js';
import { accountKeyOf } from './usage-event.js';

/** The columns of each line of a chunk, in this order: what the usage_pending queue needs comes first. */
export const EVENT_COPY_COLUMNS = [
  'account_id',
  'occurred_at',
  'user_id',
  'name',
  'message_id',
  'account_external_id',
  'type',
  'count',
  'properties',
] as const;
export const PENDING_COPY_COLUMNS = ['account_id', 'day', 'user_id', 'event_name', 'events'] as const;

// A uuid's text is always 36 characters: the line keeps their place until the chunk's accounts are looked up.
const ACCOUNT_PLACE = ' '.repeat(36);
// A line starts with the account, a tab and occurred_at, whose first ten characters are its UTC day.
const DAY_END = ACCOUNT_PLACE.length + 1 + 10;

/** The number the ASCII digits of buffer from `from` to `to` write. */
function digitsIn(buffer: Buffer, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at++) value = value * 10 + (buffer[at] as number) - 48;
  return value;
}

const NON_ASCII = /[^\0-\x7f]/;
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_ESCAPED = /\\(.)/g;
const COPY_UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIALS, (char) => COPY_ESCAPES[char] as string) : value;
}

function fromCopyText(text: string): string | null {
  if (text === '\\N') return null;
  return text.includes('\\') ? text.replace(COPY_ESCAPED, (_, char: string) => COPY_UNESCAPES[char] ?? char) : text;
}

/** Bytes written one after the other into a buffer that grows. */
interface ByteWriter {
  write(text: string): number;
  /** Forgets what was written, keeping the buffer. */
  clear(): void;
  /** Room for this many more bytes after the written ones; answers the buffer, which may be a new one. */
  reserve(bytes: number): Buffer;
  /** Appends bytes from another buffer. */
  copy(from: Buffer, start: number, end: number): void;
  /** Appends a tab, a whole number 0 or more (below 2^53) in decimal, and a line break. */
  lastField(value: number): void;
  length(): number;
  bytes(): Buffer;
}

function byteWriter(initial: number): ByteWriter {
  let buffer = Buffer.allocUnsafe(initial);
  let length = 0;
  const reserve = (bytes: number) => {
    if (length + bytes <= buffer.length) return buffer;
    const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + bytes));
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
    return buffer;
  };
  return {
    reserve,
    clear() {
      length = 0;
    },
    write(text) {
      // UTF-8 takes at most 3 bytes for each UTF-16 unit.
      reserve(text.length * 3);
      const written = buffer.write(text, length);
      length += written;
      return written;
    },
    copy(from, start, end) {
      // Short ranges: a loop costs less than Buffer.copy's checks.
      reserve(end - start);
      for (let at = start; at < end; at++) buffer[length++] = from[at] as number;
    },
    lastField(value) {
      // Digit by digit into the buffer: a string for each would be garbage a million times over.
      reserve(18);
      buffer[length++] = 9;
      const first = length;
      let rest = value;
      do {
        buffer[length++] = 48 + (rest % 10);
        rest = Math.floor(rest / 10);
      } while (rest > 0);
      for (let left = first, right = length - 1; left < right; left++, right--) {
        const digit = buffer[left] as number;
        buffer[left] = buffer[right] as number;
        buffer[right] = digit;
      }
      buffer[length++] = 10;
    },
    length: () => length,
    bytes: () => buffer.subarray(0, length),
  };
}

/**
 * The order of a message id's first characters, as a number below 2^32: ids derived by prepareEvent
 * (imp_<YYYYMMDD>_<hex>_<n>) by their day (22 bits: year × 372 + month × 31 + day) and the first 10 bits of their
 * account key's hash, so that a chunk in this order writes each account's events together.
 */
function idOrder(id: string): number {
  if (id.startsWith('imp_') && id.charCodeAt(12) === 95) {
    // Digits and hex digits by their character codes: this runs once per imported row.
    let hash = 0;
    for (let at = 13; at < 16; at++) {
      const code = id.charCodeAt(at);
      hash = hash * 16 + (code <= 57 ? code - 48 : code - 87);
    }
    const day = digitsAt(id, 4, 8) * 372 + digitsAt(id, 8, 10) * 31 + digitsAt(id, 10, 12);
    const order = day * 1024 + (hash >> 2);
    // An id of the tracking API may look like one (imp_…_) without digits where they would be: its order is then
    // whatever it is, but always a whole number in range, as the sort keys need.
    if (Number.isInteger(order) && order >= 0 && order < 2 ** 32) return order;
  }
  let order = 0;
  for (let at = 0; at < 4; at++) order = order * 256 + Math.min(id.charCodeAt(at) || 0, 255);
  return order;
}

// Sort keys: a row's id order (32 bits) above its index in the chunk (21 bits), within a double's exact integers.
const INDEX_RANGE = 2 ** 21;

export interface EventCopy {
  /** Lines for COPY events (EVENT_COPY_COLUMNS), roughly in message id order. */
  events: Buffer;
  /** Lines for COPY usage_pending: the events' counts summed per account, UTC day, user and name. */
  readonly pending: Buffer;
  /**
   * Lines for COPY usage_user_daily (PENDING_COPY_COLUMNS): those of `pending` that have a user, by account and
   * day (the order of the rollup's index, for the locality of its inserts).
   */
  readonly userRollups: Buffer;
  /** Lines for COPY usage_pending: the counts summed per account, UTC day and name, without a user. */
  readonly accountCounts: Buffer;
  rows: number;
}

/**
 * A chunk of an events import, waiting for its transaction. Its events are written as the lines of the COPY into
 * events as soon as they are read, not kept as objects: a chunk lives through many of V8's young-generation
 * collections while earlier chunks are stored, and copying (then promoting) a few objects per row each time cost
 * the import more than reading its rows. What stays on the heap is two buffers (lines and the rows as written), a
 * few typed arrays and the distinct account keys.
 */
export interface EventChunk {
  readonly size: number;
  /** Empties the chunk for the next rows, keeping its buffers. */
  clear(): void;
  add(line: number, raw: string, event: ImportedEvent): void;
  /** The distinct groups (accounts' external ids) and users (contacts' external ids) whose account is needed. */
  accountKeys(): { groups: string[]; users: string[] };
  /** B2C: each user without a group, at their earliest event in the chunk. */
  usersFirstSeen(): Map<string, number>;
  /** Writes each row's account in its line; rows whose account is not known become unattached. */
  attach(accountOf: (by: 'group' | 'user', key: string) => string | undefined): void;
  /** The message ids of the attached rows. */
  attachedMessageIds(): string[];
  /** The message ids of the rows the last copy() wrote. */
  copiedMessageIds(): string[];
  /**
   * The COPY text of the attached rows, but those whose id is stored already, and each id once (the first in the
   * file, as ON CONFLICT DO NOTHING keeps it).
   */
  copy(stored: ReadonlySet<string>): EventCopy;
  /** The events whose account is not known, with the group they name (B2C: their user) for unattached_events. */
  unattached(): { event: ImportedEvent; group: string | null }[];
  /** Every row as an event, to load by statement when COPY cannot. */
  rows(): ChunkRow<ImportedEvent>[];
}

export function createEventChunk(capacity: number, userIsAccount: boolean): EventChunk {
  const lines = byteWriter(capacity * 128);
  const raws = byteWriter(capacity * 64);
  // The counts of the last copy(), summed per key: written again for each copy, when asked for.
  const pending = byteWriter(capacity * 64);
  const userRollups = byteWriter(capacity * 64);
  const accountCounts = byteWriter(capacity * 16);
  const lineNumbers = new Float64Array(capacity);
  const lineStart = new Int32Array(capacity + 1);
  const rawStart = new Int32Array(capacity + 1);
  // Offsets in each line: the tab after occurred_at, the one after user and the one after name (the pending key is
  // account, day, user and name), the one after message_id.
  const timeEnd = new Int32Array(capacity);
  const userEnd = new Int32Array(capacity);
  const nameEnd = new Int32Array(capacity);
  const idEnd = new Int32Array(capacity);
  const counts = new Float64Array(capacity);
  const order = new Float64Array(capacity);
  // What copy() works in, allocated with the chunk: a hash table (a power of two, at least twice the rows) and
  // the sort.
  const tableSize = 2 ** Math.ceil(Math.log2(capacity * 2 + 2));
  const scratch = {
    skip: new Uint8Array(capacity),
    sorted: new Float64Array(capacity),
    slots: new Int32Array(tableSize),
    hashes: new Uint32Array(tableSize),
    sums: new Float64Array(capacity),
    accountSums: new Float64Array(capacity),
    // Of each key row, its account's rank among the chunk's (uuid order) and its day (year × 372 + month × 31 +
    // day): what the rollups' lines are ordered and summed by.
    accountRank: new Int32Array(capacity),
    dayNumber: new Int32Array(capacity),
    sortKeys: new Float64Array(capacity),
  };
  // The account of each group and user key (attach()), and the rank of that account among the chunk's accounts in
  // uuid order: what userRollups sorts by.
  let accountIds: string[] = [];
  let groupRank = new Int32Array(0);
  let userRank = new Int32Array(0);
  // The account key of each row: its index among groups (≥ 0) or users (< 0: -1 - index), or NO_KEY.
  const keyOf = new Int32Array(capacity);
  const NO_KEY = -(2 ** 31);
  // The row's group is its user's (B2C without a group): accountExternalId is null in the event itself.
  const groupIsUser = new Uint8Array(capacity);
  const attached = new Uint8Array(capacity);
  const groupIndex = new Map<string, number>();
  const userIndex = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  let givenIds = false;
  let size = 0;

  const text = (buffer: Buffer, from: number, to: number) => buffer.toString('utf8', from, to);
  /** The fields of row's line, as written. */
  const fields = (row: number): string[] => {
    const buffer = lines.bytes();
    return text(
      buffer,
      (lineStart[row] as number) + ACCOUNT_PLACE.length + 1,
      (lineStart[row + 1] as number) - 1,
    ).split('\t');
  };
  const messageIdOf = (row: number): string => {
    const buffer = lines.bytes();
    return fromCopyText(text(buffer, (nameEnd[row] as number) + 1, idEnd[row] as number)) as string;
  };
  const eventOf = (row: number): ImportedEvent => {
    const [occurredAt, userId, name, messageId, group, type, count, properties] = fields(row).map(fromCopyText);
    return {
      messageId: messageId as string,
      type: type as ImportedEvent['type'],
      name: name as string,
      userId: userId ?? null,
      accountExternalId: groupIsUser[row] ? null : (group ?? null),
      occurredAt: occurredAt as string,
      count: Number(count),
      properties: properties ?? null,
    };
  };
  /** FNV-1a over a row's pending key: its line's bytes from the start to the day's end, and from time to name. */
  const pendingHash = (buffer: Buffer, start: number, from: number, to: number): number => {
    let hash = 0x811c9dc5;
    for (let at = start; at < start + DAY_END; at++) hash = Math.imul(hash ^ (buffer[at] as number), 0x01000193);
    for (let at = from; at < to; at++) hash = Math.imul(hash ^ (buffer[at] as number), 0x01000193);
    return hash >>> 0;
  };
  const samePendingKey = (buffer: Buffer, row: number, other: number): boolean => {
    const start = lineStart[row] as number;
    const otherStart = lineStart[other] as number;
    for (let at = 0; at < DAY_END; at++) if (buffer[start + at] !== buffer[otherStart + at]) return false;
    const from = timeEnd[row] as number;
    const to = nameEnd[row] as number;
    const otherFrom = timeEnd[other] as number;
    if (to - from !== (nameEnd[other] as number) - otherFrom) return false;
    for (let at = 0; at < to - from; at++) if (buffer[from + at] !== buffer[otherFrom + at]) return false;
    return true;
  };
  const rawOf = (row: number) => text(raws.bytes(), rawStart[row] as number, rawStart[row + 1] as number);
  const keyIndex = (index: Map<string, number>, key: string) => {
    let found = index.get(key);
    if (found === undefined) {
      found = index.size;
      index.set(key, found);
    }
    return found;
  };

  /** Fills accountRank and dayNumber for each key row. */
  const markAccountDays = (buffer: Buffer, keyRows: number[]) => {
    const { accountRank, dayNumber } = scratch;
    for (const row of keyRows) {
      const at = (lineStart[row] as number) + ACCOUNT_PLACE.length + 1;
      dayNumber[row] =
        digitsIn(buffer, at, at + 4) * 372 + digitsIn(buffer, at + 5, at + 7) * 31 + digitsIn(buffer, at + 8, at + 10);
      const key = keyOf[row] as number;
      accountRank[row] = key >= 0 ? (groupRank[key] as number) : (userRank[-1 - key] as number);
    }
  };

  /**
   * Key rows by account and day (markAccountDays first): numbers made of those and the key's place, sorted as
   * numbers. In the order they came when those numbers would not be exact.
   */
  const rollupOrder = (keyRows: number[]): number[] => {
    const { accountRank, dayNumber, sortKeys } = scratch;
    const count = keyRows.length;
    let firstDay = 2 ** 31;
    let lastDay = 0;
    for (const row of keyRows) {
      const day = dayNumber[row] as number;
      if (day < firstDay) firstDay = day;
      if (day > lastDay) lastDay = day;
    }
    const days = lastDay - firstDay + 1;
    if (accountIds.length * days * count >= 2 ** 53) return keyRows;
    const keys = sortKeys.subarray(0, count);
    for (let index = 0; index < count; index++) {
      const row = keyRows[index] as number;
      keys[index] = ((accountRank[row] as number) * days + (dayNumber[row] as number) - firstDay) * count + index;
    }
    keys.sort();
    const ordered = new Array<number>(count);
    for (let index = 0; index < count; index++) ordered[index] = keyRows[(keys[index] as number) % count] as number;
    return ordered;
  };

  /** A key's line: its account and day, the bytes from `from` to the name's end, and its sum. */
  const writeKey = (writer: ByteWriter, buffer: Buffer, row: number, from: number, sum: number) => {
    const start = lineStart[row] as number;
    writer.copy(buffer, start, start + DAY_END);
    writer.copy(buffer, from, nameEnd[row] as number);
    writer.lastField(sum);
  };

  const writePending = (buffer: Buffer, keyRows: number[]) => {
    const { sums } = scratch;
    pending.clear();
    for (const row of keyRows) writeKey(pending, buffer, row, timeEnd[row] as number, sums[row] as number);
    return pending.bytes();
  };

  const writeUserRollups = (buffer: Buffer, keyRows: number[]) => {
    const { sums } = scratch;
    userRollups.clear();
    for (const row of rollupOrder(keyRows)) {
      // The user's field is \N for a row without one (a user id written \N would be escaped, \\N).
      const from = (timeEnd[row] as number) + 1;
      if ((userEnd[row] as number) - from === 2 && buffer[from] === 92 && buffer[from + 1] === 78) continue;
      writeKey(userRollups, buffer, row, timeEnd[row] as number, sums[row] as number);
    }
    return userRollups.bytes();
  };

  /** Whether two rows have the same name (the bytes after the tab that ends their user). */
  const sameName = (buffer: Buffer, row: number, other: number) => {
    const from = (userEnd[row] as number) + 1;
    const otherFrom = (userEnd[other] as number) + 1;
    const length = (nameEnd[row] as number) - from;
    if ((nameEnd[other] as number) - otherFrom !== length) return false;
    for (let at = 0; at < length; at++) if (buffer[from + at] !== buffer[otherFrom + at]) return false;
    return true;
  };

  /**
   * Adds `value` to the sum of row's key in the open-addressing table of copy() (scratch.slots and hashes), where
   * the first row of each key stands for it; a key met for the first time is appended to `keys`. The key is the
   * pending one (account, day, user and name) or, byAccount, the account, day and name (markAccountDays first).
   */
  const sumByKey = (
    buffer: Buffer,
    hash: number,
    row: number,
    value: number,
    sums: Float64Array,
    keys: number[],
    byAccount: boolean,
  ) => {
    const { slots, hashes, accountRank, dayNumber } = scratch;
    let slot = hash & (slots.length - 1);
    for (;;) {
      const other = slots[slot] as number;
      if (other === -1) {
        slots[slot] = row;
        hashes[slot] = hash;
        keys.push(row);
        sums[row] = value;
        return;
      }
      const same =
        hashes[slot] === hash &&
        (byAccount
          ? accountRank[other] === accountRank[row] &&
            dayNumber[other] === dayNumber[row] &&
            sameName(buffer, row, other)
          : samePendingKey(buffer, row, other));
      if (same) {
        sums[other] = (sums[other] as number) + value;
        return;
      }
      slot = (slot + 1) & (slots.length - 1);
    }
  };

  /** The pending keys summed again without their user, in the same kind of table as copy()'s, by account, day and name. */
  const writeAccountCounts = (buffer: Buffer, keyRows: number[]) => {
    const { slots, sums, accountSums, accountRank, dayNumber } = scratch;
    slots.fill(-1);
    const accountRows: number[] = [];
    for (const row of keyRows) {
      const rank = accountRank[row] as number;
      const day = dayNumber[row] as number;
      let hash = Math.imul(Math.imul(0x811c9dc5 ^ rank, 0x01000193) ^ day, 0x01000193);
      for (let at = (userEnd[row] as number) + 1; at < (nameEnd[row] as number); at++) {
        hash = Math.imul(hash ^ (buffer[at] as number), 0x01000193);
      }
      sumByKey(buffer, hash >>> 0, row, sums[row] as number, accountSums, accountRows, true);
    }
    accountCounts.clear();
    for (const row of accountRows) {
      const start = lineStart[row] as number;
      accountCounts.copy(buffer, start, start + DAY_END);
      accountCounts.write('\t\\N');
      accountCounts.copy(buffer, userEnd[row] as number, nameEnd[row] as number);
      accountCounts.lastField(accountSums[row] as number);
    }
    return accountCounts.bytes();
  };

  return {
    get size() {
      return size;
    },
    clear() {
      lines.clear();
      raws.clear();
      groupIndex.clear();
      userIndex.clear();
      firstSeen.clear();
      accountIds = [];
      givenIds = false;
      size = 0;
    },
    add(line, raw, event) {
      if (size === capacity) throw new Error('the chunk is full');
      const row = size++;
      const group = accountKeyOf(event.accountExternalId, event.userId, userIsAccount);
      groupIsUser[row] = event.accountExternalId === null && group !== null ? 1 : 0;
      keyOf[row] =
        group !== null
          ? keyIndex(groupIndex, group)
          : event.userId !== null
            ? -1 - keyIndex(userIndex, event.userId)
            : NO_KEY;
      if (groupIsUser[row]) noteFirstSeen(firstSeen, event.userId as string, event.occurredAt);
      if (!event.messageId.startsWith('imp_')) givenIds = true;
      lineNumbers[row] = line;
      counts[row] = event.count;
      order[row] = idOrder(event.messageId) * INDEX_RANGE + row;
      const start = lines.length();
      const user = copyText(event.userId);
      const head = `${ACCOUNT_PLACE}\t${event.occurredAt}\t${user}\t${copyText(event.name)}`;
      const id = copyText(event.messageId);
      const tail = `\t${id}\t${copyText(group)}\t${event.type}\t${event.count}\t${copyText(event.properties)}\n`;
      timeEnd[row] = start + ACCOUNT_PLACE.length + 1 + event.occurredAt.length;
      if (NON_ASCII.test(head) || NON_ASCII.test(id)) {
        userEnd[row] = (timeEnd[row] as number) + 1 + Buffer.byteLength(user);
        nameEnd[row] = start + lines.write(head);
        idEnd[row] = (nameEnd[row] as number) + 1 + Buffer.byteLength(id);
        lines.write(tail);
      } else {
        // One byte a character: the offsets are the text's, and the line is written at once.
        userEnd[row] = (timeEnd[row] as number) + 1 + user.length;
        nameEnd[row] = start + head.length;
        idEnd[row] = start + head.length + 1 + id.length;
        lines.write(head + tail);
      }
      lineStart[row + 1] = lines.length();
      raws.write(raw);
      rawStart[row + 1] = raws.length();
    },
    accountKeys: () => ({ groups: [...groupIndex.keys()], users: [...userIndex.keys()] }),
    usersFirstSeen: () => firstSeen,
    attach(accountOf) {
      const groups = [...groupIndex.keys()].map((key) => accountOf('group', key));
      const users = [...userIndex.keys()].map((key) => accountOf('user', key));
      accountIds = [...new Set([...groups, ...users].filter((id) => id !== undefined))].sort();
      const rank = new Map(accountIds.map((id, index) => [id, index]));
      groupRank = Int32Array.from(groups, (id) => (id === undefined ? -1 : (rank.get(id) as number)));
      userRank = Int32Array.from(users, (id) => (id === undefined ? -1 : (rank.get(id) as number)));
      const buffer = lines.bytes();
      for (let row = 0; row < size; row++) {
        const key = keyOf[row] as number;
        const account = key === NO_KEY ? undefined : key >= 0 ? groups[key] : users[-1 - key];
        attached[row] = account === undefined ? 0 : 1;
        if (account !== undefined) buffer.write(account, lineStart[row] as number, 'latin1');
      }
    },
    attachedMessageIds() {
      const ids: string[] = [];
      for (let row = 0; row < size; row++) if (attached[row]) ids.push(messageIdOf(row));
      return ids;
    },
    copiedMessageIds() {
      const ids: string[] = [];
      for (let row = 0; row < size; row++) if (attached[row] && !scratch.skip[row]) ids.push(messageIdOf(row));
      return ids;
    },
    copy(stored) {
      const skip = scratch.skip.fill(0, 0, size);
      if (stored.size > 0 || givenIds) {
        // A file's own ids may repeat (exports of at-least-once deliveries); ids derived from rows are unique.
        const seen = new Set<string>();
        for (let row = 0; row < size; row++) {
          if (!attached[row]) continue;
          const id = messageIdOf(row);
          if (stored.has(id) || seen.has(id)) skip[row] = 1;
          else if (!id.startsWith('imp_')) seen.add(id);
        }
      }
      // In message id order, roughly: the primary key's index takes ids in order for about a third less work than
      // in random order, and sorting numbers made from the ids' first characters costs far less than comparing them.
      let sorted: Float64Array | undefined;
      if (size < INDEX_RANGE) {
        sorted = scratch.sorted.subarray(0, size);
        sorted.set(order.subarray(0, size));
        sorted.sort();
      }
      // The lines are copied in that order after the chunk's own, in the same buffer (copyWithin allocates nothing).
      const length = lines.length();
      const buffer = lines.reserve(length);
      let end = length;
      let rows = 0;
      // Counts to queue, summed per account, UTC day, user and name (the line's bytes from its start to the end of
      // the day, and from the end of occurred_at to the end of name), in a hash table of rows by those bytes.
      scratch.slots.fill(-1);
      const { sums } = scratch;
      const keyRows: number[] = [];
      for (let at = 0; at < size; at++) {
        const row = sorted ? (sorted[at] as number) % INDEX_RANGE : at;
        if (!attached[row] || skip[row]) continue;
        const start = lineStart[row] as number;
        buffer.copyWithin(end, start, lineStart[row + 1] as number);
        end += (lineStart[row + 1] as number) - start;
        rows++;
        const hash = pendingHash(buffer, start, timeEnd[row] as number, nameEnd[row] as number);
        sumByKey(buffer, hash, row, counts[row] as number, sums, keyRows, false);
      }
      // Each made when asked for (an import chunk wants the rollups' lines, a tracking batch the queue's), from what
      // this copy() summed: before the next copy() or clear().
      let marked = false;
      const mark = () => {
        if (!marked) markAccountDays(buffer, keyRows);
        marked = true;
      };
      return {
        events: buffer.subarray(length, end),
        rows,
        get pending() {
          return writePending(buffer, keyRows);
        },
        get userRollups() {
          mark();
          return writeUserRollups(buffer, keyRows);
        },
        get accountCounts() {
          mark();
          return writeAccountCounts(buffer, keyRows);
        },
      };
    },
    unattached() {
      const kept: { event: ImportedEvent; group: string | null }[] = [];
      for (let row = 0; row < size; row++) {
        if (attached[row]) continue;
        const event = eventOf(row);
        kept.push({ event, group: accountKeyOf(event.accountExternalId, event.userId, userIsAccount) });
      }
      return kept;
    },
    rows() {
      return Array.from({ length: size }, (_, row) => ({
        line: lineNumbers[row] as number,
        source: { raw: rawOf(row) },
        value: eventOf(row),
      }));
    },
  };
}
