import { z } from 'zod';
import { resolveAccountId } from '../accounts/account-ref.js';
import { badRequest, type FieldIssue, fieldError } from '../server/http-error.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import { isoDate, isoTimestamp, moneyAmount, optionalText, uuid } from '../shared/fields.js';
import {
  type BillingPeriod,
  isCurrency,
  moneyProblem,
  mrrFromAmount,
  toMajorUnits,
  toMinorUnits,
} from '../shared/money.js';
import { iso, num, pickColumns, text } from '../shared/rows.js';

export const billingPeriods = ['month', 'quarter', 'year'] as const;
export const subscriptionStatuses = ['trial', 'active', 'cancelled', 'expired'] as const;
const DEFAULT_CURRENCY = 'USD';

export const subscriptionCreate = z.strictObject({
  externalId: z.string().trim().min(1).max(255).nullable().optional(),
  accountId: uuid().optional(),
  accountExternalId: z.string().min(1).optional(),
  plan: optionalText(200),
  mrr: moneyAmount().optional().describe('Monthly recurring revenue in major units (29.85). Or give amount.'),
  amount: moneyAmount().optional().describe('The amount billed each billingPeriod; MRR is derived from it.'),
  currency: z
    .string()
    .toUpperCase()
    .refine(isCurrency, { error: 'must be an ISO 4217 currency code such as USD or JPY' })
    .optional()
    .describe(`ISO 4217 code; default ${DEFAULT_CURRENCY}.`),
  seats: z.number().int().min(0, { error: 'must be 0 or more' }).nullable().optional(),
  billingPeriod: z.enum(billingPeriods).optional().describe('Default month.'),
  startDate: isoDate(),
  endDate: isoDate().nullable().optional(),
  renewalDate: isoDate().nullable().optional(),
  status: z.enum(subscriptionStatuses).optional().describe('Default active.'),
  cancelledAt: isoTimestamp().nullable().optional(),
  cancelReason: optionalText(1000),
});

export const subscriptionOutput = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    externalId: z.string().nullable(),
    plan: z.string().nullable(),
    mrr: z.number(),
    amount: z.number().nullable(),
    currency: z.string(),
    seats: z.number().nullable(),
    billingPeriod: z.enum(billingPeriods),
    startDate: z.string(),
    endDate: z.string().nullable(),
    renewalDate: z.string().nullable(),
    status: z.enum(subscriptionStatuses),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Subscription' });

type Money = number | string;

/** The money columns: MRR given directly, or derived from amount per billing period, in the row's currency. */
function moneyColumns(input: Row, existing: Row | undefined): Record<string, unknown> {
  const currency =
    (input.currency as string | undefined) ?? (existing?.currency as string | undefined) ?? DEFAULT_CURRENCY;
  const period = ((input.billingPeriod as BillingPeriod | undefined) ??
    existing?.billing_period ??
    'month') as BillingPeriod;
  const mrr = input.mrr as Money | undefined;
  const amount = input.amount as Money | undefined;
  const issues: FieldIssue[] = [];
  if (mrr !== undefined && amount !== undefined)
    issues.push({ field: 'amount', message: 'give mrr or amount, not both' });
  for (const [field, value] of [
    ['mrr', mrr],
    ['amount', amount],
  ] as const) {
    const problem = value === undefined ? undefined : moneyProblem(value, currency);
    if (problem) issues.push({ field, message: problem });
  }
  if (issues.length > 0) throw badRequest(issues);
  if (mrr !== undefined) return { currency, mrr_minor: toMinorUnits(mrr, currency), amount_minor: null };
  if (amount !== undefined) {
    const amountMinor = toMinorUnits(amount, currency);
    return { currency, amount_minor: amountMinor, mrr_minor: mrrFromAmount(amountMinor, period) };
  }
  if (!existing) throw fieldError('mrr', 'required (or amount with billingPeriod)');
  if (input.currency !== undefined && input.currency !== existing.currency) {
    throw fieldError('currency', 'changing the currency needs the amount restated (mrr or amount)');
  }
  // A new billing period changes the MRR of an amount billed per period.
  if (input.billingPeriod !== undefined && existing.amount_minor !== null) {
    return { mrr_minor: mrrFromAmount(existing.amount_minor as number, period) };
  }
  return {};
}

function checkDates(input: Row, existing: Row | undefined): void {
  const start = (input.startDate ?? existing?.start_date) as string;
  const end = (input.endDate !== undefined ? input.endDate : existing?.end_date) as string | null | undefined;
  if (end && end < start) throw fieldError('endDate', `must not be before startDate (${start})`);
}

export function subscriptionToOutput(row: Row): z.infer<typeof subscriptionOutput> {
  const currency = (row.currency as string).trim();
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    externalId: text(row.external_id),
    plan: text(row.plan),
    mrr: toMajorUnits(row.mrr_minor as number, currency),
    amount: row.amount_minor === null ? null : toMajorUnits(row.amount_minor as number, currency),
    currency,
    seats: num(row.seats),
    billingPeriod: row.billing_period as BillingPeriod,
    startDate: row.start_date as string,
    endDate: text(row.end_date),
    renewalDate: text(row.renewal_date),
    status: row.status as z.infer<typeof subscriptionOutput>['status'],
    cancelledAt: iso(row.cancelled_at),
    cancelReason: text(row.cancel_reason),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

export const subscriptionResource: ResourceSpec = {
  entity: 'subscription',
  path: 'subscriptions',
  table: 'subscriptions',
  tag: 'Subscriptions',
  accountColumn: 'account_id',
  create: subscriptionCreate,
  update: subscriptionCreate.partial(),
  output: subscriptionOutput,
  async toColumns(input, { db, existing }) {
    const accountId = await resolveAccountId(db, input, existing?.account_id as string | undefined);
    checkDates(input, existing);
    return {
      ...(existing ? {} : { account_id: accountId }),
      ...pickColumns(input, {
        externalId: 'external_id',
        plan: 'plan',
        seats: 'seats',
        billingPeriod: 'billing_period',
        startDate: 'start_date',
        endDate: 'end_date',
        renewalDate: 'renewal_date',
        status: 'status',
        cancelledAt: 'cancelled_at',
        cancelReason: 'cancel_reason',
      }),
      ...moneyColumns(input, existing),
    };
  },
  toOutput: subscriptionToOutput,
  filters: {
    accountId: { column: 'account_id', schema: z.uuid() },
    externalId: { column: 'external_id', schema: z.string() },
    status: { column: 'status', schema: z.enum(subscriptionStatuses) },
    plan: { column: 'plan', schema: z.string() },
    billingPeriod: { column: 'billing_period', schema: z.enum(billingPeriods) },
    currency: { column: 'currency', schema: z.string().toUpperCase() },
  },
  sorts: { createdAt: 'created_at', startDate: 'start_date', mrr: 'mrr_minor' },
  defaultSort: 'createdAt',
  externalId: true,
  access: { read: 'viewer', write: 'csm', delete: 'csm' },
};
