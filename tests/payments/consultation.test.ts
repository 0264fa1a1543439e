import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack } from '../harness/index.ts';
import { type Client, clientWithCard, outboxEvents, requestBooking, waitForPayment } from './helpers.ts';

let stack: Stack;
let client: Client;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'payments'], workers: true });
  client = await clientWithCard(stack);
});
afterAll(() => stack?.close());

describe('a free consultation (issue 18)', () => {
  it('places no hold and records no payment, while a session requested beside it is held', async () => {
    const consultation = await requestBooking(stack, client, {
      kind: 'CONSULTATION',
      subtotal: 0,
      platformFee: 0,
    });
    const session = await requestBooking(stack, client);
    await waitForPayment(stack, client.accessToken, session, (p) => p.status === 'HELD', 'the session hold');

    // Payments received the consultation's event (it is deduped as processed) and did nothing with it.
    const [requested] = await outboxEvents(stack, 'booking.requested', consultation);
    await eventually(
      () =>
        stack.prisma.processedEvent.findUnique({
          where: { consumer_eventId: { consumer: 'payments', eventId: requested?.id ?? '' } },
        }),
      'payments consumed the consultation request',
    );
    expect(await stack.prisma.bookingPayment.count({ where: { bookingId: consultation } })).toBe(0);
    expect(await outboxEvents(stack, 'payment.hold_placed', consultation)).toEqual([]);
    expect(await outboxEvents(stack, 'payment.hold_scheduled', consultation)).toEqual([]);
    expect(await stack.prisma.bookingPayment.count({ where: { bookingId: session } })).toBe(1);
  });
});
