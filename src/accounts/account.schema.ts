import { z } from 'zod';
import { isoTimestamp, optionalText, traits, uuid } from '../shared/fields.js';

export const lifecycleStages = ['onboarding', 'adoption', 'renewal', 'expansion', 'advocacy', 'churned'] as const;
export const coverageTiers = ['high_touch', 'low_touch', 'tech_touch'] as const;

export const accountCreate = z.strictObject({
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .nullable()
    .optional()
    .describe("The customer's own key for the account."),
  name: z.string({ error: 'must be a text' }).trim().min(1, { error: 'must not be empty' }).max(500),
  domain: optionalText(255),
  industry: optionalText(200),
  employees: z.number().int().min(0, { error: 'must be 0 or more' }).nullable().optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code such as JP or US' })
    .nullable()
    .optional(),
  plan: optionalText(200),
  lifecycleStage: z.enum(lifecycleStages).optional().describe('Default onboarding.'),
  ownerId: uuid().nullable().optional().describe('The CSM who owns the account (a team user id).'),
  coverageTier: z.enum(coverageTiers).nullable().optional(),
  parentId: uuid().nullable().optional(),
  parentExternalId: z
    .string()
    .min(1)
    .optional()
    .describe('The parent account by its external id, instead of parentId.'),
  firstSeenAt: isoTimestamp()
    .optional()
    .describe(
      'When the account was first seen (default now). Moves back by itself to the earliest subscription start, note, survey answer, ticket or event that arrives for it.',
    ),
  traits: traits().optional(),
});

export const accountUpdate = accountCreate.partial();

export const accountOutput = z
  .object({
    id: z.uuid(),
    externalId: z.string().nullable(),
    name: z.string(),
    domain: z.string().nullable(),
    industry: z.string().nullable(),
    employees: z.number().nullable(),
    country: z.string().nullable(),
    plan: z.string().nullable(),
    lifecycleStage: z.enum(lifecycleStages),
    ownerId: z.uuid().nullable(),
    coverageTier: z.enum(coverageTiers).nullable(),
    parentId: z.uuid().nullable(),
    firstSeenAt: z.string(),
    traits: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Account' });

export type AccountOutput = z.infer<typeof accountOutput>;
