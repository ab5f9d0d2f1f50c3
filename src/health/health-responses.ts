import { z } from 'zod';

// What the per-account health routes answer, as schemas: the OpenAPI document (and the web app's generated types)
// come from them.

const colour = z.enum(['red', 'yellow', 'green']);

const override = z.object({
  measure: z.string().nullable(),
  score: z.number().optional(),
  color: colour.optional(),
  reason: z.string(),
  expiresAt: z.string().nullable(),
  by: z.string(),
  createdAt: z.string().optional(),
  endedAt: z.string().nullable().optional(),
});

const measureResult = z.object({
  measure: z.string().describe('The measure id (usage.licence_utilisation): translate by it.'),
  label: z.string().describe("The scorecard's English label."),
  value: z.number().nullable(),
  score: z.number().nullable().describe("0–100: the measure's band or scale score."),
  color: colour.nullable(),
  effectiveWeight: z.number(),
  points: z.number().describe('Points this measure adds to the overall score.'),
  missing: z.boolean(),
  override: override.optional(),
});

export const healthExplanation = z
  .object({
    accountId: z.uuid(),
    asOf: z.string(),
    scorecard: z.string(),
    scorecardVersion: z.number(),
    score: z.number().nullable(),
    color: colour.nullable(),
    computedColor: colour.nullable(),
    override: override.nullable(),
    measures: z.array(measureResult),
    groups: z.array(
      z.object({
        name: z.string(),
        mode: z.enum(['weighted', 'worst']),
        measures: z.array(z.string()),
        points: z.number(),
      }),
    ),
    comparedWith: z.object({ asOf: z.string(), score: z.number().nullable(), color: colour.nullable() }).nullable(),
    trend: z.enum(['up', 'down', 'flat']).nullable(),
    changes: z
      .array(
        z.object({
          measure: z.string(),
          label: z.string(),
          from: z.number().nullable(),
          to: z.number().nullable(),
          points: z.number().describe('Change in points the measure adds to the overall score.'),
        }),
      )
      .describe('What moved the score since comparedWith, largest effect first: the parts of each sentence.'),
    sentences: z.array(z.string()).describe('The changes in English words, same order.'),
  })
  .meta({ id: 'HealthExplanation' });

export const healthHistory = z
  .object({
    accountId: z.uuid(),
    from: z.string(),
    to: z.string(),
    days: z.array(
      z.object({
        day: z.string(),
        score: z.number().nullable(),
        colour: colour.nullable(),
        overridden: z.boolean(),
        measures: z.object({
          activeUsers30d: z.number().nullable(),
          licenceUtilisation: z.number().nullable(),
          keyFeaturesUsed: z.number().nullable().describe('Share (0–1) of the key features used in 30 days.'),
          probabilityAlive: z.number().nullable(),
        }),
      }),
    ),
  })
  .meta({ id: 'HealthHistory' });

export const healthOverride = z
  .object({
    id: z.uuid(),
    measure: z.string().nullable(),
    score: z.number().nullable(),
    color: z.string().nullable(),
    reason: z.string(),
    expiresAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    endedAt: z.string().nullable(),
  })
  .meta({ id: 'HealthOverride' });

export const stakeholderList = z
  .object({
    stakeholders: z.array(
      z.object({
        contactId: z.uuid(),
        externalId: z.string().nullable(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        role: z.string().nullable(),
        active: z.boolean(),
        daysSinceActive: z.number().nullable(),
        activeDays30: z.number(),
        latestNps: z.number().nullable(),
        score: z.number().nullable(),
        color: colour.nullable(),
        reasons: z.array(z.string()),
      }),
    ),
    signals: z.array(z.string()).describe('In English words; signalDetails holds their parts, same order.'),
    signalDetails: z.array(
      z.object({
        kind: z.enum(['champion_inactive', 'champion_quiet', 'sponsor_inactive', 'no_active_champion']),
        contactId: z.string().nullable(),
        who: z.string().nullable(),
        daysSinceActive: z.number().nullable(),
        othersActive: z.number(),
      }),
    ),
  })
  .meta({ id: 'Stakeholders' });
