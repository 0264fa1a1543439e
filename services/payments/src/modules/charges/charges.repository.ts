import type { PrismaClient, TransactionClient } from '@mm/db';

/** Locks a booking's payment row; false when the booking has none. */
export async function lockPayment(tx: TransactionClient, bookingId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ booking_id: string }[]>`
    SELECT booking_id FROM payments.booking_payments WHERE booking_id = ${bookingId}::uuid FOR UPDATE`;
  return locked.length > 0;
}

const children = { tips: true, refunds: true } as const;

/** A booking's payment with its tips and refunds. */
export function paymentWithChildren(db: PrismaClient, bookingId: string) {
  return db.bookingPayment.findUniqueOrThrow({ where: { bookingId }, include: children });
}

/** A client's charged bookings, newest first, after a (createdAt, bookingId) cursor. */
export function receiptsOf(
  db: PrismaClient,
  clientId: string,
  page: { after: [string, string] | null; take: number },
) {
  const { after } = page;
  return db.bookingPayment.findMany({
    where: {
      clientId,
      capturedAmount: { gt: 0 },
      ...(after
        ? {
            OR: [
              { createdAt: { lt: new Date(after[0]) } },
              { createdAt: new Date(after[0]), bookingId: { lt: after[1] } },
            ],
          }
        : {}),
    },
    include: children,
    orderBy: [{ createdAt: 'desc' }, { bookingId: 'desc' }],
    take: page.take,
  });
}
