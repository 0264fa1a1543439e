// Where a booking happens comes from the client's profile, never from the request:
// the jurisdiction decides which therapist licenses count (licensing compliance).

import { randomUUID } from 'node:crypto';
import { fromGlobalId, toGlobalId } from '@mm/graphql-kit';
import { type EventEnvelope, emitEvent } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock } from '../harness/index.ts';
import {
  bookingInput,
  clientWithIntake,
  outboxTypes,
  REQUEST_BOOKING,
  rawId,
  registerTherapist,
  saveClientAddress,
  searchingBooking,
  testModules,
  therapistIdentity,
} from './helpers.ts';
import { addHome } from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
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

/** Jersey City, NJ: about 6 km from the Times Square therapists of helpers.ts. */
const JERSEY_CITY = { latitude: 40.7178, longitude: -74.0431, jurisdiction: 'US-NJ' };

const request = (token: string, input: Record<string, unknown>) =>
  stack.gql<{ requestBooking: { booking: { id: string } } }>(REQUEST_BOOKING, { input }, { token });

const addressRow = (addressId: string) =>
  stack.prisma.clientAddress.findUniqueOrThrow({ where: { addressId: fromGlobalId('Address', addressId) } });

describe('booking at a saved address', () => {
  it('refuses someone else’s address, an unknown one and an ID of another type, and books nothing', async () => {
    const owner = await clientWithIntake(stack, clock);
    const other = await clientWithIntake(stack, clock);
    const ownersHome = await saveClientAddress(stack, owner);

    const theirs = await request(other.accessToken, bookingInput(clock, ownersHome));
    expect(theirs.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_FOUND');
    expect(theirs.errors?.[0]?.message).toBe(
      "We don't have that address on your profile; add it first, or wait a moment and retry.",
    );
    const unknown = await request(
      other.accessToken,
      bookingInput(clock, { addressId: toGlobalId('Address', '44444444-4444-4444-8444-444444444444') }),
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_FOUND');
    const wrongType = await request(other.accessToken, bookingInput(clock, { addressId: other.id }));
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await stack.prisma.booking.count({ where: { clientId: rawId(other.id) } })).toBe(0);

    const own = await request(owner.accessToken, bookingInput(clock, ownersHome));
    expect(own.errors).toBeUndefined();
  });

  it('refuses an address archived on the profile; an earlier booking keeps the address it was made for', async () => {
    const client = await clientWithIntake(stack, clock);
    // The real path: identity saves the address and announces it through the outbox.
    const home = await addHome(stack, client);
    const first = await request(client.accessToken, bookingInput(clock, home));
    expect(first.errors).toBeUndefined();
    const bookingId = rawId(first.data!.requestBooking.booking.id);

    const removed = await stack.gql(
      `mutation($input: RemoveAddressInput!) { removeAddress(input: $input) { removedAddressId } }`,
      { input: home },
      { token: client.accessToken },
    );
    expect(removed.errors).toBeUndefined();
    await eventually(
      async () => (await addressRow(home.addressId)).archivedAt,
      'address archived in booking',
    );

    const again = await request(
      client.accessToken,
      bookingInput(clock, home, { startsAt: new Date(clock.now().getTime() + 30 * 3600_000).toISOString() }),
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_FOUND');
    const kept = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(kept).toMatchObject({
      addressId: fromGlobalId('Address', home.addressId),
      jurisdiction: 'US-NY',
    });
    expect(kept.latitude).toBeCloseTo(40.7596, 3);
  });

  it('matches on the profile’s jurisdiction and location, whatever the request says', async () => {
    const nyOnly = await therapistIdentity(stack);
    const njLicensed = await therapistIdentity(stack);
    await registerTherapist(stack, nyOnly.id, { km: 1 });
    const nyLicense = { issuedOn: '2020-01-01', expiresOn: '2030-12-31', status: 'VERIFIED', type: 'LMT' };
    await registerTherapist(stack, njLicensed.id, {
      km: 2,
      licenses: [{ id: randomUUID(), jurisdiction: 'US-NJ', ...nyLicense }],
    });
    const firstOffers = async (bookingId: string) =>
      (
        await eventually(async () => {
          const rows = await stack.prisma.offer.findMany({ where: { bookingId } });
          return rows.length > 0 ? rows : null;
        }, 'first batch')
      ).map((o) => o.therapistId);
    const client = await clientWithIntake(stack, clock);
    // In Times Square (US-NY) only the New York licensee may take the job.
    const inNewYork = await searchingBooking(stack, clock, client);
    expect(await firstOffers(inNewYork.bookingId)).toEqual([nyOnly.id]);

    const njHome = await saveClientAddress(stack, client, JERSEY_CITY);

    // The request can no longer name coordinates or a jurisdiction.
    const spoofed = await request(client.accessToken, {
      ...bookingInput(clock, njHome),
      address: { ...njHome, latitude: 40.758, longitude: -73.9855, jurisdiction: 'US-NY' },
    });
    expect(spoofed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await stack.prisma.booking.count({ where: { clientId: rawId(client.id) } })).toBe(1);

    const { bookingId } = await searchingBooking(stack, clock, client, {
      address: njHome,
      startsAt: new Date(clock.now().getTime() + 8 * 3600_000).toISOString(),
    });
    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect([booking.jurisdiction, booking.latitude, booking.longitude]).toEqual([
      'US-NJ',
      JERSEY_CITY.latitude,
      JERSEY_CITY.longitude,
    ]);
    // Both therapists are inside the base radius; only the one licensed in New Jersey is offered the job.
    expect(await firstOffers(bookingId)).toEqual([njLicensed.id]);
  });

  it('applies a replayed or late address.saved event as a no-op', async () => {
    const client = await signUp(stack, 'CLIENT');
    const home = await saveClientAddress(stack, client);
    const addressId = fromGlobalId('Address', home.addressId);
    const envelope = async (archived: boolean): Promise<EventEnvelope<'address.saved'>> => {
      const rows = await stack.prisma.outboxEvent.findMany({
        where: { aggregateId: addressId, type: 'address.saved' },
      });
      const row = rows.find((r) => (r.payload as { archived: boolean }).archived === archived);
      if (!row) throw new Error(`no address.saved (archived: ${archived}) in the outbox`);
      return {
        id: row.id,
        type: 'address.saved',
        aggregateType: row.aggregateType,
        aggregateId: row.aggregateId,
        payload: row.payload as EventEnvelope<'address.saved'>['payload'],
        occurredAt: row.occurredAt.toISOString(),
      };
    };
    const handle = (event: EventEnvelope<'address.saved'>) =>
      stack.prisma.$transaction((tx) => modules.eventHandlers['address.saved']!(event, tx));

    const created = await envelope(false);
    const before = await addressRow(home.addressId);
    await handle(created);
    await handle(created);
    expect(await addressRow(home.addressId)).toEqual(before);

    // Archived, then the old "saved" event arrives again (relay re-publish): the address stays archived.
    await saveClientAddress(stack, client, { addressId, archived: true });
    const archived = await addressRow(home.addressId);
    expect(archived.archivedAt).not.toBeNull();
    await handle(created);
    await handle(await envelope(true));
    expect(await addressRow(home.addressId)).toEqual(archived);
    expect(await stack.prisma.clientAddress.count({ where: { clientId: rawId(client.id) } })).toBe(1);

    // And a forged event for the same address under another account changes nothing either.
    const intruder = await signUp(stack, 'CLIENT');
    await handle({
      ...created,
      id: randomUUID(),
      occurredAt: new Date(archived.updatedAt.getTime() + 60_000).toISOString(),
      payload: { ...created.payload, userId: rawId(intruder.id), jurisdiction: 'US-NJ', archived: false },
    });
    expect(await addressRow(home.addressId)).toEqual(archived);
  });
});

describe('a rebook draft from care', () => {
  it('is refused at submission when its address was archived since, and charges nothing', async () => {
    const client = await clientWithIntake(stack, clock);
    const therapist = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id);
    const address = await saveClientAddress(stack, client);
    await searchingBooking(stack, clock, client, { address });

    // care asks for a rebook with the same therapist, as it would after a session.
    const startsAt = new Date(clock.now().getTime() + 7 * 86_400_000).toISOString();
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'care.rebook_requested',
        aggregateType: 'CadenceSuggestion',
        aggregateId: randomUUID(),
        payload: {
          suggestionId: randomUUID(),
          clientId: rawId(client.id),
          therapistId: therapist.id,
          startsAt,
        },
      }),
    );
    const draft = await eventually(
      () => stack.prisma.booking.findFirst({ where: { clientId: rawId(client.id), state: 'DRAFT' } }),
      'the rebook draft',
    );

    await saveClientAddress(stack, client, {
      addressId: fromGlobalId('Address', address.addressId),
      archived: true,
    });
    const res = await stack.gql(
      'mutation($input: BookingIdInput!) { submitBooking(input: $input) { booking { state } } }',
      { input: { bookingId: toGlobalId('Booking', draft.id) } },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_FOUND');
    const after = await stack.prisma.booking.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after.state).toBe('DRAFT');
    expect(await outboxTypes(stack, draft.id)).not.toContain('booking.requested');
  });
});
