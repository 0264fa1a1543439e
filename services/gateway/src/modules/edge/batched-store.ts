import type { Redis } from 'ioredis';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

interface Window {
  /** When this replica saw the key's first hit of the window. */
  start: number;
  /** Last total Redis reported for this key and window (every replica's flushed hits). */
  known: number;
  /** Hits counted here and not yet sent to Redis. */
  pending: number;
  /** Hits sent in a flush whose answer has not come back yet. */
  sending: number;
}

/**
 * Adds every live window's pending hits to the shared counters in one pipeline and learns their totals;
 * windows past their end are dropped. Hits whose add failed stay pending for the next flush.
 */
async function flushWindows(redis: Redis, prefix: string, windows: Map<string, Window>, windowMs: number) {
  const now = Date.now();
  const batch: [string, Window, number][] = [];
  for (const [key, w] of windows) {
    if (now - w.start >= windowMs) {
      windows.delete(key);
      continue;
    }
    if (w.pending > 0) batch.push([key, w, w.pending]);
  }
  if (batch.length === 0) return;
  const pipeline = redis.pipeline();
  for (const [key, w, n] of batch) {
    pipeline.incrby(`${prefix}${key}`, n).pexpire(`${prefix}${key}`, windowMs, 'NX');
    w.pending -= n;
    w.sending += n;
  }
  try {
    const results = (await pipeline.exec()) ?? [];
    batch.forEach(([, w, n], i) => {
      const [err, total] = results[i * 2] ?? [];
      w.sending -= n;
      if (!err && typeof total === 'number') w.known = total;
      else w.pending += n;
    });
  } catch {
    // Redis away: keep counting locally; the next flush retries the sum.
    for (const [, w, n] of batch) {
      w.sending -= n;
      w.pending += n;
    }
  }
}

/** One hit counted in Redis itself, for keys where precision matters more than a round trip. */
function countInRedis(redis: Redis, redisKey: string, timeWindow: number, cb: Callback): void {
  redis
    .multi()
    .incr(redisKey)
    .pexpire(redisKey, timeWindow, 'NX')
    .pttl(redisKey)
    .exec()
    .then(
      (r) => cb(null, { current: Number(r?.[0]?.[1] ?? 0), ttl: Math.max(0, Number(r?.[2]?.[1] ?? 0)) }),
      cb,
    );
}

/**
 * A @fastify/rate-limit store for the general limit that costs no Redis round
 * trip per request: each gateway counts locally in windows that start at a
 * key's first hit (as the shared Redis counter's expiry does) and, every
 * `flushMs`, adds its pending hits to a shared Redis counter in one pipeline
 * and learns the total of all replicas. A request is judged on the last known
 * total plus this replica's unsent hits, so several replicas together can
 * overshoot a limit by at most what they admit in one flush interval, which
 * is fine for a generous abuse limit. Keys whose name starts with one of
 * `exactPrefixes` (sign-in attempts) skip the batching and are counted in
 * Redis on every request, where precision matters more than cost.
 */
export function batchedRedisStore(opts: {
  redis: Redis;
  prefix: string;
  flushMs: number;
  exactPrefixes: string[];
}) {
  const windows = new Map<string, Window>();
  let windowMs = 60_000;
  let timer: NodeJS.Timeout | null = null;

  const flush = () => flushWindows(opts.redis, opts.prefix, windows, windowMs);

  return class BatchedRedisStore {
    constructor(params: { timeWindow?: number }) {
      windowMs = Number(params.timeWindow ?? 60_000);
      if (!timer) {
        timer = setInterval(() => void flush(), opts.flushMs);
        timer.unref();
      }
    }

    incr(key: string, cb: Callback, timeWindow: number) {
      const now = Date.now();
      if (opts.exactPrefixes.some((p) => key.startsWith(p))) {
        countInRedis(opts.redis, `${opts.prefix}${key}`, timeWindow, cb);
        return;
      }
      let w = windows.get(key);
      if (!w || now - w.start >= timeWindow) {
        w = { start: now, known: 0, pending: 0, sending: 0 };
        windows.set(key, w);
      }
      w.pending++;
      cb(null, { current: w.known + w.sending + w.pending, ttl: w.start + timeWindow - now });
    }

    child() {
      return this;
    }

    static stop() {
      if (timer) clearInterval(timer);
      timer = null;
    }
  };
}
