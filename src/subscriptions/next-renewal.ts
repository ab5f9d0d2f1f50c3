const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / 86_400_000;

const periodMonths = { month: 1, quarter: 3, year: 12 } as const;

/** The start date moved on by whole months, clamped to the month's last day as billing systems do. */
function addMonths(y: number, m: number, d: number, months: number): string {
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * Days from the as-of day to the next renewal of a subscription: its own renewal date when that is ahead by no
 * more than one billing period, otherwise the next boundary of its billing period counted from its start (known
 * from the day it was signed). A renewal date further out than one period was set by renewals after the day:
 * reading it would tell a model — or a replay of health history — from the future, that the account renewed.
 */
export function daysToNextRenewal(
  asOf: string,
  startDate: string,
  billingPeriod: string,
  renewalDate: string | null,
): number {
  const months = periodMonths[billingPeriod as keyof typeof periodMonths] ?? 1;
  if (renewalDate !== null && renewalDate >= asOf && day(renewalDate) - day(asOf) <= months * 31) {
    return day(renewalDate) - day(asOf);
  }
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const [ay, am] = asOf.split('-').map(Number) as [number, number];
  // Whole periods elapsed by the as-of month, less one to be safe at month ends; then step to the first boundary.
  const elapsed = (ay - y) * 12 + (am - m);
  for (let k = Math.max(1, Math.floor(elapsed / months) - 1); k < 100_000; k++) {
    const next = addMonths(y, m, d, k * months);
    if (next >= asOf) return day(next) - day(asOf);
  }
  return 0;
}
