import type { SubgraphEndpoint } from './app.ts';

/**
 * Waits (bounded) until every subgraph answers /health/live. The gateway
 * composes their schemas once at boot and refuses to start without one, so a
 * gateway started beside its subgraphs (npm start, a rolling deploy) waits
 * instead of crash-looping; after `timeoutMs` it goes on and fails as before.
 */
export async function waitForSubgraphs(
  services: SubgraphEndpoint[],
  opts: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<string[]> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let missing = services.map((s) => s.name);
  while (Date.now() < deadline) {
    const up = await Promise.all(
      services.map((s) =>
        fetch(new URL('/health/live', s.url), { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        ),
      ),
    );
    missing = services.filter((_, i) => !up[i]).map((s) => s.name);
    if (missing.length === 0) return [];
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  return missing;
}
