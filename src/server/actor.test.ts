import { describe, expect, it } from 'vitest';
import { type Actor, mayCall, secretFromHeader } from './actor.js';

const actor = (scope: Actor['scope']): Actor => ({ label: scope, scope, keyId: 'k' });
const person = (scope: Actor['scope']): Actor => ({ label: scope, scope, userId: 'u', sessionId: 's' });

describe('who may call what', () => {
  it('orders viewer < csm < leader < admin', () => {
    expect(mayCall(person('leader'), 'leader')).toBe(true);
    expect(mayCall(person('leader'), 'csm')).toBe(true);
    expect(mayCall(person('leader'), 'admin')).toBe(false);
    expect(mayCall(person('csm'), 'leader')).toBe(false);
    expect(mayCall(actor('viewer'), 'viewer')).toBe(true);
    expect(mayCall(actor('viewer'), 'csm')).toBe(false);
    expect(mayCall(actor('csm'), 'csm')).toBe(true);
    expect(mayCall(actor('csm'), 'admin')).toBe(false);
    expect(mayCall(actor('admin'), 'admin')).toBe(true);
  });

  it('lets an ingest key do nothing but ingest', () => {
    expect(mayCall(actor('ingest'), 'ingest')).toBe(true);
    expect(mayCall(actor('ingest'), 'viewer')).toBe(false);
    expect(mayCall(actor('viewer'), 'ingest')).toBe(false);
    // The tracking API is for keys; a signed-in admin's cookie does not reach it.
    expect(mayCall(actor('admin'), 'ingest')).toBe(true);
    expect(mayCall(person('admin'), 'ingest')).toBe(false);
  });

  it('lets anonymous callers reach anonymous routes only', () => {
    expect(mayCall(actor('anonymous'), 'anonymous')).toBe(true);
    expect(mayCall(actor('anonymous'), 'viewer')).toBe(false);
    expect(mayCall(actor('anonymous'), 'ingest')).toBe(false);
  });
});

describe('reading the key from the Authorization header', () => {
  it('takes a bearer token or a Basic-auth user name (as Segment sends write keys)', () => {
    expect(secretFromHeader('Bearer abc123')).toBe('abc123');
    expect(secretFromHeader(`Basic ${Buffer.from('writekey:').toString('base64')}`)).toBe('writekey');
    expect(secretFromHeader(undefined)).toBeUndefined();
    expect(secretFromHeader('Token abc')).toBeUndefined();
  });
});
