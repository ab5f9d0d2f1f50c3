import type { z } from 'zod';
import type { playbookDefinitionSchema } from './playbook.schema.js';

// The playbooks Pacer ships (issue 19 item 8), stored off the first time playbooks are read so that a team can
// dry-run each one on its own book before turning it on. Keys are stable: they say which stored playbook is which.

type ShippedDefinition = z.input<typeof playbookDefinitionSchema>;

export const shippedPlaybooks: Record<string, ShippedDefinition> = {
  'onboarding-milestone': {
    name: 'Onboarding milestone not reached',
    description:
      'An onboarding account that has not reached the magic moment yet: the CSM checks in before the window closes.',
    audience: { lifecycleStages: ['onboarding'] },
    triggers: [{ kind: 'measure_threshold', measure: 'onboarding.magic_moment_reached', below: 1 }],
    steps: [
      {
        kind: 'create_task',
        title: 'Onboarding stalled: book a working session',
        assignee: 'owner',
        priority: 'high',
        dueInDays: 3,
        checklist: ['Review which setup steps are missing', 'Book a working session with the admin'],
      },
    ],
    cooldownDays: 30,
  },
  'no-login': {
    name: 'No-login alert',
    description: 'Nobody at the account has been active for 7 days or more.',
    audience: { lifecycleStages: ['onboarding', 'adoption', 'renewal', 'expansion', 'advocacy'] },
    triggers: [{ kind: 'measure_threshold', measure: 'usage.days_since_last_active', above: 6 }],
    steps: [
      {
        kind: 'create_task',
        title: 'No activity for a week: find out why',
        assignee: 'owner',
        priority: 'normal',
        dueInDays: 2,
        checklist: ['Check for an outage or a blocked login', 'Reach the champion'],
      },
    ],
    cooldownDays: 14,
  },
  'renewal-90-days': {
    name: 'Renewal in 90 days',
    description: 'A renewal is 90 days away: time to confirm value and the people who sign.',
    triggers: [{ kind: 'renewal_within', days: 90 }],
    steps: [
      {
        kind: 'create_task',
        title: 'Renewal in 90 days: prepare the value review',
        assignee: 'owner',
        priority: 'normal',
        dueInDays: 14,
        checklist: ['Confirm the decision maker and the timeline', 'Prepare the value review', 'Flag any risk'],
      },
    ],
    cooldownDays: 300,
  },
  'detractor-follow-up': {
    name: 'Detractor follow-up',
    description: 'Someone answered NPS 0–6 in the last 7 days: call them back while it is fresh.',
    triggers: [{ kind: 'nps_answer', answer: 'detractor', days: 7 }],
    steps: [
      {
        kind: 'create_task',
        title: 'NPS detractor: call back within two days',
        assignee: 'owner',
        priority: 'high',
        dueInDays: 2,
        checklist: ['Read the comment', 'Call the contact', 'Log what you agreed as a note'],
      },
    ],
    cooldownDays: 30,
  },
  'champion-left': {
    name: 'Champion left',
    description: 'A champion or executive sponsor was deactivated in the last 14 days, or a note says so.',
    triggers: [
      { kind: 'champion_left', days: 14 },
      { kind: 'note_tagged', tag: 'champion-left', days: 14 },
    ],
    steps: [
      {
        kind: 'create_task',
        title: 'Champion left: find and win a new one',
        assignee: 'owner',
        priority: 'urgent',
        dueInDays: 5,
        checklist: ['Find who took over', 'Introduce yourself and re-run the value story'],
      },
    ],
    cooldownDays: 60,
  },
  'expansion-signal': {
    name: 'Expansion signal',
    description: 'Licence utilisation above 90% on a healthy account: time to talk about more seats.',
    audience: { colours: ['green', 'yellow'] },
    triggers: [{ kind: 'measure_threshold', measure: 'usage.licence_utilisation', above: 0.9 }],
    steps: [
      {
        kind: 'create_task',
        title: 'Licences nearly full: propose an expansion',
        assignee: 'owner',
        priority: 'normal',
        dueInDays: 7,
        checklist: ['Check who is waiting for a seat', 'Send a proposal'],
      },
    ],
    cooldownDays: 90,
  },
  'risk-jumped': {
    name: 'Risk jumped',
    description: 'Health fell 15 points or more in 30 days, or turned red in the last 7, or churn risk is above 60%.',
    triggers: [
      { kind: 'score_dropped', points: 15, days: 30 },
      { kind: 'health_colour', colour: 'red', changedWithinDays: 7 },
      { kind: 'risk_above', threshold: 0.6 },
    ],
    steps: [
      {
        kind: 'create_task',
        title: 'Risk jumped: review the account and make a save plan',
        assignee: 'owner',
        priority: 'urgent',
        dueInDays: 2,
        checklist: ['Read what moved the score', 'Agree a save plan with your leader'],
      },
    ],
    cooldownDays: 30,
  },
};
