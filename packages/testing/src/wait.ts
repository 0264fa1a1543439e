/** Polls until `check` holds: for effects that travel through queues. Bounded, never timing-dependent. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  { timeoutMs = 20_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
