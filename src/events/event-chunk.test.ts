import { describe, expect, it } from 'vitest';
import { createEventChunk } from './event-chunk.js';
import type { ImportedEvent } from './usage-event.js';

const ACME = '01a20c49-7763-7099-8184-e2f87a01d860';
const GLOBEX = '01a20c49-7763-7099-8184-e2f87a01d861';

const event = (messageId: string, more: Partial<ImportedEvent> = {}): ImportedEvent => ({
  messageId,
  type: 'track',
  name: 'Login',
  userId: 'u1',
  accountExternalId: 'acme',
  occurredAt: '2026-03-01T10:00:00.000Z',
  count: 1,
  properties: null,
  ...more,
});

const lines = (bytes: Buffer) => bytes.toString('utf8').split('\n').slice(0, -1);

describe('createEventChunk', () => {
  it('gives back each event as it came, whatever its text holds', () => {
    const chunk = createEventChunk(4, false);
    const odd = event('m-1', {
      type: 'page',
      name: 'Tab\there, line\nbreak, back\\slash, é',
      userId: null,
      accountExternalId: 'グループ',
      count: 7,
      properties: '{"note":"a \\"quoted\\" \\\\ word","tab":"\\t"}',
    });
    chunk.add(2, 'the row as written', odd);
    chunk.add(3, 'u1,acme,Login', event('imp_00ff_0'));
    expect(chunk.rows()).toEqual([
      { line: 2, source: { raw: 'the row as written' }, value: odd },
      { line: 3, source: { raw: 'u1,acme,Login' }, value: event('imp_00ff_0') },
    ]);
    chunk.clear();
    expect(chunk.size).toBe(0);
    expect(chunk.rows()).toEqual([]);
  });

  it('copies attached events in id order (derived ids by day first), each id once, and sums their counts per account, day, user and name', () => {
    const chunk = createEventChunk(8, false);
    chunk.add(2, 'r2', event('imp_20260301_ff00_0', { count: 2 }));
    chunk.add(3, 'r3', event('imp_20260301_f000_0', { count: 3, occurredAt: '2026-03-01T23:59:59.000Z' }));
    chunk.add(4, 'r4', event('given-b', { accountExternalId: 'globex' }));
    // The same id as row 4, later in the file: not stored again (ON CONFLICT DO NOTHING keeps the first).
    chunk.add(5, 'r5', event('given-b', { accountExternalId: 'globex', count: 9 }));
    chunk.add(6, 'r6', event('imp_20260301_5000_0', { accountExternalId: 'nobody' }));
    chunk.add(
      7,
      'r7',
      event('imp_20260302_0000_0', { accountExternalId: null, userId: 'u2', occurredAt: '2026-03-02T00:00:00.000Z' }),
    );
    expect(chunk.accountKeys()).toEqual({ groups: ['acme', 'globex', 'nobody'], users: ['u2'] });
    chunk.attach((by, key) => (by === 'group' ? { acme: ACME, globex: GLOBEX }[key] : key === 'u2' ? ACME : undefined));

    const copy = chunk.copy(new Set(['imp_20260301_ff00_0']));
    expect(copy.rows).toBe(3);
    expect(lines(copy.events)).toEqual([
      `${ACME}\t2026-03-01T23:59:59.000Z\tu1\tLogin\timp_20260301_f000_0\tacme\ttrack\t3\t\\N`,
      `${ACME}\t2026-03-02T00:00:00.000Z\tu2\tLogin\timp_20260302_0000_0\t\\N\ttrack\t1\t\\N`,
      `${GLOBEX}\t2026-03-01T10:00:00.000Z\tu1\tLogin\tgiven-b\tglobex\ttrack\t1\t\\N`,
    ]);
    expect(lines(copy.pending).sort()).toEqual([
      `${ACME}\t2026-03-01\tu1\tLogin\t3`,
      `${ACME}\t2026-03-02\tu2\tLogin\t1`,
      `${GLOBEX}\t2026-03-01\tu1\tLogin\t1`,
    ]);
    expect(chunk.unattached()).toEqual([
      { event: event('imp_20260301_5000_0', { accountExternalId: 'nobody' }), group: 'nobody' },
    ]);

    // Nothing stored before: every attached id once, and the two Login rows of acme on March 1 counted together.
    const all = chunk.copy(new Set());
    expect(all.rows).toBe(4);
    expect(lines(all.pending).sort()).toEqual([
      `${ACME}\t2026-03-01\tu1\tLogin\t5`,
      `${ACME}\t2026-03-02\tu2\tLogin\t1`,
      `${GLOBEX}\t2026-03-01\tu1\tLogin\t1`,
    ]);
  });

  it("gives the users' rollup its keys by account and day, and the accounts' counts summed without the user", () => {
    const chunk = createEventChunk(8, false);
    // Globex first in the file, and days out of order: the rollup's lines come by account uuid, then day.
    chunk.add(2, 'r2', event('g1', { accountExternalId: 'globex', occurredAt: '2026-03-02T09:00:00.000Z' }));
    chunk.add(3, 'r3', event('a1', { occurredAt: '2026-03-02T09:00:00.000Z', count: 2 }));
    chunk.add(4, 'r4', event('a2', { userId: 'u2', occurredAt: '2026-03-01T09:00:00.000Z', count: 3 }));
    chunk.add(5, 'r5', event('a3', { userId: 'u3', occurredAt: '2026-03-02T11:00:00.000Z', count: 4 }));
    // No user: the accounts' rollup only. A user whose id is the text \N is a user.
    chunk.add(6, 'r6', event('a4', { userId: null, occurredAt: '2026-03-02T12:00:00.000Z', count: 5 }));
    chunk.add(7, 'r7', event('a5', { userId: '\\N', name: 'Report', occurredAt: '2026-03-02T13:00:00.000Z' }));
    chunk.add(8, 'r8', event('a6', { userId: 'u2', occurredAt: '2026-03-01T18:00:00.000Z', count: 6 }));
    chunk.attach((by, key) => (by === 'group' ? { acme: ACME, globex: GLOBEX }[key] : undefined));
    const copy = chunk.copy(new Set());
    const byAccountAndDay = lines(copy.userRollups).map((line) => line.split('\t').slice(0, 2).join(' '));
    expect(byAccountAndDay).toEqual([
      `${ACME} 2026-03-01`,
      `${ACME} 2026-03-02`,
      `${ACME} 2026-03-02`,
      `${ACME} 2026-03-02`,
      `${GLOBEX} 2026-03-02`,
    ]);
    expect(lines(copy.userRollups).sort()).toEqual(
      [
        `${ACME}\t2026-03-01\tu2\tLogin\t9`,
        `${ACME}\t2026-03-02\tu1\tLogin\t2`,
        `${ACME}\t2026-03-02\tu3\tLogin\t4`,
        `${ACME}\t2026-03-02\t\\\\N\tReport\t1`,
        `${GLOBEX}\t2026-03-02\tu1\tLogin\t1`,
      ].sort(),
    );
    expect(lines(copy.accountCounts).sort()).toEqual(
      [
        `${ACME}\t2026-03-01\t\\N\tLogin\t9`,
        `${ACME}\t2026-03-02\t\\N\tLogin\t11`,
        `${ACME}\t2026-03-02\t\\N\tReport\t1`,
        `${GLOBEX}\t2026-03-02\t\\N\tLogin\t1`,
      ].sort(),
    );
  });

  it('copies every row when a given id only looks derived (imp_…_ without the digits)', () => {
    const ids = ['imp_ÿÿÿÿÿÿÿÿ_zzz', 'imp_!!!!!!!!_!!!', 'imp_99999999_fff_0', 'imp_20260301_abc_0', 'imp_x'];
    const chunk = createEventChunk(8, false);
    ids.forEach((id, index) => {
      chunk.add(index + 2, `r${index}`, event(id));
    });
    chunk.attach(() => ACME);
    const copied = lines(chunk.copy(new Set()).events).map((line) => line.split('\t')[4]);
    expect(copied.sort()).toEqual([...ids].sort());
  });

  it('B2C: a user without a group is their own account, first seen at their earliest event', () => {
    const chunk = createEventChunk(4, true);
    chunk.add(2, 'r2', event('imp_1_0', { accountExternalId: null, occurredAt: '2026-03-05T00:00:00.000Z' }));
    chunk.add(3, 'r3', event('imp_2_0', { accountExternalId: null, occurredAt: '2026-03-01T00:00:00.000Z' }));
    chunk.add(4, 'r4', event('imp_3_0'));
    expect(chunk.accountKeys()).toEqual({ groups: ['u1', 'acme'], users: [] });
    expect(chunk.usersFirstSeen()).toEqual(new Map([['u1', Date.parse('2026-03-01T00:00:00Z')]]));
    chunk.attach(() => ACME);
    // The stored account_external_id is the user's; the event given back still has no group of its own.
    expect(lines(chunk.copy(new Set()).events)[0]).toMatch(/\timp_1_0\tu1\t/);
    expect(chunk.rows()[0]?.value.accountExternalId).toBeNull();
  });
});
