import { z } from 'zod';

// Field types shared by the API schemas, with messages a person can act on.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

// Every date and instant the API takes lies in years 1–9999: four-digit years, as ISO 8601 writes them without a
// sign. Outside is a mistyped year or a far clock correction, refused here before it reaches the database, which
// has no year 0 and cannot write year 10000 back as YYYY-MM-DD.
const EARLIEST = new Date('0001-01-01T00:00:00Z').getTime();
const LATEST = new Date('9999-12-31T23:59:59.999Z').getTime();
export const DATE_RANGE_HINT = 'between 0001-01-01 and 9999-12-31 (UTC)';

/** Whether a date lies in the range every date of the API must lie in. */
export const inDateRange = (date: Date) => date.getTime() >= EARLIEST && date.getTime() <= LATEST;

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isRangedDate = (text: string) => isCalendarDate(text) && inDateRange(new Date(`${text}T00:00:00Z`));

/** A calendar date, 'YYYY-MM-DD', in years 1–9999. */
export const isoDate = () =>
  z.string().superRefine((text, context) => {
    if (!isCalendarDate(text)) {
      context.addIssue({ code: 'custom', message: 'must be a date written YYYY-MM-DD, e.g. 2026-03-01' });
    } else if (!isRangedDate(text)) context.addIssue({ code: 'custom', message: `must be ${DATE_RANGE_HINT}` });
  });

/** The instant an ISO 8601 text names, whatever its year; undefined when it names none. */
function readInstant(text: string): Date | undefined {
  if (isCalendarDate(text)) return new Date(`${text}T00:00:00Z`);
  if (!DATE_TIME.test(text) || !isCalendarDate(text.slice(0, 10))) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/**
 * The instant an ISO 8601 text names: a date-time with a zone (Z or +09:00; RFC 3339's space for the T is taken), or
 * a date alone meaning midnight UTC, in years 1–9999. Undefined for anything else, so that "1" or "last
 * tuesday", which `new Date()` reads as some date, are refused rather than guessed.
 */
export function parseInstant(text: string): Date | undefined {
  const instant = readInstant(text);
  return instant && inDateRange(instant) ? instant : undefined;
}

export const ISO_INSTANT_HINT = 'an ISO 8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z';

/** Why a text is not an instant parseInstant takes, or undefined when it is one. */
export function instantProblem(text: string): string | undefined {
  const instant = readInstant(text);
  if (!instant) return `must be ${ISO_INSTANT_HINT}`;
  return inDateRange(instant) ? undefined : `must be ${DATE_RANGE_HINT}`;
}

/** An instant: ISO 8601 date-time with a zone (Z or +09:00), or a date alone meaning midnight UTC. */
export const isoTimestamp = () =>
  z
    .string()
    .superRefine((text, context) => {
      const problem = instantProblem(text);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
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
    .normalize('NFC')
    // Lowercase letters of any script (a Japanese team tags 競合 or 予算削減), digits, hyphens between words.
    .regex(/^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}-]{0,62}$/u, {
      error: 'tags are lowercase words joined by hyphens, e.g. champion-left or 競合',
    });
