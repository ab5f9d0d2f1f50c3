import { dateOfDay, instantOfDay, seasonalActivity } from './demo-calendar.js';
import {
  countries,
  csmTeam,
  dollarRates,
  features,
  industries,
  keyFeatures,
  MAGIC_MOMENT_EVENT,
  type PlanName,
  personNames,
  plans,
  SESSION_EVENT,
  ticketSubjects,
} from './demo-catalog.js';
import type {
  AccountTruth,
  ChurnCause,
  ContactTimes,
  DemoUsageRow,
  Record_,
  SimulatedAccount,
  WorldPlan,
} from './demo-world.js';
import { clamp, fallingLogistic, probabilityOver, stepValue } from './latent-value.js';
import { createRandom, mixSeed, type Random } from './seeded-random.js';

type Size = 'small' | 'mid' | 'large';
type Tier = 'high_touch' | 'low_touch' | 'tech_touch';

interface User {
  id: string;
  intensity: number;
  /** Preference for each feature, in the order of `features`. */
  weights: number[];
  from: number;
  until: number;
}

const KEY = new Set<string>(keyFeatures);

export const cancelReasons: Record<Exclude<ChurnCause, 'none'>, string> = {
  competitor: 'Moving to a cheaper competitor',
  budget_cut: 'Budget cut; tools spend frozen',
  champion_left: 'Our main user and sponsor left; nobody owns it now',
  low_value: 'Not getting enough value for the price',
  graduated: 'Built their own solution in-house; thanks for the help getting there',
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Adds whole calendar months to a day number, keeping the day of the month where possible (UTC). */
function addMonths(plan: WorldPlan, day: number, months: number): number {
  const date = new Date(`${dateOfDay(plan.calendar, day)}T00:00:00Z`);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
  return day + Math.round((target.getTime() - date.getTime()) / 86_400_000);
}

function personName(random: Random, japanese: boolean): string {
  return japanese
    ? `${random.pick(personNames.japaneseLast)} ${random.pick(personNames.japaneseFirst)}`
    : `${random.pick(personNames.first)} ${random.pick(personNames.last)}`;
}

function emailOf(name: string, domain: string): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')}@${domain}`;
}

/** MRR in the account's currency, as the decimal text the API takes (whole yen). */
export function mrrText(seats: number, plan: PlanName, annual: boolean, currency: keyof typeof dollarRates): string {
  const seatPrice = plans.find((candidate) => candidate.name === plan)?.seatPrice ?? 0;
  const dollars = seats * seatPrice * (annual ? 0.85 : 1);
  const amount = dollars * dollarRates[currency];
  return currency === 'JPY' ? String(Math.round(amount)) : amount.toFixed(2);
}

/** The note a CSM writes after a check-in: its sentiment follows the latent value, right more often than not. */
function checkInNote(random: Random, value: number): { body: string; sentiment: number } {
  const sentiment = Math.round(clamp((value - 0.5) * 5 + 0.9 * random.normal(), -2, 2));
  const bodies: Record<number, string[]> = {
    [-2]: ['Tense call. They question whether the product is worth it.', 'Sponsor unhappy; adoption stalled.'],
    [-1]: ['Check-in: usage is patchy, a few complaints about reports.', 'They are busy; little time for rollout.'],
    0: ['Routine check-in, nothing notable.', 'Quarterly review; steady, no new goals set.'],
    1: ['Good call. Team uses dashboards weekly.', 'Positive check-in; they want a training for new hires.'],
    2: ['Great QBR: they hit their reporting goal and want to expand.', 'Champion shared a success story.'],
  };
  return { body: random.pick(bodies[sentiment] ?? ['Check-in.']), sentiment };
}

/**
 * Simulates one B2B account over the world's calendar. Causes, not columns: a latent value drifts (mean-reverting
 * random walk) and drives usage, surveys, tickets, notes, expansion and most churn; competitors, budget cuts,
 * champion departures and graduation end accounts whatever their usage.
 */
