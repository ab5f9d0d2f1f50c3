import { type RawBuilder, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';
import type { FieldIssue } from '../server/http-error.js';
import { reasonOf, rowErrorReason } from '../server/http-error.js';
import type { Row } from '../server/resource.js';
import { addCounts, type ChunkRow, type Counts, noCounts } from '../shared/write-counts.js';
import type { BulkPlan, BulkRecord } from './bulk-plans.js';
import { type ChunkSession, type ChunkWriter, inTransaction, type Reject, writeRowByRow } from './load-chunk.js';
import type { RecordInput } from './prepare-record.js';

/** Each column of a table and its SQL type, as the catalog writes it (text, integer, jsonb, uuid…). */
export type ColumnTypes = Map<string, string>;

export async function readColumnTypes(db: Executor, table: string): Promise<ColumnTypes> {
  const { rows } = await sql<{ name: string; type: string }>`select attname as name,
      format_type(atttypid, atttypmod) as type
    from pg_attribute where attrelid = to_regclass(${table}) and attnum > 0 and not attisdropped`.execute(db);
  return new Map(rows.map((row) => [row.name, row.type]));
}

/** Fields a new record must have, beyond its external id: those its create schema does not let be absent. */
export function requiredToCreate(plan: BulkPlan): string[] {
  return Object.entries(plan.spec.create.shape)
    .filter(([name, field]) => name !== 'externalId' && !field.safeParse(undefined).success)
    .map(([name]) => name);
}

interface Judged {
  row: ChunkRow<RecordInput>;
  record: BulkRecord;
  /** The account_id of a child record, resolved. */
  accountId?: string;
}

interface Stored {
  accountId: string | null;
}

interface ChunkContext {
  session: ChunkSession;
  plan: BulkPlan;
  types: ColumnTypes;
  rejects: Reject[];
}

const reject = (context: ChunkContext, row: ChunkRow<unknown>, issues: FieldIssue[]) =>
  context.rejects.push({ line: row.line, raw: row.source.raw, reason: reasonOf(issues) });

/** The stored records of these keys (external ids or import keys), with their account. */
async function findStored(context: ChunkContext, keys: string[]): Promise<Map<string, Stored>> {
  const { plan, session } = context;
  const account = plan.ownedByAccount ? sql`account_id::text` : sql`null::text`;
  const key = sql.ref(plan.key);
  const { rows } = await sql<{ key: string; account_id: string | null }>`select ${key} as key,
      ${account} as account_id
    from ${sql.table(plan.spec.table)} where ${key} = any(${keys}::text[])`.execute(session.trx);
  return new Map(rows.map((row) => [row.key, { accountId: row.account_id }]));
}

/** The accounts the chunk's rows name, by external id and by id: one query for the chunk. */
async function findAccounts(context: ChunkContext, judged: Judged[]) {
  const externalIds = new Set<string>();
  const ids = new Set<string>();
  for (const { record } of judged) {
    if (record.account?.externalId !== undefined) externalIds.add(record.account.externalId);
    if (record.account?.id !== undefined) ids.add(record.account.id);
  }
  const byExternalId = new Map<string, string>();
  const byId = new Set<string>();
  // Two lookups by index: one query with `or` is a sequential scan of accounts for every chunk.
  if (externalIds.size > 0) {
    const { rows } = await sql<{ id: string; external_id: string }>`select id::text as id, external_id
      from accounts where external_id = any(${[...externalIds]}::text[])`.execute(context.session.trx);
    for (const row of rows) byExternalId.set(row.external_id, row.id);
  }
  if (ids.size > 0) {
    const { rows } = await sql<{ id: string }>`select id::text as id from accounts
      where id = any(${[...ids]}::uuid[])`.execute(context.session.trx);
    for (const row of rows) byId.add(row.id);
  }
  return { byExternalId, byId };
}

type Accounts = Awaited<ReturnType<typeof findAccounts>>;

/**
 * The account a child record belongs to, or why it cannot be written: the checks of resolveAccountId, with the
 * same reasons, against the accounts found for the whole chunk.
 */
function accountOf(
  item: Judged,
  stored: Stored | undefined,
  accounts: Accounts,
): { accountId?: string; issue?: FieldIssue } {
  const named = item.record.account ?? {};
  let accountId: string | undefined;
  if (named.externalId !== undefined) {
    accountId = accounts.byExternalId.get(named.externalId);
    if (!accountId) {
      const message = `no account has the external id ${JSON.stringify(named.externalId)}`;
      return { issue: { field: 'accountExternalId', message } };
    }
    if (named.id !== undefined && named.id !== accountId) {
      return { issue: { field: 'accountId', message: 'names a different account than accountExternalId' } };
    }
  } else if (named.id !== undefined) {
    if (!accounts.byId.has(named.id))
      return { issue: { field: 'accountId', message: `no account has the id ${named.id}` } };
    accountId = named.id;
  }
  if (stored) {
    if (accountId && accountId !== stored.accountId) {
      const message = 'a record cannot move to another account; create a new one there instead';
      return { issue: { field: 'accountId', message } };
    }
    return { accountId: stored.accountId ?? undefined };
  }
  if (!accountId) return { issue: { field: 'accountId', message: 'required (or accountExternalId)' } };
  return { accountId };
}

/** Rows of the same columns, written by one statement. */
type Shape = { columns: string[]; items: Judged[] };

function byShape(items: Judged[]): Shape[] {
  const shapes = new Map<string, Shape>();
  for (const item of items) {
    const columns = Object.keys(item.record.columns).sort();
    const key = columns.join(',');
    let shape = shapes.get(key);
    if (!shape) {
      shape = { columns, items: [] };
      shapes.set(key, shape);
    }
    shape.items.push(item);
  }
  return [...shapes.values()];
}

/** The rows as one json parameter read back as a typed record set: `json_to_recordset(…) as r(col type, …)`. */
function recordSet(context: ChunkContext, columns: string[], rows: Row[]): RawBuilder<unknown> {
  const definitions = columns.map((column) => {
    const type = context.types.get(column);
    if (!type) throw new Error(`${context.plan.spec.table} has no column ${column}`);
    // The type comes from the catalog (format_type), not from the file.
    return sql`${sql.ref(column)} ${sql.raw(type)}`;
  });
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as r(${sql.join(definitions)})`;
}

async function insertShape(context: ChunkContext, shape: Shape): Promise<number> {
  const { plan, session } = context;
  const columns = ['id', ...(plan.ownedByAccount ? ['account_id'] : []), ...shape.columns];
  const rows = shape.items.map((item) => {
    // The record's own columns object, given its id: no copy of each of 10,000 rows.
    const row = item.record.columns;
    row.id = uuidv7();
    if (plan.ownedByAccount) row.account_id = item.accountId;
    return row;
  });
  const refs = sql.join(columns.map((column) => sql.ref(column)));
  const result = await sql`insert into ${sql.table(plan.spec.table)} (${refs})
    select ${refs} from ${recordSet(context, columns, rows)}`.execute(session.trx);
  return Number(result.numAffectedRows ?? rows.length);
}

/** Changes the given columns of stored records where they differ; answers how many changed. */
async function updateShape(context: ChunkContext, shape: Shape): Promise<number> {
  const { plan, session } = context;
  const changing = shape.columns.filter((column) => column !== 'external_id');
  if (changing.length === 0) return 0;
  const rows = shape.items.map((item) => item.record.columns);
  const table = plan.spec.table;
  const result = await sql`update ${sql.table(table)} as t
    set ${sql.join([...changing.map((column) => sql`${sql.ref(column)} = ${sql.ref(`r.${column}`)}`), sql`updated_at = now()`])}
    from ${recordSet(context, shape.columns, rows)}
    where t.external_id = r.external_id
      and row(${sql.join(changing.map((column) => sql.ref(`t.${column}`)))})
        is distinct from row(${sql.join(changing.map((column) => sql.ref(`r.${column}`)))})`.execute(session.trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Runs one statement for a shape under a savepoint. When the database refuses it (a constraint the schemas do not
 * check), the shape is halved and each half tried again, down to the row that is refused, which is rejected with
 * the database's reason: a bad row costs about 2·log2(n) statements, not a chunk written row by row.
 */
async function writeShape(
  context: ChunkContext,
  shape: Shape,
  write: (context: ChunkContext, shape: Shape) => Promise<number>,
): Promise<number> {
  const { trx } = context.session;
  await sql`savepoint import_shape`.execute(trx);
  try {
    const written = await write(context, shape);
    await sql`release savepoint import_shape`.execute(trx);
    return written;
  } catch (error) {
    const reason = rowErrorReason(error);
    if (reason === undefined) throw error;
    await sql`rollback to savepoint import_shape`.execute(trx);
    const [only] = shape.items;
    if (shape.items.length === 1 && only) {
      context.rejects.push({ line: only.row.line, raw: only.row.source.raw, reason });
      return 0;
    }
    const half = Math.ceil(shape.items.length / 2);
    const first = await writeShape(context, { columns: shape.columns, items: shape.items.slice(0, half) }, write);
    return first + (await writeShape(context, { columns: shape.columns, items: shape.items.slice(half) }, write));
  }
}

/**
 * Splits rows into rounds in which each external id appears once, in the file's order: a file that names a record
 * twice creates it, then changes it, as writing its rows one after the other would.
 */
function rounds(items: Judged[]): Judged[][] {
  const seen = new Map<string, number>();
  const result: Judged[][] = [];
  for (const item of items) {
    const round = seen.get(item.record.key) ?? 0;
    seen.set(item.record.key, round + 1);
    const members = result[round] ?? [];
    members.push(item);
    result[round] = members;
  }
  return result;
}

interface WriteOptions {
  types: ColumnTypes;
  required: string[];
  fallback: ChunkWriter<RecordInput>;
  /** When the history these writes make took effect (see ImportRequest.asOf); default now. */
  effectiveAt?: string;
}

/**
 * The rows of a round to insert and to update; the others are rejected (a rule, an account, a missing field) or,
 * stored with the same import key, counted unchanged.
 */
function sortRound(
  context: ChunkContext,
  round: Judged[],
  found: { stored: Map<string, Stored>; accounts: Accounts | undefined },
  options: WriteOptions,
  counts: Counts,
): { inserts: Judged[]; updates: Judged[] } {
  const inserts: Judged[] = [];
  const updates: Judged[] = [];
  for (const item of round) {
    if (item.record.problem) {
      reject(context, item.row, [item.record.problem]);
      continue;
    }
    const existing = found.stored.get(item.record.key);
    // The same content was imported before: nothing to write.
    if (existing && context.plan.key === 'import_key') {
      counts.unchanged++;
      continue;
    }
    if (found.accounts) {
      const { accountId, issue } = accountOf(item, existing, found.accounts);
      if (issue) {
        reject(context, item.row, [issue]);
        continue;
      }
      item.accountId = accountId;
    }
    if (existing) {
      updates.push(item);
      continue;
    }
    const missing = options.required.filter((field) => item.row.value.input[field] === undefined);
    if (missing.length > 0)
      reject(
        context,
        item.row,
        missing.map((field) => ({ field, message: 'required' })),
      );
    else inserts.push(item);
  }
  return { inserts, updates };
}

/** Writes a round's rows, a statement per shape; what was inserted is stored from then on, for the next rounds. */
async function writeRound(
  context: ChunkContext,
  sorted: { inserts: Judged[]; updates: Judged[] },
  stored: Map<string, Stored>,
  counts: Counts,
): Promise<void> {
  for (const shape of byShape(sorted.inserts)) {
    const before = context.rejects.length;
    counts.inserted += await writeShape(context, shape, insertShape);
    const refused = new Set(context.rejects.slice(before).map((refusal) => refusal.line));
    for (const item of shape.items) {
      if (!refused.has(item.row.line)) stored.set(item.record.key, { accountId: item.accountId ?? null });
    }
  }
  for (const shape of byShape(sorted.updates)) {
    const before = context.rejects.length;
    const changed = await writeShape(context, shape, updateShape);
    counts.updated += changed;
    counts.unchanged += shape.items.length - (context.rejects.length - before) - changed;
  }
}

/**
 * Writes a chunk of records set-based in the session's transaction: the stored records and the named accounts are
 * read once, then one insert and one update per shape of row (the columns a row gives). Rows the plan cannot judge
 * are written after them one by one through the API's upsert (`fallback`). Counts and reasons are those of
 * writing the rows one by one: inserted, updated when a value differs, unchanged otherwise.
 */
export async function upsertRecords(
  session: ChunkSession,
  rows: ChunkRow<RecordInput>[],
  plan: BulkPlan,
  options: WriteOptions,
): Promise<{ counts: Counts; rejects: Reject[] }> {
  const context: ChunkContext = { session, plan, types: options.types, rejects: [] };
  const judged: Judged[] = [];
  const unjudged: ChunkRow<RecordInput>[] = [];
  for (const row of rows) {
    const record = plan.toBulk(row.value);
    if (record) judged.push({ row, record });
    else unjudged.push(row);
  }
  const counts = noCounts();
  if (judged.length > 0) {
    const stored = await findStored(context, [...new Set(judged.map((item) => item.record.key))]);
    const accounts = plan.ownedByAccount ? await findAccounts(context, judged) : undefined;
    for (const round of rounds(judged)) {
      await writeRound(context, sortRound(context, round, { stored, accounts }, options, counts), stored, counts);
    }
  }
  const rest = await writeRowByRow(session, unjudged, options.fallback);
  addCounts(counts, rest.counts);
  return { counts, rejects: [...context.rejects, ...rest.rejects] };
}

/** One chunk of records, set-based, in one transaction of its own. */
export function loadRecordChunk(
  db: Parameters<typeof inTransaction>[0],
  rows: ChunkRow<RecordInput>[],
  plan: BulkPlan,
  options: WriteOptions,
): Promise<{ counts: Counts; rejects: Reject[] }> {
  if (rows.length === 0) return Promise.resolve({ counts: noCounts(), rejects: [] });
  return inTransaction(db, (session) => upsertRecords(session, rows, plan, options), options.effectiveAt);
}
