import type { BookingPayment, Refund } from '@mm/db';
import { fromGlobalId, type GraphQLContext, type PageArgs, toGlobalId } from '@mm/graphql-kit';
import type { AdjustmentsService } from './adjustments.service.ts';
import type { ChargesService } from './charges.service.ts';
import { TIP_WINDOW_MS } from './payment.policy.ts';

type WithChildren = BookingPayment & { tips?: { amount: number; status: string }[]; refunds?: Refund[] };

/** What a client or admin sees of a payment, from its row and its tips and refunds. */
const bookingPaymentFields = {
  bookingId: (p: WithChildren) => toGlobalId('Booking', p.bookingId),
  held: (p: WithChildren) => ({ amount: p.heldAmount, currency: p.currency }),
  charged: (p: WithChildren) => ({ amount: p.capturedAmount, currency: p.currency }),
  tip: (p: WithChildren) => ({
    amount:
      (p.settlement === 'FULL' && p.status === 'CAPTURED' ? p.presetTip : 0) +
      (p.tips ?? []).filter((t) => t.status === 'SUCCEEDED').reduce((s, t) => s + t.amount, 0),
    currency: p.currency,
  }),
  refunded: (p: WithChildren) => ({ amount: p.refundedAmount, currency: p.currency }),
  platformFee: (p: WithChildren) => ({
    amount: p.settlement === 'FEE' ? (p.feeAmount ?? 0) - (p.feeTherapistShare ?? 0) : p.platformFee,
    currency: p.currency,
  }),
  therapistAmount: (p: WithChildren) => ({ amount: p.therapistAmount, currency: p.currency }),
  transferred: (p: WithChildren) => ({ amount: p.transferredAmount, currency: p.currency }),
  tipDeadline: (p: WithChildren) =>
    p.completedAt && p.settlement === 'FULL' ? new Date(p.completedAt.getTime() + TIP_WINDOW_MS) : null,
  refunds: (p: WithChildren) => p.refunds ?? [],
};

const refundFields = {
  id: (r: Refund) => toGlobalId('Refund', r.id),
  amount: (r: Refund) => ({ amount: r.amount, currency: r.currency }),
};

export function chargesResolvers(charges: ChargesService, adjustments: AdjustmentsService) {
  const load = (bookingId: string) => charges.paymentWithChildren(bookingId);
  return {
    Query: {
      myReceipts: (_: unknown, args: PageArgs, ctx: GraphQLContext) => charges.myReceipts(ctx.viewer, args),
      bookingPayment: async (_: unknown, args: { bookingId: string }, ctx: GraphQLContext) => {
        const row = await charges.forViewer(ctx.viewer, fromGlobalId('Booking', args.bookingId, 'bookingId'));
        return load(row.bookingId);
      },
    },
    Mutation: {
      addTip: async (
        _: unknown,
        { input }: { input: { bookingId: string; amount: number } },
        ctx: GraphQLContext,
      ) => {
        const bookingId = fromGlobalId('Booking', input.bookingId, 'bookingId');
        await adjustments.addTip(ctx.viewer, bookingId, input.amount);
        return { payment: await load(bookingId) };
      },
      refundPayment: async (
        _: unknown,
        { input }: { input: { bookingId: string; amount?: number | null; reason: string } },
        ctx: GraphQLContext,
      ) => {
        const bookingId = fromGlobalId('Booking', input.bookingId, 'bookingId');
        const refund = await adjustments.refund(ctx.viewer, {
          bookingId,
          amount: input.amount ?? null,
          reason: input.reason,
        });
        return { refund, payment: await load(bookingId) };
      },
    },
    BookingPayment: bookingPaymentFields,
    Refund: refundFields,
  };
}
