import { z } from 'zod';

// Field types shared by the API schemas, with messages a person can act on.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date, 'YYYY-MM-DD'. */
export const isoDate = () =>
  z.string().refine(isCalendarDate, { error: 'must be a date written YYYY-MM-DD, e.g. 2026-03-01' });

/**
 * The instant an ISO 8601 text names: a date-time with a zone (Z or +09:00; RFC 3339's space for the T is taken), or
 * a date alone meaning midnight UTC. Undefined for anything else, so that "1" or "last tuesday", which `new Date()`
 * reads as some date, are refused rather than guessed.
 */
export function parseInstant(text: string): Date | undefined {
  if (isCalendarDate(text)) return new Date(`${text}T00:00:00Z`);
  if (!DATE_TIME.test(text) || !isCalendarDate(text.slice(0, 10))) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export const ISO_INSTANT_HINT = 'an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z';

/** An instant: ISO 8601 date-time with a zone (Z or +09:00), or a date alone meaning midnight UTC. */
export const isoTimestamp = () =>
  z
    .string()
    .refine((text) => parseInstant(text) !== undefined, { error: `must be ${ISO_INSTANT_HINT}` })
    .transform((text) => parseInstant(text) as Date);

/** A decimal amount in the currency's major unit (29.85), as a JSON number or a string. */
export const moneyAmount = () => z.union([z.number(), z.string()], { error: 'must be a decimal amount such as 29.85' });

export const uuid = () => z.uuid({ error: 'must be a UUID' });

export const traits = () =>
  z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).describe('Free-form attributes (JSON object).');

export const optionalText = (max = 1000) => z.string().trim().max(max).nullable().optional();

/** Tags are short lowercase slugs: champion-left, budget-cut. */
export const tag = () =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'tags are lowercase words joined by hyphens, e.g. champion-left' });
