import { sql } from 'kysely';
import { accountResource } from '../accounts/account.resource.js';
import { contactResource } from '../contacts/contact.resource.js';
import type { Database } from '../db/database.js';
import type { Executor } from '../db/executor.js';
import { recordEvents } from '../events/record-events.js';
import type { UsageEvent } from '../events/usage-event.js';
import { noteResource } from '../notes/note.resource.js';
import { createRecord, type ResourceSpec, type Row, upsertByExternalId } from '../server/resource.js';
import { subscriptionResource } from '../subscriptions/subscription.resource.js';
import { surveyResponseResource } from '../surveys/survey-response.resource.js';
import { teamUserResource } from '../team/team-user.resource.js';
import { ticketResource } from '../tickets/ticket.resource.js';
import { flushUsageRollups } from '../usage/roll-up-usage.js';
import { dateOfDay } from './demo-calendar.js';
import { csmTeam, DEMO_PASSWORD, demoLeader } from './demo-catalog.js';
import type { SimulatedAccount, WorldPlan } from './demo-world.js';

const EVENT_BATCH = 4000;

/** Creates a record the way POST /api/<resource> does: validated by the resource's schema, then its rules. */
async function create(db: Executor, spec: ResourceSpec, input: Record<string, unknown>): Promise<Row> {
  return createRecord(db, spec, spec.create.parse(input) as Row);
}

/** Changes the record with this externalId the way PUT /api/<resource>/external/:externalId does. */
async function change(db: Executor, spec: ResourceSpec, externalId: string, input: Record<string, unknown>) {
  await upsertByExternalId(db, spec, { ...(spec.update.parse(input) as Row), externalId });
}

/**
 * Says when the changes the transaction writes next happened (migrations/0010: contacts' and accounts' history),
 * so the world keeps its history at simulated times, not at the time it is written. Null: now.
 */
function effectiveFrom(db: Executor): (at: string | null) => Promise<void> {
  let current: string | null = null;
  return async (at) => {
    if (at === current) return;
    current = at;
    await sql`select set_config('pacer.effective_at', ${at ?? ''}, true)`.execute(db);
  };
}

/** The CSM team and their leader, who sign in with the demo password; returns the CSMs' ids in team order. */
export async function writeTeam(database: Database): Promise<string[]> {
  return database.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const csm of csmTeam) {
      const row = await create(trx, teamUserResource, {
        email: csm.email,
        name: csm.name,
        role: 'csm',
        password: DEMO_PASSWORD,
      });
      ids.push(row.id as string);
    }
    await create(trx, teamUserResource, { ...demoLeader, role: 'leader', password: DEMO_PASSWORD });
    return ids;
  });
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The account's usage rows as events; messageIds are derived from the row, so a rerun counts nothing twice. */
export function usageEvents(plan: WorldPlan, simulated: SimulatedAccount): UsageEvent[] {
  return simulated.usage.map((row) => {
    const date = dateOfDay(plan.calendar, row.day);
    return {
      messageId: `demo-${plan.options.seed}-${row.userId}-${date}-${slug(row.name)}`,
      type: 'track',
      name: row.name,
      userId: row.userId,
      accountExternalId: simulated.externalId,
      occurredAt: new Date(Date.parse(`${date}T00:00:00Z`) + row.minutes * 60_000),
      count: row.count,
      properties: null,
    };
  });
}

/** Stores a group of simulated accounts and everything they own, in one transaction; returns the events stored. */
export async function writeAccounts(
  database: Database,
  plan: WorldPlan,
  accounts: SimulatedAccount[],
  teamIds: string[],
): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    let stored = 0;
    const events: UsageEvent[] = [];
    const effectiveAt = effectiveFrom(trx);
    for (const simulated of accounts) {
      const ownerId = teamIds[simulated.ownerIndex];
      // As the account was when it was first seen; the stages it went through after, at their own times, below.
      const [firstStage, ...laterStages] = simulated.stages;
      await effectiveAt(firstStage?.at ?? (simulated.account.firstSeenAt as string));
      const account = await create(trx, accountResource, {
        ...simulated.account,
        ...(firstStage ? { lifecycleStage: firstStage.lifecycleStage } : {}),
        ...(ownerId ? { ownerId } : {}),
      });
      const accountId = account.id as string;
      const contactIds = new Map<string, string>();
      const departures: { externalId: string; at: string; contact: Record<string, unknown> }[] = [];
      for (const contact of simulated.contacts) {
        const { accountExternalId: _, ...rest } = contact;
        const externalId = contact.externalId as string;
        const times = simulated.contactTimes[externalId];
        await effectiveAt(times?.joinedAt ?? null);
        // One who left joined active: their departure is written at the day they left.
        const joined = times?.leftAt ? { ...rest, active: true, traits: {} } : rest;
        const row = await create(trx, contactResource, { ...joined, accountId });
        contactIds.set(externalId, row.id as string);
        if (times?.leftAt) departures.push({ externalId, at: times.leftAt, contact: rest });
      }
      for (const departure of departures) {
        await effectiveAt(departure.at);
        const { active, traits } = departure.contact;
        await change(trx, contactResource, departure.externalId, { active, traits });
      }
      for (const stage of laterStages) {
        await effectiveAt(stage.at);
        await change(trx, accountResource, simulated.externalId, { lifecycleStage: stage.lifecycleStage });
      }
      await effectiveAt(null);
      // Children name the account and contact by id: the same rules, one lookup fewer each.
      const child = (input: Record<string, unknown>) => {
        const { accountExternalId: _, contactExternalId, ...rest } = input;
        const contactId = typeof contactExternalId === 'string' ? contactIds.get(contactExternalId) : undefined;
        return { ...rest, accountId, ...(contactId ? { contactId } : {}) };
      };
      for (const subscription of simulated.subscriptions) await create(trx, subscriptionResource, child(subscription));
      for (const note of simulated.notes) await create(trx, noteResource, child(note));
      for (const survey of simulated.surveys) await create(trx, surveyResponseResource, child(survey));
      for (const ticket of simulated.tickets) await create(trx, ticketResource, child(ticket));
      const truth = simulated.truth;
      await sql`insert into demo.account_truth (account_id, external_id, shape, seed, segment, base_value, value_at_end,
          mean_value, value_by_month, magic_moment_on, churned_on, churn_cause, champion_left_on, success_pattern)
        values (${accountId}, ${truth.externalId}, ${plan.options.shape}, ${plan.options.seed}, ${truth.segment},
          ${truth.baseValue}, ${truth.valueAtEnd}, ${truth.meanValue}, cast(${JSON.stringify(truth.valueByMonth)} as jsonb),
          ${truth.magicMomentOn}, ${truth.churnedOn}, ${truth.churnCause}, ${truth.championLeftOn},
          ${truth.successPattern})`.execute(trx);
      events.push(...usageEvents(plan, simulated));
    }
    for (let i = 0; i < events.length; i += EVENT_BATCH) {
      stored += (await recordEvents(trx, events.slice(i, i + EVENT_BATCH))).inserted;
    }
    return stored;
  });
}

export async function flushRollups(database: Database): Promise<void> {
  while ((await flushUsageRollups(database.db)) > 0) {
    // until the queue is empty
  }
}
