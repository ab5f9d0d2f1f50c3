import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../events/canonical-json.js';
import { createDuplicateCounter, eventContent } from '../events/message-ids.js';
import { prepareEvent } from './prepare-event.js';

const at = new Date('2026-03-01T10:00:00Z');
const base = { name: 'Login', userId: 'u1', accountExternalId: 'acme', timestamp: at };

describe('prepareEvent', () => {
  it('derives imp_<UTC day>_<32 bits of the md5 of the account key><96 bits of the sha256 of the content>_<n>, n counting identical rows before it in the file', () => {
    const options = { userIsAccount: false, duplicates: createDuplicateCounter() };
    const first = prepareEvent({ ...base }, options);
    const second = prepareEvent({ ...base }, options);
    const other = prepareEvent({ ...base, count: 2 }, options);
    const content =
      '{"accountExternalId":"acme","count":1,"name":"Login","occurredAt":"2026-03-01T10:00:00.000Z","properties":null,"type":"track","userId":"u1"}';
    const digest =
      createHash('md5').update('acme').digest('hex').slice(0, 8) +
      createHash('sha256').update(content).digest('hex').slice(0, 24);
    expect(first).toMatchObject({
      ok: true,
      value: { messageId: `imp_20260301_${digest}_0`, type: 'track', count: 1 },
    });
    expect(second).toMatchObject({ ok: true, value: { messageId: `imp_20260301_${digest}_1` } });
    expect(other.ok && other.value.messageId).toMatch(/_0$/);
    // A second run of the same file (a new counter) derives the same ids.
    const rerun = prepareEvent({ ...base }, { userIsAccount: false, duplicates: createDuplicateCounter() });
    expect(rerun.ok && rerun.value.messageId).toBe(`imp_20260301_${digest}_0`);
  });

  it('keys a row without a groupId by its user', () => {
    const event = prepareEvent(
      { ...base, accountExternalId: undefined },
      { userIsAccount: false, duplicates: createDuplicateCounter() },
    );
    const content =
      '{"accountExternalId":null,"count":1,"name":"Login","occurredAt":"2026-03-01T10:00:00.000Z","properties":null,"type":"track","userId":"u1"}';
    const expected =
      createHash('md5').update('u1').digest('hex').slice(0, 8) +
      createHash('sha256').update(content).digest('hex').slice(0, 24);
    expect(event.ok && event.value.messageId).toBe(`imp_20260301_${expected}_0`);
  });

  it('keeps a given messageId', () => {
    const event = prepareEvent(
      { ...base, messageId: 'm-1' },
      { userIsAccount: false, duplicates: createDuplicateCounter() },
    );
    expect(event.ok && event.value.messageId).toBe('m-1');
  });

  it('says what is wrong with a row', () => {
    const options = { userIsAccount: false, duplicates: createDuplicateCounter() };
    const reason = (row: Record<string, unknown>) => {
      const event = prepareEvent(row, options);
      return event.ok ? undefined : event.reason;
    };
    expect(reason({ ...base, name: undefined })).toBe('name: required (the event name)');
    expect(reason({ ...base, timestamp: undefined })).toBe('timestamp: required');
    expect(reason({ ...base, count: 0 })).toBe('count: must be a whole number, 1 or more');
    expect(reason({ ...base, count: 1.5 })).toBe('count: must be a whole number, 1 or more');
    expect(reason({ ...base, type: 'identify' })).toBe('type: must be track, page or screen');
    expect(reason({ ...base, userId: undefined, accountExternalId: undefined })).toBe(
      'userId: required (or accountExternalId)',
    );
    expect(
      prepareEvent({ ...base, userId: undefined }, { userIsAccount: true, duplicates: createDuplicateCounter() }),
    ).toEqual({ ok: false, reason: 'userId: required (with --b2c each user is its own account)' });
  });
});

describe('createDuplicateCounter', () => {
  it('numbers rows by the filter bits earlier versions used, so their ids stay the ids of a re-run', () => {
    const counter = createDuplicateCounter();
    const digest = '0123456789abcdef'.repeat(4);
    // The filter reads the low 27 bits of each of the first four 32-bit words: hex digits 1–7, 9–15, 17–23, 25–31.
    const sameBits = `f${digest.slice(1, 8)}8${digest.slice(9, 40)}${'0'.repeat(24)}`;
    const otherBits = `${digest.slice(0, 7)}0${digest.slice(8)}`;
    expect(counter.seenBefore(digest)).toBe(0);
    expect(counter.seenBefore(digest)).toBe(1);
    // A false "seen": counted exactly from then on, and the same on every run of the same file.
    expect(counter.seenBefore(sameBits)).toBe(1);
    expect(counter.seenBefore(sameBits)).toBe(2);
    expect(counter.seenBefore(otherBits)).toBe(0);
  });
});

describe('eventContent', () => {
  it('is the canonical JSON of the event', () => {
    const event = {
      type: 'page' as const,
      name: 'Pricing "A"',
      userId: null,
      accountExternalId: 'acme',
      occurredAt: at,
      count: 3,
      properties: { z: 1, a: { y: [1, { b: 2, a: 1 }], x: 'é' } },
    };
    expect(eventContent(event)).toBe(canonicalJson(event));
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
  });
});
