import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/executor.js';
import { refreshPortfolioRows } from '../portfolio/refresh-portfolio-rows.js';
import { readWorkspaceSettings } from '../settings/workspace-settings.js';
import { addDays, today } from '../shared/calendar.js';
import { currencyExponent } from '../shared/money.js';
import { describeHit, type HitFacts } from './describe-hit.js';
import type { AccountFilter, PlaybookDefinition, PlaybookTrigger } from './playbook.schema.js';

// Which accounts a playbook hits now, and why: one set-based query per playbook over every account (a union of one
// select per trigger, each over portfolio_rows and the history it needs), never a loop over accounts. The wording
// is pure (describe-hit.ts); the SQL only gathers the facts.

export interface PlaybookHit {
  accountId: string;
  accountName: string;
  reason: string;
  /** Each trigger that fired: its position in the definition and the facts behind the sentence. */
  triggers: Array<{ index: number; facts: HitFacts }>;
}

interface Context {
  day: string;
  /** The reporting currency's minor units per major one, for MRR bounds. */
  minorPerMajor: number | null;
  /** Only these accounts (the ones a batch of changes touched), else every account. */
  accountIds: string[] | null;
}

/** Limits a history subquery to the accounts in scope, so a batch of changes reads only its own rows. */
const inScope = (context: Context, column: string) =>
  context.accountIds === null ? none : sql`${sql.ref(column)} = any(${context.accountIds}::uuid[])`;
const scope = (context: Context, column: string) =>
  context.accountIds === null ? sql`` : sql` and ${inScope(context, column)}`;

const none = sql<boolean>`true`;
const and = (parts: RawBuilder<unknown>[]) => (parts.length === 0 ? none : sql`(${sql.join(parts, sql` and `)})`);

/** The latest health snapshot's value of a measure, as stored with the score. */
const latestMeasure = (measure: string) => sql`(select (hs.inputs -> 'values' ->> ${measure})::double precision
  from health_scores hs where hs.account_id = p.account_id order by hs.as_of desc limit 1)`;

/** An account filter over portfolio_rows `p` (and accounts `a` for traits). */
function filterSql(filter: AccountFilter | undefined, context: Context): RawBuilder<unknown> {
  if (!filter) return none;
  const parts: RawBuilder<unknown>[] = [];
  if (filter.colours) parts.push(sql`p.health_colour = any(${filter.colours}::text[])`);
  if (filter.churnRiskAtLeast !== undefined) parts.push(sql`p.churn_risk >= ${filter.churnRiskAtLeast}`);
  if (filter.churnRiskAtMost !== undefined) parts.push(sql`p.churn_risk <= ${filter.churnRiskAtMost}`);
  if (filter.owner === 'none') parts.push(sql`p.owner_id is null`);
  else if (filter.owner) parts.push(sql`p.owner_id = ${filter.owner}::uuid`);
  if (filter.tiers) parts.push(sql`p.coverage_tier = any(${filter.tiers}::text[])`);
  if (filter.lifecycleStages) parts.push(sql`p.lifecycle_stage = any(${filter.lifecycleStages}::text[])`);
  // MRR in the reporting currency only (mrr_group 0): an account billed in a currency without a rate has no
  // comparable figure, so it never matches a bound rather than matching by accident.
  for (const [bound, op] of [
    [filter.mrrAtLeast, '>='],
    [filter.mrrAtMost, '<='],
  ] as const) {
    if (bound === undefined) continue;
    if (context.minorPerMajor === null) parts.push(sql`false`);
    else
      parts.push(
        sql`(p.mrr_group = 0 and p.mrr_minor ${sql.raw(op)} ${Math.round(bound * context.minorPerMajor)}::bigint)`,
      );
  }
  for (const trait of filter.traits ?? [])
    parts.push(sql`exists (select 1 from accounts a where a.id = p.account_id
      and a.traits -> ${trait.key} = cast(${JSON.stringify(trait.equals)} as jsonb))`);
  for (const condition of filter.measures ?? []) {
    if (condition.above !== undefined) parts.push(sql`${latestMeasure(condition.measure)} > ${condition.above}`);
    if (condition.below !== undefined) parts.push(sql`${latestMeasure(condition.measure)} < ${condition.below}`);
  }
  return and(parts);
}

const since = (day: string, days: number) => addDays(day, -days);
/** The start of the UTC day `days` before `day`: timestamps on or after it are "within the last N days". */
const sinceInstant = (day: string, days: number) => `${addDays(day, -days)}T00:00:00Z`;

