import { z } from 'zod';
import { resolveAccountId } from '../accounts/account-ref.js';
import { resolveContactId } from '../contacts/contact-ref.js';
import { fieldError } from '../server/http-error.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import { isoTimestamp, optionalText, uuid } from '../shared/fields.js';
import { iso, num, pickColumns, text } from '../shared/rows.js';

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketStatuses = ['open', 'pending', 'solved', 'closed'] as const;

const minutes = () =>
  z.number().int({ error: 'must be whole minutes' }).min(0, { error: 'must be 0 or more' }).nullable().optional();

export const ticketCreate = z.strictObject({
  externalId: z.string().trim().min(1).max(255).nullable().optional().describe('The id in the help desk.'),
  accountId: uuid().optional(),
  accountExternalId: z.string().min(1).optional(),
  contactId: uuid().nullable().optional(),
  contactExternalId: z.string().min(1).optional(),
  subject: optionalText(1000),
  openedAt: isoTimestamp(),
  closedAt: isoTimestamp().nullable().optional(),
  priority: z.enum(ticketPriorities).optional().describe('Default normal.'),
  status: z.enum(ticketStatuses).optional().describe('Default open.'),
  firstResponseMinutes: minutes(),
  resolutionMinutes: minutes(),
  satisfaction: z
    .number()
    .int()
    .min(1, { error: 'is from 1 to 5' })
    .max(5, { error: 'is from 1 to 5' })
    .nullable()
    .optional(),
});

export const ticketOutput = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    externalId: z.string().nullable(),
    contactId: z.uuid().nullable(),
    subject: z.string().nullable(),
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    priority: z.enum(ticketPriorities),
    status: z.enum(ticketStatuses),
    firstResponseMinutes: z.number().nullable(),
    resolutionMinutes: z.number().nullable(),
    satisfaction: z.number().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Ticket' });

export function ticketToOutput(row: Row): z.infer<typeof ticketOutput> {
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    externalId: text(row.external_id),
    contactId: text(row.contact_id),
    subject: text(row.subject),
    openedAt: iso(row.opened_at) as string,
    closedAt: iso(row.closed_at),
    priority: row.priority as z.infer<typeof ticketOutput>['priority'],
    status: row.status as z.infer<typeof ticketOutput>['status'],
    firstResponseMinutes: num(row.first_response_minutes),
    resolutionMinutes: num(row.resolution_minutes),
    satisfaction: num(row.satisfaction),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

export const ticketResource: ResourceSpec = {
  entity: 'ticket',
  path: 'tickets',
  table: 'tickets',
  tag: 'Support',
  accountColumn: 'account_id',
  create: ticketCreate,
  update: ticketCreate.partial(),
  output: ticketOutput,
  async toColumns(input, { db, existing }) {
    const accountId = await resolveAccountId(db, input, existing?.account_id as string | undefined);
    const contactId = await resolveContactId(db, input, accountId);
    const opened = (input.openedAt ?? existing?.opened_at) as Date;
    const closed = (input.closedAt !== undefined ? input.closedAt : existing?.closed_at) as Date | null | undefined;
    if (closed && closed < opened)
      throw fieldError('closedAt', `must not be before openedAt (${opened.toISOString()})`);
    return {
      ...(existing ? {} : { account_id: accountId }),
      ...(contactId !== undefined ? { contact_id: contactId } : {}),
      ...pickColumns(input, {
        externalId: 'external_id',
        subject: 'subject',
        openedAt: 'opened_at',
        closedAt: 'closed_at',
        priority: 'priority',
        status: 'status',
        firstResponseMinutes: 'first_response_minutes',
        resolutionMinutes: 'resolution_minutes',
        satisfaction: 'satisfaction',
      }),
    };
  },
  toOutput: ticketToOutput,
  filters: {
    accountId: { column: 'account_id', schema: z.uuid() },
    externalId: { column: 'external_id', schema: z.string() },
    status: { column: 'status', schema: z.enum(ticketStatuses) },
    priority: { column: 'priority', schema: z.enum(ticketPriorities) },
  },
  sorts: { openedAt: 'opened_at', createdAt: 'created_at' },
  defaultSort: '-openedAt',
  externalId: true,
  access: { read: 'viewer', write: 'csm', delete: 'csm' },
};
