import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDuplicateCounter } from '../events/message-ids.js';
import { compileCellsEvent } from './cells-event.js';
import { DEFAULT_NUMBER_FORMAT } from './coerce-value.js';
import { importKinds } from './import-kinds.js';
import { mapRow } from './map-row.js';
import { prepareEvent } from './prepare-event.js';
import { type MappingRequest, resolveMapping } from './resolve-mapping.js';

const kind = importKinds.events;
const COLUMNS = ['user_id', 'group_id', 'event', 'timestamp', 'count', 'plan', 'seats', '7'];

/** A row of the columns above, each cell given or a plain default. */
const row = (cells: Partial<Record<(typeof COLUMNS)[number], string>>): string[] => {
  const plain: Record<string, string> = {
    user_id: 'u-1',
    group_id: 'acme',
    event: 'Report Exported',
    timestamp: '2026-06-01T12:00:00Z',
    count: '3',
    plan: 'pro',
    seats: '',
    '7': '',
  };
  return COLUMNS.map((column) => cells[column] ?? (plain[column] as string));
};

/** Rows the general path reads and those it refuses, each with something the fast path must get right or leave. */
const ROWS: string[][] = [
  row({}),
  row({}), // identical: numbered 1
  row({ event: '  Padded Name  ', user_id: ' u-2 ', group_id: ' acme ' }),
  row({ count: '' }),
  row({ count: '007' }),
  row({ count: ' 5' }),
  row({ count: '0' }),
  row({ count: '2147483647' }),
  row({ count: '2147483648' }),
  row({ count: '1.5' }),
  row({ count: '$1,200' }),
  row({ timestamp: '2026-06-01T12:00:00.5Z' }),
  row({ timestamp: '2026-06-01T12:00:00.25Z' }),
  row({ timestamp: '2026-06-01T12:00:00.125Z' }),
  row({ timestamp: '2024-02-29T23:59:59Z' }),
  row({ timestamp: '2026-02-29T00:00:00Z' }),
  row({ timestamp: '2026-06-01T24:00:00Z' }),
  row({ timestamp: '0050-06-01T00:00:00Z' }),
  row({ timestamp: '2026-06-01 12:00:00' }),
  row({ timestamp: '2026-06-01' }),
  row({ timestamp: ' 2026-06-01T12:00:00Z' }),
  row({ timestamp: '2026-06-01T14:00:00+02:00' }),
  row({ timestamp: '' }),
  row({ event: '' }),
  row({ event: '   ' }),
  row({ event: 'x'.repeat(1001) }),
  row({ event: 'nul\0inside' }),
  row({ event: 'tab\there, back\\slash' }),
  row({ event: 'Émoji 🎉 used' }),
  row({ user_id: '' }),
  row({ group_id: '' }),
  row({ user_id: '', group_id: '' }),
  row({ user_id: 'u\0' }),
  row({ group_id: 'g'.repeat(1001) }),
  row({ plan: '' }),
  row({ plan: '42', seats: '007', '7': '1e21' }),
  row({ plan: 'NaN', seats: 'Infinity', '7': '-0' }),
  row({ plan: ' spaced ', seats: 'say "hi"', '7': 'true' }),
  row({ plan: '\\u0000' }),
  row({ plan: 'x\0y' }),
  row({ plan: '12345678901234567890' }),
];

function bothPaths(columns: string[], rows: string[][], request: MappingRequest, userIsAccount: boolean) {
  const mapping = resolveMapping(kind, columns, request);
  const general = { userIsAccount, duplicates: createDuplicateCounter() };
  const fastSide = { userIsAccount, duplicates: createDuplicateCounter() };
  const fast = compileCellsEvent(columns, mapping, fastSide);
  const generalEvent = (cells: string[], options: typeof general) => {
    const values = Object.fromEntries(columns.map((column, index) => [column, cells[index]]));
    const mapped = mapRow(values, {
      kind,
      mapping,
      dateOrder: 'ymd',
      numbers: DEFAULT_NUMBER_FORMAT,
      fromText: true,
      ignoredColumns: new Set(),
    });
    if (mapped.issues.length > 0) return { ok: false };
    const prepared = prepareEvent(mapped.input, options);
    return prepared.ok ? { ok: true, value: prepared.value } : { ok: false };
  };
  let fastRows = 0;
  const expected = rows.map((cells) => generalEvent(cells, general));
  const actual = rows.map((cells) => {
    const event = fast?.(cells);
    if (event) fastRows++;
    return event ? { ok: true, value: event } : generalEvent(cells, fastSide);
  });
  return { compiled: fast !== undefined, expected, actual, fastRows };
}

