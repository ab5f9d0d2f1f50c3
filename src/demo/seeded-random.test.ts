import { describe, expect, it } from 'vitest';
import { seasonalActivity, worldCalendar } from './demo-calendar.js';
import { stepValue } from './latent-value.js';
import { createRandom, mixSeed } from './seeded-random.js';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect(c.next()).not.toBe(first[0]);
  });

  it('keeps draws in range and near their means', () => {
    const random = createRandom(1);
    const ints = Array.from({ length: 10_000 }, () => random.int(1, 6));
    expect(Math.min(...ints)).toBe(1);
    expect(Math.max(...ints)).toBe(6);
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(mean(ints)).toBeCloseTo(3.5, 1);
    expect(mean(Array.from({ length: 10_000 }, () => random.poisson(2)))).toBeCloseTo(2, 1);
    expect(mean(Array.from({ length: 10_000 }, () => random.normal()))).toBeCloseTo(0, 1);
    expect(random.weighted(['never', 'always'], [0, 1])).toBe('always');
  });

  it('derives independent streams per label', () => {
    expect(mixSeed(42, 'account-1')).not.toBe(mixSeed(42, 'account-2'));
    expect(mixSeed(42, 'account-1')).toBe(mixSeed(42, 'account-1'));
  });
});

describe('stepValue', () => {
  it('is pulled towards its level and stays within 0–1', () => {
    const random = createRandom(5);
    let value = 0;
    for (let day = 0; day < 400; day++) value = stepValue(value, 0.8, random, 0.05, 0);
    // Without noise: 0.8 × (1 − 0.95^400), within a hair of 0.8.
    expect(value).toBeCloseTo(0.8, 5);
    expect(stepValue(1, 1, createRandom(1), 0.03, 10)).toBeLessThanOrEqual(1);
  });
});

describe('worldCalendar and seasonalActivity', () => {
  it('counts the days from months before today to today', () => {
    expect(worldCalendar('2026-03-31', 12)).toEqual({ startDate: '2025-03-31', endDate: '2026-03-31', days: 366 });
  });

  it('slows weekends, the year end and Golden Week in Japan', () => {
    expect(seasonalActivity('2026-03-04', 'US')).toBe(1); // a Wednesday
    expect(seasonalActivity('2026-03-07', 'US')).toBe(0.12); // a Saturday
    expect(seasonalActivity('2025-12-30', 'US')).toBeCloseTo(0.35); // a Tuesday
    expect(seasonalActivity('2026-04-30', 'JP')).toBeCloseTo(0.3); // a Thursday in Golden Week
    expect(seasonalActivity('2026-04-30', 'US')).toBe(1);
  });
});
