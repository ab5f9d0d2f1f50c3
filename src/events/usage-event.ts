/** One product-usage event as Pacer stores it, whatever it came from (tracking API, import, demo). */
export interface UsageEvent {
  messageId: string;
  type: 'track' | 'page' | 'screen';
  name: string;
  /** The product's own user id (Segment userId), or null for account-level rows. */
  userId: string | null;
  /** The account's external id (Segment groupId), when the event says it. */
  accountExternalId: string | null;
  occurredAt: Date;
  /** 1 for a single event; more for a pre-aggregated row (events of that name on that day). */
  count: number;
  properties: Record<string, unknown> | null;
}

/**
 * A visitor known only by the anonymousId analytics.js gives every browser (before they sign in) is stored under
 * this prefix: not a person Pacer knows, so never a contact nor (B2C) an account of their own. identify() with
 * both ids makes their waiting events that user's.
 */
const ANONYMOUS = 'anon:';
export const anonymousPerson = (anonymousId: string) => `${ANONYMOUS}${anonymousId}`;
export const isAnonymous = (userId: string | null): boolean => userId?.startsWith(ANONYMOUS) ?? false;

/**
 * The external id of the account an event belongs to: its group, else, for a product whose users are its
 * customers (B2C), the user's own account — but not an anonymous visitor's. Null: found through the user's contact.
 */
export function accountKeyOf(accountExternalId: string | null, userId: string | null, userIsAccount: boolean) {
  return accountExternalId ?? (userIsAccount && !isAnonymous(userId) ? userId : null);
}

/** UTC calendar day of an instant: rollups are by UTC day. */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);

/**
 * A usage event of an import, as compact as it can be while its chunk waits to be stored: time and properties kept
 * as the text that is hashed and stored, not as a Date and an object.
 */
export interface ImportedEvent {
  messageId: string;
  type: UsageEvent['type'];
  name: string;
  userId: string | null;
  accountExternalId: string | null;
  /** ISO 8601, UTC. */
  occurredAt: string;
  count: number;
  /** JSON with sorted keys, or null. */
  properties: string | null;
}

/** The event as the tracking API's storage takes it. */
export function toUsageEvent(event: ImportedEvent): UsageEvent {
  return {
    ...event,
    occurredAt: new Date(event.occurredAt),
    properties: event.properties === null ? null : (JSON.parse(event.properties) as Record<string, unknown>),
  };
}

/** The event as a chunk of COPY takes it (the tracking API writes its batches that way too). */
export function toImportedEvent(event: UsageEvent): ImportedEvent {
  return {
    messageId: event.messageId,
    type: event.type,
    name: event.name,
    userId: event.userId,
    accountExternalId: event.accountExternalId,
    occurredAt: event.occurredAt.toISOString(),
    count: event.count,
    properties: event.properties === null ? null : JSON.stringify(event.properties),
  };
}
