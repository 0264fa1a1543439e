import type { CareClient, Prisma, PrismaClient, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** True when the therapist has completed at least one session with the client. */
export async function hasCompletedSessionWith(
  db: Db,
  therapistId: string,
  clientId: string,
): Promise<boolean> {
  const found = await db.careBooking.findFirst({
    where: { therapistId, clientId, status: 'COMPLETED' },
    select: { bookingId: true },
  });
  return found !== null;
}

/** Care's projection of a client (timezone, quiet hours); null until an event created it. */
export function findCareClient(db: Db, userId: string): Promise<CareClient | null> {
  return db.careClient.findUnique({ where: { userId } });
}

/** Creates the client's row with `data`, or sets `data` on it. */
export async function saveCareClient(
  tx: TransactionClient,
  userId: string,
  data: Omit<Prisma.CareClientUncheckedCreateInput, 'userId'> = {},
): Promise<void> {
  await tx.careClient.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}
