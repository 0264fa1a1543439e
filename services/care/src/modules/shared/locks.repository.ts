import type { TransactionClient } from '@mm/db';

/** Serialises writers of one logical thing (a client's cadence, a booking's note) until the transaction ends. */
export async function advisoryLock(tx: TransactionClient, key: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${key}))) AS l`;
}
