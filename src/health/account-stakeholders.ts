import { sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { type ContactHealth, scoreContact } from './score-contact.js';

export interface Stakeholder extends ContactHealth {
  contactId: string;
  externalId: string | null;
  name: string | null;
  email: string | null;
  role: string | null;
  active: boolean;
  daysSinceActive: number | null;
  activeDays30: number;
  latestNps: number | null;
}

/** A signal's facts, so it can be worded in any language (signals holds the English sentence, same order). */
export interface StakeholderSignal {
  kind: 'champion_inactive' | 'champion_quiet' | 'sponsor_inactive' | 'no_active_champion';
  contactId: string | null;
  who: string | null;
  daysSinceActive: number | null;
  /** People other than champions active in the last 7 days. */
  othersActive: number;
}

const ROLE_ORDER = ['champion', 'executive_sponsor', 'decision_maker', 'admin', 'end_user'];

/**
 * Each contact of an account as of the end of a day, with their own engagement score, key roles first; and the
 * signals a CSM should see.
 */
export async function accountStakeholders(
  db: Executor,
  accountId: string,
  asOf: string,
): Promise<{ stakeholders: Stakeholder[]; signals: string[]; signalDetails: StakeholderSignal[] }> {
  const { rows } = await sql<{
    id: string;
    external_id: string | null;
    name: string | null;
    email: string | null;
    role: string | null;
    active: boolean;
    last_day: string | null;
    active_days: number;
    nps: number | null;
  }>`
    select c.id, c.external_id, c.name, c.email, st.role, st.active,
      (select max(day)::text from usage_user_daily u where u.account_id = c.account_id and u.user_id = c.external_id
         and u.day <= ${asOf}::date and u.day > ${asOf}::date - 365) as last_day,
      (select count(distinct day)::int from usage_user_daily u where u.account_id = c.account_id and u.user_id = c.external_id
         and u.day <= ${asOf}::date and u.day > ${asOf}::date - 30) as active_days,
      (select score from survey_responses s where s.account_id = c.account_id and s.contact_id = c.id and s.kind = 'nps'
         and s.answered_at < (${asOf}::date + 1)::timestamptz order by s.answered_at desc limit 1) as nps
    from contacts c
    -- Role and active flag as they were at the end of the day; a contact not known yet is not listed.
    join lateral (
      select role, active from contact_states s where s.account_id = c.account_id and s.contact_id = c.id
        and s.valid_from < (${asOf}::date + 1)::timestamptz order by s.valid_from desc limit 1
    ) st on true
    where c.account_id = ${accountId}`.execute(db);
  const stakeholders = rows
    .map((row): Stakeholder => {
      const daysSinceActive = row.last_day
        ? Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${row.last_day}T00:00:00Z`)) / 86_400_000)
        : null;
      const activity = { active: row.active, daysSinceActive, activeDays30: row.active_days, latestNps: row.nps };
      return {
        contactId: row.id,
        externalId: row.external_id,
        name: row.name,
        email: row.email,
        role: row.role,
        ...activity,
        ...scoreContact(activity),
      };
    })
    .sort((a, b) => {
      const rank = (s: Stakeholder) => (s.role ? ROLE_ORDER.indexOf(s.role) : ROLE_ORDER.length);
      return rank(a) - rank(b) || (b.score ?? -1) - (a.score ?? -1);
    });
  const signals: string[] = [];
  const signalDetails: StakeholderSignal[] = [];
  const others = stakeholders.filter((s) => s.role !== 'champion' && s.active && (s.daysSinceActive ?? 99) < 7).length;
  for (const s of stakeholders) {
    const who = s.name ?? s.email ?? s.externalId ?? 'a contact';
    const about = { contactId: s.contactId, who, daysSinceActive: s.daysSinceActive, othersActive: others };
    if (s.role === 'champion' && !s.active) {
      signals.push(`Champion ${who} is no longer active at the account`);
      signalDetails.push({ kind: 'champion_inactive', ...about });
    } else if (s.role === 'champion' && (s.daysSinceActive === null || s.daysSinceActive >= 14)) {
      signals.push(
        `Champion ${who} has gone quiet (${s.daysSinceActive === null ? 'no use' : `no use for ${s.daysSinceActive} days`}) while ${others} other ${others === 1 ? 'person is' : 'people are'} active`,
      );
      signalDetails.push({ kind: 'champion_quiet', ...about });
    }
    if (s.role === 'executive_sponsor' && !s.active) {
      signals.push(`Executive sponsor ${who} is no longer active at the account`);
      signalDetails.push({ kind: 'sponsor_inactive', ...about });
    }
  }
  if (!stakeholders.some((s) => s.role === 'champion' && s.active)) {
    signals.push('No active champion');
    signalDetails.push({
      kind: 'no_active_champion',
      contactId: null,
      who: null,
      daysSinceActive: null,
      othersActive: others,
    });
  }
  return { stakeholders, signals, signalDetails };
}
