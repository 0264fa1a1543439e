import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import { changeTimezone, completeSession, createPlan, gid, PLAN, type PlanOut, uid } from './helpers.ts';

// Friday 6 March 2026, noon in New York; clocks spring forward on Sunday 8 March.
const clock = new TestClock('2026-03-06T17:00:00.000Z');
let stack: Stack;
let client: TestUser;
let therapist: TestUser;
let otherTherapist: TestUser;
let otherClient: TestUser;
let bookingId: string;

beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity', 'care'],
    workers: true,
    now: clock.now,
    env: { CARE_SWEEP_INTERVAL_MS: '200' },
  });
  [client, therapist, otherTherapist, otherClient] = await Promise.all([
    signUp(stack, 'CLIENT'),
    signUp(stack, 'THERAPIST'),
    signUp(stack, 'THERAPIST'),
    signUp(stack, 'CLIENT'),
  ]);
  bookingId = await completeSession(stack, {
    client,
    therapist,
    startsAt: new Date('2026-03-06T15:00:00.000Z'),
    selfCareCap: 5,
  });
});
afterAll(() => stack.close());

const plan = async (id: string, user: TestUser) =>
  (await stack.gql<{ homeworkPlan: PlanOut }>(PLAN, { id }, { token: user.accessToken })).data?.homeworkPlan;

const TRANSITION = (name: string) => `mutation($input: HomeworkPlanTransitionInput!) {
  ${name}(input: $input) { plan { id status upcomingReminders(first: 50) { id } } } }`;

