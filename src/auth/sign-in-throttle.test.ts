import { describe, expect, it } from 'vitest';
import { afterFailedSignIn, type SignInState, signInRefusal } from './sign-in-throttle.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 12, 0, 0) + seconds * 1000);
const fresh: SignInState = { failedSignIns: 0, lastFailedAt: null, lockedUntil: null };

describe('sign-in throttle', () => {
  it('lets three failures through at once, then doubles the wait: 1 s, 2 s, 4 s', () => {
    let state = fresh;
    for (let i = 0; i < 3; i++) {
      expect(signInRefusal(state, at(0))).toBeUndefined();
      state = afterFailedSignIn(state, at(0));
    }
    // Third failure at t=0: the fourth attempt must wait 2^0 = 1 s.
    expect(signInRefusal(state, at(0))).toEqual({ reason: 'wait', retryAfterSeconds: 1 });
    expect(signInRefusal(state, at(1))).toBeUndefined();
    state = afterFailedSignIn(state, at(1));
    // Four failures, the last at t=1: wait 2 s, so free again at t=3.
    expect(signInRefusal(state, at(2))).toEqual({ reason: 'wait', retryAfterSeconds: 1 });
    expect(signInRefusal(state, at(3))).toBeUndefined();
    state = afterFailedSignIn(state, at(3));
    expect(signInRefusal(state, at(3))).toEqual({ reason: 'wait', retryAfterSeconds: 4 });
  });

  it('locks for 15 minutes at the eighth failure in a row, even before the wait is over, then starts afresh', () => {
    const seventh: SignInState = { failedSignIns: 7, lastFailedAt: at(0), lockedUntil: null };
    const locked = afterFailedSignIn(seventh, at(100));
    expect(locked.lockedUntil).toEqual(at(100 + 15 * 60));
    expect(signInRefusal(locked, at(100))).toEqual({ reason: 'locked', retryAfterSeconds: 900 });
    expect(signInRefusal(locked, at(100 + 899))).toEqual({ reason: 'locked', retryAfterSeconds: 1 });
    expect(signInRefusal(locked, at(100 + 900))).toBeUndefined();
    // The first failure after the lock lapses counts as the first of a new run.
    expect(afterFailedSignIn(locked, at(2000)).failedSignIns).toBe(1);
  });
});
