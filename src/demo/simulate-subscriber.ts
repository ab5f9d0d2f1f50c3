import { dateOfDay, instantOfDay } from './demo-calendar.js';
import { consumerFeatures, countries, dollarRates, SESSION_EVENT, successPatterns } from './demo-catalog.js';
import type { ChurnCause, DemoUsageRow, Record_, SimulatedAccount, WorldPlan } from './demo-world.js';
import { clamp, fallingLogistic } from './latent-value.js';
import { createRandom, mixSeed } from './seeded-random.js';

const MONTHLY_PRICE_USD = 9.99;

/**
 * Simulates one B2C subscriber (the subscriber is the account). Novelty carries everyone for a few weeks and wears
 * off; what keeps people is one of a few success patterns (feature mixes) that they find, or not.
 */
export function simulateSubscriber(plan: WorldPlan, index: number): SimulatedAccount {
  const { calendar, options } = plan;
  const random = createRandom(mixSeed(options.seed, `subscriber-${index}`));
  const externalId = `user-${String(index + 1).padStart(6, '0')}`;
  const countryCode = plan.countries[index] ?? 'US';
  const currency = countries.find((country) => country.code === countryCode)?.currency ?? 'USD';
  const lastDay = calendar.days - 1;
  const existing = random.chance(0.3);
  const startDay = existing
    ? -random.int(10, 400)
    : Math.min(lastDay, Math.floor(calendar.days * Math.sqrt(random.next())));
  const firstDay = Math.max(0, startDay);
  const annual = random.chance(0.25);
  const pattern = random.chance(0.55) ? random.pick(successPatterns) : null;
  // Whether the subscriber's pattern takes hold, and how fast the novelty fades.
  const level = pattern
    ? clamp(0.45 + 0.2 * random.normal(), 0.1, 0.9)
    : clamp(0.12 + 0.08 * random.normal(), 0.02, 0.4);
  const novelty = random.uniform(0.3, 0.6);
  const fade = random.uniform(10, 40);
  const usage: DemoUsageRow[] = [];
  const valueByMonth: { month: string; value: number }[] = [];
  let value = level;
  let valueSum = 0;
  let churnDay: number | null = null;
  let cause: ChurnCause = 'none';
  const termDays = annual ? 365 : 30;
  let renewalDay = startDay + termDays;
  while (renewalDay <= firstDay) renewalDay += termDays;

  for (let day = firstDay; day <= lastDay; day++) {
    const date = dateOfDay(calendar, day);
    const age = day - startDay;
    value = clamp(level + novelty * Math.exp(-age / fade) + 0.05 * random.normal(), 0, 1);
    valueSum += value;
    if (date.endsWith('-01') || day === firstDay)
      valueByMonth.push({ month: date.slice(0, 7), value: Math.round(value * 1000) / 1000 });
    if (random.chance(clamp(0.05 + 0.45 * value, 0, 0.9))) {
      const minutes = random.int(0, 1439);
      usage.push({ userId: externalId, day, name: SESSION_EVENT, count: 1 + random.poisson(0.4), minutes });
      const feature = pattern && random.chance(0.75) ? random.pick(pattern.features) : random.pick(consumerFeatures);
      usage.push({ userId: externalId, day, name: feature, count: 1 + random.poisson(value * 2), minutes });
    }
    if (day === renewalDay) {
      const months = annual ? 12 : 1;
      const lowValue = 1 - (1 - 0.6 * fallingLogistic(value, 0.25, 0.07)) ** months;
      if (random.chance(1 - 0.99 ** months)) cause = random.chance(0.5) ? 'competitor' : 'budget_cut';
      else if (pattern?.name === 'planner' && value > 0.6 && random.chance(0.02 * months)) cause = 'graduated';
      else if (random.chance(lowValue)) cause = 'low_value';
      if (cause !== 'none') {
        churnDay = day;
        break;
      }
      renewalDay += termDays;
    }
  }
  const days = Math.max(1, (churnDay ?? lastDay) - firstDay + 1);
  const mrr = MONTHLY_PRICE_USD * (annual ? 0.83 : 1) * dollarRates[currency];
  const surveys: Record_[] =
    random.chance(0.15) && startDay + 30 <= (churnDay ?? lastDay) && startDay + 30 >= 0
      ? [
          {
            accountExternalId: externalId,
            contactExternalId: externalId,
            kind: 'nps',
            score: Math.round(clamp(3 + 7 * value + 1.8 * random.normal(), 0, 10)),
            answeredAt: instantOfDay(calendar, startDay + 30, random.int(0, 1439)),
          },
        ]
      : [];
  const firstSeenAt = instantOfDay(calendar, startDay, 12 * 60);
  // Onboarding for the first 30 days, adopting after, churned from the churn day.
  const stages = [{ at: firstSeenAt, lifecycleStage: 'onboarding' }];
  if (startDay + 30 <= (churnDay ?? lastDay)) {
    stages.push({ at: instantOfDay(calendar, startDay + 30, 12 * 60), lifecycleStage: 'adoption' });
  }
  if (churnDay !== null) stages.push({ at: instantOfDay(calendar, churnDay, 12 * 60), lifecycleStage: 'churned' });
  return {
    externalId,
    ownerIndex: -1,
    account: {
      externalId,
      name: plan.names[index] ?? externalId,
      country: countryCode,
      plan: annual ? 'annual' : 'monthly',
      lifecycleStage: churnDay !== null ? 'churned' : lastDay - startDay < 30 ? 'onboarding' : 'adoption',
      coverageTier: 'tech_touch',
      firstSeenAt,
      traits: { demo: true, successPattern: pattern?.name ?? null },
    },
    contacts: [
      {
        externalId,
        accountExternalId: externalId,
        email: `${externalId}@mail.pacer-demo.example`,
        role: 'end_user',
      },
    ],
    contactTimes: { [externalId]: { joinedAt: firstSeenAt } },
    stages,
    subscriptions: [
      {
        externalId: `${externalId}-s1`,
        accountExternalId: externalId,
        plan: annual ? 'annual' : 'monthly',
        mrr: currency === 'JPY' ? String(Math.round(mrr)) : mrr.toFixed(2),
        currency,
        seats: 1,
        billingPeriod: annual ? 'year' : 'month',
        startDate: dateOfDay(calendar, startDay),
        ...(churnDay === null
          ? { status: 'active', renewalDate: dateOfDay(calendar, renewalDay) }
          : {
              status: 'cancelled',
              endDate: dateOfDay(calendar, churnDay),
              cancelledAt: instantOfDay(calendar, churnDay - random.int(0, 5), random.int(0, 1439)),
              cancelReason:
                cause === 'low_value'
                  ? 'Not using it enough'
                  : cause === 'competitor'
                    ? 'Switched app'
                    : cause === 'graduated'
                      ? 'Reached my goal'
                      : 'Too expensive right now',
            }),
      },
    ],
    notes: [],
    surveys,
    tickets: [],
    usage,
    truth: {
      externalId,
      segment: 'consumer',
      baseValue: Math.round(level * 1000) / 1000,
      valueAtEnd: Math.round(value * 1000) / 1000,
      meanValue: Math.round((valueSum / days) * 1000) / 1000,
      valueByMonth,
      magicMomentOn: null,
      churnedOn: churnDay === null ? null : dateOfDay(calendar, churnDay),
      churnCause: cause,
      championLeftOn: null,
      successPattern: pattern?.name ?? null,
    },
  };
}
