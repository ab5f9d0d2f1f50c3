import { accountResource } from '../accounts/account.resource.js';
import { contactResource } from '../contacts/contact.resource.js';
import { noteResource } from '../notes/note.resource.js';
import type { ResourceSpec } from '../server/resource.js';
import { subscriptionResource } from '../subscriptions/subscription.resource.js';
import { surveyResponseResource } from '../surveys/survey-response.resource.js';
import { ticketResource } from '../tickets/ticket.resource.js';
import type { FieldType } from './coerce-value.js';

export const importKindNames = [
  'accounts',
  'contacts',
  'subscriptions',
  'notes',
  'surveys',
  'tickets',
  'events',
] as const;
export type ImportKindName = (typeof importKindNames)[number];

export interface ImportKind {
  name: ImportKindName;
  /** The field names of the API and how to read each from text. */
  fields: Record<string, FieldType>;
  /** Other column names that mean a field (Segment's words for events). Compared like field names. */
  aliases: Record<string, string>;
  /** Where columns that name no field go; null: they are ignored (and listed once in the summary). */
  extraInto: 'traits' | 'properties' | null;
  /** How rows are loaded: upsert by externalId, insert once by a hash of the content, or usage events. */
  load: 'externalId' | 'importKey' | 'events';
  spec?: ResourceSpec;
}

const accountRef = { accountId: 'text', accountExternalId: 'text' } as const;
const contactRef = { contactId: 'text', contactExternalId: 'text' } as const;

/** The types of the fields of each object's create schema; a unit test checks they cover the schemas exactly. */
export const importKinds: Record<ImportKindName, ImportKind> = {
  accounts: {
    name: 'accounts',
    spec: accountResource,
    load: 'externalId',
    extraInto: 'traits',
    aliases: {},
    fields: {
      externalId: 'text',
      name: 'text',
      domain: 'text',
      industry: 'text',
      employees: 'number',
      country: 'text',
      plan: 'text',
      lifecycleStage: 'enum',
      ownerId: 'text',
      coverageTier: 'enum',
      parentId: 'text',
      parentExternalId: 'text',
      firstSeenAt: 'timestamp',
      traits: 'object',
    },
  },
  contacts: {
    name: 'contacts',
    spec: contactResource,
    load: 'externalId',
    extraInto: 'traits',
    aliases: {},
    fields: {
      externalId: 'text',
      ...accountRef,
      email: 'text',
      name: 'text',
      title: 'text',
      role: 'enum',
      active: 'boolean',
      traits: 'object',
    },
  },
  subscriptions: {
    name: 'subscriptions',
    spec: subscriptionResource,
    load: 'externalId',
    extraInto: null,
    aliases: {},
    fields: {
      externalId: 'text',
      ...accountRef,
      plan: 'text',
      mrr: 'money',
      amount: 'money',
      currency: 'text',
      seats: 'number',
      billingPeriod: 'enum',
      startDate: 'date',
      endDate: 'date',
      renewalDate: 'date',
      status: 'enum',
      cancelledAt: 'timestamp',
      cancelReason: 'text',
    },
  },
  notes: {
    name: 'notes',
    spec: noteResource,
    load: 'importKey',
    extraInto: null,
    aliases: {},
    fields: {
      ...accountRef,
      ...contactRef,
      author: 'text',
      body: 'text',
      sentiment: 'number',
      tags: 'tags',
      occurredAt: 'timestamp',
    },
  },
  surveys: {
    name: 'surveys',
    spec: surveyResponseResource,
    load: 'importKey',
    extraInto: null,
    aliases: {},
    fields: {
      ...accountRef,
      ...contactRef,
      kind: 'enum',
      score: 'number',
      comment: 'text',
      answeredAt: 'timestamp',
    },
  },
  tickets: {
    name: 'tickets',
    spec: ticketResource,
    load: 'externalId',
    extraInto: null,
    aliases: {},
    fields: {
      externalId: 'text',
      ...accountRef,
      ...contactRef,
      subject: 'text',
      openedAt: 'timestamp',
      closedAt: 'timestamp',
      priority: 'enum',
      status: 'enum',
      firstResponseMinutes: 'number',
      resolutionMinutes: 'number',
      satisfaction: 'number',
    },
  },
  events: {
    name: 'events',
    load: 'events',
    extraInto: 'properties',
    aliases: { event: 'name', groupId: 'accountExternalId', occurredAt: 'timestamp' },
    fields: {
      messageId: 'text',
      type: 'enum',
      name: 'text',
      userId: 'text',
      accountExternalId: 'text',
      timestamp: 'instant',
      count: 'number',
      properties: 'object',
    },
  },
};

export function isImportKindName(name: string): name is ImportKindName {
  return (importKindNames as readonly string[]).includes(name);
}