/** One trigger as `select account_id, facts from …` over portfolio_rows p, with its own conditions. */
function triggerSql(trigger: PlaybookTrigger, where: RawBuilder<unknown>, context: Context): RawBuilder<unknown> {
  const { day } = context;
  switch (trigger.kind) {
    case 'health_colour': {
      if (trigger.changedWithinDays === undefined)
        return sql`select p.account_id, jsonb_build_object('kind', 'health_colour', 'colour', p.health_colour,
            'turnedOn', null, 'score', p.health_score) as facts
          from portfolio_rows p where p.health_colour = ${trigger.colour} and ${where}`;
      // Turned this colour: the first snapshot after the last one of another colour, within the window.
      return sql`select p.account_id, jsonb_build_object('kind', 'health_colour', 'colour', p.health_colour,
            'turnedOn', t.turned_on::text, 'score', p.health_score) as facts
          from portfolio_rows p
          join (select s.account_id, min(s.as_of) as turned_on from health_scores s
                join (select account_id, max(as_of) as last_other from health_scores
                      where color is distinct from ${trigger.colour}${scope(context, 'account_id')}
                      group by account_id) o
                  on o.account_id = s.account_id and s.as_of > o.last_other
                where true${scope(context, 's.account_id')}
                group by s.account_id) t on t.account_id = p.account_id
          where p.health_colour = ${trigger.colour} and t.turned_on >= ${since(day, trigger.changedWithinDays)}::date
            and ${where}`;
    }
    case 'score_dropped':
      // From the highest score of the window (its latest day when tied) to the score now.
      return sql`select p.account_id, jsonb_build_object('kind', 'score_dropped', 'fromScore', w.score,
            'fromDay', w.as_of::text, 'toScore', p.health_score, 'days', ${trigger.days}::int) as facts
          from portfolio_rows p
          join (select distinct on (account_id) account_id, score, as_of from health_scores
                where as_of >= ${since(day, trigger.days)}::date and as_of <= ${day}::date and score is not null
                  ${scope(context, 'account_id')}
                order by account_id, score desc, as_of desc) w on w.account_id = p.account_id
          where w.score - p.health_score >= ${trigger.points} and ${where}`;
    case 'risk_above':
      return sql`select p.account_id, jsonb_build_object('kind', 'risk_above', 'risk', p.churn_risk,
            'threshold', ${trigger.threshold}::double precision) as facts
          from portfolio_rows p where p.churn_risk > ${trigger.threshold} and ${where}`;
    case 'measure_threshold': {
      const bounds: RawBuilder<unknown>[] = [];
      if (trigger.above !== undefined) bounds.push(sql`m.value > ${trigger.above}`);
      if (trigger.below !== undefined) bounds.push(sql`m.value < ${trigger.below}`);
      return sql`select p.account_id, jsonb_build_object('kind', 'measure_threshold', 'measure',
            ${trigger.measure}::text, 'value', m.value, 'above', ${trigger.above ?? null}::double precision,
            'below', ${trigger.below ?? null}::double precision) as facts
          from portfolio_rows p cross join lateral (select ${latestMeasure(trigger.measure)} as value) m
          where (${sql.join(bounds, sql` or `)}) and ${where}`;
    }
    case 'renewal_within': {
      const health = trigger.healthBelow === undefined ? none : sql`p.health_score < ${trigger.healthBelow}`;
      return sql`select p.account_id, jsonb_build_object('kind', 'renewal_within', 'renewalDate',
            p.renewal_date::text, 'daysLeft', p.renewal_date - ${day}::date, 'score', p.health_score) as facts
          from portfolio_rows p
          where p.renewal_date >= ${day}::date and p.renewal_date <= ${addDays(day, trigger.days)}::date
            and ${health} and ${where}`;
    }
    case 'nps_answer': {
      const band = trigger.answer === 'detractor' ? sql`r.score <= 6` : sql`r.score >= 9`;
      return sql`select p.account_id, jsonb_build_object('kind', 'nps_answer', 'score', r.score,
            'answeredOn', to_char(r.answered_at at time zone 'UTC', 'YYYY-MM-DD')) as facts
          from portfolio_rows p
          join (select distinct on (account_id) account_id, score, answered_at from survey_responses r
                where r.kind = 'nps' and ${band} and r.answered_at >= ${sinceInstant(day, trigger.days)}::timestamptz
                  ${scope(context, 'r.account_id')}
                order by account_id, answered_at desc) r on r.account_id = p.account_id
          where ${where}`;
    }
    case 'note_tagged':
      return sql`select p.account_id, jsonb_build_object('kind', 'note_tagged', 'tag', ${trigger.tag}::text,
            'notedOn', to_char(n.occurred_at at time zone 'UTC', 'YYYY-MM-DD')) as facts
          from portfolio_rows p
          join (select distinct on (account_id) account_id, occurred_at from notes
                where tags @> array[${trigger.tag}]::text[]
                  and occurred_at >= ${sinceInstant(day, trigger.days)}::timestamptz${scope(context, 'account_id')}
                order by account_id, occurred_at desc) n on n.account_id = p.account_id
          where ${where}`;
    case 'lifecycle_stage':
      // Entered: the first state after the last one in another stage (or its first state, when it began there).
      return sql`select p.account_id, jsonb_build_object('kind', 'lifecycle_stage', 'stage', p.lifecycle_stage,
            'enteredOn', to_char(e.entered_at at time zone 'UTC', 'YYYY-MM-DD')) as facts
          from portfolio_rows p
          join (select s.account_id, min(s.valid_from) as entered_at from account_states s
                left join (select account_id, max(valid_from) as last_other from account_states
                           where lifecycle_stage <> ${trigger.stage}${scope(context, 'account_id')}
                           group by account_id) o
                  on o.account_id = s.account_id
                where s.valid_from > coalesce(o.last_other, '-infinity'::timestamptz)${scope(context, 's.account_id')}
                group by s.account_id) e on e.account_id = p.account_id
          where p.lifecycle_stage = ${trigger.stage}
            and e.entered_at >= ${sinceInstant(day, trigger.days)}::timestamptz and ${where}`;
    case 'champion_left':
      // Deactivated: the first inactive state after the contact's last active one, held as champion or sponsor.
      return sql`select p.account_id, jsonb_build_object('kind', 'champion_left', 'contactName', c.name,
            'role', l.role, 'leftOn', to_char(l.left_at at time zone 'UTC', 'YYYY-MM-DD')) as facts
          from portfolio_rows p
          join (select distinct on (s.account_id) s.account_id, s.contact_id, s.role, s.valid_from as left_at
                from contact_states s
                join (select account_id, contact_id, max(valid_from) as last_active from contact_states
                      where active${scope(context, 'account_id')} group by account_id, contact_id) a
                  on a.account_id = s.account_id and a.contact_id = s.contact_id and s.valid_from > a.last_active
                where not s.active and s.role in ('champion', 'executive_sponsor')
                  and s.valid_from >= ${sinceInstant(day, trigger.days)}::timestamptz${scope(context, 's.account_id')}
                  and not exists (select 1 from contact_states e where e.account_id = s.account_id
                    and e.contact_id = s.contact_id and e.valid_from > a.last_active and e.valid_from < s.valid_from)
                order by s.account_id, s.valid_from desc) l on l.account_id = p.account_id
          join contacts c on c.account_id = l.account_id and c.id = l.contact_id
          where ${where}`;
  }
}

