import { emitEvent, type TherapistSnapshot } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  CLIENT_AT,
  clientWithIntake,
  registerTherapist,
  saveClientAddress,
  searchingBooking,
  type TestTherapist,
  testModules,
  therapistIdentity,
} from './helpers.ts';

const START = '2026-11-23T15:00:00.000Z';
const clock = new TestClock(START);
let stack: Stack;
let modules: ReturnType<typeof testModules>;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  modules = testModules(stack, clock);
});
afterAll(async () => {
  await modules?.close();
  await stack?.close();
});

const KM_PER_DEGREE_LAT = 111.195;

/**
 * Each test matches around its own point, one degree of latitude (~111 km)
 * apart, so therapists registered by one test are never candidates in another.
 */
function area(n: number) {
  return { latitude: CLIENT_AT.latitude + n, longitude: CLIENT_AT.longitude };
}

type Point = ReturnType<typeof area>;
type Therapist = TestTherapist & { snap: TherapistSnapshot };

/** A therapist whose service area is centred `km` north of `origin`. */
async function therapistNear(
  origin: Point,
  km: number,
  over: Partial<TherapistSnapshot> = {},
): Promise<Therapist> {
  const t = await therapistIdentity(stack);
  const snap = await registerTherapist(stack, t.id, {
    serviceArea: {
      latitude: origin.latitude + km / KM_PER_DEGREE_LAT,
      longitude: origin.longitude,
      radiusKm: 25,
    },
    ...over,
  });
  return { ...t, snap };
}

/** A booking at `origin`, SEARCHING, once the worker has sent batch 1. */
async function bookAt(
  client: TestUser,
  origin: Point,
  over: { jurisdiction?: string; startsAt?: string } = {},
) {
  const { jurisdiction, ...input } = over;
  const address = await saveClientAddress(stack, client, {
    ...origin,
    ...(jurisdiction ? { jurisdiction } : {}),
  });
  const booking = await searchingBooking(stack, clock, client, { address, ...input });
  await eventually(async () => {
    const row = await stack.prisma.booking.findUnique({ where: { id: booking.bookingId } });
    return (row?.batchesSent ?? 0) >= 1;
  }, 'batch 1 sent');
  return booking;
}

const MY_OFFERS = /* GraphQL */ `
  query { myOffers(first: 50, openOnly: false) { edges { node { bookingId batchNumber status } } } }
`;

/**
 * Which of the named therapists hold an offer for the booking, asked through
 * the gateway as each therapist; and checks that the offers table holds no
 * offer for anybody else.
 */
async function offeredTo(
  booking: { bookingId: string; globalId: string },
  who: Record<string, TestTherapist>,
): Promise<string[]> {
  const names: string[] = [];
  for (const [name, t] of Object.entries(who)) {
    const res = await stack.gql<{ myOffers: { edges: { node: { bookingId: string } }[] } }>(
      MY_OFFERS,
      {},
      { token: t.token },
    );
    expect(res.errors, res.raw).toBeUndefined();
    if (res.data?.myOffers.edges.some((e) => e.node.bookingId === booking.globalId)) names.push(name);
  }
  const rows = await stack.prisma.offer.findMany({ where: { bookingId: booking.bookingId } });
  const byId = new Map(Object.entries(who).map(([name, t]) => [t.id, name]));
  expect(
    rows.map((o) => byId.get(o.therapistId) ?? `unexpected ${o.therapistId}`).sort(),
    'offers table',
  ).toEqual([...names].sort());
  return names.sort();
}

/** Steps dispatch on the test clock until the booking expires: every batch gets its chance. */
async function runToExpiry(bookingId: string) {
  for (let i = 0; i < 30; i++) {
    clock.advanceMinutes(3);
    const step = await modules.dispatch.dispatcher.step(bookingId);
    if (step.kind === 'EXPIRE_BOOKING' || step.kind === 'NOT_SEARCHING') break;
  }
  const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
  expect(booking.state).toBe('EXPIRED');
  expect(booking.batchesSent).toBeGreaterThanOrEqual(3);
}

