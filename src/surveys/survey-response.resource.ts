import { z } from 'zod';
import { resolveAccountId } from '../accounts/account-ref.js';
import { resolveContactId } from '../contacts/contact-ref.js';
import { fieldError } from '../server/http-error.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import { isoTimestamp, optionalText, uuid } from '../shared/fields.js';
import { iso, pickColumns, text } from '../shared/rows.js';

export const surveyKinds = ['nps', 'csat', 'ces'] as const;
type SurveyKind = (typeof surveyKinds)[number];

/** The answer scale of each survey kind: NPS 0–10, CSAT 1–5, CES 1–7. */
export const scoreRange: Record<SurveyKind, [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export const surveyResponseCreate = z.strictObject({
  accountId: uuid().optional(),
  accountExternalId: z.string().min(1).optional(),
  contactId: uuid().nullable().optional(),
  contactExternalId: z.string().min(1).optional(),
  kind: z.enum(surveyKinds),
  score: z.number().int({ error: 'must be a whole number' }),
  comment: optionalText(10_000),
  answeredAt: isoTimestamp().optional().describe('Default now.'),
});

export const surveyResponseOutput = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    contactId: z.uuid().nullable(),
    kind: z.enum(surveyKinds),
    score: z.number(),
    comment: z.string().nullable(),
    answeredAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SurveyResponse' });

export function surveyResponseToOutput(row: Row): z.infer<typeof surveyResponseOutput> {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    contactId: text(row.contact_id),
    kind: row.kind as SurveyKind,
    score: row.score as number,
    comment: text(row.comment),
    answeredAt: iso(row.answered_at) as string,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

/** The answer's fields that are stored as they are, and their columns (the importer writes them too). */
export const surveyFieldColumns = {
  kind: 'kind',
  score: 'score',
  comment: 'comment',
  answeredAt: 'answered_at',
} as const;

export const surveyResponseResource: ResourceSpec = {
  entity: 'survey response',
  path: 'survey-responses',
  table: 'survey_responses',
  tag: 'Surveys',
  accountColumn: 'account_id',
  create: surveyResponseCreate,
  update: surveyResponseCreate.partial(),
  output: surveyResponseOutput,
  async toColumns(input, { db, existing }) {
    const accountId = await resolveAccountId(db, input, existing?.account_id as string | undefined);
    const contactId = await resolveContactId(db, input, accountId);
    const kind = (input.kind ?? existing?.kind) as SurveyKind;
    const score = (input.score ?? existing?.score) as number;
    const [low, high] = scoreRange[kind];
    if (score < low || score > high) {
      throw fieldError('score', `a ${kind.toUpperCase()} score is from ${low} to ${high}`);
    }
    return {
      ...(existing ? {} : { account_id: accountId, answered_at: new Date() }),
      ...(contactId !== undefined ? { contact_id: contactId } : {}),
      ...pickColumns(input, surveyFieldColumns),
    };
  },
  toOutput: surveyResponseToOutput,
  filters: {
    accountId: { column: 'account_id', schema: z.uuid() },
    contactId: { column: 'contact_id', schema: z.uuid() },
    kind: { column: 'kind', schema: z.enum(surveyKinds) },
  },
  sorts: { answeredAt: 'answered_at', createdAt: 'created_at' },
  defaultSort: '-answeredAt',
  externalId: false,
  access: { read: 'viewer', write: 'csm', delete: 'csm' },
};
