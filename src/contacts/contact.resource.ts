import { z } from 'zod';
import { resolveAccountId } from '../accounts/account-ref.js';
import { jsonColumn, type ResourceSpec, type Row } from '../server/resource.js';
import { optionalText, traits, uuid } from '../shared/fields.js';
import { iso, pickColumns, text } from '../shared/rows.js';

export const contactRoles = ['executive_sponsor', 'decision_maker', 'champion', 'admin', 'end_user'] as const;

export const contactCreate = z.strictObject({
  externalId: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .nullable()
    .optional()
    .describe("The customer's own user id (Segment userId)."),
  accountId: uuid().optional(),
  accountExternalId: z.string().min(1).optional().describe('The account by its external id, instead of accountId.'),
  email: z.email({ error: 'must be an email address' }).nullable().optional(),
  name: optionalText(500),
  title: optionalText(500),
  role: z.enum(contactRoles).nullable().optional(),
  active: z.boolean({ error: 'must be true or false' }).optional(),
  traits: traits().optional(),
});

export const contactOutput = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    externalId: z.string().nullable(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    title: z.string().nullable(),
    role: z.enum(contactRoles).nullable(),
    active: z.boolean(),
    traits: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contact' });

export function contactToOutput(row: Row): z.infer<typeof contactOutput> {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    externalId: text(row.external_id),
    email: text(row.email),
    name: text(row.name),
    title: text(row.title),
    role: (row.role as z.infer<typeof contactOutput>['role']) ?? null,
    active: row.active as boolean,
    traits: (row.traits as Record<string, unknown>) ?? {},
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

/** The contact's fields that are stored as they are, and their columns (the importer writes them too). */
export const contactFieldColumns = {
  externalId: 'external_id',
  email: 'email',
  name: 'name',
  title: 'title',
  role: 'role',
  active: 'active',
} as const;

export const contactResource: ResourceSpec = {
  entity: 'contact',
  path: 'contacts',
  table: 'contacts',
  tag: 'Contacts',
  accountColumn: 'account_id',
  create: contactCreate,
  update: contactCreate.partial(),
  output: contactOutput,
  async toColumns(input, { db, existing }) {
    const accountId = await resolveAccountId(db, input, existing?.account_id as string | undefined);
    return {
      ...(existing ? {} : { account_id: accountId }),
      ...pickColumns(input, contactFieldColumns),
      ...(input.traits !== undefined ? { traits: jsonColumn(input.traits) } : {}),
    };
  },
  toOutput: contactToOutput,
  filters: {
    accountId: { column: 'account_id', schema: z.uuid() },
    externalId: { column: 'external_id', schema: z.string() },
    email: { column: 'email', schema: z.string() },
    role: { column: 'role', schema: z.enum(contactRoles) },
    active: { column: 'active', schema: z.enum(['true', 'false']).transform((value) => value === 'true') },
  },
  sorts: { createdAt: 'created_at', updatedAt: 'updated_at' },
  defaultSort: 'createdAt',
  externalId: true,
  access: { read: 'viewer', write: 'csm', delete: 'csm' },
};
