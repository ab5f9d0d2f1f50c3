/** Probes every 100 ms until ok says yes or ms have passed; answers the last value (the test's assertion says why). */
export async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() - started > ms) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
