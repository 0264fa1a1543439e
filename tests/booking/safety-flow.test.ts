// Issue 4 through the gateway: booking-time screening, the day-of check at the
// door, the session-start guard, and the post-session pressure report.

import { fromGlobalId } from '@mm/graphql-kit';
import { CURRENT_RULESET } from '@mm/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
  uuidOf,
} from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
const HOUR = 3_600_000;
let stack: Stack;
let therapist: TestUser;
let otherTherapist: TestUser;
let admin: TestUser;

beforeAll(async () => {
  // Workers: booking learns the client's address from identity's address.saved, through the relay.
  stack = await startStack({ subgraphs: ['identity', 'booking'], workers: true, now: clock.now });
  [therapist, otherTherapist, admin] = await Promise.all([
    signUp(stack, 'THERAPIST'),
    signUp(stack, 'THERAPIST'),
    signUpAdmin(stack),
  ]);
});
afterAll(() => stack.close());

/** A new client with an address and (optionally) an intake. */
async function newClient(answers: Record<string, unknown> | null = intakeInput()) {
  const client = await signUp(stack, 'CLIENT');
  const home = await addHome(stack, client);
  if (answers) await submitIntake(stack, client, answers);
  return { client, home };
}

// Each booking gets its own slot: one therapist is never booked twice for overlapping time.
let slot = 0;
const tomorrow = () => new Date(clock.now().getTime() + (24 + 4 * slot++) * HOUR);

async function book(client: TestUser, home: Awaited<ReturnType<typeof addHome>>, startsAt = tomorrow()) {
  const res = await requestBooking(stack, client, home, startsAt);
  if (!res.data) throw new Error(`requestBooking failed: ${res.raw}`);
  return res.data.requestBooking.booking;
}

const outbox = (bookingId: string) =>
  stack.prisma.outboxEvent.findMany({ where: { aggregateId: fromGlobalId('Booking', bookingId) } });

const EXPLAIN = `query($id: ID!) { bookingScreening(bookingId: $id) {
  decisionId bookingId outcome ruleSetVersion urgent guidance pressureCap selfCareCap gentleOnlyApplied
  rules { id title outcome urgency reason condition pressureCap }
  modifications { key code text }
  gentleOnly { description ruleIds allowedAreas pressureCap }
  preferences { essentialOilsAllowed focusAreas { area } }
  dayOfChecks { id outcome passing agreedCap acknowledgedAt visitEnded } } }`;

const RECORD = `mutation($input: RecordDayOfCheckInput!) { recordDayOfCheck(input: $input) { check {
  id bookingId outcome passing urgent guidance effectiveCap agreedCap selfCareCap gentleOnlyApplied visitEnded acknowledgedAt
  rules { id outcome urgency reason } modifications { key code text sources }
  gentleOnly { description ruleIds allowedAreas pressureCap confirmationsRequired } } } }`;
const ACK = `mutation($input: AcknowledgeDayOfModificationsInput!) { acknowledgeDayOfModifications(input: $input) {
  check { id acknowledgedAt } } }`;
const END_VISIT = `mutation($input: EndVisitAtDoorInput!) { endVisitAtDoor(input: $input) { check { id visitEnded } } }`;
const REPORT = `mutation($input: ReportSessionPressureInput!) { reportSessionPressure(input: $input) {
  report { bookingId maxPressureFelt agreedCap overPressure postSessionMigraine incidentId } } }`;
const INCIDENTS = `query($status: IncidentStatus) { overPressureIncidents(status: $status) {
  edges { node { id bookingId agreedCap reportedMax status resolution } } } }`;
const RESOLVE = `mutation($input: ResolveOverPressureIncidentInput!) { resolveOverPressureIncident(input: $input) {
  incident { id status resolution } } }`;
const CHOOSE_GENTLE = `mutation($input: ChooseGentleOnlyInput!) { chooseGentleOnly(input: $input) {
  screening { outcome gentleOnly { ruleIds } } } }`;

