// Issue 14 item 8 through the gateway: a red flag the client writes in the intake's
// free text (the "other" trigger) blocks the booking exactly like the ticked box,
// at booking time and when an updated intake is given at the door; and a red flag in the
// post-session note gives urgent guidance and opens an admin safety alert.
import { FREE_TEXT_URGENT_GUIDANCE } from '@mm/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  passDayOfCheck,
  passingDayOfCheck,
  type Stack,
  signUp,
  signUpAdmin,
  startStack,
  TestClock,
  type TestUser,
} from '../harness/index.ts';
import {
  addHome,
  atTheDoor,
  COMPLETE_SESSION,
  intakeInput,
  requestBooking,
  START_SESSION,
  submitIntake,
} from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
const HOUR = 3_600_000;
let stack: Stack;
let therapist: TestUser;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  [therapist, admin] = await Promise.all([signUp(stack, 'THERAPIST'), signUpAdmin(stack)]);
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
        input: { ...passingDayOfCheck(booking.id), changedSinceIntake: true, updatedIntake: updated },
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

  describe('the post-session note', () => {
    const REPORT = `mutation($input: ReportSessionPressureInput!) { reportSessionPressure(input: $input) {
      report { overPressure urgentGuidance } } }`;
    const ALERTS = `query { safetyAlerts(unresolvedOnly: true) { edges { node { bookingId kind message } } } }`;

    async function completed() {
      const booking = await bookWith(intakeInput());
      await atTheDoor(stack, booking.id, therapist, clock.now());
      await passDayOfCheck(stack, therapist.accessToken, booking.id);
      for (const mutation of [START_SESSION, COMPLETE_SESSION]) {
        const res = await stack.gql(
          mutation,
          { input: { bookingId: booking.id } },
          { token: therapist.accessToken },
        );
        expect(res.errors, res.raw).toBeUndefined();
      }
      return booking;
    }

    const report = (booking: { id: string; client: TestUser }, note: string) =>
      stack.gql<{
        reportSessionPressure: { report: { overPressure: boolean; urgentGuidance: string | null } };
      }>(
        REPORT,
        { input: { bookingId: booking.id, maxPressureFelt: 3, postSessionMigraine: false, note } },
        { token: booking.client.accessToken },
      );

    async function alertsFor(bookingId: string) {
      const res = await stack.gql<{
        safetyAlerts: { edges: { node: { bookingId: string; kind: string; message: string } }[] };
      }>(ALERTS, {}, { token: admin.accessToken });
      expect(res.errors).toBeUndefined();
      return res.data!.safetyAlerts.edges.map((e) => e.node).filter((n) => n.bookingId === bookingId);
    }

    it('a red flag in a sentence gives urgent guidance at once and opens an admin safety alert naming no symptom', async () => {
      const booking = await completed();
      const res = await report(
        booking,
        'Lovely session, but an hour later my right hand went numb and tingly.',
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.reportSessionPressure.report.urgentGuidance).toBe(FREE_TEXT_URGENT_GUIDANCE);
      const alerts = await alertsFor(booking.id);
      expect(alerts.map((a) => a.kind)).toEqual(['POST_SESSION_RED_FLAG']);
      expect(alerts[0]?.message).not.toMatch(/numb|tingl|hand/i);
    });

    it('words it cannot place open a review alert, without urgent guidance; a harmless note opens nothing', async () => {
      const unclear = await completed();
      const res = await report(unclear, 'Felt a bit strange in the evening.');
      expect(res.data?.reportSessionPressure.report.urgentGuidance).toBeNull();
      expect((await alertsFor(unclear.id)).map((a) => a.kind)).toEqual(['POST_SESSION_NOTE_REVIEW']);

      const fine = await completed();
      const ok = await report(fine, 'Relaxed, slept well, no numbness or dizziness.');
      expect(ok.data?.reportSessionPressure.report.urgentGuidance).toBeNull();
      expect(await alertsFor(fine.id)).toEqual([]);
    });
  });
});
