// The vocabulary of the demo world: what its companies, people and product are called.

export const keyFeatures = [
  'Report Created',
  'Dashboard Shared',
  'Data Source Connected',
  'Alert Configured',
  'Workflow Automated',
] as const;

export const otherFeatures = [
  'Dashboard Viewed',
  'Report Viewed',
  'Report Exported',
  'Filter Applied',
  'Comment Added',
  'Search Performed',
  'Chart Edited',
  'Template Used',
  'Teammate Invited',
  'Integration Enabled',
  'Query Run',
  'File Uploaded',
  'Notification Opened',
  'Scheduled Report Created',
  'Goal Set',
  'Goal Reviewed',
  'API Key Created',
  'Settings Changed',
  'Mobile App Opened',
  'Help Article Viewed',
] as const;

export const features: readonly string[] = [...keyFeatures, ...otherFeatures];
export const SESSION_EVENT = 'Session Started';
export const MAGIC_MOMENT_EVENT = 'Magic Moment Reached';

/** B2C: the features of a consumer app; each success pattern keeps people with a different mix. */
export const consumerFeatures = [
  'Lesson Completed',
  'Streak Extended',
  'Playlist Created',
  'Workout Logged',
  'Friend Followed',
  'Challenge Joined',
  'Recipe Saved',
  'Goal Reached',
  'Content Shared',
  'Reminder Set',
  'Offline Download',
  'Profile Updated',
] as const;

export interface SuccessPattern {
  name: string;
  features: readonly string[];
}

export const successPatterns: readonly SuccessPattern[] = [
  { name: 'learner', features: ['Lesson Completed', 'Streak Extended', 'Reminder Set'] },
  { name: 'social', features: ['Friend Followed', 'Challenge Joined', 'Content Shared'] },
  { name: 'planner', features: ['Workout Logged', 'Goal Reached', 'Recipe Saved'] },
  { name: 'collector', features: ['Playlist Created', 'Offline Download'] },
];

export interface Industry {
  name: string;
  /** How much more likely than average a budget cut is. */
  budgetRisk: number;
}

export const industries: readonly Industry[] = [
  { name: 'Software', budgetRisk: 1 },
  { name: 'Financial Services', budgetRisk: 0.7 },
  { name: 'Healthcare', budgetRisk: 0.6 },
  { name: 'Retail', budgetRisk: 1.6 },
  { name: 'Manufacturing', budgetRisk: 1.1 },
  { name: 'Media', budgetRisk: 1.7 },
  { name: 'Education', budgetRisk: 1.3 },
  { name: 'Logistics', budgetRisk: 1 },
  { name: 'Professional Services', budgetRisk: 0.9 },
  { name: 'Real Estate', budgetRisk: 1.4 },
];

export interface Country {
  code: string;
  weight: number;
  currency: 'USD' | 'JPY' | 'EUR' | 'GBP';
}

export const countries: readonly Country[] = [
  { code: 'US', weight: 34, currency: 'USD' },
  { code: 'JP', weight: 22, currency: 'JPY' },
  { code: 'GB', weight: 9, currency: 'GBP' },
  { code: 'DE', weight: 9, currency: 'EUR' },
  { code: 'FR', weight: 5, currency: 'EUR' },
  { code: 'CA', weight: 6, currency: 'USD' },
  { code: 'AU', weight: 5, currency: 'USD' },
  { code: 'NL', weight: 4, currency: 'EUR' },
  { code: 'SG', weight: 3, currency: 'USD' },
  { code: 'SE', weight: 3, currency: 'EUR' },
];

/** Price of one seat a month, in US dollars; other currencies convert at the rates below (whole yen). */
export const plans = [
  { name: 'starter', seatPrice: 15 },
  { name: 'growth', seatPrice: 35 },
  { name: 'enterprise', seatPrice: 60 },
] as const;
export type PlanName = (typeof plans)[number]['name'];

export const dollarRates: Record<Country['currency'], number> = { USD: 1, JPY: 150, EUR: 0.92, GBP: 0.79 };

