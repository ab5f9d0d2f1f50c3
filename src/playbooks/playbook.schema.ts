import { z } from 'zod';
import { measureCatalog } from '../health/compute-measures.js';

// A playbook is data: this one schema validates what the API is given, types it, and documents it. Every object is
// strict so a misspelt field is an error naming it, not a condition silently ignored.

const measureIds = Object.keys(measureCatalog) as [string, ...string[]];
const colour = z.enum(['red', 'yellow', 'green'], { error: 'must be red, yellow or green' });
const days = z
  .number({ error: 'must be a number of days' })
  .int({ error: 'must be a whole number of days' })
  .min(1, { error: 'must be at least 1' })
  .max(3650, { error: 'must be at most 3650' });
const probability = z
  .number({ error: 'must be a number' })
  .min(0, { error: 'must be between 0 and 1' })
  .max(1, { error: 'must be between 0 and 1' });
const measure = z.enum(measureIds, {
  error: 'must be one of Pacer’s health measures, such as usage.licence_utilisation',
});
const money = z.number({ error: 'must be an amount' }).min(0, { error: 'must not be negative' });
const lifecycleStage = z.enum(['onboarding', 'adoption', 'renewal', 'expansion', 'advocacy', 'churned'], {
  error: 'must be onboarding, adoption, renewal, expansion, advocacy or churned',
});
const tier = z.enum(['high_touch', 'low_touch', 'tech_touch'], {
  error: 'must be high_touch, low_touch or tech_touch',
});

/** A measure above or below a value (as health stores it: utilisation 0.9 is 90%). */
const measureCondition = z
  .strictObject({ measure, above: z.number().optional(), below: z.number().optional() })
  .refine((m) => m.above !== undefined || m.below !== undefined, {
    message: 'needs above or below',
    path: ['above'],
  });

/** Which accounts, over the portfolio's fields; every condition given must hold. */
export const accountFilterSchema = z
  .strictObject({
    colours: z.array(colour).min(1, { error: 'must name at least one colour' }).optional(),
    churnRiskAtLeast: probability.optional(),
    churnRiskAtMost: probability.optional(),
    owner: z
      .union(
        [
          z.uuid({ error: 'must be a team user id or "none"' }),
          z.literal('none', { error: 'must be a team user id or "none"' }),
        ],
        { error: 'must be a team user id or "none"' },
      )
      .optional()
      .describe('A team user id, or "none" for accounts nobody owns'),
    tiers: z.array(tier).min(1, { error: 'must name at least one tier' }).optional(),
    lifecycleStages: z.array(lifecycleStage).min(1, { error: 'must name at least one stage' }).optional(),
    mrrAtLeast: money.optional().describe('In the reporting currency (major units); accounts without one never match'),
    mrrAtMost: money.optional(),
    traits: z
      .array(
        z.strictObject({
          key: z.string().min(1, { error: 'must not be empty' }),
          equals: z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, number or boolean' }),
        }),
      )
      .optional(),
    measures: z.array(measureCondition).optional(),
  })
  .meta({ id: 'PlaybookAccountFilter' });

const withConditions = { conditions: accountFilterSchema.optional() };

