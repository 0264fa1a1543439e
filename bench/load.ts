/** Closed-loop HTTP load with autocannon (pinned in the root package.json), and a one-off GraphQL check. */
import autocannon from 'autocannon';

export interface Load {
  /** Completed 2xx requests per second. */
  rps: number;
  /** Completed 2xx requests. */
  requests: number;
  p50: number;
  p99: number;
  /** Non-2xx answers plus socket errors and timeouts: a run with any is not a clean figure. */
  failures: number;
}

export interface GraphQLTarget {
  url: string;
  query: string;
  headers?: Record<string, string>;
  /** Headers taken in turn, one set per request (e.g. many callers' tokens), on top of `headers`. */
  rotate?: Record<string, string>[];
}

const requestOf = (t: GraphQLTarget) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/json', ...t.headers },
  body: JSON.stringify({ query: t.query }),
});

/** `connections` callers, each sending the next request when the last answered, for `seconds`. */
export async function load(
  target: GraphQLTarget,
  opts: { seconds: number; connections: number },
): Promise<Load> {
  let turn = 0;
  const rotate = target.rotate;
  const result = await autocannon({
    url: target.url,
    ...requestOf(target),
    ...(rotate?.length
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: { ...req.headers, ...rotate[turn++ % rotate.length] },
              }),
            },
          ],
        }
      : {}),
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
  });
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) console.error(`  ${target.url}: ${failures} failed requests of ${result.requests.total}`);
  return {
    rps: (result.requests.total - result.non2xx) / opts.seconds,
    requests: result.requests.total - result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures,
  };
}

/** Sends the query once and fails unless it answers with data and no errors (a bench must measure success). */
export async function expectData(target: GraphQLTarget): Promise<unknown> {
  const res = await fetch(target.url, requestOf(target));
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || !body.data || body.errors?.length)
    throw new Error(`${target.url} answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}
