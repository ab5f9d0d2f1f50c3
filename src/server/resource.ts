import { type RawBuilder, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Executor } from '../db/executor.js';
import { assertMayWriteAccount } from './account-ownership.js';
import type { Access, Actor } from './actor.js';
import { badRequest, fieldError, httpErrorFromDatabase, notFound } from './http-error.js';
import { textProblem } from './read-json.js';
import { defineRoute, type RouteSpec } from './route.js';

// A resource is described as data (schemas, columns, filters, sorts); its create/read/update/list/delete/upsert
// routes follow from the description, so every customer object behaves the same way through the API.

export type Row = Record<string, unknown>;
export type ColumnValue = unknown | RawBuilder<unknown>;

export interface FilterSpec {
  column: string;
  schema: z.ZodType;
  /** 'contains' matches case-insensitively anywhere in the text. */
  match?: 'equals' | 'contains';
}

export interface ResourceSpec {
  entity: string;
  path: string;
  table: string;
  tag: string;
  /** The column naming the account a row belongs to ('id' for accounts), for the audit log; null if none. */
  accountColumn: string | null;
  create: z.ZodObject;
  update: z.ZodObject;
  output: z.ZodType;
  /** Column values for a new row (existing undefined) or the changed columns of a stored row. */
  toColumns(input: Row, context: { db: Executor; existing?: Row }): Promise<Record<string, ColumnValue>>;
  toOutput(row: Row): unknown;
  filters: Record<string, FilterSpec>;
  /** Sortable fields and their NOT NULL columns. */
  sorts: Record<string, string>;
  defaultSort: string;
  externalId: boolean;
  access: { read: Access; write: Access; delete: Access };
  /** Whether a signed-in CSM may write this on any account (notes), not only on the accounts they own. */
  csmWritesAnyAccount?: boolean;
}

export const jsonColumn = (value: unknown): RawBuilder<unknown> => sql`cast(${JSON.stringify(value)} as jsonb)`;

const idParams = z.strictObject({ id: z.uuid({ error: 'must be a UUID' }) });
const externalIdParams = z.strictObject({ externalId: z.string().min(1).max(255) });

function encodeCursor(value: unknown, id: unknown): string {
  const plain = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([plain, id])).toString('base64url');
}

const NOT_A_CURSOR = 'is not a cursor this API returned';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sort value and id a cursor holds. Anyone can send a cursor, so it is checked as input: an id that is a UUID and
 * a sort value that is a short text or a finite number (what encodeCursor writes for a time, a text or an amount).
 */
function decodeCursor(cursor: string): [string | number, string] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('query.cursor', NOT_A_CURSOR);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw fieldError('query.cursor', NOT_A_CURSOR);
  const [value, id] = decoded as [unknown, unknown];
  const valueFits =
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.length <= 1000 && textProblem(value) === undefined);
  if (!valueFits || typeof id !== 'string' || !UUID.test(id)) throw fieldError('query.cursor', NOT_A_CURSOR);
  return [value, id];
}

async function translateDatabaseErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw httpErrorFromDatabase(error) ?? error;
  }
}

function requiredFields(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}

export function listQuerySchema(spec: ResourceSpec): z.ZodObject {
  const sortNames = Object.keys(spec.sorts);
  return z.strictObject({
    ...Object.fromEntries(Object.entries(spec.filters).map(([name, filter]) => [name, filter.schema.optional()])),
    sort: z
      .enum([...sortNames, ...sortNames.map((name) => `-${name}`)] as [string, ...string[]])
      .optional()
      .describe(`Sort field; prefix with - for descending. Default ${spec.defaultSort}.`),
    limit: z.coerce.number().int().min(1).max(500).optional().describe('Page size, 1–500, default 50.'),
    cursor: z.string().optional().describe('The nextCursor of the previous page.'),
  });
}

export async function loadRow(db: Executor, spec: ResourceSpec, id: string, lock = false): Promise<Row> {
  const { rows } = await sql<Row>`select * from ${sql.table(spec.table)} where id = ${id} ${
    lock ? sql`for update` : sql``
  }`.execute(db);
  const row = rows[0];
  if (!row) throw notFound(spec.entity, id);
  return row;
}

