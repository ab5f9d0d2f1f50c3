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

/** UTC calendar day of an instant: rollups are by UTC day. */
export const utcDay = (instant: Date) => instant.toISOString().slice(0, 10);
