import type { BookingPayment, Prisma, PrismaClient, TransactionClient } from '@mm/db';

/** Locks a booking's payment row; false when the booking has none. */
export async function lockPayment(tx: TransactionClient, bookingId: string): Promise<boolean> {
  const locked = await tx.$queryRaw<{ booking_id: string }[]>`
    SELECT booking_id FROM payments.booking_payments WHERE booking_id = ${bookingId}::uuid FOR UPDATE`;
  return locked.length > 0;
}

const children = { tips: true, refunds: true } as const;

/** A booking's payment with its tips and refunds. */
export function paymentWithChildren(db: PrismaClient | TransactionClient, bookingId: string) {
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

// ── booking payments ─────────────────────────────────────────────────────

type Db = PrismaClient | TransactionClient;
type Status = BookingPayment['status'];

/** A booking's payment row, or null. */
export function findPayment(db: Db, bookingId: string) {
  return db.bookingPayment.findUnique({ where: { bookingId } });
}

/** A booking's payment row; throws when there is none. */
export function getPayment(db: Db, bookingId: string) {
  return db.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
}

/** The payment for a PaymentIntent, or null. */
export function paymentByIntent(db: Db, paymentIntentId: string) {
  return db.bookingPayment.findUnique({ where: { paymentIntentId } });
}

/** Creates the payment row once per booking; 0 when it already exists. */
export async function insertPayment(tx: Db, data: Prisma.BookingPaymentCreateManyInput): Promise<number> {
  const { count } = await tx.bookingPayment.createMany({ data: [data], skipDuplicates: true });
  return count;
}

/**
 * Moves the payment from one of `from` (any status when omitted); the count is 0 when it was not there,
 * which is how a racing job learns it lost.
 */
export async function transitionPayment(
  db: Db,
  bookingId: string,
  from: Status | Status[] | null,
  data: Prisma.BookingPaymentUpdateManyMutationInput,
): Promise<number> {
  const status = from === null ? {} : { status: Array.isArray(from) ? { in: from } : from };
  const { count } = await db.bookingPayment.updateMany({ where: { bookingId, ...status }, data });
  return count;
}

/** Records the booking's ending once: the first ending wins (0 when one was recorded already). */
export async function recordEnding(
  tx: Db,
  bookingId: string,
  data: Prisma.BookingPaymentUpdateManyMutationInput,
): Promise<number> {
  const { count } = await tx.bookingPayment.updateMany({ where: { bookingId, settlement: null }, data });
  return count;
}

/** Updates an existing payment row. */
export function updatePayment(db: Db, bookingId: string, data: Prisma.BookingPaymentUpdateInput) {
  return db.bookingPayment.update({ where: { bookingId }, data });
}

/** Deferred holds whose time has come, at most 100. */
export function dueScheduledHolds(db: Db, now: Date) {
  return db.bookingPayment.findMany({
    where: { status: 'SCHEDULED', authorizeAt: { lte: now } },
    select: { bookingId: true },
    take: 100,
  });
}

// ── tips and refunds ─────────────────────────────────────────────────────

export function createTip(db: Db, data: Prisma.TipUncheckedCreateInput) {
  return db.tip.create({ data });
}

/** Takes back a tip Stripe never confirmed (UNKNOWN) for a retry of the same amount; null if there is none. */
export async function reclaimUnknownTip(
  db: Db,
  bookingId: string,
  amount: number,
): Promise<{ id: string } | null> {
  const claimed = await db.tip.updateManyAndReturn({
    where: { bookingId, amount, status: 'UNKNOWN' },
    data: { status: 'PENDING' },
    select: { id: true },
  });
  return claimed[0] ?? null;
}

export function deleteTip(db: Db, id: string) {
  return db.tip.delete({ where: { id } });
}

export function updateTip(db: Db, id: string, data: Prisma.TipUpdateInput) {
  return db.tip.update({ where: { id }, data });
}

export function createRefund(db: Db, data: Prisma.RefundUncheckedCreateInput) {
  return db.refund.create({ data });
}

export function getRefund(db: Db, id: string) {
  return db.refund.findUniqueOrThrow({ where: { id } });
}

/** Marks a pending refund succeeded; 0 when another attempt did it first. */
export async function completeRefund(db: Db, id: string, reversalId: string | null): Promise<number> {
  const { count } = await db.refund.updateMany({
    where: { id, status: 'PENDING' },
    data: { status: 'SUCCEEDED', reversalId },
  });
  return count;
}