describe('compileCellsEvent', () => {
  it('makes the same event as mapRow and prepareEvent, row for row, or leaves the row to them', () => {
    const { expected, actual, fastRows } = bothPaths(COLUMNS, ROWS, {}, false);
    expect(actual).toEqual(expected);
    // Most rows are the common kind, which the fast path takes itself.
    expect(fastRows).toBeGreaterThanOrEqual(20);
    // The values below are worked out by hand, not by either path.
    const content =
      '{"accountExternalId":"acme","count":3,"name":"Report Exported","occurredAt":"2026-06-01T12:00:00.000Z","properties":{"plan":"pro"},"type":"track","userId":"u-1"}';
    // The account key (groupId acme) hashed by MD5, then the content by SHA-256.
    const digest =
      createHash('md5').update('acme').digest('hex').slice(0, 8) +
      createHash('sha256').update(content).digest('hex').slice(0, 24);
    expect(actual[0]).toEqual({
      ok: true,
      value: {
        messageId: `imp_20260601_${digest}_0`,
        type: 'track',
        name: 'Report Exported',
        userId: 'u-1',
        accountExternalId: 'acme',
        occurredAt: '2026-06-01T12:00:00.000Z',
        count: 3,
        properties: '{"plan":"pro"}',
      },
    });
    expect(actual[1]).toMatchObject({ value: { messageId: `imp_20260601_${digest}_1` } });
    // Unmapped columns: numbers as JavaScript writes them become numbers ("1e21" it writes 1e+21), keys in sorted
    // order ("7" first).
    expect(actual[35]).toMatchObject({ value: { properties: '{"7":"1e21","plan":42,"seats":"007"}' } });
    // The general path's refusals stay refusals.
    expect(actual[6]).toEqual({ ok: false });
    expect(actual[15]).toEqual({ ok: false });
    expect(actual[31]).toEqual({ ok: false });
  });

  it('agrees for B2C imports, where each user is its own account and a row without a user is refused', () => {
    const { expected, actual, fastRows } = bothPaths(COLUMNS, ROWS, {}, true);
    expect(actual).toEqual(expected);
    expect(fastRows).toBeGreaterThanOrEqual(15);
    expect(actual[29]).toEqual({ ok: false });
  });

  it('agrees when the columns are mapped by hand and some fields have none', () => {
    const columns = ['who', 'what', 'when'];
    const rows = [
      ['u-1', 'Login', '2026-06-01T08:00:00Z'],
      ['u-1', 'Login', '2026-06-01T08:00:00Z'],
      ['', 'Login', '2026-06-01T08:00:00Z'],
    ];
    const request = { map: ['userId=who,name=what,timestamp=when'] };
    const { compiled, expected, actual, fastRows } = bothPaths(columns, rows, request, false);
    expect(compiled).toBe(true);
    expect(actual).toEqual(expected);
    expect(fastRows).toBe(2);
  });

  it('leaves mappings it does not know to the general path', () => {
    const columns = ['user_id', 'event', 'timestamp', 'type', 'message_id'];
    const given = (request: MappingRequest) =>
      compileCellsEvent(columns, resolveMapping(kind, columns, request), {
        userIsAccount: false,
        duplicates: createDuplicateCounter(),
      });
    // type and messageId are mapped by their names here.
    expect(given({})).toBeUndefined();
    const plain = ['user_id', 'event', 'timestamp'];
    const mapping = resolveMapping(kind, plain, { set: ['accountExternalId=acme'] });
    expect(compileCellsEvent(plain, mapping, { userIsAccount: false, duplicates: createDuplicateCounter() })).toBe(
      undefined,
    );
  });
});
