// Calendar days as 'YYYY-MM-DD' strings in UTC: the one place Pacer turns instants into days and counts days.

const DAY_MS = 86_400_000;

/** The UTC calendar day of an instant. */
export const isoDay = (instant: Date): string => instant.toISOString().slice(0, 10);

/** Today in UTC. */
export const today = (): string => isoDay(new Date());

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last day of a month; month counts from 0 and may run past either end of the year. */
export const monthEnd = (year: number, month: number): string => isoDay(new Date(Date.UTC(year, month + 1, 0)));

/** The month-ends on or before `latest`, oldest first, at most `months` of them. */
export function monthEndsUntil(latest: string, months: number): string[] {
  const dates: string[] = [];
  const [y, m] = latest.split('-').map(Number) as [number, number];
  for (let k = 0; dates.length < months && k < months + 2; k++) {
    const d = monthEnd(y, m - 1 - k);
    if (d <= latest) dates.unshift(d);
  }
  return dates;
}
