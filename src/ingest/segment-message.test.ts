import { describe, expect, it } from 'vitest';
import { parseSegmentMessage, sentAtProblem } from './segment-message.js';

const receivedAt = new Date('2026-12-07T12:00:00.000Z');
const track = (timestamp: unknown) => ({ type: 'track', userId: 'u-1', event: 'Export', timestamp });

function occurredAt(timestamp: unknown, sentAt: Date | null = null): string {
  const parsed = parseSegmentMessage(track(timestamp), receivedAt, sentAt);
  if (!parsed.ok) throw new Error(`${parsed.issue.field}: ${parsed.issue.message}`);
  if (parsed.message.kind !== 'event') throw new Error('not an event');
  return parsed.message.event.occurredAt.toISOString();
}

function issue(timestamp: unknown, sentAt: Date | null = null) {
  const parsed = parseSegmentMessage(track(timestamp), receivedAt, sentAt);
  return parsed.ok ? null : parsed.issue;
}

describe('tracking API timestamps', () => {
  it('takes ISO 8601 instants as the Segment libraries write them', () => {
    expect(occurredAt('2026-12-06T09:30:00.123Z')).toBe('2026-12-06T09:30:00.123Z'); // analytics.js, analytics-node
    expect(occurredAt('2026-12-06T09:30:00.123456+00:00')).toBe('2026-12-06T09:30:00.123Z'); // analytics-python
    expect(occurredAt('2026-12-06T18:30:00.123456789+09:00')).toBe('2026-12-06T09:30:00.123Z'); // Go, RFC 3339
    expect(occurredAt(undefined)).toBe('2026-12-07T12:00:00.000Z'); // no timestamp: when it arrived
  });

  it('refuses what new Date() would guess at, naming the field', () => {
    // new Date('1') is 2001-01-01 and new Date('12/06/2026') is local midnight: neither is an ISO 8601 instant.
    for (const text of ['1', '12/06/2026', 'last tuesday', '2026-12-06T09:30:00', '2026-02-30T09:30:00Z', 1765000000]) {
      expect(issue(text)).toEqual({
        field: 'timestamp',
        message: expect.stringMatching(/^must be an ISO 8601 date-time with a time zone/),
      });
    }
  });

  it('refuses a time before 1990 or more than a day after the message arrived', () => {
    expect(issue('1989-12-31T23:59:59Z')?.message).toMatch(/must not be before 1990-01-01/);
    expect(issue('9999-12-31T00:00:00Z')?.message).toMatch(/more than a day after the message arrived/);
    // Received at 12:00 on 7 December: 11:59 on the 8th is within a day, 12:01 is not.
    expect(occurredAt('2026-12-08T11:59:00Z')).toBe('2026-12-08T11:59:00.000Z');
    expect(issue('2026-12-08T12:01:00Z')?.field).toBe('timestamp');
    expect(occurredAt('1990-01-01T00:00:00Z')).toBe('1990-01-01T00:00:00.000Z');
  });

  it("judges the time after correcting the sender's clock with sentAt", () => {
    // The phone's clock runs a year ahead: sent at 2027-12-07T11:05 by its clock, received 2026-12-07T12:00.
    // The event at 11:00 by its clock happened 5 minutes before sending: 11:55 on 2026-12-07.
    const sentAt = new Date('2027-12-07T11:05:00Z');
    expect(occurredAt('2027-12-07T11:00:00Z', sentAt)).toBe('2026-12-07T11:55:00.000Z');
    // A phone reset to 1970 sends times that are right once corrected, and only then judged.
    expect(occurredAt('1970-01-01T00:10:00Z', new Date('1970-01-01T00:15:00Z'))).toBe('2026-12-07T11:55:00.000Z');
    expect(issue('1970-01-01T00:10:00Z')?.message).toMatch(/before 1990/);
    expect(issue('2027-12-07T11:00:00Z', new Date('2026-12-07T11:00:00Z'))?.message).toMatch(
      /after correcting for the sender's clock with sentAt/,
    );
  });

  it('checks the time of identify and group calls too', () => {
    const identify = parseSegmentMessage({ type: 'identify', userId: 'u-1', timestamp: '1' }, receivedAt, null);
    expect(identify.ok ? null : identify.issue.field).toBe('timestamp');
    const group = parseSegmentMessage(
      { type: 'group', userId: 'u-1', groupId: 'g', timestamp: '2026-12-07T11:00:00Z' },
      receivedAt,
      null,
    );
    expect(group.ok).toBe(true);
  });

  it('refuses a sentAt that is not an ISO 8601 instant', () => {
    expect(sentAtProblem('2026-12-07T11:59:58.123Z')).toBeUndefined();
    expect(sentAtProblem(undefined)).toBeUndefined();
    expect(sentAtProblem('1')).toMatch(/^must be an ISO 8601 date-time with a time zone/);
  });
});
