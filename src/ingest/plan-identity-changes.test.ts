import { describe, expect, it } from 'vitest';
import { type AccountState, planAccountChange, planContactChange } from './plan-identity-changes.js';

const acme: AccountState = {
  name: 'Acme',
  domain: 'acme.example',
  industry: null,
  employees: 50,
  plan: 'pro',
  ownerId: null,
  lifecycleStage: 'adoption',
  coverageTier: null,
  traits: { arr: 1000, nested: { a: 1, b: 2 } },
};
const server = { kind: 'server' as const, mayUpdate: [] };
const browser = { kind: 'browser' as const, mayUpdate: ['name' as const] };

describe('planAccountChange', () => {
  it('lists what a server key changes, old → new, and skips what is already so (whatever the key order)', () => {
    const plan = planAccountChange(
      acme,
      { plan: 'pro', employees: 120, traits: { arr: 2000, nested: { b: 2, a: 1 }, seats: 3 } },
      server,
    );
    expect(plan.changes).toEqual({
      employees: { from: 50, to: 120 },
      'traits.arr': { from: 1000, to: 2000 },
      'traits.seats': { from: null, to: 3 },
    });
    expect(plan.set).toEqual({ employees: 120, traits: { arr: 2000, nested: { a: 1, b: 2 }, seats: 3 } });
    expect(plan.ignored).toEqual([]);
  });

  it('leaves name, owner, lifecycle stage and tier of an existing account unless allowed; a new one takes its name', () => {
    const given = { name: 'PWNED', ownerId: 'u', lifecycleStage: 'churned', coverageTier: 'tech_touch', plan: 'free' };
    const refused = planAccountChange(acme, given, server);
    expect(refused.set).toEqual({ plan: 'free' });
    expect(refused.ignored.map((item) => item.field)).toEqual([
      'traits.name',
      'traits.owner',
      'traits.lifecycleStage',
      'traits.tier',
    ]);
    const allowed = planAccountChange(acme, given, { kind: 'server', mayUpdate: ['tier', 'lifecycleStage'] });
    expect(allowed.set).toEqual({ lifecycleStage: 'churned', coverageTier: 'tech_touch', plan: 'free' });
    const created = planAccountChange(null, given, server);
    expect(created.set).toEqual({ name: 'PWNED', plan: 'free' });
  });

  it('changes nothing for a browser key, whatever the settings, and lists each value that would have changed', () => {
    const plan = planAccountChange(acme, { name: 'PWNED', plan: 'pro', traits: { arr: 0, arr2: 1 } }, browser);
    expect(plan.set).toEqual({});
    expect(plan.changes).toEqual({});
    // plan: 'pro' is what is stored: nothing was refused there.
    expect(plan.ignored.map((item) => item.field)).toEqual(['traits.name', 'traits.arr', 'traits.arr2']);
    expect(planAccountChange(null, { plan: 'pro' }, browser).set).toEqual({});
  });
});

describe('planContactChange', () => {
  it('changes a server key asks for and nothing a browser key does', () => {
    const pat = { email: 'pat@a.example', name: null, title: null, traits: {} };
    expect(planContactChange(pat, { email: 'pat@b.example' }, server).changes).toEqual({
      email: { from: 'pat@a.example', to: 'pat@b.example' },
    });
    const refused = planContactChange(pat, { email: 'evil@c.example', traits: { email: 'evil@c.example' } }, browser);
    expect(refused.set).toEqual({});
    expect(refused.ignored.map((item) => item.field)).toEqual(['traits.email']);
  });
});