describe('homework plan caps', () => {
  it('refuses a plan whose pain cap is above 6, with a clear code', async () => {
    const res = await stack.gql(
      `mutation($input: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $input) { plan { id } } }`,
      { input: { bookingId: gid('Booking', bookingId), painCap: 7, items: [{ itemId: 'chin-tucks' }] } },
      { token: therapist.accessToken },
    );
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('HOMEWORK_PAIN_CAP_ABOVE_MAX');
    expect(res.errors?.[0]?.message).toMatch(/never go above 6 out of 10/);
    expect(await stack.prisma.homeworkPlan.count()).toBe(0);
  });

  it('refuses an item cap above 6 too', async () => {
    const res = await stack.gql(
      `mutation($input: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $input) { plan { id } } }`,
      {
        input: {
          bookingId: gid('Booking', bookingId),
          items: [{ itemId: 'tennis-ball-upper-back', painCap: 8 }],
        },
      },
      { token: therapist.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('HOMEWORK_PAIN_CAP_ABOVE_MAX');
  });

  it("refuses a cap above the session's self-care cap", async () => {
    const lowCap = await completeSession(stack, {
      client: otherClient,
      therapist,
      startsAt: new Date('2026-03-05T15:00:00.000Z'),
      selfCareCap: 3,
    });
    const res = await stack.gql(
      `mutation($input: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $input) { plan { id } } }`,
      { input: { bookingId: gid('Booking', lowCap), painCap: 5, items: [{ itemId: 'chin-tucks' }] } },
      { token: therapist.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('HOMEWORK_PAIN_CAP_ABOVE_SESSION_CAP');
  });

  it('refuses a dose outside the catalogue, naming the violation', async () => {
    const res = await stack.gql(
      `mutation($input: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $input) { plan { id } } }`,
      {
        input: {
          bookingId: gid('Booking', bookingId),
          items: [{ itemId: 'suboccipital-release', dose: { minutes: { exactly: 12 } } }],
        },
      },
      { token: therapist.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('HOMEWORK_PLAN_INVALID');
    expect(res.errors?.[0]?.extensions?.violations).toEqual([
      expect.objectContaining({ code: 'DOSE_ABOVE_MAX', itemId: 'suboccipital-release', param: 'minutes' }),
    ]);
  });

  it('only the session’s own therapist may write its plan', async () => {
    const res = await stack.gql(
      `mutation($input: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $input) { plan { id } } }`,
      { input: { bookingId: gid('Booking', bookingId), items: [{ itemId: 'chin-tucks' }] } },
      { token: otherTherapist.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('homework plan, reminders and moves', () => {
  let created: PlanOut;

  it('builds the plan from the catalogue and shows its limits in plain words', async () => {
    created = await createPlan(stack, therapist, {
      bookingId: gid('Booking', bookingId),
      items: [
        { itemId: 'suboccipital-release', times: ['09:00'] },
        { itemId: 'chin-tucks', times: ['22:30'] },
        { itemId: 'pillow-check' },
      ],
    });
    expect(created.status).toBe('ACTIVE');
    expect(created.painCap).toBe(5);
    expect(created.sessionCap).toBe(5);
    expect(created.description).toContain('Keep pressure at or below 5 out of 10');
    expect(created.description).toContain(
      'Stop at once if you feel dizzy or numb, or if your vision changes.',
    );
    expect(created.description).toContain(
      'Never use self-massage or a massage device on the front or sides of your neck.',
    );
    expect(created.items?.map((i) => [i.itemId, i.painCap])).toEqual([
      ['suboccipital-release', 5],
      ['chin-tucks', 0],
      ['pillow-check', null],
    ]);
  });

  it('schedules reminders in the client’s timezone, across the spring-forward change and out of quiet hours', () => {
    const shown = created.upcomingReminders.map((r) => [
      r.itemId,
      r.fireAt,
      r.localDate,
      r.localTime,
      r.adjustments,
    ]);
    expect(shown).toEqual([
      // 22:30 is inside quiet hours (21:00–08:00): it moves to 08:00 the next morning.
      ['chin-tucks', '2026-03-07T13:00:00.000Z', '2026-03-07', '08:00', ['QUIET_HOURS']],
      ['suboccipital-release', '2026-03-07T14:00:00.000Z', '2026-03-07', '09:00', []],
      // After the change New York is UTC-4: the same wall-clock time is an hour earlier in UTC.
      ['chin-tucks', '2026-03-08T12:00:00.000Z', '2026-03-08', '08:00', ['QUIET_HOURS']],
      ['suboccipital-release', '2026-03-08T13:00:00.000Z', '2026-03-08', '09:00', []],
      ['chin-tucks', '2026-03-09T12:00:00.000Z', '2026-03-09', '08:00', ['QUIET_HOURS']],
      ['suboccipital-release', '2026-03-09T13:00:00.000Z', '2026-03-09', '09:00', []],
    ]);
    expect(new Set(created.upcomingReminders.map((r) => r.timeZone))).toEqual(new Set(['America/New_York']));
  });

  it('puts one delayed BullMQ job per reminder, with its deterministic id', async () => {
    const rows = await stack.prisma.reminder.findMany({ where: { status: 'SCHEDULED' } });
    expect(rows).toHaveLength(6);
    const { Queue } = await import('bullmq');
    const queue = new Queue('care-reminders', { connection: stack.redis, prefix: stack.config.QUEUE_PREFIX });
    // The jobs are written with the rows (job outbox) and published by the relay.
    await eventually(async () => {
      const states = await Promise.all(rows.map(async (r) => (await queue.getJob(r.jobId))?.getState()));
      return states.every((s) => s === 'delayed');
    }, 'every reminder job published, delayed');
    for (const r of rows) expect(r.jobId).toMatch(/^reminder_[^:]+Z$/);
    // Re-adding the same reminder is a no-op: BullMQ dedupes the id.
    const first = rows[0]!;
    await queue.add('reminder', { reminderId: first.id }, { jobId: first.jobId, delay: 1000 });
    expect(await queue.getDelayedCount()).toBe(6);
    await queue.close();
  });

  it('tops the horizon up as the clock moves, keeping reminders correct after the change', async () => {
    clock.set('2026-03-08T14:00:00.000Z'); // Sunday 10:00 EDT
    const later = await (async () => {
      for (let i = 0; i < 200; i++) {
        const p = await plan(created.id, client);
        if (p?.upcomingReminders.some((r) => r.localDate === '2026-03-11')) return p;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the sweep never topped the horizon up');
    })();
    const suboccipital = later.upcomingReminders.filter((r) => r.itemId === 'suboccipital-release');
    expect(suboccipital.map((r) => r.fireAt)).toEqual([
      '2026-03-09T13:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
      '2026-03-11T13:00:00.000Z',
    ]);
  });

  it('moves the reminders when the client’s timezone changes', async () => {
    await changeTimezone(stack, uid(client), 'America/Los_Angeles');
    const moved = await plan(created.id, client);
    const suboccipital = moved!.upcomingReminders.filter((r) => r.itemId === 'suboccipital-release');
    expect(suboccipital.map((r) => [r.fireAt, r.localTime, r.timeZone])).toEqual([
      ['2026-03-08T16:00:00.000Z', '09:00', 'America/Los_Angeles'],
      ['2026-03-09T16:00:00.000Z', '09:00', 'America/Los_Angeles'],
      ['2026-03-10T16:00:00.000Z', '09:00', 'America/Los_Angeles'],
    ]); // 3 days ahead of the clock: the sweep adds the next one as time moves on
    // The New York ones are cancelled, never delivered.
    const nyLeft = await stack.prisma.reminder.count({
      where: { timeZone: 'America/New_York', status: 'SCHEDULED', fireAt: { gte: clock.now() } },
    });
    expect(nyLeft).toBe(0);
  });

  it('moves the reminders when the plan changes', async () => {
    const res = await stack.gql<{ updateHomeworkPlan: { plan: PlanOut } }>(
      `mutation($input: UpdateHomeworkPlanInput!) { updateHomeworkPlan(input: $input) { plan {
        id upcomingReminders(first: 50) { itemId localTime } } } }`,
      { input: { planId: created.id, items: [{ itemId: 'suboccipital-release', times: ['18:15'] }] } },
      { token: therapist.accessToken },
    );
    const reminders = res.data!.updateHomeworkPlan.plan.upcomingReminders;
    expect(new Set(reminders.map((r) => `${r.itemId} ${r.localTime}`))).toEqual(
      new Set(['suboccipital-release 18:15']),
    );
  });

  it('pauses, refuses an illegal move, resumes, and ends; ending stops every reminder', async () => {
    const pause = await stack.gql<{ pauseHomeworkPlan: { plan: PlanOut } }>(
      TRANSITION('pauseHomeworkPlan'),
      { input: { planId: created.id } },
      { token: client.accessToken },
    );
    expect(pause.data?.pauseHomeworkPlan.plan.status).toBe('PAUSED');
    expect(pause.data?.pauseHomeworkPlan.plan.upcomingReminders).toEqual([]);

    const again = await stack.gql(
      TRANSITION('pauseHomeworkPlan'),
      { input: { planId: created.id } },
      { token: client.accessToken },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('HOMEWORK_PLAN_TRANSITION_INVALID');
    expect(again.errors?.[0]?.message).toMatch(/paused; it can be paused only when active/);

    const resume = await stack.gql<{ resumeHomeworkPlan: { plan: PlanOut } }>(
      TRANSITION('resumeHomeworkPlan'),
      { input: { planId: created.id } },
      { token: therapist.accessToken },
    );
    expect(resume.data?.resumeHomeworkPlan.plan.status).toBe('ACTIVE');
    expect(resume.data?.resumeHomeworkPlan.plan.upcomingReminders.length).toBeGreaterThan(0);

    // Two ends race: one wins, the other is told why.
    const results = await Promise.all(
      [client, therapist].map((u) =>
        stack.gql(TRANSITION('endHomeworkPlan'), { input: { planId: created.id } }, { token: u.accessToken }),
      ),
    );
    expect(results.filter((r) => r.data).length).toBe(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe(
      'HOMEWORK_PLAN_TRANSITION_INVALID',
    );
    const ended = await plan(created.id, client);
    expect(ended?.status).toBe('ENDED');
    expect(ended?.upcomingReminders).toEqual([]);
    expect(
      await stack.prisma.reminder.count({ where: { status: 'SCHEDULED', fireAt: { gte: clock.now() } } }),
    ).toBe(0);
  });

  it('keeps other people out of a plan', async () => {
    expect(
      (await stack.gql(PLAN, { id: created.id }, { token: otherClient.accessToken })).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
    expect(
      (await stack.gql(PLAN, { id: created.id }, { token: otherTherapist.accessToken })).errors?.[0]
        ?.extensions?.code,
    ).toBe('NOT_FOUND');
    const list = await stack.gql(
      `query($c: ID) { homeworkPlans(clientId: $c) { edges { node { id } } } }`,
      { c: client.id },
      { token: otherTherapist.accessToken },
    );
    expect(list.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await stack.gql<{ homeworkPlans: { edges: { node: { id: string } }[] } }>(
      `query($c: ID) { homeworkPlans(clientId: $c) { edges { node { id } } } }`,
      { c: client.id },
      { token: therapist.accessToken },
    );
    expect(own.data?.homeworkPlans.edges.map((e) => e.node.id)).toEqual([created.id]);
  });
});

describe('quiet hours and DST edge times', () => {
  it('fires a 02:30 reminder lost to spring-forward at 03:00, and one in the fall-back overlap once', async () => {
    const tzClient = await signUp(stack, 'CLIENT');
    clock.set('2026-03-06T17:00:00.000Z');
    const session = await completeSession(stack, {
      client: tzClient,
      therapist,
      startsAt: new Date('2026-03-06T15:00:00.000Z'),
    });
    // Quiet hours 23:00–01:00 leave 02:30 allowed.
    const prefs = await stack.gql<{ setReminderPreferences: { preferences: Record<string, string> } }>(
      `mutation($input: SetReminderPreferencesInput!) { setReminderPreferences(input: $input) {
        preferences { timeZone quietHoursStart quietHoursEnd } } }`,
      { input: { quietHoursStart: '23:00', quietHoursEnd: '01:00' } },
      { token: tzClient.accessToken },
    );
    expect(prefs.data?.setReminderPreferences.preferences).toEqual({
      timeZone: 'America/New_York',
      quietHoursStart: '23:00',
      quietHoursEnd: '01:00',
    });
    const created = await createPlan(stack, therapist, {
      bookingId: gid('Booking', session),
      items: [{ itemId: 'chin-tucks', times: ['02:30'] }],
    });
    expect(created.upcomingReminders.map((r) => [r.fireAt, r.localDate, r.localTime, r.adjustments])).toEqual(
      [
        ['2026-03-07T07:30:00.000Z', '2026-03-07', '02:30', []],
        ['2026-03-08T07:00:00.000Z', '2026-03-08', '03:00', ['DST_GAP']],
        ['2026-03-09T06:30:00.000Z', '2026-03-09', '02:30', []],
      ],
    );

    // Fall back on Sunday 1 November 2026: 01:30 happens twice; the reminder fires once, at the first.
    clock.set('2026-10-31T16:00:00.000Z');
    await stack.gql(
      `mutation($input: SetReminderPreferencesInput!) { setReminderPreferences(input: $input) { preferences { timeZone } } }`,
      { input: { quietHoursStart: null, quietHoursEnd: null } },
      { token: tzClient.accessToken },
    );
    await stack.gql(
      `mutation($input: UpdateHomeworkPlanInput!) { updateHomeworkPlan(input: $input) { plan { id } } }`,
      { input: { planId: created.id, items: [{ itemId: 'chin-tucks', times: ['01:30'] }] } },
      { token: therapist.accessToken },
    );
    const fall = await plan(created.id, tzClient);
    expect(fall!.upcomingReminders.map((r) => [r.fireAt, r.localTime, r.adjustments])).toEqual([
      ['2026-11-01T05:30:00.000Z', '01:30', ['DST_OVERLAP']],
      ['2026-11-02T06:30:00.000Z', '01:30', []],
      ['2026-11-03T06:30:00.000Z', '01:30', []],
    ]);
  });
});
