// The balance of the platform, or of the connected account named by Stripe-Account.
// Funds are modelled as immediately available (no pending period).
import type { Router } from '../router.ts';
import { PLATFORM } from '../store.ts';

export function registerBalance(api: Router): void {
  api.get('/v1/balance', ({ ctx }) => {
    const { store } = ctx.em;
    const owner = ctx.account ?? PLATFORM;
    const defaultCurrency = ctx.account
      ? (store.accounts.get(ctx.account)?.default_currency ?? 'usd')
      : 'usd';
    const stored = [...(store.balances.get(owner)?.entries() ?? [])];
    const entries: Array<[string, number]> = stored.length > 0 ? stored : [[defaultCurrency, 0]];
    return {
      object: 'balance',
      available: entries.map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })),
      connect_reserved: [],
      livemode: false,
      pending: entries.map(([currency]) => ({ amount: 0, currency, source_types: { card: 0 } })),
    };
  });
}
