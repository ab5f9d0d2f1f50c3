import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../shared/calendar.js';
import { summariseUsage, type UserDay, weekStart } from './usage-metrics.js';

const row = (day: string, userId: string, eventName = 'Report Created', events = 1): UserDay => ({
  day,
  userId,
  eventName,
  events,
});

describe('usage summary', () => {
  // As of Sunday 2026-03-29. Three users over the month:
  //   ann: every day of the last 7 (03-23..03-29) and 03-16 → 8 active days
  //   bob: 03-29 and 03-10
  //   cat: 03-01 only (inside the 30 days: 02-28..03-29)
  //   dan: 02-20, outside the 30 days
  const rows: UserDay[] = [
    ...Array.from({ length: 7 }, (_, i) => row(addDays('2026-03-23', i), 'ann', 'Report Created', 2)),
    row('2026-03-16', 'ann', 'Dashboard Shared', 4),
    row('2026-03-29', 'bob', 'Report Created', 1),
    row('2026-03-10', 'bob', 'Export', 3),
    row('2026-03-01', 'cat', 'Report Created', 1),
    row('2026-02-20', 'dan', 'Report Created', 5),
  ];
  const summary = summariseUsage({
    asOf: '2026-03-29',
    userDays: rows,
    lastActiveDay: '2026-03-29',
    seats: 10,
    keyFeatures: ['Report Created', 'Dashboard Shared', 'Alert Configured'],
  });

  it('counts daily, weekly and monthly active users', () => {
    expect(summary.dau).toBe(2); // ann and bob on 03-29
    expect(summary.wau).toBe(2); // ann, bob
    expect(summary.mau).toBe(3); // ann, bob, cat — dan is 37 days back
  });

  it('measures stickiness as mean DAU over 30 days / MAU', () => {
    // Active user-days in the window: ann 8, bob 2, cat 1 = 11; mean DAU = 11/30; / MAU 3.
    expect(summary.stickiness).toBeCloseTo(11 / 30 / 3, 10);
  });

  it('measures licence utilisation and breadth of key features', () => {
    expect(summary.licenceUtilisation).toBeCloseTo(0.3, 10);
    expect(summary.breadth.used).toEqual(['Report Created', 'Dashboard Shared']);
    expect(summary.breadth.share).toBeCloseTo(2 / 3, 10);
  });

  it('compares this week with the last', () => {
    // This week (03-23..03-29): ann 7×2 + bob 1 = 15 events, 2 users. Last week (03-16..03-22): ann 4 events, 1 user.
    expect(summary.eventsWeekOverWeek).toBeCloseTo((15 - 4) / 4, 10);
    expect(summary.activeUsersWeekOverWeek).toBeCloseTo(1, 10);
    expect(summary.daysSinceLastActive).toBe(0);
  });

  it('has nothing to divide when there is no usage or no seats', () => {
    const empty = summariseUsage({
      asOf: '2026-03-29',
      userDays: [],
      lastActiveDay: '2026-01-01',
      seats: null,
      keyFeatures: [],
    });
    expect(empty).toMatchObject({
      dau: 0,
      mau: 0,
      stickiness: null,
      licenceUtilisation: null,
      eventsWeekOverWeek: null,
    });
    expect(empty.breadth.share).toBeNull();
    expect(empty.daysSinceLastActive).toBe(87); // 31 (Jan) + 28 (Feb) + 28
  });
});

describe('calendar helpers', () => {
  it('steps days across month ends and finds ISO week starts', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-01-01', '2026-03-29')).toBe(87);
    expect(weekStart('2026-03-29')).toBe('2026-03-23'); // Sunday → the Monday before
    expect(weekStart('2026-03-23')).toBe('2026-03-23');
  });
});
