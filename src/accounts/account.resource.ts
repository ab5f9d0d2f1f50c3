import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { fieldError } from '../server/http-error.js';
import { type ColumnValue, jsonColumn, type ResourceSpec, type Row } from '../server/resource.js';
import { iso, num, pickColumns, text } from '../shared/rows.js';
import {
  type AccountOutput,
  accountCreate,
  accountOutput,
  accountUpdate,
  coverageTiers,
  lifecycleStages,
} from './account.schema.js';

async function resolveParent(db: Executor, input: Row, selfId: string | undefined): Promise<string | null | undefined> {
  let parentId = input.parentId as string | null | undefined;
  if (typeof input.parentExternalId === 'string') {
    const { rows } = await sql<{
      id: string;
    }>`select id from accounts where external_id = ${input.parentExternalId}`.execute(db);
    if (!rows[0])
      throw fieldError('parentExternalId', `no account has the external id ${JSON.stringify(input.parentExternalId)}`);
    parentId = rows[0].id;
  }
  if (!parentId) return parentId;
  if (parentId === selfId) throw fieldError('parentId', 'an account cannot be its own parent');
  // Walk up from the new parent: reaching this account would make the hierarchy a loop.
  const { rows } = await sql<{ id: string }>`
    with recursive ancestors(id, parent_id, depth) as (
      select id, parent_id, 0 from accounts where id = ${parentId}
      union all
      select a.id, a.parent_id, ancestors.depth + 1 from accounts a join ancestors on a.id = ancestors.parent_id
      where ancestors.depth < 100
    )
    select id from ancestors`.execute(db);
  if (rows.length === 0) throw fieldError('parentId', `no account has the id ${parentId}`);
  if (selfId && rows.some((row) => row.id === selfId)) {
    throw fieldError('parentId', 'this parent is below the account in its own hierarchy, which would make a loop');
  }
  return parentId;
}

export function accountToOutput(row: Row): AccountOutput {
  return {
    id: row.id as string,
    externalId: text(row.external_id),
    name: row.name as string,
    domain: text(row.domain),
    industry: text(row.industry),
    employees: num(row.employees),
    country: text(row.country),
    plan: text(row.plan),
    lifecycleStage: row.lifecycle_stage as AccountOutput['lifecycleStage'],
    ownerId: text(row.owner_id),
    coverageTier: (row.coverage_tier as AccountOutput['coverageTier']) ?? null,
    parentId: text(row.parent_id),
    firstSeenAt: iso(row.first_seen_at) as string,
    traits: (row.traits as Record<string, unknown>) ?? {},
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
  };
}

/** The account's fields that are stored as they are, and their columns (the importer writes them too). */
export const accountFieldColumns = {
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
} as const;

export const accountResource: ResourceSpec = {
  entity: 'account',
  path: 'accounts',
  table: 'accounts',
  tag: 'Accounts',
  accountColumn: 'id',
  create: accountCreate,
  update: accountUpdate,
  output: accountOutput,
  async toColumns(input, { db, existing }) {
    const columns: Record<string, ColumnValue> = pickColumns(input, accountFieldColumns);
    if (input.parentId !== undefined || input.parentExternalId !== undefined) {
      columns.parent_id = await resolveParent(db, input, existing?.id as string | undefined);
    }
    if (input.traits !== undefined) columns.traits = jsonColumn(input.traits);
    return columns;
  },
  toOutput: accountToOutput,
  filters: {
    externalId: { column: 'external_id', schema: z.string() },
    name: { column: 'name', schema: z.string() },
    q: { column: 'name', schema: z.string().min(1).describe('Part of the name, any case.'), match: 'contains' },
    domain: { column: 'domain', schema: z.string() },
    industry: { column: 'industry', schema: z.string() },
    country: { column: 'country', schema: z.string().toUpperCase() },
    plan: { column: 'plan', schema: z.string() },
    lifecycleStage: { column: 'lifecycle_stage', schema: z.enum(lifecycleStages) },
    coverageTier: { column: 'coverage_tier', schema: z.enum(coverageTiers) },
    ownerId: { column: 'owner_id', schema: z.uuid() },
    parentId: { column: 'parent_id', schema: z.uuid() },
  },
  sorts: { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at', firstSeenAt: 'first_seen_at' },
  defaultSort: 'createdAt',
  externalId: true,
  access: { read: 'viewer', write: 'csm', delete: 'leader' },
};
