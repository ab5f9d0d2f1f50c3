import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../events/canonical-json.js';
import { type FieldIssue, issuesFromZod, reasonOf } from '../server/http-error.js';
import type { Row } from '../server/resource.js';
import { moneyProblem } from '../shared/money.js';
import type { ImportKind } from './import-kinds.js';

export interface RecordInput {
  input: Row;
  /** For objects without an external id: a hash of the content, stored so that a second import skips the row. */
  importKey?: string;
}

export type Prepared<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A subscription without an external id gets one from its account, start date and plan, so importing the same
 * file again finds it: "acme:2026-01-01:pro" ("acme:2026-01-01" without a plan). Too long for the column, it is a hash of the same.
 */
export function deriveSubscriptionExternalId(input: Row): string | undefined {
  const account = input.accountExternalId ?? input.accountId;
  if (typeof account !== 'string' || typeof input.startDate !== 'string') return undefined;
  const id = [account, input.startDate, ...(typeof input.plan === 'string' ? [input.plan] : [])].join(':');
  return id.length <= 255 ? id : `sub_${createHash('sha256').update(id).digest('hex')}`;
}

export function importKeyOf(kind: string, input: Row): string {
  return createHash('sha256')
    .update(`${kind}\n${canonicalJson(input)}`)
    .digest('hex');
}

/** Money checks that need no database, so that a negative MRR is turned away before the chunk's transaction. */
function moneyIssues(input: Row): FieldIssue[] {
  const currency = typeof input.currency === 'string' ? input.currency : undefined;
  const issues: FieldIssue[] = [];
  for (const field of ['mrr', 'amount']) {
    const value = input[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    // Without a currency in the row the stored one applies, known only in the transaction: check the sign here.
    const problem = currency
      ? moneyProblem(value, currency)
      : String(value).trim().startsWith('-')
        ? 'must not be negative'
        : undefined;
    if (problem) issues.push({ field, message: problem });
  }
  return issues;
}

/** The values a field of a closed list may take, through optional, nullable and default. */
function enumOptions(schema: z.ZodType | undefined): string[] | undefined {
  let inner: unknown = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
    inner = inner.unwrap();
  }
  return inner instanceof z.ZodEnum ? inner.options.map(String) : undefined;
}

/**
 * A field no column and no --set supplies is missing from every row: its reason says how to give it for the whole
 * file, so that one look at the rejects file tells what to change on the command line.
 */
function withSupplyHints(issues: FieldIssue[], mapped: Row, schema: z.ZodObject, unsupplied: ReadonlySet<string>) {
  return issues.map((issue) => {
    if (!unsupplied.has(issue.field) || mapped[issue.field] !== undefined) return issue;
    const options = enumOptions(schema.shape[issue.field] as z.ZodType | undefined);
    const required = options ? `required, one of ${options.join(', ')}` : 'required';
    return {
      field: issue.field,
      message: `${required} — add a column, or --set ${issue.field}=${options?.[0] ?? '…'} for the whole file`,
    };
  });
}

/**
 * Validates mapped input with the resource's own schema: the same rules as the API. `unsupplied`: the fields that
 * no column of the file and no --set fills.
 */
export function prepareRecord(
  kind: ImportKind,
  mapped: Row,
  unsupplied: ReadonlySet<string> = new Set(),
): Prepared<RecordInput> {
  const spec = kind.spec;
  if (!spec) throw new Error(`${kind.name} are not records`);
  const schema = kind.load === 'externalId' ? spec.update : spec.create;
  const parsed = schema.safeParse(mapped, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, reason: reasonOf(withSupplyHints(issuesFromZod(parsed.error), mapped, schema, unsupplied)) };
  }
  const input = parsed.data as Row;
  const issues = kind.name === 'subscriptions' ? moneyIssues(input) : [];
  if (issues.length > 0) return { ok: false, reason: reasonOf(issues) };
  if (kind.load === 'importKey') return { ok: true, value: { input, importKey: importKeyOf(kind.name, input) } };
  if (input.externalId === undefined || input.externalId === null) {
    const derived = kind.name === 'subscriptions' ? deriveSubscriptionExternalId(input) : undefined;
    if (!derived) {
      return {
        ok: false,
        reason:
          kind.name === 'subscriptions'
            ? 'externalId: required for import (or accountExternalId and startDate to derive one)'
            : 'externalId: required for import',
      };
    }
    input.externalId = derived;
  }
  return { ok: true, value: { input } };
}
