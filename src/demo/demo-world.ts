import type { WorldCalendar } from './demo-calendar.js';

// The plain data the simulation produces and the writer stores. Records are API inputs (the fields of
// POST /api/<resource>), so they go through the same validation as anything a user sends.

export type WorldShape = 'b2b' | 'b2c';
export type ChurnCause = 'competitor' | 'budget_cut' | 'champion_left' | 'low_value' | 'graduated' | 'none';
export type Record_ = Record<string, unknown>;

export interface WorldOptions {
  seed: number;
  accounts: number;
  months: number;
  shape: WorldShape;
  /** The last simulated day, 'YYYY-MM-DD' (UTC); the world ends today so everything looks current. */
  today: string;
}

/** An outage of the product: it hits a share of the accounts at once. */
export interface Outage {
  day: number;
  /** The share of accounts affected, 0–1. */
  share: number;
}

export interface WorldPlan {
  options: WorldOptions;
  calendar: WorldCalendar;
  outages: Outage[];
  /** ISO country codes, in account order. */
  countries: string[];
  /** The account names, unique, in account order. */
  names: string[];
}

/** One row of usage: a user's count of one event name on one day (pre-aggregated). */
export interface DemoUsageRow {
  userId: string;
  day: number;
  name: string;
  count: number;
  /** Minutes after midnight UTC of the day. */
  minutes: number;
}

/** What the simulation knows about an account and Pacer's models must find out for themselves. */
export interface AccountTruth {
  externalId: string;
  segment: string;
  baseValue: number;
  /** At the churn date for churned accounts, else at the end of the world. */
  valueAtEnd: number;
  meanValue: number;
  /** The latent value on the first day of each month the account was a customer, oldest first. */
  valueByMonth: { month: string; value: number }[];
  magicMomentOn: string | null;
  churnedOn: string | null;
  churnCause: ChurnCause;
  championLeftOn: string | null;
  successPattern: string | null;
}

/** A contact's place in time: when they joined the account and, for one who left, when they left (instants). */
export interface ContactTimes {
  joinedAt: string;
  leftAt?: string;
}

/** A lifecycle stage the account entered, and when (an instant). */
export interface StageChange {
  at: string;
  lifecycleStage: string;
}

export interface SimulatedAccount {
  externalId: string;
  /** Index into the CSM team of the account's owner. */
  ownerIndex: number;
  /** The account as it is at the end of the world (its lifecycle stage is the last of `stages`). */
  account: Record_;
  /** As they are at the end of the world: one who left is inactive, with traits.leftOn. */
  contacts: Record_[];
  /** When each contact joined and left, by the contact's externalId: the writer records them at those times. */
  contactTimes: Record<string, ContactTimes>;
  /** The stages the account went through, oldest first; the first from its first-seen instant. */
  stages: StageChange[];
  subscriptions: Record_[];
  /** Notes name their contact by contactExternalId; author is the owner's name. */
  notes: Record_[];
  surveys: Record_[];
  tickets: Record_[];
  usage: DemoUsageRow[];
  truth: AccountTruth;
}