interface CheckView {
  id: string;
  outcome: string;
  passing: boolean;
  urgent: boolean;
  guidance: string;
  effectiveCap: number;
  agreedCap: number;
  selfCareCap: number;
  gentleOnlyApplied: boolean;
  visitEnded: boolean;
  rules: { id: string; outcome: string; urgency: string | null; reason: string }[];
  modifications: { key: string; code: string; text: string; sources: string[] }[];
  gentleOnly: {
    ruleIds: string[];
    allowedAreas: string[] | null;
    pressureCap: number | null;
    confirmationsRequired: string[];
  } | null;
}

async function recordCheck(bookingId: string, patch: Record<string, unknown> = {}, who = therapist) {
  return stack.gql<{ recordDayOfCheck: { check: CheckView } }>(
    RECORD,
    { input: { ...passingDayOfCheck(bookingId), ...patch } },
    { token: who.accessToken },
  );
}

async function passingCheck(bookingId: string, patch: Record<string, unknown> = {}) {
  const res = await recordCheck(bookingId, patch);
  const check = res.data?.recordDayOfCheck.check;
  if (!check?.passing) throw new Error(`check did not pass: ${res.raw}`);
  const ack = await stack.gql(
    ACK,
    { input: { checkId: check.id, modificationKeys: check.modifications.map((m) => m.key) } },
    { token: therapist.accessToken },
  );
  if (ack.errors) throw new Error(`acknowledge failed: ${ack.raw}`);
  return check;
}

const start = (bookingId: string) =>
  stack.gql<{ startSession: { booking: { state: string } } }>(
    START_SESSION,
    { input: { bookingId } },
    { token: therapist.accessToken },
  );

