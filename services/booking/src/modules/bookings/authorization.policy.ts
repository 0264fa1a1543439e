/**
 * When payments should place the card hold for a booking. A card hold lives
 * about 7 days, so a session more than 6 days ahead cannot be held at booking
 * time: the booking is dispatched at once (event `authorizationDeferred`) and
 * payments places the hold 48 h before the start. If that hold fails, the
 * booking takes `holdFailed` from CONFIRMED. See booking.state-machine.ts.
 */
export interface AuthorizationPolicy {
  /** Longest lead time (start − request) for which a hold is placed at once. */
  readonly maxImmediateHoldLeadMinutes: number;
  /** How long before the start a deferred hold is placed. */
  readonly deferredHoldLeadMinutes: number;
}

export const DEFAULT_AUTHORIZATION_POLICY: AuthorizationPolicy = {
  maxImmediateHoldLeadMinutes: 6 * 24 * 60,
  deferredHoldLeadMinutes: 48 * 60,
};

export type AuthorizationPlan =
  | { readonly mode: 'IMMEDIATE'; readonly event: 'holdPlaced' }
  | { readonly mode: 'DEFERRED'; readonly event: 'authorizationDeferred'; readonly authorizeAt: Date };

const MINUTE_MS = 60_000;

/** Exactly 6 days ahead is still held at once (a 7-day hold covers it); anything later is deferred. */
export function authorizationPlan(
  input: { readonly requestedAt: Date; readonly startsAt: Date },
  policy: AuthorizationPolicy = DEFAULT_AUTHORIZATION_POLICY,
): AuthorizationPlan {
  const leadMs = input.startsAt.getTime() - input.requestedAt.getTime();
  if (leadMs <= policy.maxImmediateHoldLeadMinutes * MINUTE_MS)
    return { mode: 'IMMEDIATE', event: 'holdPlaced' };
  return {
    mode: 'DEFERRED',
    event: 'authorizationDeferred',
    authorizeAt: new Date(input.startsAt.getTime() - policy.deferredHoldLeadMinutes * MINUTE_MS),
  };
}
