// Issue 14 item 8 through the gateway: a red flag the client writes in the intake's
// free text (the "other" trigger) blocks the booking exactly like the ticked box,
// at booking time and when an updated intake is given at the door.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  addHome,
  atTheDoor,
  dayOfInput,
  intakeInput,
  requestBooking,
  submitIntake,
} from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
const HOUR = 3_600_000;
let stack: Stack;
let therapist: TestUser;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  therapist = await signUp(stack, 'THERAPIST');
});
afterAll(() => stack.close());

let slot = 0;
const tomorrow = () => new Date(clock.now().getTime() + (24 + 4 * slot++) * HOUR);

async function bookWith(answers: Record<string, unknown>) {
  const client = await signUp(stack, 'CLIENT');
  const home = await addHome(stack, client);
  await submitIntake(stack, client, answers);
  const res = await requestBooking(stack, client, home, tomorrow());
  if (!res.data) throw new Error(`requestBooking failed: ${res.raw}`);
  return { ...res.data.requestBooking.booking, client };
}

async function ruleIds(booking: { id: string; client: TestUser }) {
  const res = await stack.gql<{ bookingScreening: { rules: { id: string; urgency: string | null }[] } }>(
    EXPLAIN,
    { id: booking.id },
    { token: booking.client.accessToken },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.bookingScreening.rules.map((r) => r.id);
}

const EXPLAIN = `query($id: ID!) { bookingScreening(bookingId: $id) { outcome urgent rules { id urgency } } }`;
const RECORD = `mutation($input: RecordDayOfCheckInput!) { recordDayOfCheck(input: $input) { check {
  outcome passing urgent rules { id } } } }`;

describe('free-text red flags in the intake', () => {
  it('ticking the box and writing it in a sentence give the same REFER', async () => {
    const ticked = await bookWith(intakeInput({ redFlags: { newNeurologicalSymptoms: ['NUMBNESS'] } }));
    const written = await bookWith(
      intakeInput({ triggers: { other: 'Stress mostly. When it starts my left arm goes NUMB, scary.' } }),
    );
    for (const booking of [ticked, written]) {
      expect(booking.state).toBe('BLOCKED');
      expect(booking.screening).toMatchObject({ outcome: 'REFER', urgent: true });
      expect(booking.screening.guidance).toMatch(/seek medical care now/i);
    }
    expect(await ruleIds(written)).toEqual(await ruleIds(ticked));
    expect(await ruleIds(written)).toContain('R3');
  });

  it.each([
    ['the worst headache of my life came on in seconds', 'R1'],
    ['I banged my head on the car door last week', 'R6'],
  ])('%j blocks the booking with %s', async (other, ruleId) => {
    const booking = await bookWith(intakeInput({ triggers: { other } }));
    expect(booking.state).toBe('BLOCKED');
    expect(booking.screening.outcome).toBe('REFER');
    expect(await ruleIds(booking)).toContain(ruleId);
  });

  it('a negated or harmless "other" does not block', async () => {
    const booking = await bookWith(
      intakeInput({ triggers: { other: 'red wine, no numbness or dizziness' } }),
    );
    expect(booking.state).not.toBe('BLOCKED');
    expect(booking.screening.outcome).not.toBe('REFER');
  });

  it('an updated intake at the door is read too: the check refers and does not pass', async () => {
    const booking = await bookWith(intakeInput());
    expect(booking.state).not.toBe('BLOCKED');
    await atTheDoor(stack, booking.id, therapist, clock.now());
    const updated = intakeInput({ triggers: { other: 'since this morning I keep seeing double' } });
    const res = await stack.gql<{
      recordDayOfCheck: {
        check: { outcome: string; passing: boolean; urgent: boolean; rules: { id: string }[] };
      };
    }>(
      RECORD,
      {
        input: { bookingId: booking.id, ...dayOfInput({ changedSinceIntake: true, updatedIntake: updated }) },
      },
      { token: therapist.accessToken },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.recordDayOfCheck.check).toMatchObject({
      outcome: 'REFER',
      passing: false,
      urgent: true,
    });
    expect(res.data?.recordDayOfCheck.check.rules.map((r) => r.id)).toContain('R3');
  });
});
