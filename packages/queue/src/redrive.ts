import type { PrismaClient } from '@mm/db';
import type { Redis } from 'ioredis';
import { EVENT_ROUTES } from './events.ts';

/**
 * Redis only carries work; Postgres is the truth. The relay keeps a mark in
 * Redis; when the mark is gone (Redis restarted without persistence, or was
 * flushed), everything Redis may have lost is driven again from Postgres:
 *
 * - every event of the last week that a routed consumer has not recorded as
 *   processed is published again (same job id; consumers dedupe by event id);
 * - every outbox job of the last week not known to have finished goes back
 *   to the unpublished state, so the relay adds it again with its stored due
 *   time (at once when that has passed). Job processors are idempotent by
 *   contract (deterministic ids, state re-checked), so one that had run but
 *   not yet been confirmed (see confirmJobs) changes nothing the second time.
 *
 * A first start sees no mark either; re-driving then only adds jobs BullMQ
 * already holds under the same ids, which it ignores.
 */
export async function carrierLostData(redis: Redis, prefix: string): Promise<boolean> {
  return (await redis.set(markKey(prefix), new Date().toISOString(), 'NX')) === 'OK';
}

/** Forgets the mark again, so a re-drive that failed halfway is tried again on the next pass. */
export async function forgetCarrierMark(redis: Redis, prefix: string): Promise<void> {
  await redis.del(markKey(prefix)).catch(() => undefined);
}

const markKey = (prefix: string) => `${prefix}:relay:carrier-mark`;

/** Marks lost work unpublished again; the relay's next passes publish it. Returns how many rows. */
export async function redriveFromPostgres(prisma: PrismaClient): Promise<{ events: number; jobs: number }> {
  const routes = Object.entries(EVENT_ROUTES).flatMap(([type, consumers]) =>
    (consumers ?? []).map((consumer) => ({ type, consumer })),
  );
  const events = await prisma.$executeRaw`
    UPDATE platform.outbox_events e SET published_at = NULL
    WHERE e.published_at IS NOT NULL
      AND e.occurred_at > now() - interval '7 days'
      AND EXISTS (
        SELECT 1 FROM unnest(${routes.map((r) => r.type)}::text[], ${routes.map((r) => r.consumer)}::text[]) AS r(type, consumer)
        WHERE r.type = e.type
          AND NOT EXISTS (
            SELECT 1 FROM platform.processed_events p WHERE p.consumer = r.consumer AND p.event_id = e.id))`;
  const jobs = await prisma.$executeRaw`
    UPDATE platform.outbox_jobs SET published_at = NULL, settled_at = NULL
    WHERE published_at IS NOT NULL AND completed_at IS NULL AND created_at > now() - interval '7 days'`;
  return { events, jobs };
}
