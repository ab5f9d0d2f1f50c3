import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../db/executor.js';
import { attachPendingEvents } from '../events/attach-pending-events.js';
import { anonymousPerson, isAnonymous } from '../events/usage-event.js';

// identify() and group() as Segment means them: identify describes a person, group an account and the person's
// membership in it. A person identified before any group is remembered and becomes a contact when group links them.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const str = (value: unknown, max = 500): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

function contactFields(traits: Record<string, unknown>) {
  const email = str(traits.email, 320);
  const fullName = [str(traits.firstName), str(traits.lastName)].filter(Boolean).join(' ');
  return {
    email: email && EMAIL.test(email) ? email : null,
    name: str(traits.name) ?? (fullName || null),
    title: str(traits.title),
  };
}

function accountFields(traits: Record<string, unknown>) {
  const employees = Number(traits.employees);
  const website = str(traits.website) ?? str(traits.domain);
  return {
    name: str(traits.name),
    domain: website ? website.replace(/^https?:\/\//, '').replace(/\/.*$/, '') : null,
    industry: str(traits.industry),
    employees: Number.isInteger(employees) && employees >= 0 ? employees : null,
    plan: str(traits.plan),
  };
}

async function upsertContact(
  db: Executor,
  accountId: string,
  userId: string,
  traits: Record<string, unknown>,
): Promise<void> {
  const fields = contactFields(traits);
  await sql`insert into contacts (account_id, id, external_id, email, name, title, traits)
    values (${accountId}, ${uuidv7()}, ${userId}, ${fields.email}, ${fields.name}, ${fields.title}, cast(${JSON.stringify(traits)} as jsonb))
    on conflict (external_id) do update set
      email = coalesce(excluded.email, contacts.email),
      name = coalesce(excluded.name, contacts.name),
      title = coalesce(excluded.title, contacts.title),
      traits = contacts.traits || excluded.traits,
      updated_at = now()
    where contacts.traits || excluded.traits is distinct from contacts.traits
       or coalesce(excluded.email, contacts.email) is distinct from contacts.email
       or coalesce(excluded.name, contacts.name) is distinct from contacts.name
       or coalesce(excluded.title, contacts.title) is distinct from contacts.title`.execute(db);
}

async function upsertAccount(db: Executor, externalId: string, traits: Record<string, unknown>): Promise<string> {
  const fields = accountFields(traits);
  const { rows } = await sql<{ id: string }>`
    insert into accounts (id, external_id, name, domain, industry, employees, plan, traits)
    values (${uuidv7()}, ${externalId}, ${fields.name ?? externalId}, ${fields.domain}, ${fields.industry}, ${fields.employees},
      ${fields.plan}, cast(${JSON.stringify(traits)} as jsonb))
    on conflict (external_id) do update set
      name = coalesce(${fields.name}, accounts.name),
      domain = coalesce(excluded.domain, accounts.domain),
      industry = coalesce(excluded.industry, accounts.industry),
      employees = coalesce(excluded.employees, accounts.employees),
      plan = coalesce(excluded.plan, accounts.plan),
      traits = accounts.traits || excluded.traits,
      updated_at = now()
    returning id`.execute(db);
  return (rows[0] as { id: string }).id;
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
 * identify(userId, traits): updates the contact, or remembers the traits until group() says whose it is. With the
 * browser's anonymousId as well, the visitor's events from before become the user's.
 */
export async function applyIdentify(
  db: Executor,
  userId: string,
  traits: Record<string, unknown>,
  options: { userIsAccount?: boolean; anonymousId?: string | null } = {},
): Promise<void> {
  await claimAnonymousEvents(db, userId, options.anonymousId ?? null);
  if (options.userIsAccount) {
    const accountId = await upsertAccount(db, userId, {
      name: contactFields(traits).name ?? contactFields(traits).email ?? userId,
    });
    await upsertContact(db, accountId, userId, traits);
    await attachPendingEvents(db, { accountExternalIds: [userId], userIds: [userId] });
    return;
  }
  const { rows } = await sql<{
    account_id: string;
  }>`select account_id from contacts where external_id = ${userId}`.execute(db);
  if (rows[0]) {
    await upsertContact(db, rows[0].account_id, userId, traits);
    if (options.anonymousId) await attachPendingEvents(db, { userIds: [userId] });
    return;
  }
  await sql`insert into pending_identities (user_id, traits) values (${userId}, cast(${JSON.stringify(traits)} as jsonb))
    on conflict (user_id) do update set traits = pending_identities.traits || excluded.traits, received_at = now()`.execute(
    db,
  );
}

/** group(groupId, traits[, userId]): upserts the account and makes the user its contact. */
export async function applyGroup(
  db: Executor,
  groupId: string,
  traits: Record<string, unknown>,
  userId: string | null,
): Promise<void> {
  const accountId = await upsertAccount(db, groupId, traits);
  if (userId && !isAnonymous(userId)) {
    const { rows: existing } = await sql<{
      account_id: string;
    }>`select account_id from contacts where external_id = ${userId}`.execute(db);
    // A person already counted as another account's contact stays there; Pacer keeps one account per contact.
    if (!existing[0]) {
      const { rows: pending } = await sql<{ traits: Record<string, unknown> }>`
        delete from pending_identities where user_id = ${userId} returning traits`.execute(db);
      await upsertContact(db, accountId, userId, pending[0]?.traits ?? {});
    }
  }
  await attachPendingEvents(db, { accountExternalIds: [groupId], ...(userId ? { userIds: [userId] } : {}) });
}
