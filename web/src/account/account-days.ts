// Calendar days (YYYY-MM-DD, UTC) for the page's ranges and forms.

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export function addDaysTo(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
