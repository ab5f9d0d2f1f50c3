import type { Random } from './seeded-random.js';

/**
 * One day of an account's latent value (0 = gets nothing from the product, 1 = gets all it wanted): a random walk
 * pulled back towards the account's own level (an Ornstein–Uhlenbeck step), kept within 0–1.
 */
export function stepValue(value: number, level: number, random: Random, pull = 0.03, noise = 0.02): number {
  return clamp(value + pull * (level - value) + noise * random.normal(), 0, 1);
}

export const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** Falls from 1 to 0 as x passes `middle` (where it is 0.5); steeper for a smaller `width`. */
export const fallingLogistic = (x: number, middle: number, width: number): number =>
  1 / (1 + Math.exp((x - middle) / width));

/** A probability over a year turned into the probability over a shorter period (`fraction` of a year). */
export const probabilityOver = (perYear: number, fraction: number): number => 1 - (1 - perYear) ** fraction;