async function directoryRow(therapistId: string) {
  return stack.prisma.therapistDirectoryEntry.findUniqueOrThrow({ where: { therapistId } });
}

describe('license expiry', () => {
  it('license.expired and screening’s suspension stop offers from that moment', async () => {
    clock.set(START);
    const here = area(1);
    // Valid through today (2026-11-23, inclusive); screening's daily watch lapses it tomorrow at 06:00 UTC.
    const lapsing = await therapistNear(here, 1, {
      licenses: [
        {
          id: '6b1c7a52-3f0e-4a55-9a57-2f3a4f1c0a01',
          jurisdiction: 'US-NY',
          type: 'LMT',
          issuedOn: '2020-01-01',
          expiresOn: '2026-11-23',
          status: 'VERIFIED',
        },
      ],
    });
    const other = await therapistNear(here, 2);
    const who = { lapsing, other };
    const client = await clientWithIntake(stack, clock);

    // Today both are eligible.
    const before = await bookAt(client, here);
    expect(await offeredTo(before, who)).toEqual(['lapsing', 'other']);

    // The expiry watch runs: it suspends (one transaction, with the SUSPENDED snapshot: the license row
    // itself is unchanged), then records the lapse (another transaction, license.expired).
    clock.set('2026-11-24T06:00:00.000Z');
    const license = lapsing.snap.licenses[0] as TherapistSnapshot['licenses'][number];
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'therapist.profile_changed',
        aggregateType: 'TherapistApplication',
        aggregateId: lapsing.id,
        payload: { snapshot: { ...lapsing.snap, status: 'SUSPENDED' } },
      }),
    );
    // The suspension commits first at screening; booking's consumer does not promise order, so wait for it.
    await eventually(async () => (await directoryRow(lapsing.id)).status === 'SUSPENDED', 'suspension');
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'license.expired',
        aggregateType: 'TherapistApplication',
        aggregateId: lapsing.id,
        payload: {
          therapistId: lapsing.id,
          licenseId: license.id,
          jurisdiction: 'US-NY',
          expiredOn: '2026-11-23',
        },
      }),
    );
    const row = await eventually(async () => {
      const r = await directoryRow(lapsing.id);
      const snap = r.snapshot as TherapistSnapshot | null;
      return r.status === 'SUSPENDED' && snap?.licenses[0]?.status === 'EXPIRED' ? r : null;
    }, 'the lapse in the directory');
    expect(row.licenseJurisdictions).toEqual([]);

    const after = await bookAt(client, here);
    expect(await offeredTo(after, who)).toEqual(['other']);
    // Not in a later, wider batch either.
    await runToExpiry(after.bookingId);
    expect(await offeredTo(after, who)).toEqual(['other']);
  });

  it('license.expired alone takes that license out at once, before screening’s next snapshot; other jurisdictions still count', async () => {
    clock.set(START);
    const here = area(2);
    const nyLicenseId = '6b1c7a52-3f0e-4a55-9a57-2f3a4f1c0a02';
    const twoStates = await therapistNear(here, 1, {
      licenses: [
        {
          id: nyLicenseId,
          jurisdiction: 'US-NY',
          type: 'LMT',
          issuedOn: '2020-01-01',
          expiresOn: '2030-12-31',
          status: 'VERIFIED',
        },
        {
          id: '6b1c7a52-3f0e-4a55-9a57-2f3a4f1c0a03',
          jurisdiction: 'US-NJ',
          type: 'LMT',
          issuedOn: '2020-01-01',
          expiresOn: '2030-12-31',
          status: 'VERIFIED',
        },
      ],
    });
    const nyOnly = await therapistNear(here, 2);
    const who = { twoStates, nyOnly };
    const client = await clientWithIntake(stack, clock);
    expect(await offeredTo(await bookAt(client, here), who)).toEqual(['nyOnly', 'twoStates']);

    // One jurisdiction of several lapses: screening does not suspend, it emits license.expired.
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'license.expired',
        aggregateType: 'TherapistApplication',
        aggregateId: twoStates.id,
        payload: {
          therapistId: twoStates.id,
          licenseId: nyLicenseId,
          jurisdiction: 'US-NY',
          expiredOn: '2026-11-22',
        },
      }),
    );
    await eventually(
      async () => (await directoryRow(twoStates.id)).licenseJurisdictions.join() === 'US-NJ',
      'NY license out of the directory',
    );
    expect((await directoryRow(twoStates.id)).status).toBe('APPROVED');

    const ny = await bookAt(client, here);
    expect(await offeredTo(ny, who)).toEqual(['nyOnly']);
    // Still approved and licensed in New Jersey: offered work there.
    const nj = await bookAt(client, here, { jurisdiction: 'US-NJ' });
    expect(await offeredTo(nj, who)).toEqual(['twoStates']);
  });

  it('a license that expires before the session date gets no offer, without any event', async () => {
    clock.set(START);
    const here = area(3);
    const expiring = await therapistNear(here, 1, {
      licenses: [
        {
          id: '6b1c7a52-3f0e-4a55-9a57-2f3a4f1c0a04',
          jurisdiction: 'US-NY',
          type: 'LMT',
          issuedOn: '2020-01-01',
          expiresOn: '2026-11-23',
          status: 'VERIFIED',
        },
      ],
    });
    const renewed = await therapistNear(here, 2);
    const who = { expiring, renewed };
    const client = await clientWithIntake(stack, clock);

    // 22:00 in New York on the 23rd (03:00 UTC on the 24th): the license's last day, in the client's timezone.
    const lastDay = await bookAt(client, here, { startsAt: '2026-11-24T03:00:00.000Z' });
    expect(await offeredTo(lastDay, who)).toEqual(['expiring', 'renewed']);

    // 10:00 in New York on the 24th: the license has lapsed by then.
    const dayAfter = await bookAt(client, here, { startsAt: '2026-11-24T15:00:00.000Z' });
    expect(await offeredTo(dayAfter, who)).toEqual(['renewed']);
    await runToExpiry(dayAfter.bookingId);
    expect(await offeredTo(dayAfter, who)).toEqual(['renewed']);
    // No event was needed: the directory still lists the license as verified.
    expect((await directoryRow(expiring.id)).licenseJurisdictions).toEqual(['US-NY']);
  });
});

