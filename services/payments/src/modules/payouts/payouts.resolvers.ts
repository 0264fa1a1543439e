import type { PayoutAccount } from '@mm/db';
import type { GraphQLContext } from '@mm/graphql-kit';
import { balanceOf } from '../ledger/ledger.service.ts';
import type { PayoutsService } from './payouts.service.ts';

const accountView = (a: PayoutAccount | null) => ({
  status: !a ? 'NOT_STARTED' : a.payoutsEnabled ? 'ENABLED' : 'PENDING',
  detailsSubmitted: a?.detailsSubmitted ?? false,
  chargesEnabled: a?.chargesEnabled ?? false,
  payoutsEnabled: a?.payoutsEnabled ?? false,
});

export function payoutsResolvers(payouts: PayoutsService, currency = 'USD') {
  return {
    Query: {
      myPayoutAccount: async (_: unknown, __: unknown, ctx: GraphQLContext) =>
        accountView(await payouts.status(ctx.viewer)),
      myEarnings: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
        const { balances, account } = await payouts.earnings(ctx.viewer);
        const money = (amount: number) => ({ amount, currency });
        return {
          earned: money(-balanceOf(balances, 'therapist.earnings')),
          owed: money(-balanceOf(balances, 'therapist.payable')),
          onStripe: money(balanceOf(balances, 'therapist.connected')),
          paidOut: money(balanceOf(balances, 'therapist.bank')),
          payoutAccount: accountView(account),
        };
      },
    },
    Mutation: {
      startPayoutOnboarding: async (_: unknown, __: unknown, ctx: GraphQLContext) => {
        const { url, account } = await payouts.startOnboarding(ctx.viewer);
        return { url, account: accountView(account) };
      },
    },
  };
}
