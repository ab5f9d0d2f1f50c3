import { worldCalendar } from './demo-calendar.js';
import { companyWords, countries } from './demo-catalog.js';
import type { Outage, WorldOptions, WorldPlan } from './demo-world.js';
import { createRandom, mixSeed } from './seeded-random.js';

/** What the whole world shares: its calendar, its outages, and its accounts' countries and names. */
export function planWorld(options: WorldOptions): WorldPlan {
  const random = createRandom(mixSeed(options.seed, 'world'));
  const calendar = worldCalendar(options.today, options.months);
  // About one outage a quarter, never in the first or last fortnight.
  const outages: Outage[] = [];
  const outageCount = Math.max(1, Math.round(options.months / 3.5));
  for (let i = 0; i < outageCount; i++) {
    outages.push({ day: random.int(14, Math.max(14, calendar.days - 15)), share: random.uniform(0.2, 0.55) });
  }
  outages.sort((a, b) => a.day - b.day);
  const accountCountries = Array.from({ length: options.accounts }, () =>
    random.weighted(
      countries.map((country) => country.code),
      countries.map((country) => country.weight),
    ),
  );
  return {
    options,
    calendar,
    outages,
    countries: accountCountries,
    names: accountNames(options, accountCountries, random),
  };
}

function accountNames(
  options: WorldOptions,
  countryCodes: string[],
  random: ReturnType<typeof createRandom>,
): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < options.accounts; i++) {
    if (options.shape === 'b2c') {
      names.push(`Subscriber ${String(i + 1).padStart(6, '0')}`);
      continue;
    }
    let name = '';
    for (let attempt = 0; attempt < 20 && (name === '' || taken.has(name)); attempt++) {
      name =
        countryCodes[i] === 'JP' && random.chance(0.85)
          ? `${random.pick(companyWords.japanese)} ${random.pick(companyWords.japaneseSecond)}`
          : `${random.pick(companyWords.first)} ${random.pick(companyWords.second)} ${random.pick(companyWords.suffix)}`;
    }
    if (taken.has(name)) name = `${name} ${i + 1}`;
    taken.add(name);
    names.push(name);
  }
  return names;
}
