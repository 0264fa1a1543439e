import { toGlobalId } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  passDayOfCheck,
  type Stack,
  startStack,
  TestClock,
  type TestUser,
} from '../harness/index.ts';
import {
  adminIdentity,
  clientWithIntake,
  outboxTypes,
  rawId,
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

const act = (name: string) => /* GraphQL */ `
  mutation Act($input: BookingIdInput!) { ${name}(input: $input) { booking { id state allowedEvents } } }
`;

async function run(name: string, bookingGlobalId: string, token: string) {
  return stack.gql<Record<string, { booking: { state: string } }>>(
    act(name),
    { input: { bookingId: bookingGlobalId } },
    { token },
  );
}

async function expectState(name: string, id: string, token: string, state: string) {
  const res = await run(name, id, token);
  expect(res.errors, `${name} → ${state}: ${res.raw}`).toBeUndefined();
  expect(res.data?.[name]?.booking.state).toBe(state);
}

async function expectCode(name: string, id: string, token: string, code: string) {
  const res = await run(name, id, token);
  expect(res.errors?.[0]?.extensions?.code, `${name}: ${res.raw}`).toBe(code);
  expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
}

/** A CONFIRMED booking: client request, payments' hold, the worker's first batch, the therapist's accept. */
async function confirmedBooking(
  client: TestUser,
  therapist: TestTherapist,
  over: Record<string, unknown> = {},
) {
  const { bookingId, globalId } = await searchingBooking(stack, clock, client, over);
  const offer = await eventually(
    () => stack.prisma.offer.findFirst({ where: { bookingId, therapistId: therapist.id, status: 'OPEN' } }),
    'offer to the therapist',
  );
  const withoutAck = await stack.gql(
    `mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
    { input: { offerId: toGlobalId('Offer', offer.id) } },
    { token: therapist.token },
  );
  // The demo intake screens CLEAR_WITH_MODIFICATIONS: they travel with the offer and must be acknowledged.
  expect(withoutAck.errors?.[0]?.extensions?.code).toBe('MODIFICATIONS_NOT_ACKNOWLEDGED');
  const accepted = await stack.gql(
    `mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state therapistId } } }`,
    { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true } },
    { token: therapist.token },
  );
  expect(accepted.errors).toBeUndefined();
  return { bookingId, globalId };
}

describe('the booking lifecycle through the gateway', () => {
  it('walks CONFIRMED → EN_ROUTE → ARRIVED → IN_SESSION → COMPLETED, refusing every illegal step with its code', async () => {
    clock.set(START);
    const therapist = await therapistIdentity(stack);
    const stranger = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id, { km: 1 });
    const client = await clientWithIntake(stack, clock);
    const { bookingId, globalId } = await confirmedBooking(client, therapist);

    // CONFIRMED: only startEnRoute, arrive and cancellations are legal.
    await expectCode('startSession', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('completeSession', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('markNoShow', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('startEnRoute', globalId, stranger.token, 'NOT_FOUND');
    await expectCode('startEnRoute', globalId, client.accessToken, 'FORBIDDEN');

    // Visit timing (booked for 18:00): en route opens at 16:00, arrival at 17:45.
    await expectCode('startEnRoute', globalId, therapist.token, 'EN_ROUTE_TOO_EARLY');
    clock.set('2026-11-23T16:00:00.000Z');
    await expectState('startEnRoute', globalId, therapist.token, 'EN_ROUTE');
    await expectCode('startEnRoute', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('startSession', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('arriveAtBooking', globalId, therapist.token, 'ARRIVAL_TOO_EARLY');

    clock.set('2026-11-23T17:50:00.000Z');
    await expectState('arriveAtBooking', globalId, therapist.token, 'ARRIVED');
    await expectCode('arriveAtBooking', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('startSession', globalId, therapist.token, 'DAY_OF_CHECK_REQUIRED');
    await expectCode('markNoShow', globalId, therapist.token, 'NO_SHOW_TOO_EARLY');
    await expectCode('completeSession', globalId, therapist.token, 'ILLEGAL_TRANSITION');

    clock.set('2026-11-23T17:55:00.000Z');
    await passDayOfCheck(stack, therapist.token, globalId);
    clock.set('2026-11-23T18:00:00.000Z');
    await expectState('startSession', globalId, therapist.token, 'IN_SESSION');
    await expectCode('startSession', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('cancelBooking', globalId, client.accessToken, 'ILLEGAL_TRANSITION');
    await expectCode('cancelBooking', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    await expectCode('markNoShow', globalId, therapist.token, 'ILLEGAL_TRANSITION');

    clock.set('2026-11-23T19:00:00.000Z');
    await expectState('completeSession', globalId, therapist.token, 'COMPLETED');
    for (const name of ['startEnRoute', 'arriveAtBooking', 'startSession', 'completeSession', 'markNoShow']) {
      await expectCode(name, globalId, therapist.token, 'ILLEGAL_TRANSITION');
    }
    await expectCode('cancelBooking', globalId, client.accessToken, 'ILLEGAL_TRANSITION');

    const completed = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { aggregateId: bookingId, type: 'booking.completed' },
    });
    expect(completed.payload).toMatchObject({ bookingId, therapistId: therapist.id, durationMinutes: 60 });
    expect(typeof (completed.payload as { selfCareCap: number }).selfCareCap).toBe('number');

    // Check-out happened: the watch raises nothing.
    clock.set('2026-11-23T20:00:00.000Z');
    expect(await modules.dispatch.checkout.check(bookingId)).toBe('CHECKED_OUT');

    // Ratings both ways, once each.
    const RATE = `mutation R($input: RateSessionInput!) { rateSession(input: $input) { rating { score raterRole } } }`;
    const byClient = await stack.gql(
      RATE,
      { input: { bookingId: globalId, score: 5, comment: 'Gentle and careful' } },
      { token: client.accessToken },
    );
    expect(byClient.data).toEqual({ rateSession: { rating: { score: 5, raterRole: 'CLIENT' } } });
    const byTherapist = await stack.gql(
      RATE,
      { input: { bookingId: globalId, score: 4 } },
      { token: therapist.token },
    );
    expect(byTherapist.data).toEqual({ rateSession: { rating: { score: 4, raterRole: 'THERAPIST' } } });
    const twice = await stack.gql(
      RATE,
      { input: { bookingId: globalId, score: 1 } },
      { token: client.accessToken },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('ALREADY_RATED');
    const outOfRange = await stack.gql(
      RATE,
      { input: { bookingId: globalId, score: 6 } },
      { token: therapist.token },
    );
    expect(outOfRange.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const dir = await stack.prisma.therapistDirectoryEntry.findUniqueOrThrow({
      where: { therapistId: therapist.id },
    });
    expect([dir.ratingSum, dir.ratingCount, dir.offersAccepted]).toEqual([5, 1, 1]);
  });

  it('records a no-show after the 20-minute wait, with the policy fee and the therapist share', async () => {
    clock.set(START);
    const therapist = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id, {
      km: 1,
      serviceArea: { latitude: 40.7, longitude: -74.1, radiusKm: 1 },
    });
    const client = await clientWithIntake(stack, clock);
    // Only this therapist: a rebook-style request.
    const { bookingId, globalId } = await confirmedBooking(client, therapist, {
      therapistId: therapist.globalId,
      address: await saveClientAddress(stack, client, { latitude: 40.7, longitude: -74.1 }),
    });
    clock.set('2026-11-23T18:05:00.000Z');
    await expectState('arriveAtBooking', globalId, therapist.token, 'ARRIVED');
    clock.set('2026-11-23T18:24:59.000Z');
    await expectCode('markNoShow', globalId, therapist.token, 'NO_SHOW_TOO_EARLY');
    clock.set('2026-11-23T18:25:00.000Z');
    await expectState('markNoShow', globalId, therapist.token, 'NO_SHOW');
    await expectCode('markNoShow', globalId, therapist.token, 'ILLEGAL_TRANSITION');
    const event = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { aggregateId: bookingId, type: 'booking.no_show' },
    });
    const booking = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(event.payload).toMatchObject({
      fee: { amount: booking.subtotal, currency: 'USD' },
      therapistShare: { amount: Math.round(booking.subtotal * 0.7), currency: 'USD' },
    });
  });

  it('cancellations: client fee by window and grace, therapist withdrawal re-dispatches and counts against reliability, admin is free', async () => {
    clock.set(START);
    const first = await therapistIdentity(stack);
    const second = await therapistIdentity(stack);
    await registerTherapist(stack, first.id, { km: 0.2 });
    await registerTherapist(stack, second.id, { km: 0.3 });
    const client = await clientWithIntake(stack, clock);
    const CANCEL = `mutation C($input: BookingIdInput!) { cancelBooking(input: $input) { booking { state therapistId } cancellation { actor window fee { amount } therapistShare { amount } explanation } } }`;

    // Therapist withdraws: SEARCHING again, excluded from the new round, penalised.
    const a = await confirmedBooking(client, first);
    const withdrawn = await stack.gql<{
      cancelBooking: {
        booking: { state: string };
        cancellation: { window: string; fee: { amount: number } };
      };
    }>(CANCEL, { input: { bookingId: a.globalId } }, { token: first.token });
    expect(withdrawn.data?.cancelBooking.booking.state).toBe('SEARCHING');
    expect(withdrawn.data?.cancelBooking.cancellation).toMatchObject({
      window: 'THERAPIST_CANCELLED',
      fee: { amount: 0 },
    });
    const reoffered = await eventually(
      () =>
        stack.prisma.offer.findFirst({ where: { bookingId: a.bookingId, round: 2, therapistId: second.id } }),
      're-dispatch offer',
    );
    expect(
      await stack.prisma.offer.count({ where: { bookingId: a.bookingId, round: 2, therapistId: first.id } }),
    ).toBe(0);
    const penalised = await stack.prisma.therapistDirectoryEntry.findUniqueOrThrow({
      where: { therapistId: first.id },
    });
    expect(penalised.jobsCancelled).toBe(1);

    // Client cancels within the 10-minute grace after confirmation: free.
    const accepted = await stack.gql(
      `mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
      { input: { offerId: toGlobalId('Offer', reoffered.id), acknowledgeModifications: true } },
      { token: second.token },
    );
    expect(accepted.errors).toBeUndefined();
    clock.advanceMinutes(10);
    const grace = await stack.gql<{
      cancelBooking: { cancellation: { window: string; fee: { amount: number } } };
    }>(CANCEL, { input: { bookingId: a.globalId } }, { token: client.accessToken });
    expect(grace.data?.cancelBooking.cancellation).toMatchObject({ window: 'GRACE', fee: { amount: 0 } });
    expect(await outboxTypes(stack, a.bookingId)).toContain('booking.cancelled');

    // Client cancels 2 h 40 min before the start, after the grace: the LATE window, 50 %, 70 % of it to the therapist.
    clock.set(START);
    const b = await confirmedBooking(client, first);
    clock.advanceMinutes(20);
    const late = await stack.gql<{
      cancelBooking: {
        cancellation: { window: string; fee: { amount: number }; therapistShare: { amount: number } };
      };
    }>(CANCEL, { input: { bookingId: b.globalId } }, { token: client.accessToken });
    const subtotal = (await stack.prisma.booking.findUniqueOrThrow({ where: { id: b.bookingId } })).subtotal;
    expect(late.data?.cancelBooking.cancellation).toMatchObject({
      window: 'LATE',
      fee: { amount: subtotal / 2 },
      therapistShare: { amount: Math.round((subtotal / 2) * 0.7) },
    });
    const again = await stack.gql(
      CANCEL,
      { input: { bookingId: b.globalId } },
      { token: client.accessToken },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');

    // An admin cancels: no fee.
    clock.set(START);
    const admin = await adminIdentity(stack);
    const c = await searchingBooking(stack, clock, client);
    const byAdmin = await stack.gql<{
      cancelBooking: { booking: { state: string }; cancellation: { window: string } };
    }>(CANCEL, { input: { bookingId: c.globalId } }, { token: admin.token });
    expect(byAdmin.data?.cancelBooking).toMatchObject({
      booking: { state: 'CANCELLED' },
      cancellation: { window: 'PLATFORM_CANCELLED' },
    });
  });

  it('raises a trust-and-safety alert when the therapist has not checked out 40 minutes after the planned end', async () => {
    clock.set(START);
    const therapist = await therapistIdentity(stack);
    await registerTherapist(stack, therapist.id, { km: 0.1 });
    const client = await clientWithIntake(stack, clock);
    const { bookingId, globalId } = await confirmedBooking(client, therapist);
    clock.set('2026-11-23T17:58:00.000Z');
    await expectState('arriveAtBooking', globalId, therapist.token, 'ARRIVED');
    // Planned end 19:00; at 19:39 it is not yet overdue.
    clock.set('2026-11-23T19:39:00.000Z');
    expect(await modules.dispatch.checkout.check(bookingId)).toBe('NOT_YET');
    clock.set('2026-11-23T19:40:00.000Z');
    expect(await modules.dispatch.checkout.check(bookingId)).toBe('ALERTED');
    expect(await modules.dispatch.checkout.check(bookingId)).toBe('ALREADY_ALERTED');

    const admin = await adminIdentity(stack);
    const Q = `query { safetyAlerts { edges { node { id bookingId kind message } } } }`;
    const alerts = await stack.gql<{
      safetyAlerts: { edges: { node: { id: string; bookingId: string; kind: string } }[] };
    }>(Q, {}, { token: admin.token });
    const mine = alerts.data?.safetyAlerts.edges.map((e) => e.node).filter((n) => n.bookingId === globalId);
    expect(mine?.map((n) => n.kind)).toEqual(['CHECKOUT_OVERDUE']);
    const asClient = await stack.gql(Q, {}, { token: client.accessToken });
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(rawId(globalId)).toBe(bookingId);
  });

  it('a failed hold cancels the booking with no fee and tells the client why', async () => {
    clock.set(START);
    const client = await clientWithIntake(stack, clock);
    const res = await stack.gql<{ requestBooking: { booking: { id: string; state: string } } }>(
      `mutation R($input: RequestBookingInput!) { requestBooking(input: $input) { booking { id state } } }`,
      {
        input: {
          address: await saveClientAddress(stack, client),
          timezone: 'America/New_York',
          startsAt: '2026-11-23T18:00:00.000Z',
          durationMinutes: 90,
        },
      },
      { token: client.accessToken },
    );
    expect(res.data?.requestBooking.booking.state).toBe('SCREENED');
    const bookingId = rawId(res.data?.requestBooking.booking.id as string);
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'payment.hold_failed',
        aggregateType: 'Booking',
        aggregateId: bookingId,
        payload: { bookingId, reason: 'card_declined', declineCode: 'insufficient_funds' },
      }),
    );
    const booking = await eventually(async () => {
      const b = await stack.prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
      return b.state === 'CANCELLED' ? b : null;
    }, 'booking cancelled');
    expect(booking.endReason).toBe('HOLD_FAILED');
    const cancelled = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { aggregateId: bookingId, type: 'booking.cancelled' },
    });
    expect(cancelled.payload).toMatchObject({ fee: { amount: 0 }, reason: 'HOLD_FAILED', actor: 'SYSTEM' });
  });

  it('validates the request: lead time, duration, input', async () => {
    clock.set(START);
    const client = await clientWithIntake(stack, clock);
    const base = {
      address: await saveClientAddress(stack, client),
      timezone: 'America/New_York',
      durationMinutes: 60,
    };
    const R = `mutation R($input: RequestBookingInput!) { requestBooking(input: $input) { booking { id } } }`;
    const code = async (input: Record<string, unknown>) =>
      (await stack.gql(R, { input: { ...base, ...input } }, { token: client.accessToken })).errors?.[0]
        ?.extensions?.code;
    expect(await code({ startsAt: '2026-11-23T15:59:00.000Z' })).toBe('TOO_SOON');
    expect(await code({ startsAt: '2026-12-23T15:01:00.000Z' })).toBe('TOO_FAR_AHEAD');
    expect(await code({ startsAt: '2026-11-23T18:00:00.000Z', durationMinutes: 45 })).toBe(
      'INVALID_DURATION',
    );
    expect(await code({ startsAt: '2026-11-23T18:00:00.000Z', timezone: 'Mars/Olympus' })).toBe(
      'BAD_USER_INPUT',
    );
    const therapist = await therapistIdentity(stack);
    const asTherapist = await stack.gql(
      R,
      { input: { ...base, startsAt: '2026-11-23T18:00:00.000Z' } },
      { token: therapist.token },
    );
    expect(asTherapist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stack.prisma.booking.count({ where: { clientId: rawId(client.id) } })).toBe(0);

    const quote = await stack.gql<{
      bookingQuote: { subtotal: { amount: number }; lines: { code: string }[] };
    }>(
      `query Q($input: BookingQuoteInput!) { bookingQuote(input: $input) { subtotal { amount } lines { code } } }`,
      { input: { timezone: 'America/New_York', startsAt: '2026-11-23T16:30:00.000Z', durationMinutes: 60 } },
      { token: client.accessToken },
    );
    // 90 minutes ahead: short notice (+20 % of 120.00).
    expect(quote.data?.bookingQuote).toEqual({
      subtotal: { amount: 14_400 },
      lines: [{ code: 'BASE' }, { code: 'SHORT_NOTICE' }],
    });
  });
});
