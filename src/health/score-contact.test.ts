import { describe, expect, it } from 'vitest';
import { scoreContact } from './score-contact.js';

describe('a person’s engagement', () => {
  it('weighs recency 3, habit 2 and the person’s own NPS 1', () => {
    // Used today (100), 15 active days (100), NPS 4 (40): (300 + 200 + 40) / 6 = 90.
    expect(scoreContact({ active: true, daysSinceActive: 0, activeDays30: 15, latestNps: 4 })).toMatchObject({
      score: 90,
      color: 'green',
    });
    // Quiet for 21 days (30), 3 active days (20), no NPS: (90 + 40) / 5 = 26 → red.
    const quiet = scoreContact({ active: true, daysSinceActive: 21, activeDays30: 3, latestNps: null });
    expect(quiet).toMatchObject({ score: 26, color: 'red' });
    expect(quiet.reasons).toContain('no use for 21 days');
  });

  it('gives no score to someone who has left', () => {
    expect(scoreContact({ active: false, daysSinceActive: 2, activeDays30: 20, latestNps: 9 })).toEqual({
      score: null,
      color: null,
      reasons: ['no longer active at the account'],
    });
  });
});
