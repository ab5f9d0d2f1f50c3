import { addDays, daysBetween } from '../shared/calendar.js';
// Usage measures from daily rollups, as plain functions over plain rows (no database here).

export interface UserDay {
  day: string; // YYYY-MM-DD (UTC)
  userId: string;
  eventName: string;
  events: number;
}

export interface UsageSummary {
  asOf: string;
  /** Distinct users active on the as-of day. */
  dau: number;
  /** Distinct users active in the 7 days ending on the as-of day. */
  wau: number;
  /** Distinct users active in the 30 days ending on the as-of day. */
  mau: number;
  /** Mean daily active users over those 30 days divided by MAU: how often the month's users come back. */
  stickiness: number | null;
  seats: number | null;
  /** MAU / seats. */
  licenceUtilisation: number | null;
  breadth: { used: string[]; configured: string[]; share: number | null };
  lastActiveDay: string | null;
  daysSinceLastActive: number | null;
  /** Events in the 7 days ending as-of against the 7 before, as a fraction (0.25 = +25%); null without a base. */
  eventsWeekOverWeek: number | null;
  activeUsersWeekOverWeek: number | null;
}

function within(rows: UserDay[], first: string, last: string): UserDay[] {
  return rows.filter((row) => row.day >= first && row.day <= last);
}

const distinctUsers = (rows: UserDay[]) => new Set(rows.map((row) => row.userId)).size;
const totalEvents = (rows: UserDay[]) => rows.reduce((sum, row) => sum + row.events, 0);
const change = (current: number, previous: number) => (previous === 0 ? null : (current - previous) / previous);

/**
 * The usage summary of one account as of a day, from its per-user daily rollups (which need to cover the 30 days
 * ending as-of, and 14 for week-over-week) and the last day it was active at all (which may be older).
 */
export function summariseUsage(input: {
  asOf: string;
  userDays: UserDay[];
  lastActiveDay: string | null;
  seats: number | null;
  keyFeatures: string[];
}): UsageSummary {
  const { asOf, userDays, seats, keyFeatures } = input;
  const month = within(userDays, addDays(asOf, -29), asOf);
  const week = within(userDays, addDays(asOf, -6), asOf);
  const previousWeek = within(userDays, addDays(asOf, -13), addDays(asOf, -7));
  const mau = distinctUsers(month);
  const dailyActive = new Map<string, Set<string>>();
  for (const row of month) {
    const users = dailyActive.get(row.day) ?? new Set<string>();
    users.add(row.userId);
    dailyActive.set(row.day, users);
  }
  const meanDau = [...dailyActive.values()].reduce((sum, users) => sum + users.size, 0) / 30;
  const used = keyFeatures.filter((feature) => month.some((row) => row.eventName === feature));
  return {
    asOf,
    dau: dailyActive.get(asOf)?.size ?? 0,
    wau: distinctUsers(week),
    mau,
    stickiness: mau === 0 ? null : meanDau / mau,
    seats,
    licenceUtilisation: seats ? mau / seats : null,
    breadth: {
      used,
      configured: keyFeatures,
      share: keyFeatures.length === 0 ? null : used.length / keyFeatures.length,
    },
    lastActiveDay: input.lastActiveDay,
    daysSinceLastActive: input.lastActiveDay ? daysBetween(input.lastActiveDay, asOf) : null,
    eventsWeekOverWeek: change(totalEvents(week), totalEvents(previousWeek)),
    activeUsersWeekOverWeek: change(distinctUsers(week), distinctUsers(previousWeek)),
  };
}

/** Monday of the ISO week a day falls in. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
