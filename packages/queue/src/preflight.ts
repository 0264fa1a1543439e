import { Redis } from 'ioredis';
import pg from 'pg';

export interface PreflightOptions {
  /** Each one given is probed; the gateway has no database. */
  DATABASE_URL?: string;
  REDIS_URL?: string;
  /** Per dependency; a port that accepts and never answers fails after this. */
  timeoutMs?: number;
  /** `npm start` creates the database itself, so "does not exist" still proves Postgres answers. */
  allowMissingDatabase?: boolean;
}

const redact = (url: string) => url.replace(/:[^:@/]+@/, ':***@');
const reason = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'no answer';

/** Connects as the client would and asks one question; the message names the variable to fix. */
async function probePostgres(url: string, opts: PreflightOptions, timeoutMs: number): Promise<string | null> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    // 3D000: Postgres answered, the database is just not created yet.
    if (opts.allowMissingDatabase && (err as { code?: string }).code === '3D000') return null;
    return `DATABASE_URL=${redact(url)} does not answer as PostgreSQL: ${reason(err)}`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function probeRedis(url: string, timeoutMs: number): Promise<string | null> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const pong = await redis.ping();
    return pong === 'PONG' ? null : `REDIS_URL=${redact(url)} answered PING with ${pong}`;
  } catch (err) {
    return `REDIS_URL=${redact(url)} does not answer as Redis: ${reason(err)}`;
  } finally {
    redis.disconnect();
  }
}

/**
 * What is wrong with the configured Postgres and Redis, one line per variable
 * (empty when both answer). Run before anything that would otherwise wait on
 * a port that accepts connections but is not what it should be.
 */
export async function checkDependencies(opts: PreflightOptions): Promise<string[]> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const results = await Promise.all([
    opts.DATABASE_URL ? probePostgres(opts.DATABASE_URL, opts, timeoutMs) : null,
    opts.REDIS_URL ? probeRedis(opts.REDIS_URL, timeoutMs) : null,
  ]);
  return results.filter((r): r is string => r !== null);
}

/** For a process's start: prints what to fix and exits 1 instead of hanging. */
export async function assertDependencies(process_: string, opts: PreflightOptions): Promise<void> {
  const problems = await checkDependencies(opts);
  if (problems.length === 0) return;
  console.error(`${process_} cannot start:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
