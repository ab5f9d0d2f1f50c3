import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { coverageTiers, lifecycleStages } from '../accounts/account.schema.js';
import type { AuditRecord } from '../audit/record-audit.js';
import type { Executor } from '../db/executor.js';
import { attachPendingEvents } from '../events/attach-pending-events.js';
import { anonymousPerson, isAnonymous } from '../events/usage-event.js';
import {
  type AccountState,
  accountTraitOf,
  type ContactState,
  type IgnoredTrait,
  type PlannedChange,
  planAccountChange,
  planContactChange,
  protectedTraitKeys,
  type TrackingPolicy,
} from './plan-identity-changes.js';

// identify() and group() as Segment means them: identify describes a person, group an account and the person's
// membership in it. A person identified before any group is remembered and becomes a contact when group links them.
// What a call may change is decided in plan-identity-changes.ts (browser keys: nothing stored; server keys: audited,
// the CS team's account fields only where the workspace allows); here it is read, written and audited.

export interface IdentityCall {
  policy: TrackingPolicy;
  /** The key sending, as the audit log names it: "key:<id> (<name>)". */
  actor: string;
  /** The audit entries of the changes made, written by the caller in the same transaction (once per batch). */
  audit: AuditRecord[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const str = (value: unknown, max = 500): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : undefined;
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.find((item) => item === value);

function contactFields(traits: Record<string, unknown>): Partial<ContactState> {
  const email = str(traits.email, 320);
  const fullName = [str(traits.firstName), str(traits.lastName)].filter(Boolean).join(' ');
  return withoutUndefined({
    email: email && EMAIL.test(email) ? email : undefined,
    name: str(traits.name) ?? (fullName || undefined),
    title: str(traits.title),
    traits,
  });
}

/** The account fields a group call's traits ask for; values Pacer cannot take are listed in `ignored`. */
function accountFields(traits: Record<string, unknown>, ignored: IgnoredTrait[]): Partial<AccountState> {
  const employees = Number(traits.employees);
  const website = str(traits.website) ?? str(traits.domain);
  const lifecycleStage = oneOf(lifecycleStages, traits.lifecycleStage);
  if (traits.lifecycleStage !== undefined && lifecycleStage === undefined) {
    ignored.push({ field: accountTraitOf.lifecycleStage, message: `must be one of ${lifecycleStages.join(', ')}` });
  }
  const coverageTier = oneOf(coverageTiers, traits.tier);
  if (traits.tier !== undefined && coverageTier === undefined) {
    ignored.push({ field: accountTraitOf.coverageTier, message: `must be one of ${coverageTiers.join(', ')}` });
  }
  return withoutUndefined({
    name: str(traits.name),
    domain: website ? website.replace(/^https?:\/\//, '').replace(/\/.*$/, '') : undefined,
    industry: str(traits.industry),
    employees: Number.isInteger(employees) && employees >= 0 && traits.employees !== null ? employees : undefined,
    plan: str(traits.plan),
    lifecycleStage,
    coverageTier,
    traits: Object.fromEntries(Object.entries(traits).filter(([key]) => !protectedTraitKeys.has(key))),
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** traits.owner, a team user's email or id, as the user's id; only looked up when the change may be applied. */
async function ownerIdFor(
  db: Executor,
  traits: Record<string, unknown>,
  call: IdentityCall,
  ignored: IgnoredTrait[],
): Promise<string | undefined> {
  const owner = str(traits.owner, 320);
  if (owner === undefined) return undefined;
  if (call.policy.kind === 'browser' || !call.policy.mayUpdate.includes('owner')) return owner; // refused in the plan
  const { rows } = await sql<{ id: string }>`select id from team_users
    where lower(email) = lower(${owner}) or id::text = lower(${owner}) limit 1`.execute(db);
  if (!rows[0]) ignored.push({ field: accountTraitOf.ownerId, message: 'no team user has this email or id' });
  return rows[0]?.id;
}

interface AccountRow {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  plan: string | null;
  owner_id: string | null;
  lifecycle_stage: string;
  coverage_tier: string | null;
  traits: Record<string, unknown>;
}

async function lockAccount(db: Executor, externalId: string): Promise<AccountRow | undefined> {
  const { rows } = await sql<AccountRow>`select id, name, domain, industry, employees, plan, owner_id,
      lifecycle_stage, coverage_tier, traits
    from accounts where external_id = ${externalId} for update`.execute(db);
  return rows[0];
}

const accountState = (row: AccountRow): AccountState => ({
  name: row.name,
  domain: row.domain,
  industry: row.industry,
  employees: row.employees,
  plan: row.plan,
  ownerId: row.owner_id,
  lifecycleStage: row.lifecycle_stage,
  coverageTier: row.coverage_tier,
  traits: row.traits,
});

const accountColumns = (set: Partial<AccountState>) =>
  withoutUndefined({
    name: set.name,
    domain: set.domain,
    industry: set.industry,
    employees: set.employees,
    plan: set.plan,
    owner_id: set.ownerId,
    lifecycle_stage: set.lifecycleStage,
    coverage_tier: set.coverageTier,
    traits: set.traits === undefined ? undefined : JSON.stringify(set.traits),
  });

/** `update table set col = value, …, updated_at = now()` for the columns given, parameterised. */
function assignments(columns: Record<string, unknown>) {
  return sql.join([
    ...Object.entries(columns).map(([column, value]) =>
      column === 'traits' ? sql`traits = cast(${value} as jsonb)` : sql`${sql.ref(column)} = ${value}`,
    ),
    sql`updated_at = now()`,
  ]);
}

function auditOf(
  call: IdentityCall,
  entity: 'account' | 'contact',
  created: boolean,
  ids: { id: string; accountId: string },
  plan: PlannedChange<unknown>,
): AuditRecord[] {
  if (!created && Object.keys(plan.changes).length === 0) return [];
  return [
    {
      actor: call.actor,
      action: created ? 'create' : 'update',
      entity,
      entityId: ids.id,
      accountId: ids.accountId,
      changes: plan.changes,
    },
  ];
}

/**
 * Makes the account if it is new, or changes what the call may change; returns its id. A browser key's new
 * account is bare: named by its external id, nothing else.
 */
async function upsertAccount(
  db: Executor,
  externalId: string,
  traits: Record<string, unknown>,
  call: IdentityCall,
  ignored: IgnoredTrait[],
): Promise<string> {
  const given: Partial<AccountState> = { ...accountFields(traits, ignored) };
  const ownerId = await ownerIdFor(db, traits, call, ignored);
  if (ownerId !== undefined) given.ownerId = ownerId;
  let row = await lockAccount(db, externalId);
  if (!row) {
    const plan = planAccountChange(null, given, call.policy);
    const columns = { ...accountColumns(plan.set), name: plan.set.name ?? externalId };
    const { rows } = await sql<{ id: string }>`insert into accounts
      (id, external_id, ${sql.join(Object.keys(columns).map((column) => sql.ref(column)))})
      values (${uuidv7()}, ${externalId}, ${sql.join(
        Object.entries(columns).map(([column, value]) =>
          column === 'traits' ? sql`cast(${value} as jsonb)` : sql`${value}`,
        ),
      )})
      on conflict (external_id) do nothing returning id`.execute(db);
    const id = rows[0]?.id;
    if (id) {
      ignored.push(...plan.ignored);
      plan.changes.name ??= { from: null, to: columns.name };
      call.audit.push(...auditOf(call, 'account', true, { id, accountId: id }, plan));
      return id;
    }
    // Another transaction made it meanwhile: change it as an existing account.
    row = (await lockAccount(db, externalId)) as AccountRow;
  }
  const plan = planAccountChange(accountState(row), given, call.policy);
  ignored.push(...plan.ignored);
  const columns = accountColumns(plan.set);
  if (Object.keys(columns).length > 0) {
    await sql`update accounts set ${assignments(columns)} where id = ${row.id}`.execute(db);
    call.audit.push(...auditOf(call, 'account', false, { id: row.id, accountId: row.id }, plan));
  }
  return row.id;
}

interface ContactRow {
  account_id: string;
  id: string;
  email: string | null;
  name: string | null;
  title: string | null;
  traits: Record<string, unknown>;
}

async function lockContact(db: Executor, userId: string): Promise<ContactRow | undefined> {
  const { rows } = await sql<ContactRow>`select account_id, id, email, name, title, traits
    from contacts where external_id = ${userId} for update`.execute(db);
  return rows[0];
}

const contactColumns = (set: Partial<ContactState>) =>
  withoutUndefined({
    email: set.email,
    name: set.name,
    title: set.title,
    traits: set.traits === undefined ? undefined : JSON.stringify(set.traits),
  });

/** Changes the contact as the call may; the contact exists. */
async function updateContact(
  db: Executor,
  row: ContactRow,
  traits: Record<string, unknown>,
  call: IdentityCall,
  ignored: IgnoredTrait[],
): Promise<void> {
  const plan = planContactChange(row, contactFields(traits), call.policy);
  ignored.push(...plan.ignored);
  const columns = contactColumns(plan.set);
  if (Object.keys(columns).length === 0) return;
  await sql`update contacts set ${assignments(columns)} where account_id = ${row.account_id} and id = ${row.id}`.execute(
    db,
  );
  call.audit.push(...auditOf(call, 'contact', false, { id: row.id, accountId: row.account_id }, plan));
}

/** Makes the user a contact of the account (with only its external id, for a browser key). */
async function createContact(
  db: Executor,
  accountId: string,
  userId: string,
  traits: Record<string, unknown>,
  call: IdentityCall,
  ignored: IgnoredTrait[],
): Promise<void> {
  const plan = planContactChange(null, contactFields(traits), call.policy);
  const id = uuidv7();
  const { rows } = await sql<{
    id: string;
  }>`insert into contacts (account_id, id, external_id, email, name, title, traits)
    values (${accountId}, ${id}, ${userId}, ${plan.set.email ?? null}, ${plan.set.name ?? null},
      ${plan.set.title ?? null}, cast(${JSON.stringify(plan.set.traits ?? {})} as jsonb))
    on conflict (external_id) do nothing returning id`.execute(db);
  if (!rows[0]) {
    // Another transaction made it meanwhile: change it as an existing contact.
    const row = await lockContact(db, userId);
    if (row) await updateContact(db, row, traits, call, ignored);
    return;
  }
  ignored.push(...plan.ignored);
  call.audit.push(...auditOf(call, 'contact', true, { id, accountId }, plan));
}

/**
 * The events a visitor sent before signing in (analytics.js's anonymousId, no userId, and no account to go to) are
 * the user's: they wait for the user's account as the user's own would. Events an anonymous visitor sent with a
 * groupId were stored with that account already, and stay the visitor's.
 */
async function claimAnonymousEvents(db: Executor, userId: string, anonymousId: string | null): Promise<void> {
  if (anonymousId === null) return;
  await sql`update unattached_events set user_id = ${userId}
    where user_id = ${anonymousPerson(anonymousId)} and account_external_id is null`.execute(db);
}

/**
 * identify(userId, traits): updates the contact, or remembers the traits until group() says whose it is (a server
 * key's only: a browser key's traits are not applied). With the browser's anonymousId as well, the visitor's events
 * from before become the user's. Returns the traits not applied, each with the reason.
 */
export async function applyIdentify(
  db: Executor,
  userId: string,
  traits: Record<string, unknown>,
  call: IdentityCall,
  options: { userIsAccount?: boolean; anonymousId?: string | null } = {},
): Promise<IgnoredTrait[]> {
  const ignored: IgnoredTrait[] = [];
  await claimAnonymousEvents(db, userId, options.anonymousId ?? null);
  const contact = await lockContact(db, userId);
  if (options.userIsAccount) {
    // B2C: the user is the account too, named (when new) after the person.
    const person = contactFields(traits);
    const accountId = await upsertAccount(db, userId, { name: person.name ?? person.email ?? userId }, call, []);
    if (contact) await updateContact(db, contact, traits, call, ignored);
    else await createContact(db, accountId, userId, traits, call, ignored);
    await attachPendingEvents(db, { accountExternalIds: [userId], userIds: [userId] });
    return dedupe(ignored);
  }
  if (contact) {
    await updateContact(db, contact, traits, call, ignored);
    if (options.anonymousId) await attachPendingEvents(db, { userIds: [userId] });
    return dedupe(ignored);
  }
  if (call.policy.kind === 'browser') {
    // Nothing to remember: group() will make the contact bare.
    ignored.push(...planContactChange(null, contactFields(traits), call.policy).ignored);
    return dedupe(ignored);
  }
  await sql`insert into pending_identities (user_id, traits) values (${userId}, cast(${JSON.stringify(traits)} as jsonb))
    on conflict (user_id) do update set traits = pending_identities.traits || excluded.traits, received_at = now()`.execute(
    db,
  );
  return ignored;
}

/** group(groupId, traits[, userId]): upserts the account and makes the user its contact. */
export async function applyGroup(
  db: Executor,
  groupId: string,
  traits: Record<string, unknown>,
  userId: string | null,
  call: IdentityCall,
): Promise<IgnoredTrait[]> {
  const ignored: IgnoredTrait[] = [];
  const accountId = await upsertAccount(db, groupId, traits, call, ignored);
  if (userId && !isAnonymous(userId)) {
    const { rows: existing } = await sql<{
      account_id: string;
    }>`select account_id from contacts where external_id = ${userId}`.execute(db);
    // A person already counted as another account's contact stays there; Pacer keeps one account per contact.
    if (!existing[0]) {
      // Remembered traits came from a server key's identify (a browser key's are never remembered).
      const { rows: pending } = await sql<{ traits: Record<string, unknown> }>`
        delete from pending_identities where user_id = ${userId} returning traits`.execute(db);
      await createContact(db, accountId, userId, pending[0]?.traits ?? {}, rememberedBy(call), []);
    }
  }
  await attachPendingEvents(db, { accountExternalIds: [groupId], ...(userId ? { userIds: [userId] } : {}) });
  return dedupe(ignored);
}

/**
 * Traits identify() remembered were a server key's: a browser key's group() may apply them when it links the user,
 * as the server key asked (the audit entry names the key that made the link).
 */
const rememberedBy = (call: IdentityCall): IdentityCall => ({ ...call, policy: { ...call.policy, kind: 'server' } });

function dedupe(ignored: IgnoredTrait[]): IgnoredTrait[] {
  const seen = new Set<string>();
  return ignored.filter((item) => !seen.has(item.field) && seen.add(item.field));
}
