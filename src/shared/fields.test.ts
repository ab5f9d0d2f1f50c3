import { describe, expect, it } from 'vitest';
import { isoDate, isoTimestamp, parseInstant } from './fields.js';

describe('isoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isoDate().safeParse('2026-03-01').success).toBe(true);
    expect(isoDate().safeParse('2024-02-29').success).toBe(true);
    expect(isoDate().safeParse('2026-02-29').success).toBe(false);
    expect(isoDate().safeParse('2026-13-01').success).toBe(false);
    expect(isoDate().safeParse('01/03/2026').success).toBe(false);
    expect(isoDate().safeParse('2026-03-01T00:00:00Z').success).toBe(false);
  });
});

describe('isoTimestamp', () => {
  it('reads instants with a zone, and a bare date as midnight UTC', () => {
    expect(isoTimestamp().parse('2026-03-01T09:30:00Z').toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(isoTimestamp().parse('2026-03-01T09:30:00+09:00').toISOString()).toBe('2026-03-01T00:30:00.000Z');
    expect(isoTimestamp().parse('2026-03-01').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses a time without a zone and impossible dates, saying what it wants', () => {
    const noZone = isoTimestamp().safeParse('2026-03-01T09:30:00');
    expect(noZone.success).toBe(false);
    expect(noZone.error?.issues[0]?.message).toMatch(/time zone/);
    expect(isoTimestamp().safeParse('2026-02-30T09:30:00Z').success).toBe(false);
    expect(isoTimestamp().safeParse('yesterday').success).toBe(false);
  });
});

describe('the range of dates', () => {
  it('takes years 1 to 9999 and refuses the rest, saying the range', () => {
    expect(isoDate().safeParse('9999-12-31').success).toBe(true);
    const yearZero = isoDate().safeParse('0000-12-31');
    expect(yearZero.error?.issues[0]?.message).toMatch(/between 0001-01-01 and 9999-12-31/);
    // 9999-12-31T23:00 five hours behind UTC is 10000-01-01T04:00Z.
    const late = isoTimestamp().safeParse('9999-12-31T23:00:00-05:00');
    expect(late.error?.issues[0]?.message).toMatch(/between 0001-01-01 and 9999-12-31/);
    expect(isoTimestamp().parse('9999-12-31T23:00:00Z').toISOString()).toBe('9999-12-31T23:00:00.000Z');
    // 0001-01-01T00:30 one hour ahead of UTC is 0000-12-31T23:30Z: before year 1.
    expect(parseInstant('0001-01-01T00:30:00+01:00')).toBeUndefined();
    // Years 0–99 are read as written, not as 1900–1999 (Date.UTC's habit).
    expect(isoDate().safeParse('0050-02-29').success).toBe(false); // 50 is not a leap year
    expect(isoDate().safeParse('0048-02-29').success).toBe(true);
    expect(isoTimestamp().parse('0050-01-01').toISOString()).toBe('0050-01-01T00:00:00.000Z');
  });
});
