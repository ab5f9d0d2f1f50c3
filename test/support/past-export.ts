import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoDay } from '../../src/shared/calendar.js';

/**
 * A company's own exports of a SaaS book that ended on 2024-12-31, in the shape such exports come in (the column
 * names of the public RavenStack sample: account_id, signup_date as M/D/YYYY, plan_tier, mrr_amount, churn_flag…),
 * written to `dir`. Nothing in it is shaped for Pacer: dates in US order, a churn table of its own, and a CRM field
 * (`churn_flag`) filled in after customers left, which must never reach a past day.
 *
 * The world behind it, so a test can work its figures out by hand: accounts sign up from 2022-01 to 2024-06, each
 * on a monthly subscription starting at signup; about a third churn, their subscription ending on the churn day,
 * and their usage fading over the 60 days before. Usage is a row per account, feature and week.
 */
export interface PastExport {
  accounts: string;
  subscriptions: string;
  usage: string;
  churnEvents: string;
  /** Per account: signup day, churn day (or null), as the files say. */
  truth: Map<string, { signup: string; churned: string | null }>;
}

export const EXPORT_END = '2024-12-31';
const FEATURES = ['dashboards', 'reports', 'alerts', 'api_calls', 'exports'];

/** Park–Miller: the same export for the same seed on every machine. */
function seeded(seed: number): () => number {
  let state = seed % 2_147_483_647 || 1;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

const day = (ms: number) => isoDay(new Date(ms));
const us = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${m}/${d}/${y}`;
};

export function writePastExport(dir: string, accounts = 120, seed = 7): PastExport {
  const random = seeded(seed);
  const first = Date.parse('2022-01-01T00:00:00Z');
  const lastSignup = Date.parse('2024-06-30T00:00:00Z');
  const end = Date.parse(`${EXPORT_END}T00:00:00Z`);
  const week = 7 * 86_400_000;
  const truth = new Map<string, { signup: string; churned: string | null }>();
  const accountLines = ['account_id,account_name,industry,country,signup_date,plan_tier,seats,is_trial,churn_flag'];
  const subscriptionLines = [
    'subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,billing_frequency',
  ];
  const usageLines = ['usage_id,account_id,usage_date,feature_name,usage_count'];
  const churnLines = ['churn_event_id,account_id,churn_date,reason_code,refund_amount_usd'];
  for (let i = 0; i < accounts; i++) {
    const id = `A-${(0x10_0000 + i * 7919).toString(16)}`;
    const signupMs = first + Math.floor(random() * ((lastSignup - first) / 86_400_000)) * 86_400_000;
    const signup = day(signupMs);
    const churns = random() < 0.35;
    const churnMs = churns
      ? signupMs + (60 + Math.floor(random() * ((end - signupMs) / 86_400_000 - 60))) * 86_400_000
      : null;
    const churned = churnMs !== null && churnMs <= end ? day(churnMs) : null;
    truth.set(id, { signup, churned });
    const plan = ['Basic', 'Pro', 'Enterprise'][Math.floor(random() * 3)] as string;
    const seats = 1 + Math.floor(random() * 40);
    const mrr = { Basic: 19, Pro: 49, Enterprise: 199 }[plan as 'Basic'] * seats;
    accountLines.push(
      `${id},Company_${i},${['EdTech', 'FinTech', 'DevTools'][i % 3]},US,${us(signup)},${plan},${seats},FALSE,${churned ? 'TRUE' : 'FALSE'}`,
    );
    subscriptionLines.push(
      `S-${id.slice(2)},${id},${signup},${churned ?? ''},${plan},${seats},${mrr},${mrr * 12},monthly`,
    );
    if (churned) churnLines.push(`C-${id.slice(2)},${id},${churned},${random() < 0.5 ? 'budget' : 'competitor'},0`);
    const stop = churnMs !== null && churnMs <= end ? churnMs : end;
    const habit = 0.4 + random();
    let n = 0;
    for (let t = signupMs; t <= stop; t += week) {
      // Churners fade over their last 60 days.
      const fade = churnMs !== null && churnMs - t < 60 * 86_400_000 ? (churnMs - t) / (60 * 86_400_000) : 1;
      for (const feature of FEATURES) {
        const count = Math.floor(habit * fade * seats * random() * 3);
        if (count > 0) usageLines.push(`U-${id.slice(2)}-${n++},${id},${day(t)},${feature},${count}`);
      }
    }
  }
  const paths = {
    accounts: join(dir, 'ravenstack_accounts.csv'),
    subscriptions: join(dir, 'ravenstack_subscriptions.csv'),
    usage: join(dir, 'ravenstack_feature_usage.csv'),
    churnEvents: join(dir, 'ravenstack_churn_events.csv'),
  };
  writeFileSync(paths.accounts, `${accountLines.join('\n')}\n`);
  writeFileSync(paths.subscriptions, `${subscriptionLines.join('\n')}\n`);
  writeFileSync(paths.usage, `${usageLines.join('\n')}\n`);
  writeFileSync(paths.churnEvents, `${churnLines.join('\n')}\n`);
  return { ...paths, truth };
}
