import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  clientWithIntake,
  outboxTypes,
  placeHold,
  rawId,
  registerTherapist,
  saveClientAddress,
  type TestTherapist,
  therapistIdentity,
} from './helpers.ts';
import { intakeInput, submitIntake } from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    // care too: it hears booking.confirmed and must not take a consultation for a care session.
    subgraphs: ['identity', 'screening', 'booking', 'care'],
    workers: true,
    now: clock.now,
  });
});
afterAll(() => stack?.close());

const REQUEST = /* GraphQL */ `
  mutation($input: RequestConsultationInput!) {
    requestConsultation(input: $input) {
      booking { id state kind consultationMode durationMinutes quote { subtotal { amount } lines { code } }
        screening { outcome } }
    }
  }
`;
const OFFERS = `mutation($input: SetOffersConsultationInput!) { setOffersConsultation(input: $input) { offersConsultation } }`;
const FIRST_SESSION = /* GraphQL */ `
  mutation($input: BookFirstSessionAfterConsultationInput!) {
    bookFirstSessionAfterConsultation(input: $input) { booking { id state kind requestedTherapistId } }
  }
`;
const SEARCH = /* GraphQL */ `
  query($addressId: ID!, $startsAt: DateTime!) {
    searchTherapists(addressId: $addressId, timezone: "America/New_York", startsAt: $startsAt, durationMinutes: 60) {
      edges { node { therapist { id offersConsultation } } }
    }
  }
`;

const inHours = (h: number) => new Date(clock.now().getTime() + h * 3600_000).toISOString();
type Booked = {
  id: string;
  state: string;
  kind: string;
  consultationMode: string | null;
  durationMinutes: number;
  quote: { subtotal: { amount: number }; lines: { code: string }[] };
  screening: { outcome: string } | null;
};

async function consult(client: TestUser, therapist: TestTherapist, address: { addressId: string }) {
  return stack.gql<{ requestConsultation: { booking: Booked } }>(
    REQUEST,
    {
      input: {
        therapistId: toGlobalId('Therapist', therapist.id),
        address,
        timezone: 'America/New_York',
        startsAt: inHours(2),
        mode: 'PHONE',
      },
    },
    { token: client.accessToken },
  );
}

