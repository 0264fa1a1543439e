import type { PaymentAlert, ReconciliationRun } from '@mm/db';
import { fromGlobalId, type GraphQLContext, requireRole, toGlobalId } from '@mm/graphql-kit';
import type { Difference, ReconciliationService } from '../reconciliation/reconciliation.service.ts';
import type { AlertsService } from '../shared/alerts.ts';
import { type AccountBalance, balanceOf, type LedgerService } from './ledger.service.ts';

const view = (b: AccountBalance) => ({
  account: b.account,
  balance: { amount: b.amount, currency: b.currency },
});

/** Nothing left in clearing, on hold, or owed but not transferred. */
export const isSettled = (balances: AccountBalance[]) =>
  balances.reduce((s, b) => s + b.amount, 0) === 0 &&
  balanceOf(balances, 'booking.clearing') === 0 &&
  balanceOf(balances, 'hold.authorized') === 0 &&
  balanceOf(balances, 'hold.offset') === 0 &&
  balanceOf(balances, 'therapist.payable') === 0;

export function ledgerResolvers(
  ledgerService: LedgerService,
  reconciliation: ReconciliationService,
  alerts: AlertsService,
) {
  return {
    Query: {
      paymentAlerts: (
        _: unknown,
        args: { first?: number | null; after?: string | null; open?: boolean | null },
        ctx: GraphQLContext,
      ) => alerts.list(ctx.viewer, args),
      bookingLedger: async (_: unknown, args: { bookingId: string }, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        const bookingId = fromGlobalId('Booking', args.bookingId, 'bookingId');
        const balances = await ledgerService.forBooking(bookingId);
        const entries = await ledgerService.transactionsOf(bookingId);
        return {
          bookingId: args.bookingId,
          balances: balances.map(view),
          settled: entries.length > 0 && isSettled(balances),
          entries: entries.map((e) => ({
            reference: e.reference,
            kind: e.kind,
            description: e.description,
            occurredAt: e.occurredAt,
            postings: e.postings.map((p) => ({
              account: p.account,
              amount: { amount: p.amount, currency: p.currency },
            })),
          })),
        };
      },
      platformLedger: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        return (await ledgerService.forPlatform()).map(view);
      },
      therapistLedger: async (_: unknown, args: { therapistId: string }, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        return (await ledgerService.forTherapist(fromGlobalId('User', args.therapistId, 'therapistId'))).map(
          view,
        );
      },
      reconciliationReport: (_: unknown, __: unknown, ctx: GraphQLContext) =>
        reconciliation.latest(ctx.viewer),
    },
    Mutation: {
      runReconciliation: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        return { report: await reconciliation.run() };
      },
    },
    PaymentAlert: {
      id: (a: PaymentAlert) => toGlobalId('PaymentAlert', a.id),
      bookingId: (a: PaymentAlert) => (a.bookingId ? toGlobalId('Booking', a.bookingId) : null),
    },
    ReconciliationReport: {
      id: (r: ReconciliationRun) => toGlobalId('ReconciliationRun', r.id),
      differences: (r: ReconciliationRun) =>
        (r.differences as unknown as Partial<Difference>[]).map((d) => ({
          // Runs stored before the kinds existed read as amount mismatches, not repaired.
          kind: 'AMOUNT_MISMATCH',
          repaired: false,
          stripeId: null,
          ...d,
          bookingId: d.bookingId ? toGlobalId('Booking', d.bookingId) : null,
        })),
    },
  };
}
