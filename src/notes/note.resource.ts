import { z } from 'zod';
import { resolveAccountId } from '../accounts/account-ref.js';
import { resolveContactId } from '../contacts/contact-ref.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import { isoTimestamp, tag, uuid } from '../shared/fields.js';
import { iso, num, pickColumns, text } from '../shared/rows.js';

export const noteCreate = z.strictObject({
  accountId: uuid().optional(),
  accountExternalId: z.string().min(1).optional(),
  contactId: uuid().nullable().optional(),
  contactExternalId: z.string().min(1).optional(),
  author: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  body: z.string().trim().min(1, { error: 'must not be empty' }).max(20_000),
  sentiment: z
    .number()
    .int({ error: 'must be a whole number from -2 to 2' })
    .min(-2, { error: 'must be from -2 (very negative) to 2 (very positive)' })
    .max(2, { error: 'must be from -2 (very negative) to 2 (very positive)' })
    .nullable()
    .optional(),
  tags: z
    .array(tag())
    .max(50)
    .transform((tags) => [...new Set(tags)])
    .optional()
    .describe('e.g. champion-left, competitor, budget-cut, outage, graduated'),
  occurredAt: isoTimestamp().optional().describe('When it happened; default now.'),
});

export const noteOutput = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    contactId: z.uuid().nullable(),
    author: z.string(),
    body: z.string(),
    sentiment: z.number().nullable(),
    tags: z.array(z.string()),
    occurredAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Note' });

export function noteToOutput(row: Row): z.infer<typeof noteOutput> {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    contactId: text(row.contact_id),
    author: row.author as string,
    body: row.body as string,
    sentiment: num(row.sentiment),
    tags: (row.tags as string[]) ?? [],
    occurredAt: iso(row.occurred_at) as string,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

/** The note's fields that are stored as they are, and their columns (the importer writes them too). */
export const noteFieldColumns = {
  author: 'author',
  body: 'body',
  sentiment: 'sentiment',
  tags: 'tags',
  occurredAt: 'occurred_at',
} as const;

export const noteResource: ResourceSpec = {
  entity: 'note',
  path: 'notes',
  table: 'notes',
  tag: 'Notes',
  accountColumn: 'account_id',
  create: noteCreate,
  update: noteCreate.partial(),
  output: noteOutput,
  async toColumns(input, { db, existing }) {
    const accountId = await resolveAccountId(db, input, existing?.account_id as string | undefined);
    const contactId = await resolveContactId(db, input, accountId);
    return {
      ...(existing ? {} : { account_id: accountId, occurred_at: new Date() }),
      ...(contactId !== undefined ? { contact_id: contactId } : {}),
      ...pickColumns(input, noteFieldColumns),
    };
  },
  toOutput: noteToOutput,
  filters: {
    accountId: { column: 'account_id', schema: z.uuid() },
    contactId: { column: 'contact_id', schema: z.uuid() },
    author: { column: 'author', schema: z.string() },
  },
  sorts: { occurredAt: 'occurred_at', createdAt: 'created_at' },
  defaultSort: '-occurredAt',
  externalId: false,
  access: { read: 'viewer', write: 'csm', delete: 'csm' },
  csmWritesAnyAccount: true,
};