export function simulateAccount(plan: WorldPlan, index: number): SimulatedAccount {
  const { calendar, options } = plan;
  const random = createRandom(mixSeed(options.seed, `account-${index}`));
  const externalId = `acct-${pad(index + 1, 4)}`;
  const countryCode = plan.countries[index] ?? 'US';
  const country =
    countries.find((candidate) => candidate.code === countryCode) ?? (countries[0] as (typeof countries)[number]);
  const japanese = countryCode === 'JP';
  const name = plan.names[index] ?? externalId;
  const domain = `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}.example`;
  const industry = random.pick(industries);
  const size = random.weighted<Size>(['small', 'mid', 'large'], [55, 33, 12]);
  const employees = { small: random.int(10, 80), mid: random.int(80, 900), large: random.int(900, 12_000) }[size];
  let seats = { small: random.int(5, 25), mid: random.int(20, 90), large: random.int(60, 300) }[size];
  let planName = random.weighted<PlanName>(
    ['starter', 'growth', 'enterprise'],
    { small: [65, 30, 5], mid: [25, 55, 20], large: [5, 35, 60] }[size],
  );
  const annual = random.chance({ small: 0.45, mid: 0.75, large: 0.9 }[size]);
  const existing = random.chance(0.4);
  const lastDay = calendar.days - 1;
  // New customers arrive more often later (the business grows).
  const startDay = existing
    ? -random.int(30, 720)
    : Math.min(lastDay - 7, Math.floor(calendar.days * Math.sqrt(random.next())));
  const firstDay = Math.max(0, startDay);

  const initialMrrUsd = Number(mrrText(seats, planName, annual, 'USD'));
  const tier: Tier = initialMrrUsd >= 2500 ? 'high_touch' : initialMrrUsd >= 600 ? 'low_touch' : 'tech_touch';
  const tierCsms = csmTeam.map((csm, i) => ({ csm, i })).filter(({ csm }) => csm.tier === tier);
  const owner = random.pick(tierCsms);
  const author = owner.csm.name;

  // People: an executive sponsor who rarely logs in, a champion (the heaviest user), an admin, end users.
  const userCount = Math.min(seats, { small: random.int(3, 5), mid: random.int(5, 8), large: random.int(7, 11) }[size]);
  const users: User[] = [];
  const contacts: Record_[] = [];
  const newUser = (id: string, from: number, intensity: number): User => ({
    id,
    intensity,
    weights: features.map((feature) =>
      random.chance(0.25) ? 0 : random.uniform(0.2, 1) * (KEY.has(feature) ? 1 : 0.6),
    ),
    from,
    until: lastDay,
  });
  const sponsorName = personName(random, japanese);
  contacts.push({
    externalId: `${externalId}-exec`,
    accountExternalId: externalId,
    name: sponsorName,
    email: emailOf(sponsorName, domain),
    title: random.pick(['VP Operations', 'COO', 'Head of Sales', 'CFO', 'Director of Analytics']),
    role: 'executive_sponsor',
  });
  for (let u = 0; u < userCount; u++) {
    const role = u === 0 ? 'champion' : u === 1 ? 'admin' : 'end_user';
    const id = `${externalId}-u${pad(u + 1, 2)}`;
    const person = personName(random, japanese);
    users.push(
      newUser(
        id,
        firstDay,
        role === 'champion' ? random.uniform(1.3, 2) : clamp(Math.exp(0.5 * random.normal()), 0.3, 2.2),
      ),
    );
    contacts.push({
      externalId: id,
      accountExternalId: externalId,
      name: person,
      email: emailOf(`${person} ${u + 1}`, domain),
      title: role === 'champion' ? 'Analytics Lead' : role === 'admin' ? 'IT Administrator' : 'Analyst',
      role,
    });
  }
  const champion = users[0] as User;
  const championContact = contacts[1] as Record_;
  const firstSeenAt = instantOfDay(calendar, startDay, 9 * 60);
  const contactTimes: Record<string, ContactTimes> = Object.fromEntries(
    contacts.map((contact) => [contact.externalId as string, { joinedAt: firstSeenAt }]),
  );

  // Latent value: the account's own level, drifting; onboarding that reaches the magic moment lifts it.
  const baseValue = clamp(0.55 + 0.16 * random.normal(), 0.05, 0.95);
  let level = baseValue;
  let value = existing ? baseValue : clamp(baseValue - 0.15, 0, 1);
  let magicDay: number | null = existing ? startDay + random.int(5, 40) : null;
  const magicPlanned = existing
    ? null
    : random.chance(0.35 + 0.6 * baseValue)
      ? startDay + Math.round(3 + random.exponential(6 + 30 * (1 - baseValue)))
      : null;
  const outageHits = plan.outages.map((outage) => random.chance(outage.share));

  const subscriptions: Record_[] = [];
  const notes: Record_[] = [];
  const surveys: Record_[] = [];
  const tickets: Record_[] = [];
  const usage: DemoUsageRow[] = [];
  const valueByMonth: AccountTruth['valueByMonth'] = [];
  let valueSum = 0;
  let valueDays = 0;

  // Contract terms: the first one starts on startDay; a subscription row per term (annual) or per change (monthly).
  const termMonths = annual ? 12 : 1;
  let termStart = startDay;
  let renewalDay = addMonths(plan, startDay, termMonths);
  while (renewalDay <= firstDay && existing) {
    termStart = renewalDay;
    renewalDay = addMonths(plan, renewalDay, termMonths);
  }
  let rowStart = termStart;
  let subscriptionNumber = 0;
  const closeRow = (endDay: number, extra: Record_) => {
    subscriptionNumber++;
    subscriptions.push({
      externalId: `${externalId}-s${subscriptionNumber}`,
      accountExternalId: externalId,
      plan: planName,
      mrr: mrrText(seats, planName, annual, country.currency),
      currency: country.currency,
      seats,
      billingPeriod: annual ? 'year' : 'month',
      startDate: dateOfDay(calendar, rowStart),
      endDate: dateOfDay(calendar, endDay),
      ...extra,
    });
  };

  let championLeftDay: number | null = null;
  let championReplaced = false;
  let championRiskSettled = false;
  let noticeDay: number | null = null;
  let churnDay: number | null = null;
  let cause: ChurnCause = 'none';
  let lastExpansionDay = -1000;
  let nextCheckIn = firstDay + random.int(5, 40);
  let ticketNumber = 0;
  const contactIds = () =>
    contacts.filter((contact) => contact.active !== false).map((contact) => contact.externalId as string);

  const addTicket = (day: number, category: keyof typeof ticketSubjects, contactExternalId: string) => {
    ticketNumber++;
    const openedMinutes = random.int(0, 1439);
    const outage = category === 'outage';
    const resolution = Math.round(random.exponential(outage ? 240 : category === 'bug' ? 4 * 1440 : 1440));
    const closedDay = day + (openedMinutes + resolution) / 1440;
    const closed = closedDay < lastDay;
    tickets.push({
      externalId: `${externalId}-t${ticketNumber}`,
      accountExternalId: externalId,
      contactExternalId,
      subject: random.pick(ticketSubjects[category]),
      openedAt: instantOfDay(calendar, day, openedMinutes),
      closedAt: closed ? instantOfDay(calendar, day, openedMinutes + resolution) : null,
      priority: outage
        ? random.pick(['urgent', 'high'])
        : category === 'bug' && random.chance(0.3)
          ? 'high'
          : random.pick(['low', 'normal', 'normal']),
      status: closed ? 'closed' : random.pick(['open', 'pending']),
      firstResponseMinutes: Math.round(random.exponential(outage ? 20 : 120)),
      resolutionMinutes: closed ? resolution : null,
      satisfaction:
        closed && random.chance(0.5)
          ? Math.round(clamp(5 - resolution / (3 * 1440) - (1 - value) + 0.6 * random.normal(), 1, 5))
          : null,
    });
  };
  const addNote = (day: number, body: string, sentiment: number | null, tags: string[], contactExternalId?: string) => {
    if (day > lastDay) return;
    notes.push({
      accountExternalId: externalId,
      ...(contactExternalId ? { contactExternalId } : {}),
      author,
      body,
      sentiment,
      tags,
      occurredAt: instantOfDay(calendar, day, random.int(8 * 60, 17 * 60)),
    });
  };

  if (!existing)
    addNote(startDay + random.int(1, 5), `Kickoff with ${name}. Goals agreed for the first 90 days.`, 1, [
      'onboarding',
      'kickoff',
    ]);

  /** At notice time before a renewal: does the account leave, and why? Most causes do not look at usage. */
  const decideChurn = (day: number): ChurnCause => {
    const fraction = annual ? 1 : 1 / 12;
    const monthly = annual ? 1 : 1.4;
    if (championLeftDay !== null && !championRiskSettled && championLeftDay <= day - 20) {
      championRiskSettled = true;
      if (random.chance(championReplaced ? 0.2 : 0.6)) return 'champion_left';
    }
    const competitorRisk = 0.05 * { small: 1.5, mid: 1, large: 0.6 }[size] * (planName === 'starter' ? 1.3 : 1);
    if (random.chance(probabilityOver(competitorRisk, fraction) * monthly)) return 'competitor';
    if (random.chance(probabilityOver(0.035 * industry.budgetRisk, fraction) * monthly)) return 'budget_cut';
    if (value > 0.7 && size !== 'large' && random.chance(probabilityOver(0.08, fraction))) return 'graduated';
    if (random.chance(probabilityOver(0.85 * fallingLogistic(value, 0.32, 0.06), fraction) * monthly))
      return 'low_value';
    return 'none';
  };

  for (let day = firstDay; day <= lastDay; day++) {
    const date = dateOfDay(calendar, day);
    const age = day - startDay;
    if (date.endsWith('-01') || day === firstDay) valueByMonth.push({ month: date.slice(0, 7), value: round3(value) });

    // The value drifts; now and then the account's situation changes (a reorg, a new use case).
    if (random.chance(0.0015)) level = clamp(level + 0.2 * random.normal(), 0.05, 0.95);
    if (magicPlanned !== null && magicDay === null && day === magicPlanned) {
      magicDay = day;
      level = clamp(level + 0.1, 0, 1);
      usage.push({ userId: champion.id, day, name: MAGIC_MOMENT_EVENT, count: 1, minutes: 600 });
    }
    if (!existing && magicDay === null && age === 60) level = clamp(level - 0.12, 0, 1);
    value = stepValue(value, level, random);
    const outageToday = plan.outages.findIndex((outage, i) => outage.day === day && outageHits[i]);
    if (outageToday >= 0) value = clamp(value - 0.03, 0, 1);
    valueSum += value;
    valueDays++;

    // The champion leaves the company: seen in the contact list and the CSM's notes, not in a usage drop.
    if (championLeftDay === null && age > 30 && noticeDay === null && random.chance(0.00035)) {
      championLeftDay = day;
      champion.until = day - 1;
      championContact.active = false;
      championContact.traits = { leftOn: date };
      contactTimes[championContact.externalId as string] = {
        joinedAt: firstSeenAt,
        leftAt: instantOfDay(calendar, day, 12 * 60),
      };
      addNote(
        day + random.int(2, 14),
        `${championContact.name} has left ${name}. Need a new owner for the rollout.`,
        -1,
        ['champion-left'],
      );
      if (random.chance(0.4)) {
        championReplaced = true;
        const from = day + random.int(20, 60);
        const id = `${externalId}-u${pad(users.length + 1, 2)}`;
        const person = personName(random, japanese);
        users.push({ ...newUser(id, from, random.uniform(1.2, 1.8)) });
        contacts.push({
          externalId: id,
          accountExternalId: externalId,
          name: person,
          email: emailOf(`${person} ${users.length}`, domain),
          title: 'Analytics Lead',
          role: 'champion',
        });
        // One who would join after the end of the world is written as joined on its last day.
        contactTimes[id] = { joinedAt: instantOfDay(calendar, Math.min(from, lastDay), 9 * 60) };
        addNote(from, `${person} takes over as our champion at ${name}.`, 1, ['new-champion'], id);
      }
    }

    // Usage: each user's day, pre-aggregated to one row per event name.
    const ramp = existing ? 1 : Math.min(1, 0.3 + (0.7 * age) / 21);
    const winding =
      noticeDay !== null && day >= noticeDay ? (cause === 'low_value' ? 0.4 : cause === 'budget_cut' ? 0.7 : 1) : 1;
    const activity =
      seasonalActivity(date, countryCode) *
      (outageToday >= 0 ? 0.35 : 1) *
      ramp *
      winding *
      (magicDay === null ? 0.6 : 1);
    const regionStart = japanese ? 0 : country.currency === 'EUR' || country.currency === 'GBP' ? 420 : 780;
    for (const user of users) {
      if (day < user.from || day > user.until) continue;
      if (!random.chance(clamp((0.05 + 0.45 * value) * user.intensity * activity, 0, 0.95))) continue;
      const minutes = regionStart + random.int(0, 600);
      usage.push({
        userId: user.id,
        day,
        name: SESSION_EVENT,
        count: 1 + random.poisson(0.5 * user.intensity),
        minutes,
      });
      const featureCount = 1 + (random.chance(value) ? 1 : 0) + (random.chance(value * 0.4) ? 1 : 0);
      const weights = user.weights.map(
        (weight, i) => weight * (KEY.has(features[i] as string) ? 0.3 + 1.7 * value : 1),
      );
      for (let f = 0; f < featureCount; f++) {
        const feature = random.weighted(features, weights);
        const at = features.indexOf(feature);
        if (weights[at] === 0) continue;
        weights[at] = 0;
        usage.push({
          userId: user.id,
          day,
          name: feature,
          count: 1 + random.poisson(1.2 * user.intensity * (0.5 + value)),
          minutes,
        });
      }
    }

    // Support: more tickets when value is low and during onboarding; a spike when an outage hits.
    const active = contactIds().filter((id) => !id.endsWith('-exec'));
    const ticketRate =
      0.0025 * Math.sqrt(userCount) * (1.6 - value) * (age < 45 ? 2.5 : 1) * (activity < 0.3 ? 0.3 : 1);
    for (let t = random.poisson(ticketRate); t > 0; t--) {
      const category = age < 45 ? 'onboarding' : random.weighted(['usage', 'bug', 'billing'] as const, [5, 3, 1]);
      addTicket(day, category, random.pick(active));
    }
    if (outageToday >= 0) {
      for (let t = 1 + random.poisson(1.2); t > 0; t--) addTicket(day, 'outage', random.pick(active));
      if (tier !== 'tech_touch' || random.chance(0.3)) {
        addNote(day + random.int(0, 2), 'Affected by the platform outage; explained the cause and the fix.', -1, [
          'outage',
        ]);
      }
    }

    // The CSM's rhythm: check-ins by coverage tier, surveys twice a year.
    if (day === nextCheckIn && tier !== 'tech_touch') {
      const note = checkInNote(random, value);
      const competitorRumour = random.chance(0.03);
      addNote(
        day,
        competitorRumour ? `${note.body} They mentioned looking at a cheaper tool.` : note.body,
        note.sentiment,
        competitorRumour ? ['check-in', 'competitor'] : ['check-in'],
        random.chance(0.5)
          ? championContact.active === false
            ? undefined
            : (championContact.externalId as string)
          : undefined,
      );
    }
    if (day >= nextCheckIn) nextCheckIn = day + (tier === 'high_touch' ? random.int(21, 40) : random.int(70, 110));
    if (age > 0 && age % 182 === 90) {
      for (const contactExternalId of [`${externalId}-exec`, ...active.slice(0, 3)]) {
        if (!random.chance(0.45)) continue;
        surveys.push({
          accountExternalId: externalId,
          contactExternalId,
          kind: 'nps',
          score: Math.round(clamp(3.5 + 7 * value + 1.5 * random.normal(), 0, 10)),
          answeredAt: instantOfDay(calendar, day, random.int(0, 1439)),
        });
      }
    }
    if (age === 30 && random.chance(0.6) && active[1]) {
      surveys.push({
        accountExternalId: externalId,
        contactExternalId: active[1],
        kind: 'csat',
        score: Math.round(clamp(2 + 3 * value + 0.7 * random.normal(), 1, 5)),
        comment: value > 0.6 ? 'Onboarding was smooth.' : value < 0.35 ? 'Setup took too long.' : null,
        answeredAt: instantOfDay(calendar, day, random.int(0, 1439)),
      });
    }

    // Renewals: notice comes before the renewal date; the decision is made then, the account leaves on the date.
    const notice = annual ? 30 : 7;
    if (noticeDay === null && day === renewalDay - notice && renewalDay <= lastDay) {
      const decided = decideChurn(day);
      if (decided !== 'none') {
        cause = decided;
        noticeDay = day;
        if (decided === 'competitor' && random.chance(0.5)) {
          addNote(day - random.int(0, 20), 'They are evaluating a cheaper competitor, mostly on price.', -1, [
            'competitor',
          ]);
        }
        if (decided === 'budget_cut' && random.chance(0.4)) {
          addNote(day, 'Budget freeze announced; all tool spend under review.', -1, ['budget-cut']);
        }
      }
    }
    if (day === renewalDay) {
      if (noticeDay !== null) {
        churnDay = day;
        closeRow(day, {
          status: 'cancelled',
          cancelledAt: instantOfDay(calendar, noticeDay, random.int(9 * 60, 18 * 60)),
          cancelReason: cancelReasons[cause as Exclude<ChurnCause, 'none'>],
          renewalDate: null,
        });
        addNote(
          day,
          cause === 'graduated'
            ? `${name} graduated: they now run this in-house.`
            : `${name} churned: ${cancelReasons[cause as Exclude<ChurnCause, 'none'>].toLowerCase()}.`,
          cause === 'graduated' ? 1 : -1,
          ['churned', cause.replace('_', '-')],
        );
        break;
      }
      // Renewed: value decides expansion or contraction.
      const before = seats;
      const beforePlan = planName;
      const chanceScale = annual ? 1 : 1 / 6;
      if (value > 0.62 && random.chance(0.45 * chanceScale)) {
        seats = Math.round(seats * random.uniform(1.1, 1.5));
        if (planName !== 'enterprise' && random.chance(0.25))
          planName = planName === 'starter' ? 'growth' : 'enterprise';
      } else if (value < 0.42 && random.chance(0.35 * chanceScale)) {
        seats = Math.max(3, Math.round(seats * random.uniform(0.6, 0.9)));
      }
      const changed = seats !== before || planName !== beforePlan;
      if (annual || changed) {
        const newSeats = seats;
        const newPlan = planName;
        seats = before;
        planName = beforePlan;
        closeRow(day - 1, { status: 'expired', renewalDate: dateOfDay(calendar, day) });
        seats = newSeats;
        planName = newPlan;
        rowStart = day;
      }
      if (seats > before) lastExpansionDay = day;
      if (tier !== 'tech_touch' && annual) {
        addNote(
          day,
          seats > before
            ? `Renewed with ${seats - before} more seats.`
            : seats < before
              ? `Renewed, down to ${seats} seats.`
              : 'Renewed for another year.',
          seats < before ? 0 : 1,
          seats > before ? ['renewal', 'expansion'] : seats < before ? ['renewal', 'contraction'] : ['renewal'],
        );
      }
      termStart = day;
      renewalDay = addMonths(plan, day, termMonths);
    }
  }
  if (churnDay === null) closeRow(0, { status: 'active', endDate: null, renewalDate: dateOfDay(calendar, renewalDay) });

  const endValue = round3(value);
  const lastPromoter = surveys.filter((survey) => survey.kind === 'nps').at(-1);
  const lifecycleStage =
    churnDay !== null
      ? 'churned'
      : !existing && magicDay === null && lastDay - startDay < 90
        ? 'onboarding'
        : renewalDay - lastDay <= 90
          ? 'renewal'
          : lastDay - lastExpansionDay <= 90
            ? 'expansion'
            : value > 0.75 && ((lastPromoter?.score as number | undefined) ?? 0) >= 9
              ? 'advocacy'
              : 'adoption';
  const stages = stageHistory({
    final: lifecycleStage,
    existing,
    startDay,
    adoptedDay: magicDay ?? startDay + 90,
    churnDay,
    renewalDay,
    lastExpansionDay,
    lastDay,
  }).map(({ day, stage }) => ({ at: instantOfDay(calendar, day, 9 * 60), lifecycleStage: stage }));

  return {
    externalId,
    ownerIndex: owner.i,
    account: {
      externalId,
      name,
      domain,
      industry: industry.name,
      employees,
      country: countryCode,
      plan: planName,
      lifecycleStage,
      coverageTier: tier,
      firstSeenAt,
      traits: { segment: size, contract: annual ? 'annual' : 'monthly', demo: true },
    },
    contacts,
    contactTimes,
    stages,
    subscriptions,
    notes,
    surveys,
    tickets,
    usage,
    truth: {
      externalId,
      segment: size,
      baseValue: round3(baseValue),
      valueAtEnd: endValue,
      meanValue: round3(valueSum / Math.max(1, valueDays)),
      valueByMonth,
      magicMomentOn: magicDay === null ? null : dateOfDay(calendar, magicDay),
      churnedOn: churnDay === null ? null : dateOfDay(calendar, churnDay),
      churnCause: cause,
      championLeftOn: championLeftDay === null ? null : dateOfDay(calendar, championLeftDay),
      successPattern: null,
    },
  };
}