describe('booking-time screening', () => {
  it('a red-flag intake cannot be booked or charged: BLOCKED, urgent guidance, no booking.requested', async () => {
    const { client, home } = await newClient(intakeInput({ redFlags: { thunderclapOnset: true } }));
    const booking = await book(client, home);
    expect(booking.state).toBe('BLOCKED');
    expect(booking.screening).toMatchObject({ outcome: 'REFER', urgent: true });
    expect(booking.screening.guidance).toMatch(/seek medical care now/i);
    expect(booking.screening.guidance).toMatch(/not been charged/);

    const events = await outbox(booking.id);
    expect(events.map((e) => e.type)).toEqual(['booking.blocked']);
    expect(events[0]?.payload).toMatchObject({ outcome: 'REFER', stage: 'BOOKING' });
    expect(JSON.stringify(events)).not.toMatch(/thunderclap/i);

    const explained = await stack.gql<{
      bookingScreening: Record<string, unknown> & { rules: { id: string }[] };
    }>(EXPLAIN, { id: booking.id }, { token: client.accessToken });
    expect(explained.errors).toBeUndefined();
    expect(explained.data?.bookingScreening).toMatchObject({
      outcome: 'REFER',
      urgent: true,
      ruleSetVersion: CURRENT_RULESET.version,
      rules: expect.arrayContaining([
        expect.objectContaining({
          id: 'R1',
          outcome: 'REFER',
          urgency: 'URGENT',
          reason: expect.stringMatching(/suddenly/),
        }),
      ]),
    });
  });

  it('a routine red flag refers without "seek care now"', async () => {
    const { client, home } = await newClient(
      intakeInput({ redFlags: { headacheWithCoughStrainOrExertion: true } }),
    );
    const booking = await book(client, home);
    expect(booking).toMatchObject({ state: 'BLOCKED', screening: { outcome: 'REFER', urgent: false } });
    expect(booking.screening.guidance).toMatch(/see a physician before booking/);
  });

  it('cannot book without an intake, or with one older than 90 days, until it is confirmed', async () => {
    const { client, home } = await newClient(null);
    const none = await requestBooking(stack, client, home, tomorrow());
    expect(none.errors?.[0]?.extensions?.code).toBe('INTAKE_REQUIRED');
    expect(await stack.prisma.booking.count({ where: { clientId: uuidOf(client) } })).toBe(0);

    const intake = await submitIntake(stack, client);
    clock.advanceDays(91);
    try {
      const stale = await requestBooking(stack, client, home, tomorrow());
      expect(stale.errors?.[0]?.extensions?.code).toBe('INTAKE_RECONFIRMATION_REQUIRED');
      expect(stale.errors?.[0]?.message).toMatch(/90 days/);
      await stack.gql(
        `mutation($input: ConfirmMigraineIntakeInput!) { confirmMigraineIntake(input: $input) { intake { id } } }`,
        { input: { intakeId: intake.id } },
        { token: client.accessToken },
      );
      const ok = await book(client, home);
      expect(ok.state).toBe('SCREENED');
    } finally {
      clock.advanceDays(-91);
    }
  });

  it('modifications travel with the booking; booking.requested is emitted; the decision row is sealed', async () => {
    const { client, home } = await newClient(
      intakeInput({ triggers: { scents: true }, medications: ['warfarin-secret-dose'] }),
    );
    const booking = await book(client, home);
    expect(booking.state).toBe('SCREENED');
    expect(booking.screening.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    const codes = booking.screening.modifications.map((m) => m.code);
    // M1 (warfarin), M6 (standing), M8 (scents), M13 (first session).
    expect(codes).toEqual(
      expect.arrayContaining([
        'NO_DEEP_TISSUE',
        'CAROTID_ENDANGERMENT_SITE',
        'NO_ESSENTIAL_OILS',
        'FIRST_SESSION_CAP',
      ]),
    );
    expect((await outbox(booking.id)).map((e) => e.type)).toEqual(['booking.requested']);

    const rows = await stack.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM booking.screening_decisions WHERE booking_id = ${fromGlobalId('Booking', booking.id)}::uuid`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'CLEAR_WITH_MODIFICATIONS',
      rule_set_version: CURRENT_RULESET.version,
      pressure_cap: 5,
    });
    const raw = JSON.stringify(rows);
    for (const text of ['warfarin', 'scents', 'NO_ESSENTIAL_OILS', 'FIRST_SESSION_CAP', 'SHOULDERS'])
      expect(raw).not.toContain(text);
  });

  it('explain: the client, the assigned therapist and admins (audited); nobody else', async () => {
    const { client, home } = await newClient(intakeInput({ triggers: { scents: true } }));
    const booking = await book(client, home);
    await atTheDoor(stack, booking.id, therapist, clock.now());

    const asTherapist = await stack.gql<{
      bookingScreening: { rules: { id: string }[]; preferences: { essentialOilsAllowed: boolean } };
    }>(EXPLAIN, { id: booking.id }, { token: therapist.accessToken });
    expect(asTherapist.data?.bookingScreening.rules.map((r) => r.id)).toEqual(['M6', 'M8', 'M13']);
    expect(asTherapist.data?.bookingScreening.preferences.essentialOilsAllowed).toBe(false);

    const stranger = await signUp(stack, 'CLIENT');
    for (const who of [stranger, otherTherapist]) {
      const res = await stack.gql(EXPLAIN, { id: booking.id }, { token: who.accessToken });
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }

    const asAdmin = await stack.gql<{ bookingScreening: { decisionId: string } }>(
      EXPLAIN,
      { id: booking.id },
      { token: admin.accessToken },
    );
    expect(asAdmin.errors).toBeUndefined();
    // Audited once, by graphql-kit's health-data audit, naming the decision and the client.
    const decisionId = fromGlobalId('ScreeningDecision', asAdmin.data?.bookingScreening.decisionId ?? '');
    const audit = await stack.prisma.auditEntry.findMany({
      where: { actorId: uuidOf(admin), entityId: decisionId },
    });
    expect(audit.map((a) => [a.action, a.entityType, a.subjectId])).toEqual([
      ['health_data.read', 'ScreeningExplanation', uuidOf(client)],
    ]);
  });

  it('DEFER blocks with a gentle-only choice; choosing it lets the next booking go ahead gentle-only', async () => {
    // D4 defers within 72 h of the whiplash (measured to the session start).
    const whiplashAt = new Date(clock.now().getTime() - 24 * HOUR);
    const inADay = () => new Date(clock.now().getTime() + 24 * HOUR);
    const { client, home } = await newClient(intakeInput({ recentEvents: { whiplashAt } }));
    const deferred = await book(client, home, inADay());
    expect(deferred).toMatchObject({ state: 'BLOCKED', screening: { outcome: 'DEFER', urgent: false } });
    expect(deferred.screening.guidance).toMatch(/reschedule at no fee.*gentle-only/s);
    expect((await outbox(deferred.id)).map((e) => e.type)).toEqual(['booking.blocked']);

    const chosen = await stack.gql<{
      chooseGentleOnly: { screening: { gentleOnly: { ruleIds: string[] } } };
    }>(CHOOSE_GENTLE, { input: { bookingId: deferred.id } }, { token: client.accessToken });
    expect(chosen.data?.chooseGentleOnly.screening.gentleOnly.ruleIds).toEqual(['D4']);

    const gentle = await book(client, home, inADay());
    expect(gentle.state).toBe('SCREENED');
    expect(gentle.screening.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(gentle.screening.modifications.map((m) => m.code)).toContain('NO_NECK_WORK');
    const explained = await stack.gql<{ bookingScreening: { gentleOnlyApplied: boolean } }>(
      EXPLAIN,
      { id: gentle.id },
      { token: client.accessToken },
    );
    expect(explained.data?.bookingScreening.gentleOnlyApplied).toBe(true);

    // A choice is used once: the booking after that is deferred again.
    expect((await book(client, home, inADay())).screening.outcome).toBe('DEFER');
  });

  it('a gentle-only choice is used by one booking only, when two requests race for it', async () => {
    const whiplashAt = new Date(clock.now().getTime() - 24 * HOUR);
    const inADay = new Date(clock.now().getTime() + 24 * HOUR);
    const { client, home } = await newClient(intakeInput({ recentEvents: { whiplashAt } }));
    const deferred = await book(client, home, inADay);
    const chosen = await stack.gql(
      CHOOSE_GENTLE,
      { input: { bookingId: deferred.id } },
      { token: client.accessToken },
    );
    expect(chosen.errors).toBeUndefined();

    const [a, b] = await Promise.all([
      requestBooking(stack, client, home, inADay),
      requestBooking(stack, client, home, new Date(inADay.getTime() + 3 * HOUR)),
    ]);
    const gentle = [a, b].filter((r) => r.data?.requestBooking.booking.state === 'SCREENED');
    const others = [a, b].filter((r) => r.data?.requestBooking.booking.state !== 'SCREENED');
    expect(gentle).toHaveLength(1);
    // The other was screened after the choice was used (DEFER), or read it before and was refused.
    const other = others[0];
    if (other?.data) expect(other.data.requestBooking.booking.screening.outcome).toBe('DEFER');
    else expect(other?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const uses = await stack.prisma.gentleOnlyChoice.findMany({ where: { clientId: uuidOf(client) } });
    expect(uses.map((c) => c.usedByBookingId)).toEqual([
      fromGlobalId('Booking', gentle[0]?.data?.requestBooking.booking.id ?? ''),
    ]);
  });

  it('a REFER has no gentle-only option to choose', async () => {
    const { client, home } = await newClient(intakeInput({ redFlags: { painfulRedEye: true } }));
    const referred = await book(client, home);
    const res = await stack.gql(
      CHOOSE_GENTLE,
      { input: { bookingId: referred.id } },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('GENTLE_ONLY_NOT_AVAILABLE');
  });
});

describe('day-of check and the session-start guard', () => {
  async function arrivedBooking(answers = intakeInput()) {
    const { client, home } = await newClient(answers);
    const booking = await book(client, home);
    await atTheDoor(stack, booking.id, therapist, clock.now());
    return { client, booking };
  }

  it('a session cannot start without a day-of check', async () => {
    const { booking } = await arrivedBooking();
    const res = await start(booking.id);
    expect(res.errors?.[0]?.extensions?.code).toBe('DAY_OF_CHECK_REQUIRED');
    const row = await stack.prisma.booking.findUniqueOrThrow({
      where: { id: fromGlobalId('Booking', booking.id) },
    });
    expect(row.state).toBe('ARRIVED');
  });

  it('nor with unacknowledged modifications: every one, by key, after the check', async () => {
    const { booking } = await arrivedBooking(intakeInput({ triggers: { scents: true } }));
    const recorded = await recordCheck(booking.id, { agreedPressureCap: 7 });
    const check = recorded.data?.recordDayOfCheck.check as CheckView;
    expect(check).toMatchObject({
      outcome: 'CLEAR_WITH_MODIFICATIONS',
      passing: true,
      effectiveCap: 5,
      agreedCap: 5,
      selfCareCap: 5,
    });
    const keys = check.modifications.map((m) => m.key);
    expect(keys).toEqual(
      expect.arrayContaining(['CAROTID_ENDANGERMENT_SITE', 'NO_ESSENTIAL_OILS', 'FIRST_SESSION_CAP']),
    );

    expect((await start(booking.id)).errors?.[0]?.extensions?.code).toBe('MODIFICATIONS_NOT_ACKNOWLEDGED');

    const partial = await stack.gql(
      ACK,
      { input: { checkId: check.id, modificationKeys: keys.slice(1) } },
      { token: therapist.accessToken },
    );
    expect(partial.errors?.[0]?.extensions).toMatchObject({
      code: 'MODIFICATIONS_NOT_ACKNOWLEDGED',
      missing: [keys[0]],
    });
    const bogus = await stack.gql(
      ACK,
      { input: { checkId: check.id, modificationKeys: [...keys, 'DEEP_TISSUE_OK'] } },
      { token: therapist.accessToken },
    );
    expect(bogus.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const notMine = await stack.gql(
      ACK,
      { input: { checkId: check.id, modificationKeys: keys } },
      { token: otherTherapist.accessToken },
    );
    expect(notMine.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await start(booking.id)).errors?.[0]?.extensions?.code).toBe('MODIFICATIONS_NOT_ACKNOWLEDGED');

    const [a, b] = await Promise.all([
      stack.gql(
        ACK,
        { input: { checkId: check.id, modificationKeys: keys } },
        { token: therapist.accessToken },
      ),
      stack.gql(
        ACK,
        { input: { checkId: check.id, modificationKeys: keys } },
        { token: therapist.accessToken },
      ),
    ]);
    const codes = [a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['DAY_OF_ALREADY_ACKNOWLEDGED', 'OK']);

    const started = await start(booking.id);
    expect(started.errors).toBeUndefined();
    expect(started.data?.startSession.booking.state).toBe('IN_SESSION');
    const row = await stack.prisma.booking.findUniqueOrThrow({
      where: { id: fromGlobalId('Booking', booking.id) },
    });
    expect({ agreedCap: row.agreedCap, selfCareCap: row.selfCareCap }).toEqual({
      agreedCap: 5,
      selfCareCap: 5,
    });
  });

  it('nor with a stale check: 2 h is fine, 2 h 1 min is not, and a new check fixes it', async () => {
    const { booking } = await arrivedBooking();
    await passingCheck(booking.id);
    clock.advanceMinutes(121);
    const stale = await start(booking.id);
    expect(stale.errors?.[0]?.extensions?.code).toBe('DAY_OF_CHECK_STALE');
    expect(stale.errors?.[0]?.message).toMatch(/more than 2 hours/);

    await passingCheck(booking.id);
    clock.advanceMinutes(120);
    const ok = await start(booking.id);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.startSession.booking.state).toBe('IN_SESSION');
  });

  it('only the assigned therapist runs it, and only at the door', async () => {
    const { client, home } = await newClient();
    const booking = await book(client, home);
    expect((await recordCheck(booking.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await atTheDoor(stack, booking.id, therapist, clock.now());
    expect((await recordCheck(booking.id, {}, otherTherapist)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const asClient = await stack.gql(
      RECORD,
      { input: passingDayOfCheck(booking.id) },
      { token: client.accessToken },
    );
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await passingCheck(booking.id);
    await start(booking.id);
    expect((await recordCheck(booking.id)).errors?.[0]?.extensions?.code).toBe('BOOKING_NOT_AT_DOOR');
  });

  it('REFER at the door ends the visit with no fee; the session can never start', async () => {
    const { booking } = await arrivedBooking();
    const res = await recordCheck(booking.id, { newSymptomsSinceBooking: ['SLURRED_SPEECH'] });
    expect(res.data?.recordDayOfCheck.check).toMatchObject({
      outcome: 'REFER',
      passing: false,
      urgent: true,
      visitEnded: true,
    });
    expect(res.data?.recordDayOfCheck.check.guidance).toMatch(/seek medical care now/i);
    const row = await stack.prisma.booking.findUniqueOrThrow({
      where: { id: fromGlobalId('Booking', booking.id) },
    });
    expect(row.state).toBe('BLOCKED');
    const events = await outbox(booking.id);
    expect(events.filter((e) => e.type === 'booking.blocked').map((e) => e.payload)).toEqual([
      expect.objectContaining({ outcome: 'REFER', stage: 'DAY_OF' }),
    ]);
    expect(events.map((e) => e.type)).not.toContain('booking.cancelled');
    const refused = await start(booking.id);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'DAY_OF_CHECK_NOT_CLEAR',
      outcome: 'REFER',
    });
    expect(refused.errors?.[0]?.message).toMatch(/outcome is REFER and the visit has ended/);
  });

  it('DEFER at the door with gentle-only: not passing until chosen; gentle-only caps pressure at 2', async () => {
    const { booking } = await arrivedBooking();
    const deferred = (await recordCheck(booking.id, { inAttackNow: true, currentPain: 6 })).data
      ?.recordDayOfCheck.check;
    expect(deferred).toMatchObject({
      outcome: 'DEFER',
      passing: false,
      visitEnded: false,
      gentleOnly: { ruleIds: ['D2'], pressureCap: 2 },
    });
    expect((await start(booking.id)).errors?.[0]?.extensions?.code).toBe('DAY_OF_CHECK_NOT_PASSING');

    const gentle = await passingCheck(booking.id, {
      inAttackNow: true,
      currentPain: 6,
      chooseGentleOnly: true,
    });
    expect(gentle).toMatchObject({
      outcome: 'CLEAR_WITH_MODIFICATIONS',
      gentleOnlyApplied: true,
      agreedCap: 2,
    });
    expect(gentle.modifications.map((m) => m.code)).toEqual(
      expect.arrayContaining(['HANDS_AND_FEET_ONLY', 'NO_HEAD_OR_NECK_PRESSURE']),
    );
    expect((await start(booking.id)).data?.startSession.booking.state).toBe('IN_SESSION');
  });

  it('DEFER at the door: the client declines gentle-only and the visit ends (no fee), once', async () => {
    const { booking } = await arrivedBooking();
    const deferred = (await recordCheck(booking.id, { touchSensitivityNow: true })).data?.recordDayOfCheck
      .check as CheckView;
    const ended = await stack.gql(
      END_VISIT,
      { input: { checkId: deferred.id } },
      { token: therapist.accessToken },
    );
    expect(ended.errors).toBeUndefined();
    const again = await stack.gql(
      END_VISIT,
      { input: { checkId: deferred.id } },
      { token: therapist.accessToken },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('VISIT_ALREADY_ENDED');
    const row = await stack.prisma.booking.findUniqueOrThrow({
      where: { id: fromGlobalId('Booking', booking.id) },
    });
    expect(row.state).toBe('BLOCKED');
    const refused = await start(booking.id);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'DAY_OF_CHECK_NOT_CLEAR',
      outcome: 'DEFER',
    });
  });

  it('DEFER with no gentle-only option (fever) ends the visit at once; soft hold D9 needs the confirmation', async () => {
    const { booking } = await arrivedBooking();
    const fever = (await recordCheck(booking.id, { temperatureCelsius: 38.4 })).data?.recordDayOfCheck.check;
    expect(fever).toMatchObject({ outcome: 'DEFER', gentleOnly: null, visitEnded: true });

    const second = await arrivedBooking();
    const hungry = await recordCheck(second.booking.id, { ateInLast4Hours: false, chooseGentleOnly: true });
    expect(hungry.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      confirmations: ['WATER_AND_SNACK'],
    });
    await passingCheck(second.booking.id, {
      ateInLast4Hours: false,
      chooseGentleOnly: true,
      confirmations: ['WATER_AND_SNACK'],
    });
    expect((await start(second.booking.id)).data?.startSession.booking.state).toBe('IN_SESSION');
  });

  it('a change at the door is re-screened, and the client must re-confirm it before the next booking', async () => {
    const { client, booking } = await arrivedBooking();
    const changed = intakeInput({ conditions: { osteoporosis: true } });
    const check = await passingCheck(booking.id, { changedSinceIntake: true, updatedIntake: changed });
    expect(check.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['M2', 'M7']));
    expect(check.agreedCap).toBe(4);

    const mine = await stack.gql<{
      myMigraineIntake: { version: number; source: string; reconfirmationReason: string };
    }>(`{ myMigraineIntake { version source reconfirmationReason } }`, {}, { token: client.accessToken });
    expect(mine.data?.myMigraineIntake).toEqual({
      version: 2,
      source: 'DAY_OF',
      reconfirmationReason: 'CHANGED',
    });
    const home = await addHome(stack, client);
    const next = await requestBooking(stack, client, home, tomorrow());
    expect(next.errors?.[0]?.extensions?.code).toBe('INTAKE_RECONFIRMATION_REQUIRED');
  });
});

describe('after the session', () => {
  it('over-pressure opens an incident for admin review, and M12 lowers the next plan', async () => {
    const { client, home } = await newClient(intakeInput({ preferences: { pressure: 'FIRM' } }));
    const booking = await book(client, home);
    await atTheDoor(stack, booking.id, therapist, clock.now());
    const check = await passingCheck(booking.id, { agreedPressureCap: 6 });
    expect(check.agreedCap).toBe(6); // FIRM 7, first session 6

    const early = await stack.gql(
      REPORT,
      { input: { bookingId: booking.id, maxPressureFelt: 8, postSessionMigraine: false } },
      { token: client.accessToken },
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('SESSION_NOT_COMPLETED');

    await start(booking.id);
    const done = await stack.gql(
      COMPLETE_SESSION,
      { input: { bookingId: booking.id } },
      { token: therapist.accessToken },
    );
    expect(done.errors).toBeUndefined();

    const stranger = await signUp(stack, 'CLIENT');
    const notTheirs = await stack.gql(
      REPORT,
      { input: { bookingId: booking.id, maxPressureFelt: 8, postSessionMigraine: false } },
      { token: stranger.accessToken },
    );
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const report = await stack.gql<{ reportSessionPressure: { report: Record<string, unknown> } }>(
      REPORT,
      {
        input: {
          bookingId: booking.id,
          maxPressureFelt: 8,
          postSessionMigraine: true,
          note: 'left temple throbbing after',
        },
      },
      { token: client.accessToken },
    );
    expect(report.data?.reportSessionPressure.report).toMatchObject({
      maxPressureFelt: 8,
      agreedCap: 6,
      overPressure: true,
      postSessionMigraine: true,
      incidentId: expect.any(String),
    });
    const twice = await stack.gql(
      REPORT,
      { input: { bookingId: booking.id, maxPressureFelt: 3, postSessionMigraine: false } },
      { token: client.accessToken },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('PRESSURE_ALREADY_REPORTED');

    const rawReport = JSON.stringify(
      await stack.prisma
        .$queryRaw`SELECT * FROM booking.session_pressure_reports WHERE booking_id = ${fromGlobalId('Booking', booking.id)}::uuid`,
    );
    expect(rawReport).not.toContain('temple');
    expect(rawReport).not.toContain('postSessionMigraine');

    // Admin review.
    const forbidden = await stack.gql(INCIDENTS, { status: 'OPEN' }, { token: client.accessToken });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const open = await stack.gql<{
      overPressureIncidents: {
        edges: { node: { id: string; bookingId: string; agreedCap: number; reportedMax: number } }[];
      };
    }>(INCIDENTS, { status: 'OPEN' }, { token: admin.accessToken });
    const incident = open.data?.overPressureIncidents.edges.find(
      (e) => e.node.bookingId === booking.id,
    )?.node;
    expect(incident).toMatchObject({ agreedCap: 6, reportedMax: 8 });
    const resolution = {
      incidentId: incident?.id,
      resolution: 'Spoke with the therapist; pressure check-ins reinforced.',
    };
    const [r1, r2] = await Promise.all([
      stack.gql(RESOLVE, { input: resolution }, { token: admin.accessToken }),
      stack.gql(RESOLVE, { input: resolution }, { token: admin.accessToken }),
    ]);
    expect([r1, r2].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'INCIDENT_ALREADY_RESOLVED',
      'OK',
    ]);
    expect(
      await stack.prisma.auditEntry.count({
        where: {
          action: 'incident.resolve',
          entityId: incident ? fromGlobalId('OverPressureIncident', incident.id) : '',
        },
      }),
    ).toBe(1);

    // M12: the next plan starts one level below the last cap (6 → 5), with check-ins every 10 minutes.
    const next = await book(client, home);
    const explained = await stack.gql<{
      bookingScreening: {
        pressureCap: number;
        rules: { id: string; pressureCap: number | null }[];
        modifications: { code: string }[];
      };
    }>(EXPLAIN, { id: next.id }, { token: client.accessToken });
    const s = explained.data?.bookingScreening;
    expect(s?.rules.find((r) => r.id === 'M12')).toMatchObject({ pressureCap: 5 });
    expect(s?.pressureCap).toBe(5);
    expect(s?.modifications.map((m) => m.code)).toEqual(
      expect.arrayContaining(['START_BELOW_LAST_CAP', 'PRESSURE_CHECK_IN_EVERY_10_MIN']),
    );
  });

  it('the day-of and decision rows hold no plaintext health answers', async () => {
    const { client, home } = await newClient(intakeInput({ medications: ['Fremanezumab-Private'] }));
    const booking = await book(client, home);
    await atTheDoor(stack, booking.id, therapist, clock.now());
    await passingCheck(booking.id, {
      medicationsTakenToday: ['Ubrogepant-Private'],
      avoidAreas: [{ area: 'FEET', side: 'LEFT', note: 'ingrown toenail' }],
    });
    const id = fromGlobalId('Booking', booking.id);
    const raw = JSON.stringify([
      await stack.prisma.$queryRaw`SELECT * FROM booking.day_of_checks WHERE booking_id = ${id}::uuid`,
      await stack.prisma.$queryRaw`SELECT * FROM booking.screening_decisions WHERE booking_id = ${id}::uuid`,
    ]);
    for (const text of ['Fremanezumab', 'Ubrogepant', 'toenail', 'FEET']) expect(raw).not.toContain(text);
  });
});