async function acceptOffer(bookingId: string, therapist: TestTherapist, acknowledgeModifications = false) {
  const offer = await eventually(
    () => stack.prisma.offer.findFirst({ where: { bookingId, therapistId: therapist.id, status: 'OPEN' } }),
    'the consultation offer',
  );
  const res = await stack.gql<{ acceptOffer: { booking: { state: string } } }>(
    `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
    { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications } },
    { token: therapist.token },
  );
  expect(res.errors, res.raw).toBeUndefined();
  return res.data?.acceptOffer.booking.state;
}

describe('a free consultation first', () => {
  it('is offered only by therapists who opt in, is free, held by phone, then one tap books the first session', async () => {
    const therapist = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id, { km: 2 });
    const client = await clientWithIntake(stack, clock);
    const address = await saveClientAddress(stack, client);

    const notOffered = await consult(client, therapist, address);
    expect(notOffered.errors?.[0]?.extensions?.code).toBe('CONSULTATION_NOT_OFFERED');
    const byClient = await stack.gql(OFFERS, { input: { offers: true } }, { token: client.accessToken });
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const set = await stack.gql(OFFERS, { input: { offers: true } }, { token: therapist.token });
    expect(set.data).toEqual({ setOffersConsultation: { offersConsultation: true } });
    const found = await stack.gql<{
      searchTherapists: { edges: { node: { therapist: { id: string; offersConsultation: boolean } } }[] };
    }>(SEARCH, { addressId: address.addressId, startsAt: inHours(3) }, { token: client.accessToken });
    expect(found.data?.searchTherapists.edges.map((e) => e.node.therapist)).toContainEqual({
      id: toGlobalId('Therapist', therapist.id),
      offersConsultation: true,
    });

    const res = await consult(client, therapist, address);
    expect(res.errors, res.raw).toBeUndefined();
    const booked = res.data?.requestConsultation.booking as Booked;
    expect(booked).toMatchObject({
      state: 'SEARCHING',
      kind: 'CONSULTATION',
      consultationMode: 'PHONE',
      durationMinutes: 15,
      quote: { subtotal: { amount: 0 }, lines: [{ code: 'CONSULTATION' }] },
    });
    const bookingId = rawId(booked.id);
    expect(await acceptOffer(bookingId, therapist)).toBe('CONFIRMED');
    const row = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    // A call, not a visit: no travel buffer around it.
    expect([row.busyFrom.toISOString(), row.busyUntil.toISOString()]).toEqual([inHours(2), inHours(2.25)]);

    // The therapist reads the screening of the intake before the call.
    const screening = await stack.gql<{ bookingScreening: { outcome: string } }>(
      `query($id: ID!) { bookingScreening(bookingId: $id) { outcome } }`,
      { id: booked.id },
      { token: therapist.token },
    );
    expect(screening.data?.bookingScreening.outcome).toBe(booked.screening?.outcome);

    // A call has no visit: the at-home steps are refused.
    const enRoute = await stack.gql(
      `mutation($input: BookingIdInput!) { startEnRoute(input: $input) { booking { state } } }`,
      { input: { bookingId: booked.id } },
      { token: therapist.token },
    );
    expect(enRoute.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');

    const held = await stack.gql<{ completeConsultation: { booking: { state: string } } }>(
      `mutation($input: BookingIdInput!) { completeConsultation(input: $input) { booking { state } } }`,
      { input: { bookingId: booked.id } },
      { token: therapist.token },
    );
    expect(held.data?.completeConsultation.booking.state).toBe('COMPLETED');
    // booking.requested says CONSULTATION (payments skips it); no booking.completed, so nothing is captured.
    expect(await outboxTypes(stack, bookingId)).toEqual(['booking.requested', 'booking.confirmed']);
    const requested = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { aggregateId: bookingId, type: 'booking.requested' },
    });
    expect(requested.payload).toMatchObject({ kind: 'CONSULTATION', price: { subtotal: { amount: 0 } } });
    const confirmed = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { aggregateId: bookingId, type: 'booking.confirmed' },
    });
    expect(confirmed.payload).toMatchObject({ kind: 'CONSULTATION', therapistId: therapist.id });
    // Care handled the event (its dedupe row) and recorded no care session for the call.
    await eventually(
      () =>
        stack.prisma.processedEvent.findUnique({
          where: { consumer_eventId: { consumer: 'care', eventId: confirmed.id } },
        }),
      'care handled booking.confirmed',
    );
    expect(await stack.prisma.careBooking.findUnique({ where: { bookingId } })).toBeNull();

    const first = await stack.gql<{
      bookFirstSessionAfterConsultation: {
        booking: { id: string; state: string; kind: string; requestedTherapistId: string };
      };
    }>(
      FIRST_SESSION,
      { input: { consultationId: booked.id, startsAt: inHours(26), durationMinutes: 90 } },
      { token: client.accessToken },
    );
    expect(first.errors, first.raw).toBeUndefined();
    const session = first.data?.bookFirstSessionAfterConsultation.booking;
    expect(session).toMatchObject({ state: 'SCREENED', kind: 'SESSION' });
    const sessionRow = await stack.prisma.booking.findUniqueOrThrow({
      where: { id: rawId(session?.id ?? '') },
    });
    expect(sessionRow).toMatchObject({
      requestedTherapistId: therapist.id,
      directRequest: true,
      addressId: row.addressId,
      durationMinutes: 90,
    });
    const sessionRequested = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { aggregateId: sessionRow.id, type: 'booking.requested' },
    });
    expect(sessionRequested.payload).toMatchObject({ kind: 'SESSION' });

    // Only from one's own consultation, and only from a consultation.
    const stranger = await clientWithIntake(stack, clock);
    const notYours = await stack.gql(
      FIRST_SESSION,
      { input: { consultationId: booked.id, startsAt: inHours(26), durationMinutes: 60 } },
      { token: stranger.accessToken },
    );
    expect(notYours.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const fromSession = await stack.gql(
      FIRST_SESSION,
      { input: { consultationId: session?.id, startsAt: inHours(30), durationMinutes: 60 } },
      { token: client.accessToken },
    );
    expect(fromSession.errors?.[0]?.extensions?.code).toBe('NOT_A_CONSULTATION');

    // The session it led to is care's first session with this therapist.
    await placeHold(stack, sessionRow.id);
    expect(await acceptOffer(sessionRow.id, therapist, true)).toBe('CONFIRMED');
    const careSession = await eventually(
      () => stack.prisma.careBooking.findUnique({ where: { bookingId: sessionRow.id } }),
      'the session in care',
    );
    expect(careSession).toMatchObject({ therapistId: therapist.id, status: 'CONFIRMED' });
  });

  it('needs the intake but no pressure gate: a client whose screening refers still gets the call', async () => {
    const therapist = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id, { km: 2 });
    await stack.gql(OFFERS, { input: { offers: true } }, { token: therapist.token });

    const noIntake = await signUp(stack, 'CLIENT');
    const missing = await consult(noIntake, therapist, await saveClientAddress(stack, noIntake));
    expect(missing.errors?.[0]?.extensions?.code).toBe('INTAKE_REQUIRED');

    const refer = await signUp(stack, 'CLIENT');
    await submitIntake(stack, refer, intakeInput({ redFlags: { headacheWithCoughStrainOrExertion: true } }));
    const res = await consult(refer, therapist, await saveClientAddress(stack, refer));
    expect(res.errors, res.raw).toBeUndefined();
    expect(res.data?.requestConsultation.booking).toMatchObject({
      state: 'SEARCHING',
      screening: { outcome: 'REFER' },
    });
    expect(await acceptOffer(rawId(res.data?.requestConsultation.booking.id ?? ''), therapist)).toBe(
      'CONFIRMED',
    );
  });
});