const SET_PREFERENCE = /* GraphQL */ `
  mutation P($input: SetTherapistPreferenceInput!) {
    setTherapistPreference(input: $input) { therapistId preference }
  }
`;
const SET_BLOCKED = /* GraphQL */ `
  mutation B($input: SetClientBlockedInput!) { setClientBlocked(input: $input) { clientId blocked } }
`;

async function setPreference(client: TestUser, therapist: TestTherapist, preference: string) {
  const res = await stack.gql(
    SET_PREFERENCE,
    { input: { therapistId: therapist.globalId, preference } },
    { token: client.accessToken },
  );
  expect(res.data, res.raw).toEqual({
    setTherapistPreference: { therapistId: therapist.globalId, preference },
  });
}

async function setBlocked(therapist: TestTherapist, client: TestUser, blocked: boolean) {
  const res = await stack.gql(
    SET_BLOCKED,
    { input: { clientId: client.id, blocked } },
    { token: therapist.token },
  );
  expect(res.data, res.raw).toEqual({ setClientBlocked: { clientId: client.id, blocked } });
}

describe('ranking and exclusions set through the API', () => {
  it('PRIORITIZE puts a farther therapist in batch 1, ahead of a nearer one', async () => {
    clock.set(START);
    const here = area(4);
    const n1 = await therapistNear(here, 1);
    const n2 = await therapistNear(here, 2);
    const n3 = await therapistNear(here, 3);
    const far = await therapistNear(here, 8);
    const who = { n1, n2, n3, far };

    // Without a preference batch 1 (three offers) is the three nearest.
    const someoneElse = await clientWithIntake(stack, clock);
    expect(await offeredTo(await bookAt(someoneElse, here), who)).toEqual(['n1', 'n2', 'n3']);

    const client = await clientWithIntake(stack, clock);
    await setPreference(client, far, 'PRIORITIZE');
    const booking = await bookAt(client, here);
    const batch1 = await stack.prisma.offer.findMany({
      where: { bookingId: booking.bookingId, batchNumber: 1 },
    });
    const name = new Map(Object.entries(who).map(([k, t]) => [t.id, k]));
    expect(batch1.map((o) => name.get(o.therapistId)).sort()).toEqual(['far', 'n1', 'n2']);
    expect(await offeredTo(booking, who)).toEqual(['far', 'n1', 'n2']);
    // n3 is nearer than `far` but waits for batch 2.
    clock.advanceMinutes(3);
    expect(await modules.dispatch.dispatcher.step(booking.bookingId)).toMatchObject({
      kind: 'SEND_BATCH',
      batchNumber: 2,
    });
    const batch2 = await stack.prisma.offer.findMany({
      where: { bookingId: booking.bookingId, batchNumber: 2 },
    });
    expect(batch2.map((o) => name.get(o.therapistId))).toEqual(['n3']);
  });

  it('NEVER keeps a therapist out of every batch of that client’s bookings', async () => {
    clock.set(START);
    const here = area(5);
    const never = await therapistNear(here, 1);
    const fine = await therapistNear(here, 2);
    const who = { never, fine };
    const client = await clientWithIntake(stack, clock);
    await setPreference(client, never, 'NEVER');

    const booking = await bookAt(client, here);
    expect(await offeredTo(booking, who)).toEqual(['fine']);
    await runToExpiry(booking.bookingId);
    expect(await offeredTo(booking, who)).toEqual(['fine']);

    // Only this client's list: another client's booking is offered to them.
    clock.set(START);
    const other = await clientWithIntake(stack, clock);
    expect(await offeredTo(await bookAt(other, here), who)).toEqual(['fine', 'never']);

    // NONE takes them off the list again.
    await setPreference(client, never, 'NONE');
    expect(await offeredTo(await bookAt(client, here), who)).toEqual(['fine', 'never']);
  });

  it('a therapist who blocks a client is offered none of that client’s bookings', async () => {
    clock.set(START);
    const here = area(6);
    const blocker = await therapistNear(here, 1);
    const fine = await therapistNear(here, 2);
    const who = { blocker, fine };
    const client = await clientWithIntake(stack, clock);
    await setBlocked(blocker, client, true);

    const booking = await bookAt(client, here);
    expect(await offeredTo(booking, who)).toEqual(['fine']);
    await runToExpiry(booking.bookingId);
    expect(await offeredTo(booking, who)).toEqual(['fine']);

    clock.set(START);
    const other = await clientWithIntake(stack, clock);
    expect(await offeredTo(await bookAt(other, here), who)).toEqual(['blocker', 'fine']);

    await setBlocked(blocker, client, false);
    expect(await offeredTo(await bookAt(client, here), who)).toEqual(['blocker', 'fine']);
  });
});

