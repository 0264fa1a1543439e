import { toGlobalId } from '@mm/graphql-kit';
import { FREE_TEXT_URGENT_GUIDANCE } from '@mm/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually,
  type LiveGateway,
  liveGateway,
  type Stack,
  startStack,
  TestClock,
  type TestUser,
} from '../harness/index.ts';
import {
  adminIdentity,
  clientWithIntake,
  registerTherapist,
  saveClientAddress,
  searchingBooking,
  type TestTherapist,
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

const SEND = /* GraphQL */ `
  mutation($input: SendBookingMessageInput!) {
    sendBookingMessage(input: $input) { message { id senderRole text } urgentGuidance }
  }
`;
const LIST = /* GraphQL */ `
  query($id: ID!) { bookingMessages(bookingId: $id) { edges { node { id senderRole text } } } }
`;
const REPORT = /* GraphQL */ `
  query($id: ID!) { bookingMessageReport(bookingId: $id) { edges { node { id text } } } }
`;
type Sent = {
  sendBookingMessage: {
    message: { id: string; senderRole: string; text: string };
    urgentGuidance: string | null;
  };
};
type Listed = { bookingMessages: { edges: { node: { id: string; senderRole: string; text: string } }[] } };

const send = (bookingId: string, text: string, token: string) =>
  stack.gql<Sent>(SEND, { input: { bookingId, text } }, { token });

/** A booking at `at` accepted by `therapist` (registered there, alone): SEARCHING, then its accept through the API. */
async function confirmed(
  client: TestUser,
  therapist: TestTherapist,
  at: { latitude: number; longitude: number },
) {
  await registerTherapist(stack, therapist.id, { serviceArea: { ...at, radiusKm: 10 } });
  const address = await saveClientAddress(stack, client, at);
  const booking = await searchingBooking(stack, clock, client, { address });
  const offer = await eventually(
    () =>
      stack.prisma.offer.findFirst({
        where: { bookingId: booking.bookingId, therapistId: therapist.id, status: 'OPEN' },
      }),
    'the offer',
  );
  const res = await stack.gql(
    `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }`,
    { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true } },
    { token: therapist.token },
  );
  expect(res.errors, res.raw).toBeUndefined();
  return booking;
}

const healthReads = (entityId: string) =>
  stack.prisma.auditEntry.findMany({
    where: { action: 'health_data.read', entityType: 'BookingMessage', entityId },
  });

