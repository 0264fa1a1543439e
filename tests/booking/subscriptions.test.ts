import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type LiveGateway,
  liveGateway,
  type Stack,
  startStack,
  TestClock,
} from '../harness/index.ts';
import {
  clientWithIntake,
  rawId,
  registerTherapist,
  searchingBooking,
  therapistIdentity,
} from './helpers.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let live: LiveGateway;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  live = await liveGateway(stack);
});
afterAll(async () => {
  await live?.close();
  await stack?.close();
});

const OFFERS = /* GraphQL */ `
  subscription Offers($me: ID!) {
    offerUpdates(viewerId: $me) { offerId bookingId status distanceKm expiresAt acknowledgementRequired modifications { code } }
  }
`;
const BOOKINGS = /* GraphQL */ `
  subscription Bookings($me: ID!) { bookingUpdates(viewerId: $me) { bookingId state previousState therapistId } }
`;

type OfferMsg = { offerUpdates: { offerId: string; bookingId: string; status: string } };
type BookingMsg = { bookingUpdates: { bookingId: string; state: string; previousState: string | null } };

describe('subscriptions through the gateway (real loopback WebSockets)', () => {
  it('each therapist sees only their own offers; the client sees its booking move', async () => {
    const a = await therapistIdentity(stack);
    const b = await therapistIdentity(stack);
    await registerTherapist(stack, a.id, { km: 1 });
    await registerTherapist(stack, b.id, { km: 2 });
    const client = await clientWithIntake(stack, clock);

    const aOffers = live.subscribe<OfferMsg>(live.connect(a.token), OFFERS, { me: a.globalId });
    const bOffers = live.subscribe<OfferMsg>(live.connect(b.token), OFFERS, { me: b.globalId });
    // B tries to listen to A's offers: refused at the gateway, nothing delivered.
    const spy = live.subscribe<OfferMsg>(live.connect(b.token), OFFERS, { me: a.globalId });
    const clientUpdates = live.subscribe<BookingMsg>(live.connect(client.accessToken), BOOKINGS, {
      me: client.id,
    });
    // Let the subscriptions reach the subgraph before anything is published.
    await new Promise((r) => setTimeout(r, 500));

    const { bookingId, globalId } = await searchingBooking(stack, clock, client);
    const offers = await eventually(async () => {
      const rows = await stack.prisma.offer.findMany({ where: { bookingId } });
      return rows.length === 2 ? rows : null;
    }, 'offers to both therapists');
    const offerOf = (t: { id: string }) =>
      toGlobalId('Offer', offers.find((o) => o.therapistId === t.id)?.id as string);

    await eventually(
      async () => aOffers.items.length >= 1 && bOffers.items.length >= 1,
      'both offers delivered',
    );
    expect(aOffers.items.map((m) => m.offerUpdates.offerId)).toEqual([offerOf(a)]);
    expect(bOffers.items.map((m) => m.offerUpdates.offerId)).toEqual([offerOf(b)]);
    expect(aOffers.items[0]?.offerUpdates).toMatchObject({ bookingId: globalId, status: 'OPEN' });

    // A accepts; B's offer is withdrawn, and B (only B) hears about it.
    const accepted = await stack.gql(
      `mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
      { input: { offerId: offerOf(a), acknowledgeModifications: true } },
      { token: a.token },
    );
    expect(accepted.errors).toBeUndefined();
    await eventually(
      async () => bOffers.items.some((m) => m.offerUpdates.status === 'WITHDRAWN'),
      'withdrawal to B',
    );
    expect(aOffers.items.every((m) => m.offerUpdates.offerId === offerOf(a))).toBe(true);
    expect(bOffers.items.every((m) => m.offerUpdates.offerId === offerOf(b))).toBe(true);

    await eventually(
      async () => clientUpdates.items.some((m) => m.bookingUpdates.state === 'CONFIRMED'),
      'client hears CONFIRMED',
    );
    expect(clientUpdates.items.map((m) => m.bookingUpdates.state)).toEqual([
      'SCREENED',
      'SEARCHING',
      'CONFIRMED',
    ]);
    expect(clientUpdates.items.every((m) => m.bookingUpdates.bookingId === globalId)).toBe(true);

    expect(spy.items).toEqual([]);
    expect(JSON.stringify(spy.errors)).toMatch(/FORBIDDEN|own User ID/);
    expect(rawId(globalId)).toBe(bookingId);
  });

  it('refuses a WebSocket connection without a valid access token', async () => {
    const anonymous = live.connect(undefined, { lazy: true });
    const result = await new Promise<string>((resolve) => {
      anonymous.subscribe(
        { query: OFFERS, variables: { me: toGlobalId('User', '00000000-0000-4000-8000-000000000000') } },
        {
          next: () => resolve('data'),
          error: (err) => resolve(`error: ${JSON.stringify(err) ?? String(err)}`),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(result).not.toBe('data');
  });
});