async function insertRow(db: Executor, spec: ResourceSpec, columns: Record<string, ColumnValue>): Promise<Row> {
  const entries = Object.entries({ id: uuidv7(), ...columns });
  const { rows } = await translateDatabaseErrors(() =>
    sql<Row>`insert into ${sql.table(spec.table)} (${sql.join(entries.map(([column]) => sql.ref(column)))})
      values (${sql.join(entries.map(([, value]) => value))}) returning *`.execute(db),
  );
  return rows[0] as Row;
}

/** Changes the given columns; a row whose values are already those is left alone (updated_at too). */
async function updateRow(
  db: Executor,
  spec: ResourceSpec,
  existing: Row,
  columns: Record<string, ColumnValue>,
): Promise<Row> {
  const entries = Object.entries(columns);
  if (entries.length === 0) return existing;
  const assignments = entries.map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const { rows } = await translateDatabaseErrors(() =>
    sql<Row>`update ${sql.table(spec.table)} set ${sql.join([...assignments, sql`updated_at = now()`])}
      where id = ${existing.id as string}
        and row(${sql.join(entries.map(([column]) => sql.ref(column)))}) is distinct from row(${sql.join(entries.map(([, value]) => value))})
      returning *`.execute(db),
  );
  return rows[0] ?? existing;
}

/** Creates a record from validated input: the same rules as POST /api/<resource>. */
export async function createRecord(db: Executor, spec: ResourceSpec, input: Row): Promise<Row> {
  return insertRow(db, spec, await spec.toColumns(input, { db }));
}

/**
 * Creates the record with input.externalId, or changes the fields given on the one that exists (fields left out
 * keep their values). Input is validated against spec.update; fields required to create are checked here.
 */
export async function upsertByExternalId(
  db: Executor,
  spec: ResourceSpec,
  input: Row,
): Promise<{ row: Row; created: boolean }> {
  const { rows } = await sql<Row>`select * from ${sql.table(spec.table)}
    where external_id = ${input.externalId as string} for update`.execute(db);
  const existing = rows[0];
  if (existing) {
    const columns = await spec.toColumns(input, { db, existing });
    return { row: await updateRow(db, spec, existing, columns), created: false };
  }
  const missing = requiredFields(spec.create).filter((name) => name !== 'externalId' && input[name] === undefined);
  if (missing.length > 0) throw badRequest(missing.map((field) => ({ field, message: 'required' })));
  return { row: await createRecord(db, spec, input), created: true };
}

function auditChanges(input: Row): Record<string, unknown> {
  const changes = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
  // The audit log says a password was set, never what it is.
  if ('password' in changes) changes.password = '(set)';
  return changes;
}

function accountOf(spec: ResourceSpec, row: Row): string | null {
  return spec.accountColumn ? ((row[spec.accountColumn] as string | null) ?? null) : null;
}

