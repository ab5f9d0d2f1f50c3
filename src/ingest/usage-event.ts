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
