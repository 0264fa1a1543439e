// One client's whole journey through the gateway, across all five services,
// with their real workers, the outbox relay and the local Stripe server:
// the same seeds `npm start` uses, then sign in → book → hold → offer →
// accept → door check → session → capture → notes and homework.
import { seedDemo as seedBooking } from '@mm/booking/seed';
import { seedDemo as seedCare } from '@mm/care/seed';
import { deliverReminder } from '@mm/care/src/modules/reminders/reminders.jobs.ts';
import { toGlobalId } from '@mm/graphql-kit';
import { seedDemo as seedIdentity } from '@mm/identity/seed';
import { composeMessage } from '@mm/identity/src/modules/notifications/notifications.jobs.ts';
import { seedDemo as seedPayments } from '@mm/payments/seed';
import { seedDemo as seedScreening } from '@mm/screening/seed';
import { eventually, nextLocalTime, passingDayOfCheck, TestClock } from '@mm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../harness/stack.ts';

const PASSWORD = 'demo-password-2026';
// The journey's clock runs from the suite's present (TEST_NOW or the real clock);
// the session is booked for the next 10:00 in New York, inside the seeded hours
// (08:00–21:00 there), and the clock is moved to it before the therapist sets off.
const clock = TestClock.running();
const ZONE = 'America/New_York';
let stack: Stack;
const tokens: Record<string, string> = {};

async function signIn(email: string): Promise<string> {
  const res = await stack.gql<{ signIn: { accessToken: string } }>(
    'mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }',
    { input: { email, password: PASSWORD } },
  );
  if (!res.data) throw new Error(res.raw);
  return res.data.signIn.accessToken;
}

/** Runs a GraphQL operation as a demo user and fails loudly on any error. */
async function as<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await stack.gql<T>(query, variables, { token: tokens[who] });
  if (res.errors || !res.data) throw new Error(`${who}: ${res.raw}`);
  return res.data;
}

beforeAll(async () => {
  stack = await startStack({ workers: true, now: clock.now });
  const now = clock.now();
  const accounts = await seedIdentity({ prisma: stack.prisma, config: stack.config });
  const args = { prisma: stack.prisma, config: stack.config, accounts, now };
  await seedScreening(args);
  await seedPayments({ ...args, log: () => {} });
  await seedBooking(args);
  await seedCare(args);
  for (const who of ['client', 'therapist1', 'admin'])
    tokens[who] = await signIn(`${who}@demo.migraine.test`);
  // Booking learns about therapists, payouts and the client's address through events; wait until it has.
  await eventually(
    async () =>
      (await stack.prisma.therapistDirectoryEntry.count({ where: { payoutsEnabled: true } })) >= 5 &&
      (await stack.prisma.clientAddress.count({ where: { clientId: accounts.client.userId } })) === 1,
    'booking to hear of the therapists, their payouts and the client address',
    { timeoutMs: 60_000 },
  );
}, 180_000);
afterAll(() => stack?.close());

