import { type MeasureId, measureCatalog } from './compute-measures.js';
import type { GroupNode, MeasureNode, Scale, Thresholds } from './scorecard.schema.js';

// The scorecards Pacer ships with. A team changes them through the API (each change is a new version); these are
// the first versions. Every measure has its own bands; a missing value leaves the measure out and its weight goes
// to the others, so an account without surveys is judged on what is known, not on a made-up zero.

export interface ScorecardDefinition {
  thresholds: Thresholds;
  /** Lifecycle stages this scorecard judges; empty = every stage no other scorecard claims. */
  appliesTo: { lifecycleStages: string[] };
  root: GroupNode;
}

const m = (measure: MeasureId, weight: number, scale: Scale): MeasureNode => ({
  type: 'measure',
  measure,
  label: measureCatalog[measure],
  weight,
  scale,
  missing: { kind: 'exclude' },
});
const group = (
  name: string,
  weight: number,
  children: (GroupNode | MeasureNode)[],
  mode: 'weighted' | 'worst' = 'weighted',
): GroupNode => ({
  type: 'group',
  name,
  weight,
  mode,
  children,
});
const linear = (from: number, to: number): Scale => ({ kind: 'linear', from, to });

const recency: Scale = {
  kind: 'bands',
  bands: [
    { max: 3, score: 100, color: 'green' },
    { min: 3, max: 7, score: 80, color: 'green' },
    { min: 7, max: 14, score: 50, color: 'yellow' },
    { min: 14, max: 30, score: 20, color: 'red' },
    { min: 30, score: 0, color: 'red' },
  ],
};
const yesIsGood: Scale = {
  kind: 'bands',
  bands: [
    { max: 0.5, score: 10, color: 'red' },
    { min: 0.5, score: 100, color: 'green' },
  ],
};
const noneIsGood: Scale = {
  kind: 'bands',
  bands: [
    { max: 1, score: 100, color: 'green' },
    { min: 1, max: 3, score: 40, color: 'yellow' },
    { min: 3, score: 0, color: 'red' },
  ],
};

/** A count of bad events: none is green, any is red. */
const noneOrRed: Scale = {
  kind: 'bands',
  bands: [
    { max: 1, score: 100, color: 'green' },
    { min: 1, score: 0, color: 'red' },
  ],
};
/** A yes (1) / no (0) warning sign: 1 is red. */
const flagIsRed = noneOrRed;

// Red flags: each on its own is enough for a CSM to act, so the group is as good as its worst sign. Most are rare;
// an account without any scores 100 here and is judged on the rest.
const redFlags = group(
  'Red flags',
  25,
  [
    m('relationship.champion_left_90d', 1, noneOrRed),
    // No active champion (gone, or never named) is a red flag; no active executive sponsor a yellow one. Known for
    // today; for a past day only once contacts' roles and activity have a dated history.
    m('relationship.champion_active', 1, yesIsGood),
    m('relationship.sponsor_active', 1, {
      kind: 'bands',
      bands: [
        { max: 0.5, score: 50, color: 'yellow' },
        { min: 0.5, score: 100, color: 'green' },
      ],
    }),
    m('support.urgent_tickets_90d', 1, {
      kind: 'bands',
      bands: [
        { max: 1, score: 100, color: 'green' },
        { min: 1, max: 3, score: 70, color: 'yellow' },
        { min: 3, score: 20, color: 'red' },
      ],
    }),
    m('voice.detractors_180d', 1, {
      kind: 'bands',
      bands: [
        { max: 1, score: 100, color: 'green' },
        { min: 1, score: 30, color: 'red' },
      ],
    }),
    m('sentiment.risk_notes_90d', 1, noneOrRed),
    m('billing.renewal_with_falling_usage', 1, flagIsRed),
  ],
  'worst',
);

// Usage against the account's own past: a team that used to work in the product and stopped is the earliest sign.
const usageTrend = group('Usage against its own past', 25, [
  m('usage.events_vs_baseline', 2, {
    kind: 'bands',
    bands: [
      { max: 0.5, score: 0, color: 'red' },
      { min: 0.5, max: 0.8, score: 45, color: 'yellow' },
      { min: 0.8, score: 100, color: 'green' },
    ],
  }),
  m('usage.days_since_last_active', 1, recency),
]);

// Usage against the book: how much of what they pay for they use, how often, and how widely.
const usage = group('Product usage', 20, [
  m('usage.licence_utilisation', 1, linear(0.1, 0.8)),
  m('usage.stickiness', 1, linear(0.05, 0.4)),
  m('usage.breadth', 1, linear(0, 0.8)),
]);
const voice = group('Voice of the customer', 15, [
  m('voice.latest_nps', 2, linear(0, 10)),
  m('voice.latest_csat', 1, linear(1, 5)),
]);
const sentiment = group('CSM judgement', 10, [m('sentiment.csm_90d', 1, linear(-2, 2))]);
const support = group('Support', 5, [m('support.tickets_per_user_90d', 1, linear(1, 0))]);
const billing = group('Billing', 5, [
  m('billing.mrr_change_90d', 1, {
    kind: 'bands',
    bands: [
      { max: -0.1, score: 20, color: 'red' },
      { min: -0.1, max: 0, score: 60, color: 'yellow' },
      { min: 0, score: 100, color: 'green' },
    ],
  }),
]);
// The renewal window: a customer decides whether to stay when a renewal is near (a monthly one, every month), so
// the same doubts weigh more then. Far from any renewal an account cannot leave soon whatever its health.
const renewal = group('Renewal window', 15, [
  m('billing.days_to_renewal', 1, {
    kind: 'bands',
    bands: [
      { max: 45, score: 30, color: 'red' },
      { min: 45, max: 120, score: 60, color: 'yellow' },
      { min: 120, score: 100, color: 'green' },
    ],
  }),
]);
const relationship = group('Relationship', 20, [
  m('relationship.champion_left_90d', 3, noneOrRed),
  m('relationship.champion_active', 2, yesIsGood),
  m('relationship.sponsor_active', 1, yesIsGood),
]);

export const defaultScorecards: Record<string, ScorecardDefinition> = {
  'Customer health': {
    thresholds: { red: 50, yellow: 75 },
    appliesTo: { lifecycleStages: [] },
    root: group('Customer health', 1, [redFlags, renewal, usageTrend, usage, voice, sentiment, support, billing]),
  },
  // Onboarding accounts are judged on getting to value: the magic moment, and early habits.
  Onboarding: {
    thresholds: { red: 40, yellow: 70 },
    appliesTo: { lifecycleStages: ['onboarding'] },
    root: group('Onboarding', 1, [
      group('Getting to value', 50, [
        m('onboarding.magic_moment_reached', 3, yesIsGood),
        m('usage.days_since_last_active', 2, recency),
        m('usage.breadth', 1, linear(0, 0.6)),
      ]),
      relationship,
      group('Early signals', 30, [
        m('support.urgent_tickets_90d', 1, noneIsGood),
        m('sentiment.csm_90d', 1, linear(-2, 2)),
      ]),
    ]),
  },
};