describe('payouts', () => {
  it('a therapist whose latest payout.account_updated says payouts are not enabled gets no offers', async () => {
    clock.set(START);
    const here = area(7);
    const unpaid = await therapistNear(here, 1);
    const paid = await therapistNear(here, 2);
    const who = { unpaid, paid };

    const payouts = async (payoutsEnabled: boolean) => {
      await stack.prisma.$transaction((tx) =>
        emitEvent(tx, {
          type: 'payout.account_updated',
          aggregateType: 'Therapist',
          aggregateId: unpaid.id,
          payload: { therapistId: unpaid.id, payoutsEnabled, chargesEnabled: true },
        }),
      );
      await eventually(
        async () => (await directoryRow(unpaid.id)).payoutsEnabled === payoutsEnabled,
        `payoutsEnabled ${payoutsEnabled} in the directory`,
      );
    };

    await payouts(false);
    const client = await clientWithIntake(stack, clock);
    const booking = await bookAt(client, here);
    expect(await offeredTo(booking, who)).toEqual(['paid']);
    await runToExpiry(booking.bookingId);
    expect(await offeredTo(booking, who)).toEqual(['paid']);

    // Enabled again (the latest event counts): offered again.
    clock.set(START);
    await payouts(true);
    expect(await offeredTo(await bookAt(client, here), who)).toEqual(['paid', 'unpaid']);
  });
});

