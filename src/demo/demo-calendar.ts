// The simulated world counts days from its first day; these turn day numbers into calendar dates (UTC).

const DAY_MS = 86_400_000;

export interface WorldCalendar {
  /** The first simulated day, 'YYYY-MM-DD'. */
  startDate: string;
  /** The last simulated day ("today"), 'YYYY-MM-DD'. */
  endDate: string;
  /** Number of simulated days, startDate and endDate included. */
  days: number;
}

/** The calendar of a world that ends on `today` and begins `months` calendar months earlier. */
export function worldCalendar(today: string, months: number): WorldCalendar {
  const end = new Date(`${today}T00:00:00Z`);
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - months);
  return {
    startDate: start.toISOString().slice(0, 10),
    endDate: today,
    days: Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1,
  };
}

export function dateOfDay(calendar: WorldCalendar, day: number): string {
  return new Date(Date.parse(`${calendar.startDate}T00:00:00Z`) + day * DAY_MS).toISOString().slice(0, 10);
}

/** An instant on a simulated day, `minutes` after midnight UTC. */
export function instantOfDay(calendar: WorldCalendar, day: number, minutes = 0): string {
  return new Date(Date.parse(`${calendar.startDate}T00:00:00Z`) + day * DAY_MS + Math.round(minutes) * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(calendar: WorldCalendar, day: number): number {
  return new Date(Date.parse(`${calendar.startDate}T00:00:00Z`) + day * DAY_MS).getUTCDay();
}

/**
 * How busy people are on a date in a country, 1 = a normal weekday: weekends, the year-end break, August in
 * Europe, Golden Week and Obon in Japan.
 */
export function seasonalActivity(date: string, country: string): number {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const monthDay = date.slice(5);
  let factor = weekday === 0 || weekday === 6 ? 0.12 : 1;
  if (monthDay >= '12-24' || monthDay <= '01-03') factor *= 0.35;
  if (country === 'JP') {
    if (monthDay >= '04-29' && monthDay <= '05-05') factor *= 0.3;
    if (monthDay >= '08-13' && monthDay <= '08-16') factor *= 0.4;
  } else if (['DE', 'FR', 'ES', 'IT', 'NL', 'SE'].includes(country) && monthDay.startsWith('08')) {
    factor *= 0.6;
  }
  return factor;
}
