import type { PaymentAlert, PrismaClient, TransactionClient } from '@mm/db';
import { type PageArgs, pageRequest, requireRole, toConnection, type Viewer } from '@mm/graphql-kit';

/** What a person must look at. */
export type PaymentAlertKind =
  /** A capture (session or fee) was declined: the client owes it and nothing was charged. */
  | 'CHARGE_FAILED'
  /** The card hold expired or was cancelled before the booking's charge was taken. */
  | 'HOLD_LOST'
  /** Reconciliation found a difference it must not repair by itself. */
  | 'RECONCILIATION';

export interface NewPaymentAlert {
  bookingId: string | null;
  kind: PaymentAlertKind;
  message: string;
  stripeId?: string | null;
  /** One alert per fact: the same key twice is one alert. */
  dedupeKey: string;
}

/** Raises an admin alert in the caller's transaction, once per dedupe key. */
export async function raiseAlert(
  db: TransactionClient | PrismaClient,
  alert: NewPaymentAlert,
): Promise<void> {
  await db.paymentAlert.createMany({
    data: [{ ...alert, stripeId: alert.stripeId ?? null }],
    skipDuplicates: true,
  });
}

/** Admins read the open and resolved alerts, newest first. */
export class AlertsService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(viewer: Viewer | null, args: PageArgs & { open?: boolean | null }) {
    requireRole(viewer, 'ADMIN');
    const page = pageRequest(args);
    const after = page.after as [string, string] | null;
    const rows: PaymentAlert[] = await this.prisma.paymentAlert.findMany({
      where: {
        ...(args.open ? { resolvedAt: null } : {}),
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
    return toConnection(rows, page.size, (r) => [r.createdAt.toISOString(), r.id]);
  }
}
