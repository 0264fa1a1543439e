// The settlement invariant over every booking of a test stack that ended (issue 12 item 3).
import { unsettledBookings } from '@mm/payments/src/modules/ledger/settlement.check.ts';
import type { Stack } from '../harness/index.ts';

/** Bookings that ended and do not settle, once their Stripe work has finished (waits for in-flight work). */
export async function unsettled(stack: Stack) {
  return unsettledBookings(stack.prisma);
}