/** The query answering every account a definition hits, one row per account with the facts of each trigger. */
function hitsSql(
  definition: PlaybookDefinition,
  context: Context,
): RawBuilder<{
  account_id: string;
  name: string;
  hits: Array<{ index: number; facts: HitFacts }>;
}> {
  const audience = and(
    [filterSql(definition.audience, context), inScope(context, 'p.account_id')].filter((part) => part !== none),
  );
  const selects = definition.triggers.map(
    (trigger, index) =>
      sql`select account_id, ${index}::int as index, facts from (${triggerSql(
        trigger,
        and([audience, filterSql(trigger.conditions, context)].filter((part) => part !== none)),
        context,
      )}) t${sql.raw(String(index))}`,
  );
  return sql`select p.account_id, p.name,
      jsonb_agg(jsonb_build_object('index', h.index, 'facts', h.facts) order by h.index) as hits
    from (${sql.join(selects, sql` union all `)}) h
    join portfolio_rows p on p.account_id = h.account_id
    group by p.account_id, p.name, p.churn_risk
    order by coalesce(p.churn_risk, -1) desc, p.name, p.account_id`;
}

export interface EvaluateOptions {
  /** The day "now" is (tests); default today. */
  day?: string;
  /** Skip bringing portfolio rows up to date first (the caller just did). */
  fresh?: boolean;
  /** Only these accounts: the ones a batch of changes touched. */
  accountIds?: string[];
}

/** Every account the definition hits now, riskiest first, each with its reason. */
export async function evaluatePlaybook(
  db: Executor,
  definition: PlaybookDefinition,
  options: EvaluateOptions = {},
): Promise<PlaybookHit[]> {
  const day = options.day ?? today();
  if (!options.fresh) await refreshPortfolioRows(db, day);
  const context = await evaluationContext(db, day, options.accountIds ?? null);
  const { rows } = await hitsSql(definition, context).execute(db);
  return rows.map((row) => {
    const triggers = row.hits.map((hit) => ({ index: hit.index, facts: normaliseFacts(hit.facts) }));
    return {
      accountId: row.account_id,
      accountName: row.name,
      reason: describeHit(triggers.map((t) => t.facts)),
      triggers,
    };
  });
}

export async function evaluationContext(
  db: Executor,
  day: string,
  accountIds: string[] | null = null,
): Promise<Context> {
  const settings = await readWorkspaceSettings(db);
  const currency = settings.reportingCurrency;
  return { day, minorPerMajor: currency ? 10 ** currencyExponent(currency) : null, accountIds };
}

/** real columns come back as numbers with float noise (0.7 as 0.699999988): round to what was stored. */
function normaliseFacts(facts: HitFacts): HitFacts {
  const tidy = (value: number | null) => (value === null ? null : Math.round(value * 1e6) / 1e6);
  switch (facts.kind) {
    case 'health_colour':
      return { ...facts, score: tidy(facts.score) };
    case 'score_dropped':
      return { ...facts, fromScore: tidy(facts.fromScore) as number, toScore: tidy(facts.toScore) as number };
    case 'risk_above':
      return { ...facts, risk: tidy(facts.risk) as number };
    case 'renewal_within':
      return { ...facts, score: tidy(facts.score) };
    default:
      return facts;
  }
}
