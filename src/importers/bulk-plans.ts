import { accountResource } from '../accounts/account.resource.js';
import { contactResource } from '../contacts/contact.resource.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import type { ImportKindName } from './import-kinds.js';

/** A record as the set-based path writes it: its table's columns, worked out without the database. */
export interface BulkRecord {
  externalId: string;
  /** The columns given (external_id among them), as spec.toColumns would set them; account_id apart. */
  columns: Record<string, unknown>;
  /** The account a child record names, resolved for the whole chunk at once. */
  account?: { externalId?: string; id?: string };
}

/**
 * How a kind loaded by external id is written set-based: a chunk at a time, with one statement per shape of row,
 * instead of one upsert per row. Only for kinds whose every rule the plan itself can check (or leave to the
 * database's constraints); a row it cannot judge (an account naming its parent) answers undefined and goes through
 * the API's own upsert, one row at a time.
 */
export interface BulkPlan {
  spec: ResourceSpec;
  /** Whether the table has account_id, set when the record is created and never moved. */
  ownedByAccount: boolean;
  toBulk(input: Row): BulkRecord | undefined;
}

/** The columns of the fields given (not undefined): pickColumns, with the pairs listed once rather than per row. */
function columnPicker(columns: Record<string, string>): (input: Row) => Record<string, unknown> {
  const pairs = Object.entries(columns);
  return (input) => {
    const picked: Record<string, unknown> = {};
    for (const [field, column] of pairs) {
      const value = input[field];
      if (value !== undefined) picked[column] = value;
    }
    return picked;
  };
}

const accountColumns = columnPicker({
  externalId: 'external_id',
  name: 'name',
  domain: 'domain',
  industry: 'industry',
  employees: 'employees',
  country: 'country',
  plan: 'plan',
  lifecycleStage: 'lifecycle_stage',
  ownerId: 'owner_id',
  coverageTier: 'coverage_tier',
  firstSeenAt: 'first_seen_at',
  traits: 'traits',
});

const contactColumns = columnPicker({
  externalId: 'external_id',
  email: 'email',
  name: 'name',
  title: 'title',
  role: 'role',
  active: 'active',
  traits: 'traits',
});

const accountPlan: BulkPlan = {
  spec: accountResource,
  ownedByAccount: false,
  toBulk(input) {
    // A parent is checked against the hierarchy (no loops), row by row: the API's rule, not repeated here.
    if (input.parentId !== undefined || input.parentExternalId !== undefined) return undefined;
    const columns = accountColumns(input);
    return { externalId: input.externalId as string, columns };
  },
};

const contactPlan: BulkPlan = {
  spec: contactResource,
  ownedByAccount: true,
  toBulk(input) {
    const columns = contactColumns(input);
    const account = {
      ...(typeof input.accountExternalId === 'string' ? { externalId: input.accountExternalId } : {}),
      ...(typeof input.accountId === 'string' ? { id: input.accountId } : {}),
    };
    return { externalId: input.externalId as string, columns, account };
  },
};

/** The kinds written set-based; the others keep the per-row path. */
export const bulkPlans: Partial<Record<ImportKindName, BulkPlan>> = {
  accounts: accountPlan,
  contacts: contactPlan,
};
