import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack, TestClock } from '../harness/index.ts';
import { adminIdentity, clientWithIntake, searchingBooking } from './helpers.ts';

// The admin console's booking finder: one client's or one therapist's bookings.
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
});
afterAll(() => stack.close());

const SEARCH = `query($clientId: ID, $therapistId: ID, $first: Int, $after: String) {
  searchBookings(clientId: $clientId, therapistId: $therapistId, first: $first, after: $after) {
    edges { node { id state clientId startsAt } } pageInfo { hasNextPage endCursor } } }`;

type Page = {
  searchBookings: {
    edges: { node: { id: string; clientId: string; startsAt: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('searchBookings', () => {
  it("finds one client's bookings, latest start first, page by page", async () => {
    const admin = await adminIdentity(stack);
    const [alice, bob] = await Promise.all([clientWithIntake(stack, clock), clientWithIntake(stack, clock)]);
    const first = await searchingBooking(stack, clock, alice);
    const second = await searchingBooking(stack, clock, alice, {
      startsAt: new Date(clock.now().getTime() + 5 * 3600_000).toISOString(),
    });
    await searchingBooking(stack, clock, bob);

    const page1 = await stack.gql<Page>(SEARCH, { clientId: alice.id, first: 1 }, { token: admin.token });
    expect(page1.errors).toBeUndefined();
    expect(page1.data?.searchBookings.edges.map((e) => e.node.id)).toEqual([second.globalId]);
    expect(page1.data?.searchBookings.pageInfo.hasNextPage).toBe(true);
    const page2 = await stack.gql<Page>(
      SEARCH,
      { clientId: alice.id, first: 1, after: page1.data?.searchBookings.pageInfo.endCursor },
      { token: admin.token },
    );
    expect(page2.data?.searchBookings.edges.map((e) => e.node.id)).toEqual([first.globalId]);
    expect(page2.data?.searchBookings.pageInfo.hasNextPage).toBe(false);
  });

  it('is for admins, and needs a client or a therapist', async () => {
    const admin = await adminIdentity(stack);
    const client = await clientWithIntake(stack, clock);
    const byClient = await stack.gql(SEARCH, { clientId: client.id }, { token: client.accessToken });
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const nothing = await stack.gql(SEARCH, {}, { token: admin.token });
    expect(nothing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
