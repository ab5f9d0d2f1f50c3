import { describe, expect, it } from 'vitest';
import { describeFacts, describeHit } from './describe-hit.js';

describe('the reason a playbook hit an account', () => {
  it('joins the triggers that fired into one sentence', () => {
    expect(
      describeHit([
        { kind: 'health_colour', colour: 'red', turnedOn: '2026-12-01', score: 38.4 },
        { kind: 'renewal_within', renewalDate: '2027-01-11', daysLeft: 41, score: null },
      ]),
    ).toBe('Health turned red on 2026-12-01 (score 38); renews in 41 days (2027-01-11)');
  });

  it('words each kind as a CSM reads it', () => {
    // 72 − 50 = 22 points.
    expect(describeFacts({ kind: 'score_dropped', fromScore: 72, fromDay: '2026-11-10', toScore: 50, days: 30 })).toBe(
      'Health score fell 22 points in 30 days (from 72 on 2026-11-10 to 50)',
    );
    expect(describeFacts({ kind: 'risk_above', risk: 0.724, threshold: 0.6 })).toBe('Churn risk 72% (threshold 60%)');
    expect(
      describeFacts({
        kind: 'measure_threshold',
        measure: 'usage.licence_utilisation',
        value: 0.934,
        above: 0.9,
        below: null,
      }),
    ).toBe('Licence utilisation 93% (above 90%)');
    expect(
      describeFacts({ kind: 'measure_threshold', measure: 'support.open_tickets', value: 1, above: null, below: 2 }),
    ).toBe('Open tickets 1 (below 2)');
    expect(describeFacts({ kind: 'renewal_within', renewalDate: '2026-12-07', daysLeft: 0, score: 40 })).toBe(
      'Renews today (2026-12-07) with health 40',
    );
    expect(describeFacts({ kind: 'nps_answer', score: 9, answeredOn: '2026-12-02' })).toBe(
      'NPS answer 9 on 2026-12-02 (promoter)',
    );
    expect(describeFacts({ kind: 'lifecycle_stage', stage: 'renewal', enteredOn: '2026-12-01' })).toBe(
      'Entered renewal on 2026-12-01',
    );
    expect(
      describeFacts({ kind: 'champion_left', contactName: 'Eve Ng', role: 'executive_sponsor', leftOn: '2026-12-03' }),
    ).toBe('Executive sponsor Eve Ng deactivated on 2026-12-03');
  });

  it('keeps capitals that belong to the words (NPS) after a semicolon', () => {
    expect(
      describeHit([
        { kind: 'note_tagged', tag: 'competitor', notedOn: '2026-12-01' },
        { kind: 'nps_answer', score: 2, answeredOn: '2026-12-02' },
      ]),
    ).toBe('Note tagged “competitor” on 2026-12-01; NPS answer 2 on 2026-12-02 (detractor)');
  });
});
