import { hash } from 'node:crypto';
import { contentOf, derivedIdKey, derivedMessageId } from '../events/message-ids.js';
import type { ImportedEvent } from '../events/usage-event.js';
import { inferTraitValue, utcIsoText } from './coerce-value.js';
import { type EventOptions, MAX_COUNT, MAX_TEXT } from './prepare-event.js';
import type { ColumnMapping } from './resolve-mapping.js';

/** The event of a row of delimited text, from its cells; undefined when the row needs the general path. */
export type CellsEvent = (cells: string[]) => ImportedEvent | undefined;

// The fields a common event export maps (the others, and constants given with --set, take the general path).
const FIELDS = new Set(['name', 'timestamp', 'userId', 'accountExternalId', 'count']);
// A count written as plain digits, well within events.count's range once checked against MAX_COUNT.
const WHOLE = /^\d{1,10}$/;

/** A text field as mapRow and prepareEvent make it: trimmed, null when empty. */
const textOf = (cell: string | undefined) => (cell === undefined ? null : cell.trim() || null);
const tooLongOrNul = (text: string | null) => text !== null && (text.length > MAX_TEXT || text.includes('\0'));

/**
 * The same event as mapRow then prepareEvent make of a row of delimited text, made straight from its cells: no
 * object of values, no mapped input, no Date and no properties object for each of a million rows. Rows it cannot
 * be sure of (a count not written as plain digits, a time not in UTC ISO 8601, a field missing or too long, a NUL)
 * answer undefined before they count as seen by the duplicate counter, and take the general path, which reads them
 * or says why not. Undefined when the mapping is not the kind it knows (other fields, constants); a unit test holds
 * it equal to the general path.
 */
export function compileCellsEvent(
  columns: string[],
  mapping: ColumnMapping,
  options: EventOptions,
): CellsEvent | undefined {
  if (Object.keys(mapping.constants).length > 0) return undefined;
  const at = new Map<string, number>();
  for (const source of mapping.sources) {
    const index = columns.indexOf(source.column);
    if (!FIELDS.has(source.field) || index === -1) return undefined;
    at.set(source.field, index);
  }
  const nameAt = at.get('name');
  const timeAt = at.get('timestamp');
  if (nameAt === undefined || timeAt === undefined) return undefined;
  const userAt = at.get('userId');
  const groupAt = at.get('accountExternalId');
  const countAt = at.get('count');
  // Unmapped columns go into properties, keyed by name in sorted order (canonical JSON). A column named __proto__
  // never reaches an object of values, and one whose name holds a NUL is refused: the general path knows both.
  const extras = columns
    .map((column, index) => ({ column, index, key: `${JSON.stringify(column)}:` }))
    .filter(({ column }) => !mapping.mappedColumns.has(column))
    .sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  if (extras.some(({ column }) => column === '__proto__' || column.includes('\0'))) return undefined;
  const { userIsAccount, duplicates } = options;

  return (cells) => {
    const name = textOf(cells[nameAt]);
    if (name === null || tooLongOrNul(name)) return undefined;
    const occurredAt = utcIsoText(cells[timeAt] as string);
    if (occurredAt === undefined) return undefined;
    const userId = textOf(userAt === undefined ? undefined : cells[userAt]);
    const group = textOf(groupAt === undefined ? undefined : cells[groupAt]);
    if (userIsAccount ? !userId : !userId && !group) return undefined;
    if (tooLongOrNul(userId) || tooLongOrNul(group)) return undefined;
    let count = 1;
    const countCell = countAt === undefined ? '' : (cells[countAt] as string);
    if (countCell.trim() !== '') {
      if (!WHOLE.test(countCell)) return undefined;
      count = Number(countCell);
      if (count < 1 || count > MAX_COUNT) return undefined;
    }
    let members = '';
    for (const extra of extras) {
      const cell = cells[extra.index] as string;
      if (cell === '') continue;
      members += `${members ? ',' : ''}${extra.key}${JSON.stringify(inferTraitValue(cell))}`;
    }
    const properties = members ? `{${members}}` : null;
    if (properties?.includes('\\u0000')) return undefined;
    const digest = hash('sha256', contentOf('track', name, userId, group, occurredAt, count, properties), 'hex');
    return {
      messageId: derivedMessageId(occurredAt, derivedIdKey(group, userId), digest, duplicates.seenBefore(digest)),
      type: 'track',
      name,
      userId,
      accountExternalId: group,
      occurredAt,
      count,
      properties,
    };
  };
}
