import { composeMessage } from '@mm/identity/src/modules/notifications/notifications.jobs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock } from '../harness/index.ts';
import { clientWithIntake, rawId, registerTherapist, searchingBooking } from './helpers.ts';

// A Monday in November: New York is on EST (UTC−5).
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
});
afterAll(() => stack?.close());

const MY_OFFERS = `query { myOffers { edges { node { id modifications { text } } } } }`;

describe('the job-offer message', () => {
  it('reaches each offered therapist: where (no address), when in their zone, how long, the modifications', async () => {
    const therapist = await signUp(stack, 'THERAPIST');
    const bystander = await signUp(stack, 'THERAPIST');
    const therapistId = rawId(therapist.id);
    await registerTherapist(stack, therapistId, { km: 4 });
    // 40 km away, outside every batch's radius: never offered, never told.
    await registerTherapist(stack, rawId(bystander.id), {
      km: 40,
      serviceArea: { latitude: 41.1, longitude: -73.9855, radiusKm: 5 },
    });
    const client = await clientWithIntake(stack, clock);
    const { bookingId } = await searchingBooking(stack, clock, client, { durationMinutes: 90 });

    const row = await eventually(
      () =>
        stack.prisma.notification.findFirst({
          where: { userId: therapistId, template: 'job-offer', status: 'SENT' },
        }),
      'a delivered job-offer',
    );
    const offers = await stack.gql<{
      myOffers: { edges: { node: { id: string; modifications: { text: string }[] } }[] };
    }>(MY_OFFERS, {}, { token: therapist.accessToken });
    const offer = offers.data?.myOffers.edges[0]?.node;
    expect(offer).toBeDefined();
    expect(row.payload).toMatchObject({ bookingId, offerId: rawId(offer!.id) });

    const message = await composeMessage(stack.prisma, { ...row, user_id: row.userId });
    expect(message.to).toBe(therapist.email);
    expect(message.subject).toContain('Job offer');
    for (const part of [message.text, message.html]) {
      expect(part).toContain('New York (US-NY)');
      expect(part).toContain('about 4 km');
      // Starts 3 hours after the clock: 18:00 UTC is 1:00 PM in New York; the offer is open 3 minutes.
      expect(part).toContain('Monday, November 23, 2026 at 1:00 PM EST');
      expect(part).toContain('1 hour 30 minutes');
      expect(part).toContain('Monday, November 23, 2026 at 10:03 AM EST');
    }
    // The screening's modifications, in the words the therapist acknowledges on the offer.
    expect(offer!.modifications.length).toBeGreaterThan(0);
    for (const m of offer!.modifications) expect(message.text).toContain(m.text);
    // Never where exactly, before the accept.
    expect(message.text).not.toMatch(/40\.7\d|-73\.9\d/);
    expect(message.text).toContain('The exact address is shown once you accept.');

    const told = await stack.prisma.notification.count({
      where: { userId: rawId(bystander.id), template: 'job-offer' },
    });
    expect(told).toBe(0);
  });
});
