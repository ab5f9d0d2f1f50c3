// Repeated failed sign-ins for one person slow down, then lock: the first few are free, then each next attempt
// must wait twice as long as the one before (1 s, 2 s, 4 s, …), and after LOCK_AFTER failures in a row the
// person is locked out for LOCK_MINUTES even with the right password. A success starts over.

export const FREE_FAILURES = 3;
export const LOCK_AFTER = 8;
export const LOCK_MINUTES = 15;

export interface SignInState {
  failedSignIns: number;
  lastFailedAt: Date | null;
  lockedUntil: Date | null;
}

export interface SignInRefusal {
  reason: 'locked' | 'wait';
  retryAfterSeconds: number;
}

/** Whether an attempt made now must be refused before the password is even checked, and for how long. */
export function signInRefusal(state: SignInState, now: Date): SignInRefusal | undefined {
  if (state.lockedUntil && state.lockedUntil > now) {
    return { reason: 'locked', retryAfterSeconds: Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000) };
  }
  if (state.failedSignIns < FREE_FAILURES || !state.lastFailedAt) return undefined;
  const waitMs = 1000 * 2 ** (state.failedSignIns - FREE_FAILURES);
  const readyAt = state.lastFailedAt.getTime() + waitMs;
  if (readyAt <= now.getTime()) return undefined;
  return { reason: 'wait', retryAfterSeconds: Math.ceil((readyAt - now.getTime()) / 1000) };
}

/** The state after one more failure now: counted, and locked when it reaches LOCK_AFTER (then counted afresh). */
export function afterFailedSignIn(state: SignInState, now: Date): SignInState {
  const failures = (state.lockedUntil && state.lockedUntil <= now ? 0 : state.failedSignIns) + 1;
  if (failures >= LOCK_AFTER) {
    return { failedSignIns: 0, lastFailedAt: now, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) };
  }
  return { failedSignIns: failures, lastFailedAt: now, lockedUntil: null };
}
