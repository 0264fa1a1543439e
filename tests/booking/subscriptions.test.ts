import { createRequire } from 'node:module';
import { toGlobalId } from '@mm/graphql-kit';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack, TestClock } from '../harness/index.ts';
import {
  clientWithIntake,
  rawId,
  registerTherapist,
  searchingBooking,
  therapistIdentity,
} from './helpers.ts';

// Node 20 has no global WebSocket; graphql-ws takes the `ws` implementation (untyped here).
const WebSocket: unknown = createRequire(import.meta.url)('ws');

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let url: string;
const clients: Client[] = [];

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  const address = await stack.gateway.listen({ host: '127.0.0.1', port: 0 });
  url = `${address.replace(/^http/, 'ws')}/graphql`;
});
afterAll(async () => {
  for (const c of clients) await c.dispose();
  // Let the gateway stop its upstream operations (the subgraph then drops its Redis
  // subscriptions) before the subgraph and its emitter close.
  await new Promise((r) => setTimeout(r, 500));
  await stack?.close();
});

function connect(token: string): Client {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { accessToken: token },
    lazy: false,
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

interface Received<T> {
  items: T[];
  errors: unknown[];
}

function subscribe<T>(client: Client, query: string, variables: Record<string, unknown>): Received<T> {
  const received: Received<T> = { items: [], errors: [] };
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) received.errors.push(...value.errors);
        if (value.data) received.items.push(value.data as T);
      },
      error: (err) => received.errors.push(err),
      complete: () => {},
    },
  );
  return received;
}

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

    const aOffers = subscribe<OfferMsg>(connect(a.token), OFFERS, { me: a.globalId });
    const bOffers = subscribe<OfferMsg>(connect(b.token), OFFERS, { me: b.globalId });
    // B tries to listen to A's offers: refused at the gateway, nothing delivered.
    const spy = subscribe<OfferMsg>(connect(b.token), OFFERS, { me: a.globalId });
    const clientUpdates = subscribe<BookingMsg>(connect(client.accessToken), BOOKINGS, { me: client.id });
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
    const anonymous = createClient({ url, webSocketImpl: WebSocket, connectionParams: {}, retryAttempts: 0 });
    clients.push(anonymous);
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