describe('messages between client and assigned therapist', () => {
  it('masks contacts, seals the text, notifies the other side, audits reads by others and closes 48 h after the end', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const therapist = await therapistIdentity(stack);
    const client = await clientWithIntake(stack, clock);
    const { bookingId, globalId } = await confirmed(client, therapist, { latitude: 40.2, longitude: -74.4 });

    const sent = await send(
      globalId,
      'Call me at (212) 555-0100 or dana@example.com. Gate code 4412.',
      client.accessToken,
    );
    expect(sent.errors, sent.raw).toBeUndefined();
    const message = sent.data?.sendBookingMessage.message;
    expect(message).toMatchObject({
      senderRole: 'CLIENT',
      text: 'Call me at [phone number removed] or [email removed]. Gate code 4412.',
    });
    const row = await stack.prisma.bookingMessage.findFirstOrThrow({ where: { bookingId } });
    expect(row.textSealed).not.toMatch(/Gate|555|example/);

    const note = await stack.prisma.notification.findFirstOrThrow({
      where: { userId: therapist.id, template: 'booking-message' },
    });
    expect(note.payload).toMatchObject({ bookingId, messageId: row.id, senderRole: 'CLIENT' });
    expect(JSON.stringify(note.payload)).not.toMatch(/Gate|removed/);

    // The client reads their own messages unaudited; the therapist's read is audited.
    const own = await stack.gql<Listed>(LIST, { id: globalId }, { token: client.accessToken });
    expect(own.data?.bookingMessages.edges).toHaveLength(1);
    expect(await healthReads(row.id)).toHaveLength(0);
    const theirs = await stack.gql<Listed>(LIST, { id: globalId }, { token: therapist.token });
    expect(theirs.data?.bookingMessages.edges.map((e) => e.node.text)).toEqual([message?.text]);
    expect((await healthReads(row.id)).map((r) => [r.actorId, r.subjectId])).toEqual([
      [therapist.id, row.clientId],
    ]);

    const answer = await send(globalId, 'See you at 10:30.', therapist.token);
    expect(answer.data?.sendBookingMessage.message.senderRole).toBe('THERAPIST');

    // Nobody else: another client, another therapist.
    const stranger = await clientWithIntake(stack, clock);
    const other = await therapistIdentity(stack);
    for (const token of [stranger.accessToken, other.token]) {
      expect((await send(globalId, 'hi', token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await stack.gql(LIST, { id: globalId }, { token })).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    expect((await send(globalId, '   ', client.accessToken)).errors?.[0]?.extensions?.code).toBe(
      'MESSAGE_INVALID',
    );

    // Admins read a booking's messages on a report, each read audited; others may not.
    const admin = await adminIdentity(stack);
    const report = await stack.gql<{ bookingMessageReport: { edges: unknown[] } }>(
      REPORT,
      { id: globalId },
      { token: admin.token },
    );
    expect(report.data?.bookingMessageReport.edges).toHaveLength(2);
    expect((await healthReads(row.id)).map((r) => r.actorId)).toContain(admin.id);
    const notAdmin = await stack.gql(REPORT, { id: globalId }, { token: therapist.token });
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The session (18:00–19:00) ended; the window closes 48 h later.
    clock.set('2026-11-25T19:00:00.000Z');
    expect((await send(globalId, 'Thanks again!', client.accessToken)).errors).toBeUndefined();
    clock.set('2026-11-25T19:00:00.001Z');
    expect((await send(globalId, 'One more thing', client.accessToken)).errors?.[0]?.extensions?.code).toBe(
      'MESSAGING_CLOSED',
    );
  });

  it('is closed before a therapist confirmed', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const client = await clientWithIntake(stack, clock);
    const { globalId } = await searchingBooking(stack, clock, client);
    expect((await send(globalId, 'hello?', client.accessToken)).errors?.[0]?.extensions?.code).toBe(
      'MESSAGING_CLOSED',
    );
  });

  it('reads every message for red flags: urgent guidance to the sender and an admin alert naming no symptom', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const therapist = await therapistIdentity(stack);
    const client = await clientWithIntake(stack, clock);
    const { bookingId, globalId } = await confirmed(client, therapist, { latitude: 39.9, longitude: -74.9 });
    const res = await send(
      globalId,
      'Since this morning my right hand went numb and tingly.',
      client.accessToken,
    );
    expect(res.errors, res.raw).toBeUndefined();
    expect(res.data?.sendBookingMessage.urgentGuidance).toBe(FREE_TEXT_URGENT_GUIDANCE);
    const alerts = await stack.prisma.safetyAlert.findMany({ where: { bookingId } });
    expect(alerts.map((a) => a.kind)).toEqual(['MESSAGE_RED_FLAG']);
    expect(alerts[0]?.message).not.toMatch(/numb|tingl|hand/i);
    const row = await stack.prisma.bookingMessage.findFirstOrThrow({ where: { bookingId } });
    expect(row.verdict).toBe('RED_FLAG');
  });

  it('announces new messages live to the participants only (a notice, no text)', async () => {
    clock.set('2026-11-23T15:00:00.000Z');
    const therapist = await therapistIdentity(stack);
    const client = await clientWithIntake(stack, clock);
    const { globalId } = await confirmed(client, therapist, { latitude: 39.6, longitude: -75.2 });
    const stranger = await clientWithIntake(stack, clock);

    const query = `subscription($me: ID!, $id: ID!) { bookingMessageAdded(viewerId: $me, bookingId: $id) { bookingId messageId senderRole } }`;
    const notices = live.subscribe(live.connect(therapist.token), query, {
      me: therapist.globalId,
      id: globalId,
    });
    const spied = live.subscribe(live.connect(stranger.accessToken), query, {
      me: stranger.id,
      id: globalId,
    });
    // Subscriptions are set up asynchronously: keep sending until the notice arrives.
    const sent = await eventually(async () => {
      const res = await send(globalId, 'Running 5 minutes late.', client.accessToken);
      if (notices.errors.length > 0) throw new Error(JSON.stringify(notices.errors));
      return notices.items.length > 0 ? res : null;
    }, 'a live notice');
    expect(sent.errors).toBeUndefined();
    expect(notices.items[0]).toMatchObject({
      bookingMessageAdded: { bookingId: globalId, senderRole: 'CLIENT' },
    });
    expect(JSON.stringify(notices.items[0])).not.toContain('late');
    // The stranger (not a participant) is refused by booking: nothing reaches them.
    expect(spied.items).toEqual([]);
  });
});
