import { canonicalJson } from '../events/canonical-json.js';
import type { ProtectedAccountField } from '../settings/workspace-settings.js';

// What an identify or group call may change, decided on plain data before anything is written. A browser key's
// write key is in the product's pages, readable by every visitor, so it may create a record that does not exist
// yet (bare: an account named by its groupId, a contact with only its userId) and link a user to an account, but
// never change a stored field. A server key (secret) may change fields and traits, each change listed old → new for
// the audit log; the account fields the CS team owns (name, owner, lifecycle stage, tier) only when the workspace
// allows it (settings tracking.mayUpdate). A new account may take its name from a server key's group call: nothing
// stored is overwritten, and an account needs a name.

export type KeyKind = 'browser' | 'server';

export interface TrackingPolicy {
  kind: KeyKind;
  /** Protected account fields the workspace lets a server key change on an account that exists. */
  mayUpdate: readonly ProtectedAccountField[];
}

export interface AccountState {
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  plan: string | null;
  ownerId: string | null;
  lifecycleStage: string;
  coverageTier: string | null;
  traits: Record<string, unknown>;
}

export interface ContactState {
  email: string | null;
  name: string | null;
  title: string | null;
  traits: Record<string, unknown>;
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** A value a call asked for but did not get, and why; `field` names it as the call sent it (traits.name). */
export interface IgnoredTrait {
  field: string;
  message: string;
}

export interface PlannedChange<S> {
  /** The fields to write; traits, when they change, as the whole merged object. */
  set: Partial<S>;
  /** For the audit log: each field that changes, old → new (traits one key at a time, as traits.<key>). */
  changes: Record<string, FieldChange>;
  ignored: IgnoredTrait[];
}

/** Which trait of a call each account field comes from, to name it when it is ignored. */
export const accountTraitOf: Record<Exclude<keyof AccountState, 'traits'>, string> = {
  name: 'traits.name',
  domain: 'traits.website',
  industry: 'traits.industry',
  employees: 'traits.employees',
  plan: 'traits.plan',
  ownerId: 'traits.owner',
  lifecycleStage: 'traits.lifecycleStage',
  coverageTier: 'traits.tier',
};

const contactTraitOf: Record<Exclude<keyof ContactState, 'traits'>, string> = {
  email: 'traits.email',
  name: 'traits.name',
  title: 'traits.title',
};

const protectedField: Partial<Record<keyof AccountState, ProtectedAccountField>> = {
  name: 'name',
  ownerId: 'owner',
  lifecycleStage: 'lifecycleStage',
  coverageTier: 'tier',
};

/** The trait keys that feed protected fields: kept out of the stored traits, so they cannot shadow the fields. */
export const protectedTraitKeys: ReadonlySet<string> = new Set(['name', 'owner', 'lifecycleStage', 'tier']);

const BROWSER_KEY = 'not applied: a browser key changes no stored field (send it with a server ingest key)';
const notAllowed = (field: ProtectedAccountField) =>
  `not applied: the account's ${field} is set in Pacer, not by tracking calls, unless settings tracking.mayUpdate lists it`;

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

type Fields<S> = { [K in keyof S]?: S[K] };

/**
 * The change a call asks of a record: `given` holds only the fields the call carried (traits: the keys to merge).
 * `existing` is null when the record is new. `mayChange(field)` says whether this field may be written at all.
 */
function planChange<S extends { traits: Record<string, unknown> }>(
  existing: S | null,
  given: Fields<S>,
  traitOf: Record<Exclude<keyof S, 'traits'>, string>,
  refusal: (field: Exclude<keyof S, 'traits'>) => string | null,
  traitsRefusal: string | null,
): PlannedChange<S> {
  const plan: PlannedChange<S> = { set: {}, changes: {}, ignored: [] };
  for (const key of Object.keys(given) as (keyof S)[]) {
    if (key === 'traits') continue;
    const field = key as Exclude<keyof S, 'traits'>;
    const value = given[field];
    const before = existing ? existing[field] : null;
    if (value === undefined || (existing && same(before, value))) continue;
    const reason = refusal(field);
    if (reason) {
      plan.ignored.push({ field: traitOf[field], message: reason });
      continue;
    }
    plan.set[field] = value;
    plan.changes[field as string] = { from: before, to: value };
  }
  const traits = given.traits ?? {};
  const storedTraits = existing?.traits ?? {};
  const merged = { ...storedTraits };
  for (const [key, value] of Object.entries(traits)) {
    if (key in storedTraits && same(storedTraits[key], value)) continue;
    if (traitsRefusal) {
      // A trait that feeds a field (traits.email) is named once.
      if (!plan.ignored.some((item) => item.field === `traits.${key}`)) {
        plan.ignored.push({ field: `traits.${key}`, message: traitsRefusal });
      }
      continue;
    }
    merged[key] = value;
    plan.changes[`traits.${key}`] = { from: storedTraits[key] ?? null, to: value };
  }
  if (!traitsRefusal && Object.keys(traits).some((key) => `traits.${key}` in plan.changes)) {
    plan.set.traits = merged as S['traits'];
  }
  return plan;
}

/**
 * group()'s change to an account. A browser key changes nothing (a new account is made bare, by the caller); a
 * server key changes what differs, protected fields only where the workspace allows (a new account's name always).
 */
export function planAccountChange(
  existing: AccountState | null,
  given: Fields<AccountState>,
  policy: TrackingPolicy,
): PlannedChange<AccountState> {
  const allowed = new Set(policy.mayUpdate);
  return planChange<AccountState>(
    existing,
    given,
    accountTraitOf,
    (field) => {
      if (policy.kind === 'browser') return BROWSER_KEY;
      const guarded = protectedField[field];
      if (!guarded || allowed.has(guarded)) return null;
      return existing === null && guarded === 'name' ? null : notAllowed(guarded);
    },
    policy.kind === 'browser' ? BROWSER_KEY : null,
  );
}

/** identify()'s change to a contact: a server key changes what differs, a browser key nothing. */
export function planContactChange(
  existing: ContactState | null,
  given: Fields<ContactState>,
  policy: TrackingPolicy,
): PlannedChange<ContactState> {
  const refusal = policy.kind === 'browser' ? BROWSER_KEY : null;
  return planChange<ContactState>(existing, given, contactTraitOf, () => refusal, refusal);
}
