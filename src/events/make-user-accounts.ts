import { v7 as uuidv7 } from 'uuid';
import type { ImportedEvent } from './usage-event.js';
import { isAnonymous } from './usage-event.js';

/** Notes an event of a user who is their own account (B2C, no group), keeping the user's earliest time. */
export function noteFirstSeen(firstSeen: Map<string, number>, userId: string, occurredAt: string): void {
  const at = Date.parse(occurredAt);
  const known = firstSeen.get(userId);
  if (known === undefined || at < known) firstSeen.set(userId, at);
}

/** The first sight of each user among these events who is their own account (B2C: no group). */
export function usersFirstSeen(events: ImportedEvent[]): Map<string, number> {
  const firstSeen = new Map<string, number>();
  for (const event of events) {
    if (event.accountExternalId === null && event.userId !== null && !isAnonymous(event.userId))
      noteFirstSeen(firstSeen, event.userId, event.occurredAt);
  }
  return firstSeen;
}

/**
 * B2C (--b2c): the statement that makes the account of each user without a group, named after the user, and
 * first seen at the user's earliest event in these rows, not at the time of the import: an export of past years
 * then scores and backtests from the day each customer really appeared. An account that exists already moves its
 * first_seen_at earlier when these events are earlier (chunks may load out of order); nothing else of it changes.
 * Users are taken in sorted order, so chunks loaded side by side lock accounts in the same order.
 * Undefined when no event needs one.
 */
export function makeUserAccounts(
  firstSeen: ReadonlyMap<string, number>,
): { text: string; params: unknown[] } | undefined {
  if (firstSeen.size === 0) return undefined;
  const userIds = [...firstSeen.keys()].sort();
  return {
    text: `with given as (
        select * from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as g(id, external_id, first_seen)
      ),
      made as (
        insert into accounts (id, external_id, name, first_seen_at)
        select id, external_id, external_id, first_seen from given order by external_id
        on conflict (external_id) do nothing
      )
      update accounts a set first_seen_at = given.first_seen from given
      where a.external_id = given.external_id and a.first_seen_at > given.first_seen`,
    params: [
      userIds.map(() => uuidv7()),
      userIds,
      userIds.map((userId) => new Date(firstSeen.get(userId) as number).toISOString()),
    ],
  };
}
