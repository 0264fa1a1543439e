import type { PaymentAlert, PrismaClient, TransactionClient } from '@mm/db';

export interface AlertRow {
  bookingId: string | null;
  kind: string;
  message: string;
  stripeId: string | null;
  dedupeKey: string;
}

/** Writes an alert once per dedupe key. */
export async function insertAlert(db: TransactionClient | PrismaClient, alert: AlertRow): Promise<void> {
  await db.paymentAlert.createMany({ data: [alert], skipDuplicates: true });
}

/** Alerts newest first, after a (createdAt, id) cursor; only the unresolved ones when `open`. */
export function alertsPage(
  db: PrismaClient,
  page: { open: boolean; after: [string, string] | null; take: number },
): Promise<PaymentAlert[]> {
  const { after } = page;
  return db.paymentAlert.findMany({
    where: {
      ...(page.open ? { resolvedAt: null } : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: new Date(after[0]) } },
              { createdAt: new Date(after[0]), id: { lt: after[1] } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.take,
  });
}