/**
 * The stages an account went through, by day: a new customer onboards until its magic moment (or 90 days), an
 * existing one is adopting from the start; the stage it ends in began when its cause did (churn on the churn day,
 * renewal 90 days before the renewal, expansion at the last one, advocacy over the last 90 days).
 */
function stageHistory(account: {
  final: string;
  existing: boolean;
  startDay: number;
  adoptedDay: number;
  churnDay: number | null;
  renewalDay: number;
  lastExpansionDay: number;
  lastDay: number;
}): { day: number; stage: string }[] {
  const { final, existing, startDay, adoptedDay, churnDay, lastDay } = account;
  const stages = [{ day: startDay, stage: existing ? 'adoption' : 'onboarding' }];
  if (!existing && final !== 'onboarding' && adoptedDay <= (churnDay ?? lastDay)) {
    stages.push({ day: adoptedDay, stage: 'adoption' });
  }
  const last = stages[stages.length - 1] as { day: number; stage: string };
  if (final !== last.stage) {
    const since =
      final === 'churned'
        ? (churnDay ?? lastDay)
        : final === 'renewal'
          ? account.renewalDay - 90
          : final === 'expansion'
            ? account.lastExpansionDay
            : lastDay - 90;
    stages.push({ day: Math.min(lastDay, Math.max(last.day, since)), stage: final });
  }
  return stages;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
