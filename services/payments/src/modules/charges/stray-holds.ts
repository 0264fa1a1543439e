import type { BookingPayment } from '@mm/db';
import type Stripe from 'stripe';
import type { PaymentsContext } from '../../context.ts';

/** Bounded: a customer's PaymentIntents are read newest first, at most this many. */
const MAX_SCANNED = 1_000;
const LIVE: Stripe.PaymentIntent.Status[] = [
  'requires_capture',
  'requires_confirmation',
  'requires_payment_method',
  'requires_action',
  'processing',
];

/**
 * A booking ended before its hold was recorded, but an attempt may have reached Stripe
 * and lost its answer (a 500 or a dropped connection after Stripe acted): any live
 * PaymentIntent Stripe has for the booking is cancelled, so no hold is left on the card.
 * Returns the ids cancelled.
 */
export async function releaseStrayHolds(ctx: PaymentsContext, row: BookingPayment): Promise<string[]> {
  const customer = await ctx.prisma.paymentCustomer.findUnique({ where: { userId: row.clientId } });
  if (!customer) return [];
  const cancelled: string[] = [];
  let scanned = 0;
  for await (const pi of ctx.stripe.paymentIntents.list({
    customer: customer.stripeCustomerId,
    limit: 100,
  })) {
    if (++scanned > MAX_SCANNED) break;
    if (pi.metadata?.booking_id !== row.bookingId || !LIVE.includes(pi.status)) continue;
    await ctx.stripe.paymentIntents.cancel(
      pi.id,
      { cancellation_reason: 'abandoned' },
      { idempotencyKey: `release-stray-${pi.id}` },
    );
    cancelled.push(pi.id);
  }
  return cancelled;
}