describe('an offer already sent', () => {
  const OPEN_OFFER = /* GraphQL */ `query { myOffers(first: 5) { edges { node { id bookingId acknowledgementRequired } } } }`;
  const ACCEPT = /* GraphQL */ `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`;

  async function openOfferFor(t: TestTherapist, booking: { globalId: string }) {
    const res = await stack.gql<{
      myOffers: { edges: { node: { id: string; bookingId: string; acknowledgementRequired: boolean } }[] };
    }>(OPEN_OFFER, {}, { token: t.token });
    const offer = res.data?.myOffers.edges.map((e) => e.node).find((o) => o.bookingId === booking.globalId);
    if (!offer) throw new Error(`no open offer: ${res.raw}`);
    return offer;
  }

  it('cannot be accepted once the therapist is suspended; another therapist still can', async () => {
    clock.set(START);
    const here = area(8);
    const suspended = await therapistNear(here, 1);
    const other = await therapistNear(here, 2);
    const client = await clientWithIntake(stack, clock);
    const booking = await bookAt(client, here);
    expect(await offeredTo(booking, { suspended, other })).toEqual(['other', 'suspended']);
    const offer = await openOfferFor(suspended, booking);

    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'therapist.profile_changed',
        aggregateType: 'TherapistApplication',
        aggregateId: suspended.id,
        payload: { snapshot: { ...suspended.snap, status: 'SUSPENDED' } },
      }),
    );
    await eventually(async () => (await directoryRow(suspended.id)).status === 'SUSPENDED', 'suspension');

    const refused = await stack.gql(
      ACCEPT,
      { input: { offerId: offer.id, acknowledgeModifications: true } },
      { token: suspended.token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('THERAPIST_NOT_ELIGIBLE');
    expect(refused.errors?.[0]?.message).toMatch(/cannot take this booking/);
    const still = await stack.prisma.booking.findUniqueOrThrow({ where: { id: booking.bookingId } });
    expect(still.state).toBe('SEARCHING');
    expect(still.therapistId).toBeNull();

    const otherOffer = await openOfferFor(other, booking);
    const won = await stack.gql<{ acceptOffer: { booking: { state: string } } }>(
      ACCEPT,
      { input: { offerId: otherOffer.id, acknowledgeModifications: true } },
      { token: other.token },
    );
    expect(won.data?.acceptOffer.booking.state).toBe('CONFIRMED');
  });

  it('cannot be accepted once payouts are turned off', async () => {
    clock.set(START);
    const here = area(9);
    const therapist = await therapistNear(here, 1);
    const client = await clientWithIntake(stack, clock);
    const booking = await bookAt(client, here);
    const offer = await openOfferFor(therapist, booking);
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'payout.account_updated',
        aggregateType: 'Therapist',
        aggregateId: therapist.id,
        payload: { therapistId: therapist.id, payoutsEnabled: false, chargesEnabled: false },
      }),
    );
    await eventually(async () => !(await directoryRow(therapist.id)).payoutsEnabled, 'payouts off');
    const refused = await stack.gql(
      ACCEPT,
      { input: { offerId: offer.id, acknowledgeModifications: true } },
      { token: therapist.token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('THERAPIST_NOT_ELIGIBLE');
    expect(refused.errors?.[0]?.extensions?.reasons).toContain('payouts are not enabled on your account');
  });
});
