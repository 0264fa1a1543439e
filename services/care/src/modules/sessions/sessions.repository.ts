import type { CareBooking, Prisma, TransactionClient } from '@mm/db';

/** Care's projection of booking's sessions. */
export function findSession(tx: TransactionClient, bookingId: string): Promise<CareBooking | null> {
  return tx.careBooking.findUnique({ where: { bookingId } });
}

export async function saveSession(
  tx: TransactionClient,
  bookingId: string,
  create: Omit<Prisma.CareBookingUncheckedCreateInput, 'bookingId'>,
  update: Prisma.CareBookingUncheckedUpdateInput,
): Promise<void> {
  await tx.careBooking.upsert({ where: { bookingId }, create: { bookingId, ...create }, update });
}
