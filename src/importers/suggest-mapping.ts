import type { ImportKind, ImportKindName } from './import-kinds.js';
import { normalizeName, resolveMapping } from './resolve-mapping.js';

/**
 * Names other systems give Pacer's fields (CRM and billing exports, support desks, analytics tools), compared like
 * field names (normalizeName). Only suggestions: the person mapping the file sees them marked and may change them.
 */
const otherNames: Record<ImportKindName, Record<string, string[]>> = {
  accounts: {
    externalId: ['customerId', 'accountId', 'companyId', 'clientId', 'id'],
    name: ['accountName', 'company', 'companyName', 'customer', 'customerName', 'organization', 'organisation'],
    domain: ['website', 'companyDomain', 'url'],
    employees: ['employeeCount', 'numberOfEmployees', 'headcount'],
    country: ['countryCode', 'billingCountry'],
    plan: ['planName'],
    lifecycleStage: ['stage', 'lifecycle'],
    firstSeenAt: ['createdAt', 'customerSince', 'signupDate'],
  },
  contacts: {
    externalId: ['contactId', 'personId', 'id'],
    accountExternalId: ['accountId', 'companyId', 'customerId', 'groupId'],
    email: ['emailAddress', 'mail'],
    name: ['fullName', 'contactName'],
    title: ['jobTitle', 'position'],
  },
  subscriptions: {
    externalId: ['subscriptionId', 'id'],
    accountExternalId: ['customerId', 'accountId', 'companyId'],
    mrr: ['monthlyCharges', 'monthlyRevenue', 'monthlyRecurringRevenue'],
    plan: ['planName', 'product'],
    startDate: ['start', 'startedOn', 'startedAt'],
    endDate: ['end', 'endedOn', 'endedAt'],
    renewalDate: ['renewal', 'renewsOn', 'renewalOn'],
  },
  notes: {
    accountExternalId: ['accountId', 'companyId', 'customerId'],
    body: ['note', 'text', 'content'],
    author: ['createdBy', 'owner'],
    occurredAt: ['date', 'createdAt', 'created'],
  },
  surveys: {
    accountExternalId: ['accountId', 'companyId', 'customerId'],
    score: ['nps', 'rating', 'csat'],
    comment: ['feedback', 'verbatim'],
    answeredAt: ['date', 'submittedAt', 'respondedAt'],
  },
  tickets: {
    externalId: ['ticketId', 'caseId', 'id'],
    accountExternalId: ['accountId', 'companyId', 'customerId', 'organizationId'],
    subject: ['title', 'summary'],
    openedAt: ['createdAt', 'created', 'opened'],
    closedAt: ['solvedAt', 'resolvedAt', 'closed'],
  },
  events: {
    userId: ['user', 'distinctId', 'personId'],
    accountExternalId: ['accountId', 'companyId', 'customerId'],
    name: ['eventName', 'action'],
    timestamp: ['time', 'eventTime', 'createdAt', 'date'],
  },
};

/**
 * The mapping suggested for a file's columns (field → column): a column named like a field (in any case, camelCase
 * or snake_case, or one of Segment's words for events) fills it, as on the command line; then a column named as
 * other systems name the field, for a field still empty. Each column fills one field at most.
 */
export function suggestMapping(kind: ImportKind, columns: string[]): Record<string, string> {
  const suggested: Record<string, string> = {};
  for (const source of resolveMapping(kind, columns, {}).sources) suggested[source.field] = source.column;
  const used = new Set(Object.values(suggested));
  for (const [field, names] of Object.entries(otherNames[kind.name])) {
    if (field in suggested) continue;
    const wanted = new Set(names.map(normalizeName));
    const column = columns.find((name) => !used.has(name) && wanted.has(normalizeName(name)));
    if (column === undefined) continue;
    suggested[field] = column;
    used.add(column);
  }
  return suggested;
}