export const triggerSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('health_colour'),
        colour,
        changedWithinDays: days.optional().describe('Only when it turned this colour within so many days'),
        ...withConditions,
      }),
      z.strictObject({ kind: z.literal('score_dropped'), points: z.number().positive(), days, ...withConditions }),
      z.strictObject({ kind: z.literal('risk_above'), threshold: probability, ...withConditions }),
      z.strictObject({
        kind: z.literal('measure_threshold'),
        measure,
        above: z.number().optional(),
        below: z.number().optional(),
        ...withConditions,
      }),
      z.strictObject({
        kind: z.literal('renewal_within'),
        days,
        healthBelow: z.number().min(0).max(100).optional(),
        ...withConditions,
      }),
      z.strictObject({
        kind: z.literal('nps_answer'),
        answer: z.enum(['detractor', 'promoter'], { error: 'must be detractor or promoter' }),
        days,
        ...withConditions,
      }),
      z.strictObject({
        kind: z.literal('note_tagged'),
        tag: z.string().trim().min(1, { error: 'must not be empty' }),
        days,
        ...withConditions,
      }),
      z.strictObject({ kind: z.literal('lifecycle_stage'), stage: lifecycleStage, days, ...withConditions }),
      z.strictObject({ kind: z.literal('champion_left'), days, ...withConditions }),
    ],
    {
      error:
        'must have a kind: health_colour, score_dropped, risk_above, measure_threshold, renewal_within, ' +
        'nps_answer, note_tagged, lifecycle_stage or champion_left',
    },
  )
  .superRefine((trigger, context) => {
    if (trigger.kind === 'measure_threshold' && trigger.above === undefined && trigger.below === undefined)
      context.addIssue({ code: 'custom', path: ['above'], message: 'needs above or below' });
  })
  .meta({ id: 'PlaybookTrigger' });

const assigneeError = 'must be "owner" or a team user id';
const assignee = z.union([z.literal('owner', { error: assigneeError }), z.uuid({ error: assigneeError })], {
  error: assigneeError,
});

export const stepSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('create_task'),
        title: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
        assignee,
        priority: z.enum(['low', 'normal', 'high', 'urgent'], { error: 'must be low, normal, high or urgent' }),
        dueInDays: z.number().int().min(0).max(365),
        checklist: z.array(z.string().trim().min(1, { error: 'must not be empty' })).default([]),
      }),
      z.strictObject({
        kind: z.literal('send_email'),
        template: z.string().min(1, { error: 'must name a template' }),
        toRole: z.enum(['executive_sponsor', 'decision_maker', 'champion', 'admin', 'end_user'], {
          error: 'must be executive_sponsor, decision_maker, champion, admin or end_user',
        }),
      }),
      z.strictObject({ kind: z.literal('webhook'), url: z.url({ error: 'must be an http(s) URL' }) }),
      z.strictObject({ kind: z.literal('slack'), url: z.url({ error: 'must be an http(s) URL' }) }),
      z.strictObject({
        kind: z.literal('set_field'),
        field: z.enum(['lifecycleStage', 'tier', 'owner'], { error: 'must be lifecycleStage, tier or owner' }),
        value: z.string().nullable(),
      }),
      z.strictObject({
        kind: z.literal('add_note'),
        body: z.string().trim().min(1, { error: 'must not be empty' }),
        tags: z.array(z.string().trim().min(1)).default([]),
      }),
      z.strictObject({ kind: z.literal('enrol'), playbookId: z.uuid({ error: 'must be a playbook id' }) }),
      z.strictObject({ kind: z.literal('wait'), days }),
    ],
    {
      error: 'must have a kind: create_task, send_email, webhook, slack, set_field, add_note, enrol or wait',
    },
  )
  .meta({ id: 'PlaybookStep' });

export const playbookDefinitionSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
    description: z.string().max(2000).default(''),
    enabled: z.boolean().default(false),
    audience: accountFilterSchema.default({}),
    triggers: z.array(triggerSchema).min(1, { error: 'needs at least one trigger' }).max(20),
    steps: z.array(stepSchema).max(50).default([]),
    controlGroupPercent: z
      .number()
      .min(0, { error: 'must be between 0 and 50' })
      .max(50, { error: 'must be between 0 and 50' })
      .default(0),
    cooldownDays: z.number().int().min(0).max(3650).default(30),
  })
  .meta({ id: 'PlaybookDefinition' });

export type PlaybookDefinition = z.output<typeof playbookDefinitionSchema>;
export type PlaybookTrigger = z.output<typeof triggerSchema>;
export type AccountFilter = z.output<typeof accountFilterSchema>;