export const companyWords = {
  first: [
    'Acme',
    'Blue',
    'Cedar',
    'Delta',
    'Ember',
    'Falcon',
    'Granite',
    'Harbor',
    'Iris',
    'Juniper',
    'Kite',
    'Lumen',
    'Maple',
    'Nimbus',
    'Orbit',
    'Pioneer',
    'Quartz',
    'River',
    'Summit',
    'Tide',
    'Umber',
    'Vertex',
    'Willow',
    'Zenith',
    'Aurora',
    'Beacon',
    'Copper',
    'Drift',
    'Echo',
    'Fable',
    'Grove',
    'Helix',
    'Indigo',
    'Jade',
  ],
  second: [
    'Analytics',
    'Labs',
    'Systems',
    'Works',
    'Logistics',
    'Health',
    'Retail',
    'Media',
    'Partners',
    'Foods',
    'Capital',
    'Robotics',
    'Studios',
    'Networks',
    'Energy',
    'Goods',
    'Learning',
    'Motors',
    'Cloud',
    'Dynamics',
  ],
  japanese: [
    'Sakura',
    'Fuji',
    'Hikari',
    'Kaze',
    'Midori',
    'Nami',
    'Sora',
    'Takumi',
    'Yamato',
    'Asahi',
    'Kizuna',
    'Hoshi',
  ],
  japaneseSecond: ['Shoji', 'Kogyo', 'Systems', 'Holdings', 'Trading', 'Tech', 'Denki', 'Seiyaku'],
  suffix: ['Inc', 'Ltd', 'Group', 'Co', 'GmbH', 'LLC'],
};

export const personNames = {
  first: [
    'Emma',
    'Liam',
    'Olivia',
    'Noah',
    'Ava',
    'Ethan',
    'Sophia',
    'Lucas',
    'Mia',
    'Mason',
    'Chloe',
    'Leo',
    'Grace',
    'Jack',
    'Lena',
    'Felix',
    'Clara',
    'Omar',
    'Nora',
    'Ravi',
  ],
  last: [
    'Smith',
    'Johnson',
    'Brown',
    'Garcia',
    'Miller',
    'Davis',
    'Martin',
    'Lee',
    'Walker',
    'Young',
    'King',
    'Wright',
    'Schmidt',
    'Dubois',
    'Rossi',
    'Novak',
    'Patel',
    'Kim',
    'Nguyen',
    'Clarke',
  ],
  japaneseFirst: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren', 'Hina', 'Kaito', 'Mei', 'Riku', 'Saki', 'Daiki', 'Emi'],
  japaneseLast: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi'],
};

export const csmTeam = [
  { name: 'Aiko Tanaka', email: 'aiko.tanaka@team.pacer-demo.example', tier: 'high_touch' },
  { name: 'James Miller', email: 'james.miller@team.pacer-demo.example', tier: 'high_touch' },
  { name: 'Kenji Sato', email: 'kenji.sato@team.pacer-demo.example', tier: 'low_touch' },
  { name: 'Maria Garcia', email: 'maria.garcia@team.pacer-demo.example', tier: 'low_touch' },
  { name: 'Priya Shah', email: 'priya.shah@team.pacer-demo.example', tier: 'low_touch' },
  { name: 'Yuki Watanabe', email: 'yuki.watanabe@team.pacer-demo.example', tier: 'tech_touch' },
  { name: 'Tom Becker', email: 'tom.becker@team.pacer-demo.example', tier: 'tech_touch' },
] as const;

/** The demo's CS leader, who signs in to see the whole book. */
export const demoLeader = { name: 'Sofia Rossi', email: 'sofia.rossi@team.pacer-demo.example' } as const;

/** Every demo user signs in with this password (documented in the README; the demo is for trying Pacer). */
export const DEMO_PASSWORD = 'pacer-demo';

/** Team users of the demo world carry this domain, so a reset removes them and nobody else. */
export const DEMO_TEAM_DOMAIN = 'team.pacer-demo.example';

export const ticketSubjects = {
  onboarding: ['How do I connect our data warehouse?', 'SSO setup question', 'Importing users from CSV fails'],
  usage: ['Report export times out', 'Dashboard filter not saving', 'How to schedule a weekly report?'],
  bug: ['Chart shows wrong totals', 'Error 500 when sharing a dashboard', 'Alert emails not arriving'],
  billing: ['Invoice address change', 'Question about seat count on invoice'],
  outage: ['Dashboards not loading', 'Everything is down for us', 'Cannot log in — urgent'],
};
