import type { Redis } from 'ioredis';

// Revoked sign-ins (session ids) live in one Redis sorted set scored by the
// time their last access token expires, and each revocation is also
// published so gateways update their local copy at once. The gateway never
// asks Redis per request.
const setKey = (prefix: string) => `${prefix}:sessions:revoked`;
const channel = (prefix: string) => `${prefix}:sessions:revoked:feed`;

/** Records that these sessions' access tokens (alive at most `ttlSeconds` more) no longer count. */
export async function publishRevokedSessions(
  redis: Redis,
  prefix: string,
  sessionIds: string[],
  ttlSeconds: number,
  nowMs = Date.now(),
): Promise<void> {
  if (sessionIds.length === 0) return;
  const until = nowMs + ttlSeconds * 1000;
  const results = await redis
    .multi()
    .zadd(setKey(prefix), ...sessionIds.flatMap((id) => [until, id]))
    .zremrangebyscore(setKey(prefix), '-inf', nowMs)
    .publish(channel(prefix), JSON.stringify({ until, sessionIds }))
    .exec();
  const failed = results?.find(([err]) => err)?.[0];
  if (!results || failed) throw failed ?? new Error('revocation was not recorded');
}

/**
 * The gateway's copy of the revocation list: a snapshot loaded when the
 * subscription is (re)established and refreshed every `refreshMs`, plus every
 * published revocation as it happens. While the feed is not live (Redis
 * down), `state` says so and the gateway refuses signed-in requests rather
 * than serve a token that may have been revoked (fail closed).
 */
export class RevocationList {
  private readonly revoked = new Map<string, number>();
  private live = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
    private readonly refreshMs = 10_000,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (ch: string, message: string) => {
      if (ch !== channel(this.prefix)) return;
      try {
        const { until, sessionIds } = JSON.parse(message) as { until: number; sessionIds: string[] };
        for (const id of sessionIds) this.revoked.set(id, until);
      } catch {
        // not ours
      }
    });
    const down = () => {
      this.live = false;
    };
    this.subscriber.on('close', down);
    this.subscriber.on('end', down);
    this.subscriber.on('reconnecting', down);
    this.subscriber.on('ready', () => {
      // ioredis re-subscribes after `ready`; load the snapshot once it has.
      setTimeout(() => void this.reload(), 50).unref();
    });
    await this.subscriber.subscribe(channel(this.prefix));
    await this.reload();
    this.timer = setInterval(() => void this.reload(), this.refreshMs);
    this.timer.unref();
  }

  private async reload(): Promise<void> {
    try {
      const now = Date.now();
      const rows = await this.redis.zrangebyscore(setKey(this.prefix), now, '+inf', 'WITHSCORES');
      for (let i = 0; i + 1 < rows.length; i += 2) this.revoked.set(rows[i] as string, Number(rows[i + 1]));
      for (const [id, until] of this.revoked) if (until <= now) this.revoked.delete(id);
      this.live = this.subscriber.status === 'ready';
    } catch {
      this.live = false;
    }
  }

  /** 'revoked', 'valid', or 'unknown' while the feed is down. */
  state(sessionId: string): 'revoked' | 'valid' | 'unknown' {
    const until = this.revoked.get(sessionId);
    if (until !== undefined && until > Date.now()) return 'revoked';
    return this.live ? 'valid' : 'unknown';
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.subscriber.disconnect();
  }
}
