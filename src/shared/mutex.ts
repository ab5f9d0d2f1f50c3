export interface Mutex {
  lock(): Promise<void>;
  unlock(): void;
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** A first-come first-served async lock. */
export function createMutex(): Mutex {
  const waiters: Array<() => void> = [];
  let locked = false;
  const mutex: Mutex = {
    lock() {
      if (!locked) {
        locked = true;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    unlock() {
      const next = waiters.shift();
      if (next) next();
      else locked = false;
    },
    async run(fn) {
      await mutex.lock();
      try {
        return await fn();
      } finally {
        mutex.unlock();
      }
    },
  };
  return mutex;
}
