import { describe, expect, it } from 'vitest';
import { daysToNextRenewal } from './next-renewal.js';

describe('days to the next renewal', () => {
  it('uses the renewal date when it is still ahead', () => {
    expect(daysToNextRenewal('2025-03-01', '2024-06-15', 'year', '2025-06-15')).toBe(106);
  });
  it('otherwise counts to the next boundary of the billing period from the start', () => {
    // Yearly from 15 June 2024: next renewal 15 June 2025, 106 days after 1 March 2025.
    expect(daysToNextRenewal('2025-03-01', '2024-06-15', 'year', null)).toBe(106);
    // Monthly from 31 January: 28 February is the boundary in a short month.
    expect(daysToNextRenewal('2025-02-20', '2025-01-31', 'month', null)).toBe(8);
    // Quarterly from 10 January: 10 April, 10 July …; from 11 April the next is 10 July (90 days).
    expect(daysToNextRenewal('2025-04-11', '2025-01-10', 'quarter', '2025-01-01')).toBe(90);
    // A monthly renewal date five months out was set by later renewals: the billing period says 19 days.
    expect(daysToNextRenewal('2025-03-01', '2024-12-20', 'month', '2025-08-20')).toBe(19);
    expect(daysToNextRenewal('2025-04-10', '2025-01-10', 'quarter', null)).toBe(0);
    // Years later: monthly from 31 March 2021, the boundary after 15 February 2026 is 28 February 2026.
    expect(daysToNextRenewal('2026-02-15', '2021-03-31', 'month', null)).toBe(13);
    // Yearly from 29 February 2024: 28 February 2025, then 28 February 2026 (not 1 March).
    expect(daysToNextRenewal('2026-01-01', '2024-02-29', 'year', null)).toBe(58);
  });
});