describe('a client’s journey across every service', () => {
  let bookingId: string;
  let therapistId: string;
  let startsAt: Date;

  it('books: screening passes, the card is held, and the job is offered and accepted', async () => {
    const me = await as<{ me: { addresses: { edges: { node: { id: string } }[] } } }>(
      'client',
      '{ me { addresses(first: 1) { edges { node { id } } } } }',
    );
    const addressId = me.me.addresses.edges[0]!.node.id;
    startsAt = nextLocalTime(clock.now(), ZONE, '10:00', 3 * 3600_000);
    const requested = await as<{
      requestBooking: { booking: { id: string; state: string; screening: { outcome: string } } };
    }>(
      'client',
      `mutation($input: RequestBookingInput!) { requestBooking(input: $input) { booking { id state screening { outcome } } } }`,
      {
        input: {
          address: { addressId },
          timezone: 'America/New_York',
          startsAt: startsAt.toISOString(),
          durationMinutes: 60,
        },
      },
    );
    bookingId = requested.requestBooking.booking.id;
    // The seeded intake is scent-triggered (M8), and this is a first session (M13).
    expect(requested.requestBooking.booking.screening.outcome).toBe('CLEAR_WITH_MODIFICATIONS');

    const held = await eventually(
      async () => {
        const p = await stack.gql<{ bookingPayment: { status: string; held: { amount: number } } }>(
          'query($id: ID!) { bookingPayment(bookingId: $id) { status held { amount } } }',
          { id: bookingId },
          { token: tokens.client },
        );
        return p.data?.bookingPayment.status === 'HELD' ? p.data.bookingPayment : null;
      },
      'the card hold',
      { timeoutMs: 60_000 },
    );
    expect(held.held.amount).toBeGreaterThan(0);

    const offer = await eventually(
      async () => {
        const r = await stack.gql<{
          myOffers: {
            edges: {
              node: { id: string; acknowledgementRequired: boolean; modifications: { code: string }[] };
            }[];
          };
        }>(
          '{ myOffers(first: 5) { edges { node { id acknowledgementRequired modifications { code } } } } }',
          {},
          { token: tokens.therapist1 },
        );
        return r.data?.myOffers.edges[0]?.node ?? null;
      },
      'an offer for therapist1',
      { timeoutMs: 60_000 },
    );
    // The screening's modifications travel with the offer.
    expect(offer.modifications.map((m) => m.code)).toContain('NO_ESSENTIAL_OILS');

    const accepted = await as<{ acceptOffer: { booking: { state: string; therapistId: string } } }>(
      'therapist1',
      'mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state therapistId } } }',
      { input: { offerId: offer.id, acknowledgeModifications: true } },
    );
    expect(accepted.acceptOffer.booking.state).toBe('CONFIRMED');
    therapistId = accepted.acceptOffer.booking.therapistId;
  });

  it('refuses to start the session before the door check, then runs it', async () => {
    const ids = { input: { bookingId } };
    clock.set(new Date(startsAt.getTime() - 15 * 60_000));
    await as(
      'therapist1',
      'mutation($input: BookingIdInput!) { startEnRoute(input: $input) { booking { state } } }',
      ids,
    );
    await as(
      'therapist1',
      'mutation($input: BookingIdInput!) { arriveAtBooking(input: $input) { booking { state } } }',
      ids,
    );

    const early = await stack.gql(
      'mutation($input: BookingIdInput!) { startSession(input: $input) { booking { state } } }',
      ids,
      {
        token: tokens.therapist1,
      },
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('DAY_OF_CHECK_REQUIRED');

    const check = await as<{
      recordDayOfCheck: { check: { id: string; passing: boolean; modifications: { key: string }[] } };
    }>(
      'therapist1',
      `mutation($input: RecordDayOfCheckInput!) { recordDayOfCheck(input: $input) { check { id passing modifications { key } } } }`,
      {
        input: passingDayOfCheck(bookingId),
      },
    );
    expect(check.recordDayOfCheck.check.passing).toBe(true);
    await as(
      'therapist1',
      'mutation($input: AcknowledgeDayOfModificationsInput!) { acknowledgeDayOfModifications(input: $input) { check { id } } }',
      {
        input: {
          checkId: check.recordDayOfCheck.check.id,
          modificationKeys: check.recordDayOfCheck.check.modifications.map((m) => m.key),
        },
      },
    );
    const started = await as<{ startSession: { booking: { state: string } } }>(
      'therapist1',
      'mutation($input: BookingIdInput!) { startSession(input: $input) { booking { state } } }',
      ids,
    );
    expect(started.startSession.booking.state).toBe('IN_SESSION');
    clock.advanceMinutes(60);
    const done = await as<{ completeSession: { booking: { state: string } } }>(
      'therapist1',
      'mutation($input: BookingIdInput!) { completeSession(input: $input) { booking { state } } }',
      ids,
    );
    expect(done.completeSession.booking.state).toBe('COMPLETED');
  });

  it('captures the payment, pays the therapist, and the booking ledger settles', async () => {
    const payment = await eventually(
      async () => {
        const p = await stack.gql<{
          bookingPayment: { status: string; charged: { amount: number }; held: { amount: number } };
        }>(
          'query($id: ID!) { bookingPayment(bookingId: $id) { status charged { amount } held { amount } } }',
          { id: bookingId },
          { token: tokens.client },
        );
        return p.data?.bookingPayment.status === 'CAPTURED' ? p.data.bookingPayment : null;
      },
      'the capture',
      { timeoutMs: 60_000 },
    );
    expect(payment.charged.amount).toBe(payment.held.amount);

    const ledger = await eventually(
      async () => {
        const l = await stack.gql<{ bookingLedger: { settled: boolean } }>(
          'query($id: ID!) { bookingLedger(bookingId: $id) { settled } }',
          { id: bookingId },
          { token: tokens.admin },
        );
        return l.data?.bookingLedger.settled ? l.data.bookingLedger : null;
      },
      'the ledger to settle (transfer to the therapist)',
      { timeoutMs: 60_000 },
    );
    expect(ledger.settled).toBe(true);
  });

  it('lets the assigned therapist write notes and homework the client can read in plain words', async () => {
    await eventually(
      async () => {
        const r = await stack.gql(
          'mutation($input: WriteSessionNoteInput!) { writeSessionNote(input: $input) { note { bookingId } } }',
          {
            input: {
              bookingId,
              subjective: 'Left temple, builds through the day.',
              objective: 'Tight upper trapezius.',
              assessment: 'Tension-pattern migraine.',
              plan: 'Weekly for 4 weeks.',
            },
          },
          { token: tokens.therapist1 },
        );
        return !r.errors; // care hears of the completed session through an event
      },
      'care to know the completed session',
      { timeoutMs: 60_000 },
    );

    const plan = await as<{ createHomeworkPlan: { plan: { id: string } } }>(
      'therapist1',
      'mutation($input: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $input) { plan { id } } }',
      { input: { bookingId, painCap: 4, items: [{ itemId: 'chin-tucks' }] } },
    );
    const mine = await as<{ homeworkPlan: { description: string } }>(
      'client',
      'query($id: ID!) { homeworkPlan(id: $id) { description } }',
      { id: plan.createHomeworkPlan.plan.id },
    );
    expect(mine.homeworkPlan.description).toContain('4 out of 10');
    expect(therapistId).toBeTruthy();
  });

  it('turns a cadence suggestion into a rebook with the same therapist', async () => {
    const suggestion = await eventually(async () => {
      const r = await stack.gql<{ cadencePlan: { suggestions: { id: string; startsAt: string }[] } }>(
        '{ cadencePlan { suggestions { id startsAt } } }',
        {},
        { token: tokens.client },
      );
      return r.data?.cadencePlan.suggestions[0] ?? null;
    }, 'a cadence suggestion after the session');
    await as(
      'client',
      'mutation($input: BookSuggestedSessionInput!) { bookSuggestedSession(input: $input) { suggestion { id } } }',
      {
        input: { suggestionId: suggestion.id },
      },
    );

    type Draft = { id: string; state: string; requestedTherapistId: string | null; startsAt: string };
    const draft = await eventually(async () => {
      const r = await stack.gql<{ myBookings: { edges: { node: Draft }[] } }>(
        '{ myBookings(first: 10) { edges { node { id state requestedTherapistId startsAt } } } }',
        {},
        { token: tokens.client },
      );
      return r.data?.myBookings.edges.map((e) => e.node).find((b) => b.state === 'DRAFT') ?? null;
    }, 'the rebook draft in booking');
    expect(draft.requestedTherapistId).toBe(therapistId);
    expect(draft.startsAt).toBe(suggestion.startsAt);

    const submitted = await as<{
      submitBooking: { booking: { state: string; screening: { outcome: string } } };
    }>(
      'client',
      'mutation($input: BookingIdInput!) { submitBooking(input: $input) { booking { state screening { outcome } } } }',
      { input: { bookingId: draft.id } },
    );
    expect(submitted.submitBooking.booking.state).toBe('SCREENED');
    expect(submitted.submitBooking.booking.screening.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
  });

  it('sends the client and the therapist messages that say what matters, in plain words', async () => {
    const [client, therapist] = await Promise.all(
      ['client', 'therapist1'].map((who) =>
        stack.prisma.user.findUniqueOrThrow({ where: { email: `${who}@demo.migraine.test` } }),
      ),
    );
    const delivered = (where: { userId: string; template?: string; dedupeKey?: string }) =>
      eventually(
        async () => {
          const row = await stack.prisma.notification.findFirst({ where: { ...where, status: 'SENT' } });
          return row && composeMessage(stack.prisma, { ...row, user_id: row.userId });
        },
        `a delivered ${where.template ?? where.dedupeKey} message`,
      );

    const welcome = await delivered({ userId: client!.id, template: 'welcome-client' });
    expect(welcome.to).toBe('client@demo.migraine.test');
    expect(welcome.text).toContain('Hi Casey Client,');
    expect(welcome.html).toContain('questions about your headaches');

    // The first chin-tucks reminder, delivered as its delayed job would deliver it when due.
    const plan = await stack.prisma.homeworkPlan.findFirstOrThrow({
      where: { clientId: client!.id },
      orderBy: { createdAt: 'desc' },
    });
    const reminder = await stack.prisma.reminder.findFirstOrThrow({
      where: { planId: plan.id, status: 'SCHEDULED' },
      orderBy: { fireAt: 'asc' },
    });
    await deliverReminder(stack.prisma, reminder.id, () => reminder.fireAt);
    const nudge = await delivered({ userId: client!.id, dedupeKey: reminder.jobId });
    const [hh, mm] = reminder.localTime.split(':').map(Number) as [number, number];
    const clockTime = `${((hh + 11) % 12) + 1}:${String(mm).padStart(2, '0')} ${hh < 12 ? 'AM' : 'PM'}`;
    expect(nudge.subject).toContain(`Homework reminder: Chin tucks at ${clockTime}`); // the client's local time
    expect(nudge.text).toContain('Exercise: Chin tucks');
    expect(nudge.text).toMatch(/How long: .*(repetition|second|minute)/); // the dose, in words
    expect(nudge.text).toContain('must be pain-free'); // chin tucks are a pain-free exercise
    expect(nudge.text).toContain('Stop and seek medical care now if you feel dizzy');

    // Discomfort during a pain-free exercise: the therapist hears which exercise, not the figure.
    const logged = await as<{ logHomework: { therapistNotified: boolean } }>(
      'client',
      'mutation($input: LogHomeworkInput!) { logHomework(input: $input) { therapistNotified } }',
      {
        input: {
          planId: toGlobalId('HomeworkPlan', plan.id),
          itemId: 'chin-tucks',
          status: 'DONE',
          painFelt: 3,
        },
      },
    );
    expect(logged.logHomework.therapistNotified).toBe(true);
    const checkIn = await delivered({ userId: therapist!.id, template: 'homework-check-in' });
    expect(checkIn.to).toBe('therapist1@demo.migraine.test');
    expect(checkIn.subject).toBe("A client's homework log: please check in (Chin tucks)");
    expect(checkIn.text).toContain('reported more discomfort than their plan allows after "Chin tucks"');
    expect(checkIn.text).not.toContain('3 out of 10');
  });
});