export function resourceRoutes(spec: ResourceSpec): RouteSpec[] {
  const checkOwner = async (db: Executor, actor: Actor, ...rows: Row[]) => {
    if (spec.csmWritesAnyAccount) return;
    for (const row of rows) await assertMayWriteAccount(db, actor, accountOf(spec, row));
  };
  const base = `/api/${spec.path}`;
  const query = listQuerySchema(spec);
  const list = z.object({ data: z.array(spec.output), nextCursor: z.string().nullable() });
  const routes: RouteSpec[] = [
    defineRoute({
      method: 'get',
      path: base,
      access: spec.access.read,
      tag: spec.tag,
      summary: `List ${spec.path}, filtered, sorted and paginated by cursor`,
      query,
      response: list,
      async handler({ db, query: q }) {
        const params = q as Row & { sort?: string; limit?: number; cursor?: string };
        const sortName = (params.sort ?? spec.defaultSort).replace(/^-/, '');
        const descending = (params.sort ?? spec.defaultSort).startsWith('-');
        const sortColumn = spec.sorts[sortName] as string;
        const limit = params.limit ?? 50;
        const conditions = Object.entries(spec.filters)
          .filter(([name]) => params[name] !== undefined)
          .map(([name, filter]) =>
            filter.match === 'contains'
              ? sql`${sql.ref(filter.column)} ilike ${`%${String(params[name]).replace(/[\\%_]/g, '\\$&')}%`}`
              : sql`${sql.ref(filter.column)} = ${params[name]}`,
          );
        if (params.cursor) {
          const [value, id] = decodeCursor(params.cursor);
          conditions.push(
            descending
              ? sql`(${sql.ref(sortColumn)}, id) < (${value}, ${id})`
              : sql`(${sql.ref(sortColumn)}, id) > (${value}, ${id})`,
          );
        }
        const direction = descending ? sql`desc` : sql`asc`;
        const { rows } = await translateDatabaseErrors(() =>
          sql<Row>`select * from ${sql.table(spec.table)}
            ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
            order by ${sql.ref(sortColumn)} ${direction}, id ${direction}
            limit ${limit + 1}`
            .execute(db)
            .catch((error: unknown) => {
              // A cursor's value the sort column cannot compare with (a text where it holds times, a number too
              // large): the database says so as a data exception (22…), or the embedded engine's driver, turning a
              // number into a time, as a RangeError. Either is the cursor's fault here.
              const code = (error as { code?: unknown }).code;
              const dataError = (typeof code === 'string' && code.startsWith('22')) || error instanceof RangeError;
              if (params.cursor && dataError) {
                throw fieldError('query.cursor', NOT_A_CURSOR);
              }
              throw error;
            }),
        );
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          body: {
            data: page.map(spec.toOutput),
            nextCursor: rows.length > limit && last ? encodeCursor(last[sortColumn], last.id) : null,
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      access: spec.access.write,
      tag: spec.tag,
      summary: `Create a ${spec.entity}`,
      body: spec.create,
      response: spec.output,
      status: 201,
      async handler({ db, body, audit, actor }) {
        const row = await createRecord(db, spec, body as Row);
        await checkOwner(db, actor, row);
        audit({
          action: 'create',
          entity: spec.entity,
          entityId: row.id as string,
          accountId: accountOf(spec, row),
          changes: auditChanges(body as Row),
        });
        return { status: 201, body: spec.toOutput(row) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      access: spec.access.read,
      tag: spec.tag,
      summary: `Get a ${spec.entity}`,
      params: idParams,
      response: spec.output,
      async handler({ db, params }) {
        return { body: spec.toOutput(await loadRow(db, spec, params.id)) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      access: spec.access.write,
      tag: spec.tag,
      summary: `Change some fields of a ${spec.entity}`,
      params: idParams,
      body: spec.update,
      response: spec.output,
      async handler({ db, params, body, audit, actor }) {
        const existing = await loadRow(db, spec, params.id, true);
        await checkOwner(db, actor, existing);
        const input = (body ?? {}) as Row;
        const columns = await spec.toColumns(input, { db, existing });
        const row = await updateRow(db, spec, existing, columns);
        await checkOwner(db, actor, row);
        audit({
          action: 'update',
          entity: spec.entity,
          entityId: params.id,
          accountId: accountOf(spec, row),
          changes: auditChanges(input),
        });
        return { body: spec.toOutput(row) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:id`,
      access: spec.access.delete,
      tag: spec.tag,
      summary: `Delete a ${spec.entity}${spec.entity === 'account' ? ' and everything it owns' : ''}`,
      params: idParams,
      status: 204,
      async handler({ db, params, audit, actor }) {
        const existing = await loadRow(db, spec, params.id, true);
        await checkOwner(db, actor, existing);
        await translateDatabaseErrors(() =>
          sql`delete from ${sql.table(spec.table)} where id = ${params.id}`.execute(db),
        );
        audit({ action: 'delete', entity: spec.entity, entityId: params.id, accountId: accountOf(spec, existing) });
        return { status: 204 };
      },
    }),
  ];
  if (spec.externalId) {
    routes.push(
      defineRoute({
        method: 'put',
        path: `${base}/external/:externalId`,
        access: spec.access.write,
        tag: spec.tag,
        summary: `Create or update the ${spec.entity} with this external id (fields left out keep their values)`,
        params: externalIdParams,
        body: spec.update.omit({ externalId: true }),
        response: spec.output,
        async handler({ db, params, body, audit, actor }) {
          const input: Row = { ...(body as Row), externalId: params.externalId };
          const { rows: before } = await sql<Row>`select * from ${sql.table(spec.table)}
            where external_id = ${params.externalId}`.execute(db);
          await checkOwner(db, actor, ...before);
          const { row, created } = await upsertByExternalId(db, spec, input);
          await checkOwner(db, actor, row);
          audit({
            action: 'upsert',
            entity: spec.entity,
            entityId: row.id as string,
            accountId: accountOf(spec, row),
            changes: auditChanges(input),
          });
          return { status: created ? 201 : 200, body: spec.toOutput(row) };
        },
      }),
    );
  }
  return routes;
}
