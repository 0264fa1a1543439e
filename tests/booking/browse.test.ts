import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  bookingInput,
  clientWithIntake,
  outboxTypes,
  placeHold,
  REQUEST_BOOKING,
  rawId,
  registerTherapist,
  saveClientAddress,
  type TestTherapist,
  testModules,
  therapistIdentity,
} from './helpers.ts';
import { intakeInput, submitIntake } from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let modules: ReturnType<typeof testModules>;

beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity', 'screening', 'booking'],
    workers: true,
    now: clock.now,
  });
  modules = testModules(stack, clock);
});
afterAll(async () => {
  await modules?.close();
  await stack?.close();
});

const SEARCH = /* GraphQL */ `
  query($addressId: ID!, $startsAt: DateTime!, $sort: TherapistSort, $first: Int, $after: String) {
    searchTherapists(addressId: $addressId, timezone: "America/New_York", startsAt: $startsAt,
      durationMinutes: 60, sort: $sort, first: $first, after: $after) {
      edges { cursor node { therapist { id } distanceKm rating } }
      pageInfo { hasNextPage endCursor }
      modifications
    }
  }
`;

interface SearchResult {
  searchTherapists: {
    edges: {
      cursor: string;
      node: { therapist: { id: string }; distanceKm: number; rating: number | null };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    modifications: string[];
  };
}

const CHOOSE = /* GraphQL */ `
  mutation($input: ChooseAfterDirectDeclineInput!) {
    chooseAfterDirectDecline(input: $input) { booking { id state } }
  }
`;

const inThreeHours = () => new Date(clock.now().getTime() + 3 * 3600_000).toISOString();
const therapistGid = (t: TestTherapist) => toGlobalId('Therapist', t.id);

async function search(client: TestUser, vars: Record<string, unknown>) {
  return stack.gql<SearchResult>(
    SEARCH,
    { startsAt: inThreeHours(), ...vars },
    { token: client.accessToken },
  );
}

async function setRating(t: TestTherapist, sum: number, count: number) {
  await stack.prisma.therapistDirectoryEntry.update({
    where: { therapistId: t.id },
    data: { ratingSum: sum, ratingCount: count },
  });
}

/** Therapists north of one client address; each call its own longitude, far from the others. */
async function neighbourhood(longitude: number) {
  const client = await clientWithIntake(stack, clock);
  const address = await saveClientAddress(stack, client, { latitude: 41.2, longitude });
  const at = (km: number) => ({ latitude: 41.2 + km / 111.195, longitude });
  const near = await therapistIdentity(stack);
  const mid = await therapistIdentity(stack);
  const far = await therapistIdentity(stack);
  const off = await therapistIdentity(stack);
  const elsewhere = await therapistIdentity(stack);
  await registerTherapist(stack, near.id, { serviceArea: { ...at(1), radiusKm: 25 } });
  await registerTherapist(stack, mid.id, { serviceArea: { ...at(4), radiusKm: 25 } });
  await registerTherapist(stack, far.id, { serviceArea: { ...at(12), radiusKm: 25 } });
  // Available never (no weekly windows) and licensed in another state: dispatch would not offer them.
  await registerTherapist(stack, off.id, { serviceArea: { ...at(2), radiusKm: 25 }, weeklyAvailability: [] });
  await registerTherapist(stack, elsewhere.id, {
    serviceArea: { ...at(2), radiusKm: 25 },
    licenses: [
      {
        id: crypto.randomUUID(),
        jurisdiction: 'US-NJ',
        type: 'LMT',
        issuedOn: '2020-01-01',
        expiresOn: '2030-12-31',
        status: 'VERIFIED',
      },
    ],
  });
  return { client, address, near, mid, far };
}

describe('searchTherapists', () => {
  it('lists exactly the therapists dispatch could offer, nearest first, in pages; by rating on request', async () => {
    const { client, address, near, mid, far } = await neighbourhood(-73.9);
    const first = await search(client, { addressId: address.addressId, first: 2 });
    expect(first.errors, first.raw).toBeUndefined();
    const page1 = first.data?.searchTherapists;
    expect(page1?.edges.map((e) => e.node.therapist.id)).toEqual([therapistGid(near), therapistGid(mid)]);
    expect(page1?.edges.map((e) => e.node.distanceKm)).toEqual([1, 4]);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const second = await search(client, {
      addressId: address.addressId,
      first: 2,
      after: page1?.pageInfo.endCursor,
    });
    expect(second.data?.searchTherapists.edges.map((e) => e.node.therapist.id)).toEqual([therapistGid(far)]);
    expect(second.data?.searchTherapists.pageInfo.hasNextPage).toBe(false);

    await setRating(far, 10, 2); // 5.0
    await setRating(near, 8, 2); // 4.0
    const byRating = await search(client, { addressId: address.addressId, sort: 'RATING' });
    expect(byRating.data?.searchTherapists.edges.map((e) => [e.node.therapist.id, e.node.rating])).toEqual([
      [therapistGid(far), 5],
      [therapistGid(near), 4],
      [therapistGid(mid), null],
    ]);
  });

  it('applies the screening like dispatch: a pregnant client sees only prenatal-certified therapists', async () => {
    const client = await signUp(stack, 'CLIENT');
    await submitIntake(
      stack,
      client,
      intakeInput({ pregnancy: { status: 'PREGNANT', weeksPregnant: 24, prenatalProviderClearance: true } }),
    );
    const address = await saveClientAddress(stack, client, { latitude: 41.5, longitude: -73.9 });
    const plain = await therapistIdentity(stack);
    const prenatal = await therapistIdentity(stack);
    const area = { latitude: 41.51, longitude: -73.9, radiusKm: 25 };
    await registerTherapist(stack, plain.id, { serviceArea: area });
    await registerTherapist(stack, prenatal.id, {
      serviceArea: area,
      credentials: [{ kind: 'PRENATAL_CERTIFICATION', status: 'VERIFIED', jurisdiction: null }],
    });
    const res = await search(client, { addressId: address.addressId });
    expect(res.errors, res.raw).toBeUndefined();
    expect(res.data?.searchTherapists.edges.map((e) => e.node.therapist.id)).toEqual([
      therapistGid(prenatal),
    ]);
    expect(res.data?.searchTherapists.modifications).toContain('No abdominal work.');
  });

  it('refuses what booking would refuse, with the same codes', async () => {
    const noIntake = await signUp(stack, 'CLIENT');
    const address = await saveClientAddress(stack, noIntake);
    const searched = await search(noIntake, { addressId: address.addressId });
    const requested = await stack.gql(
      REQUEST_BOOKING,
      { input: bookingInput(clock, address) },
      { token: noIntake.accessToken },
    );
    expect(searched.errors?.[0]?.extensions?.code).toBe('INTAKE_REQUIRED');
    expect(requested.errors?.[0]?.extensions?.code).toBe('INTAKE_REQUIRED');

    const refer = await signUp(stack, 'CLIENT');
    await submitIntake(stack, refer, intakeInput({ redFlags: { thunderclapOnset: true } }));
    const home = await saveClientAddress(stack, refer);
    const blocked = await search(refer, { addressId: home.addressId });
    expect(blocked.errors?.[0]?.extensions).toMatchObject({
      code: 'SCREENING_BLOCKS_BOOKING',
      outcome: 'REFER',
      urgent: true,
    });
    // Nothing was stored for a search: no screening decision, no booking.
    expect(await stack.prisma.screeningDecision.count({ where: { clientId: rawId(refer.id) } })).toBe(0);

    const ok = await clientWithIntake(stack, clock);
    const okHome = await saveClientAddress(stack, ok);
    const tooSoon = await search(ok, {
      addressId: okHome.addressId,
      startsAt: new Date(clock.now().getTime() + 10 * 60_000).toISOString(),
    });
    expect(tooSoon.errors?.[0]?.extensions?.code).toBe('TOO_SOON');
    const someoneElses = await search(refer, { addressId: okHome.addressId });
    expect(someoneElses.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_FOUND');
  });
});

describe('a direct request and the client choice after a decline', () => {
  async function directRequest(client: TestUser, address: { addressId: string }, therapist: TestTherapist) {
    const res = await stack.gql<{ requestBooking: { booking: { id: string } } }>(
      REQUEST_BOOKING,
      { input: bookingInput(clock, address, { therapistId: therapistGid(therapist) }) },
      { token: client.accessToken },
    );
    expect(res.errors, res.raw).toBeUndefined();
    const globalId = res.data?.requestBooking.booking.id as string;
    const bookingId = rawId(globalId);
    await placeHold(stack, bookingId);
    return { bookingId, globalId };
  }
  const openOffer = (bookingId: string) =>
    eventually(() => stack.prisma.offer.findFirst({ where: { bookingId, status: 'OPEN' } }), 'an open offer');
  const stateOf = async (bookingId: string) =>
    (await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).state;

  it('offers only the chosen therapist; a decline asks the client, who picks another, then opens dispatch', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const { client, address, near, mid, far } = await neighbourhood(-75.5);
    const { bookingId, globalId } = await directRequest(client, address, mid);

    const offer1 = await openOffer(bookingId);
    expect(offer1.therapistId).toBe(mid.id);
    const declined = await stack.gql(
      `mutation($input: DeclineOfferInput!) { declineOffer(input: $input) { offer { status } } }`,
      { input: { offerId: toGlobalId('Offer', offer1.id) } },
      { token: mid.token },
    );
    expect(declined.errors, declined.raw).toBeUndefined();
    expect(await stateOf(bookingId)).toBe('AWAITING_CLIENT_CHOICE');
    // Nobody else was offered it.
    expect(await stack.prisma.offer.count({ where: { bookingId } })).toBe(1);
    const note = await stack.prisma.notification.findFirstOrThrow({
      where: { userId: rawId(client.id), template: 'direct-request-unanswered' },
    });
    expect(note.payload).toMatchObject({
      bookingId,
      reason: 'DECLINED',
      chooseBy: '2026-11-23T17:30:00.000Z',
    });

    // Only the booking's client may choose; ANOTHER_THERAPIST needs one.
    const stranger = await clientWithIntake(stack, clock);
    const notYours = await stack.gql(
      CHOOSE,
      { input: { bookingId: globalId, choice: 'OPEN_DISPATCH' } },
      { token: stranger.accessToken },
    );
    expect(notYours.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await stack.gql(
      CHOOSE,
      { input: { bookingId: globalId, choice: 'ANOTHER_THERAPIST' } },
      { token: client.accessToken },
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('CHOICE_THERAPIST_REQUIRED');

    const another = await stack.gql<{ chooseAfterDirectDecline: { booking: { state: string } } }>(
      CHOOSE,
      { input: { bookingId: globalId, choice: 'ANOTHER_THERAPIST', therapistId: therapistGid(far) } },
      { token: client.accessToken },
    );
    expect(another.errors, another.raw).toBeUndefined();
    expect(another.data?.chooseAfterDirectDecline.booking.state).toBe('SEARCHING');
    const offer2 = await openOffer(bookingId);
    expect([offer2.therapistId, offer2.round]).toEqual([far.id, 2]);

    // The second therapist lets the offer expire: the client is asked again.
    clock.set(offer2.expiresAt.toISOString());
    expect((await modules.dispatch.dispatcher.step(bookingId)).kind).toBe('AWAIT_CLIENT_CHOICE');
    expect(await stateOf(bookingId)).toBe('AWAITING_CLIENT_CHOICE');
    const again = await stack.gql(
      CHOOSE,
      { input: { bookingId: globalId, choice: 'WAIT' } },
      { token: client.accessToken },
    );
    expect(again.errors, again.raw).toBeUndefined();
    const offer3 = await openOffer(bookingId);
    expect([offer3.therapistId, offer3.round]).toEqual([far.id, 3]);
    clock.set(offer3.expiresAt.toISOString());
    await modules.dispatch.dispatcher.step(bookingId);

    const open = await stack.gql(
      CHOOSE,
      { input: { bookingId: globalId, choice: 'OPEN_DISPATCH' } },
      { token: client.accessToken },
    );
    expect(open.errors, open.raw).toBeUndefined();
    const batch = await eventually(async () => {
      const offers = await stack.prisma.offer.findMany({ where: { bookingId, round: 4 } });
      return offers.length > 0 ? offers : null;
    }, 'open dispatch batch');
    // Dispatch's own batch 1, without the therapists who declined it or let it expire.
    expect(batch.map((o) => o.therapistId)).toEqual([near.id]);
    const twice = await stack.gql(
      CHOOSE,
      { input: { bookingId: globalId, choice: 'WAIT' } },
      { token: client.accessToken },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('goes AWAITING_CLIENT_CHOICE at once when the chosen therapist cannot take it, and expires if the client never chooses', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const client = await clientWithIntake(stack, clock);
    const address = await saveClientAddress(stack, client, { latitude: 42.0, longitude: -73.9 });
    const unavailable = await therapistIdentity(stack);
    await registerTherapist(stack, unavailable.id, {
      serviceArea: { latitude: 42.01, longitude: -73.9, radiusKm: 25 },
      weeklyAvailability: [],
    });
    const { bookingId } = await directRequest(client, address, unavailable);
    await eventually(async () => (await stateOf(bookingId)) === 'AWAITING_CLIENT_CHOICE', 'awaiting choice');
    expect(await stack.prisma.offer.count({ where: { bookingId } })).toBe(0);
    const note = await stack.prisma.notification.findFirstOrThrow({
      where: { userId: rawId(client.id), template: 'direct-request-unanswered' },
    });
    expect(note.payload).toMatchObject({ reason: 'UNAVAILABLE' });

    const { directRequests } = modules.dispatch;
    clock.set('2026-11-23T17:29:59.000Z');
    expect(await directRequests.expire(bookingId)).toBe('NOT_DUE');
    clock.set('2026-11-23T17:30:00.000Z');
    expect(await directRequests.sweep()).toBeGreaterThanOrEqual(1);
    expect(await stateOf(bookingId)).toBe('EXPIRED');
    expect(await outboxTypes(stack, bookingId)).toEqual(['booking.requested', 'booking.expired']);
    expect(await directRequests.expire(bookingId)).toBe('NOT_AWAITING');
  });
});
