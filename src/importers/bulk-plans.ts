import { accountFieldColumns, accountResource } from '../accounts/account.resource.js';
import { contactFieldColumns, contactResource } from '../contacts/contact.resource.js';
import { noteFieldColumns, noteResource } from '../notes/note.resource.js';
import type { FieldIssue } from '../server/http-error.js';
import type { ResourceSpec, Row } from '../server/resource.js';
import {
  scoreRange,
  surveyFieldColumns,
  type surveyKinds,
  surveyResponseResource,
} from '../surveys/survey-response.resource.js';
import type { ImportKindName } from './import-kinds.js';
import type { RecordInput } from './prepare-record.js';

/** A record as the set-based path writes it: its table's columns, worked out without the database. */
export interface BulkRecord {
  /** What finds the stored record: its external id, or its import key. */
  key: string;
  /** The columns given (the key's among them), as spec.toColumns would set them; account_id apart. */
  columns: Record<string, unknown>;
  /** The account a child record names, resolved for the whole chunk at once. */
  account?: { externalId?: string; id?: string };
  /** Why the row cannot be written, when a rule of the resource says so without the database. */
  problem?: FieldIssue;
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
  /**
   * external_id: a stored record is changed where the row's values differ. import_key: a stored record is the same
   * content (the key is its hash) and is left unchanged.
   */
  key: 'external_id' | 'import_key';
  toBulk(value: RecordInput): BulkRecord | undefined;
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

// The resources' own field → column lists, so a field added to the API is imported set-based too.
const accountColumns = columnPicker({ ...accountFieldColumns, traits: 'traits' });
const contactColumns = columnPicker({ ...contactFieldColumns, traits: 'traits' });

/** The account a child record names, by external id, by id, or both (then they must agree). */
function accountNamed(input: Row): BulkRecord['account'] {
  return {
    ...(typeof input.accountExternalId === 'string' ? { externalId: input.accountExternalId } : {}),
    ...(typeof input.accountId === 'string' ? { id: input.accountId } : {}),
  };
}

const accountPlan: BulkPlan = {
  spec: accountResource,
  ownedByAccount: false,
  key: 'external_id',
  toBulk({ input }) {
    // A parent is checked against the hierarchy (no loops), row by row: the API's rule, not repeated here.
    if (input.parentId !== undefined || input.parentExternalId !== undefined) return undefined;
    const columns = accountColumns(input);
    return { key: input.externalId as string, columns };
  },
};

const contactPlan: BulkPlan = {
  spec: contactResource,
  ownedByAccount: true,
  key: 'external_id',
  toBulk({ input }) {
    return { key: input.externalId as string, columns: contactColumns(input), account: accountNamed(input) };
  },
};

const noteColumns = columnPicker({ importKey: 'import_key', ...noteFieldColumns });

/** Whether a row names a contact: resolving one (and checking its account) stays with the API, row by row. */
const namesContact = (input: Row) => input.contactId !== undefined || input.contactExternalId !== undefined;

const notePlan: BulkPlan = {
  spec: noteResource,
  ownedByAccount: true,
  key: 'import_key',
  toBulk({ input, importKey }) {
    if (namesContact(input) || !importKey) return undefined;
    const columns = noteColumns({ ...input, importKey });
    // A note without a time happened when it was written down, as through the API.
    columns.occurred_at ??= new Date().toISOString();
    return { key: importKey, columns, account: accountNamed(input) };
  },
};

const surveyColumns = columnPicker({ importKey: 'import_key', ...surveyFieldColumns });

const surveyPlan: BulkPlan = {
  spec: surveyResponseResource,
  ownedByAccount: true,
  key: 'import_key',
  toBulk({ input, importKey }) {
    if (namesContact(input) || !importKey) return undefined;
    const columns = surveyColumns({ ...input, importKey });
    columns.answered_at ??= new Date().toISOString();
    const kind = input.kind as (typeof surveyKinds)[number];
    const score = input.score as number;
    const [low, high] = scoreRange[kind];
    const problem =
      score < low || score > high
        ? { field: 'score', message: `a ${kind.toUpperCase()} score is from ${low} to ${high}` }
        : undefined;
    return { key: importKey, columns, account: accountNamed(input), ...(problem ? { problem } : {}) };
  },
};

/** The kinds written set-based; the others keep the per-row path. */
export const bulkPlans: Partial<Record<ImportKindName, BulkPlan>> = {
  accounts: accountPlan,
  contacts: contactPlan,
  notes: notePlan,
  surveys: surveyPlan,
};
