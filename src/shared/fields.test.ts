import { describe, expect, it } from 'vitest';
import { isoDate, isoTimestamp } from './fields.js';

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
