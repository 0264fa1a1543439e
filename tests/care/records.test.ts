import { randomUUID } from 'node:crypto';
import { emitEvent } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp, startStack, TestClock, type TestUser } from '../harness/index.ts';
import { completeSession, gid, uid } from './helpers.ts';

const clock = new TestClock('2026-06-15T16:00:00.000Z'); // Monday noon in New York
let stack: Stack;
let client: TestUser;
let therapist: TestUser;
let otherTherapist: TestUser;
let otherClient: TestUser;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'care'], workers: true, now: clock.now });
  [client, therapist, otherTherapist, otherClient] = await Promise.all([
    signUp(stack, 'CLIENT'),
    signUp(stack, 'THERAPIST'),
    signUp(stack, 'THERAPIST'),
    signUp(stack, 'CLIENT'),
  ]);
});
afterAll(() => stack.close());

const ADD_DIARY = `mutation($input: AddDiaryEntryInput!) { addDiaryEntry(input: $input) { entry {
  id startedAt endedAt peakIntensity isMigraine aura triggers medications { name relief } wokeWithIt startedWhere } } }`;
const DIARY = `query($c: ID) { diaryEntries(clientId: $c, first: 50) { edges { node { id startedAt isMigraine } } } }`;
const OUTCOMES = `query($c: ID) { careOutcomes(clientId: $c) {
  clientId firstSessionAt sessionsCompleted
  baseline { startDate endDate migraineDays headacheDays complete }
  windows { index startDate migraineDays complete }
  responder { status reason baselineMigraineDays reductionPercent }
  trend { direction }
  hit6 { score band label } midas { score band label }
  questionnairesDue { kind due }
} }`;

async function diary(user: TestUser, day: string, isMigraine: boolean, extra: Record<string, unknown> = {}) {
  const res = await stack.gql<{ addDiaryEntry: { entry: Record<string, unknown> } }>(
    ADD_DIARY,
    {
      input: {
        startedAt: `${day}T11:00:00.000Z`,
        endedAt: `${day}T18:00:00.000Z`,
        peakIntensity: isMigraine ? 7 : 4,
        isMigraine,
        aura: false,
        wokeWithIt: true,
        ...extra,
      },
    },
    { token: user.accessToken },
  );
  if (!res.data) throw new Error(res.raw);
  return res.data.addDiaryEntry.entry;
}

describe('headache diary and outcomes', () => {
  beforeAll(async () => {
    await completeSession(stack, { client, therapist, startsAt: new Date('2026-05-01T14:00:00.000Z') });
    // Baseline (1–30 April): six migraine days and one other headache.
    for (const day of ['2026-04-02', '2026-04-06', '2026-04-10', '2026-04-15', '2026-04-20', '2026-04-25'])
      await diary(client, day, true);
    await diary(client, '2026-04-28', false);
    // First window (1–30 May): two migraine days.
    await diary(client, '2026-05-09', true);
    await diary(client, '2026-05-22', true);
  });

  it('keeps every diary field, sealed at rest', async () => {
    const entry = await diary(client, '2026-06-10', false, {
      aura: true,
      triggers: ['bright light', 'skipped lunch'],
      medications: [{ name: 'ibuprofen', relief: 'PARTIAL' }],
      wokeWithIt: false,
      startedWhere: 'right temple',
    });
    expect(entry).toMatchObject({
      startedAt: '2026-06-10T11:00:00.000Z',
      endedAt: '2026-06-10T18:00:00.000Z',
      peakIntensity: 4,
      isMigraine: false,
      aura: true,
      triggers: ['bright light', 'skipped lunch'],
      medications: [{ name: 'ibuprofen', relief: 'PARTIAL' }],
      wokeWithIt: false,
      startedWhere: 'right temple',
    });
    const rows = await stack.prisma.diaryEntry.findMany();
    expect(rows.every((r) => r.sealed.startsWith('v1.') && !r.sealed.includes('temple'))).toBe(true);
  });

  it('refuses an entry that ends before it starts', async () => {
    const res = await stack.gql(
      ADD_DIARY,
      {
        input: {
          startedAt: '2026-06-11T11:00:00Z',
          endedAt: '2026-06-11T10:00:00Z',
          peakIntensity: 5,
          isMigraine: true,
          aura: false,
          wokeWithIt: false,
        },
      },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('DIARY_ENTRY_INVALID');
  });

  it('computes baseline, 30-day windows and the responder figure', async () => {
    const res = await stack.gql<{ careOutcomes: Record<string, unknown> }>(
      OUTCOMES,
      {},
      { token: client.accessToken },
    );
    expect(res.data?.careOutcomes).toMatchObject({
      clientId: client.id,
      firstSessionAt: '2026-05-01T14:00:00.000Z',
      sessionsCompleted: 1,
      baseline: {
        startDate: '2026-04-01',
        endDate: '2026-04-30',
        migraineDays: 6,
        headacheDays: 7,
        complete: true,
      },
      windows: [
        { index: 0, startDate: '2026-05-01', migraineDays: 2, complete: true },
        { index: 1, startDate: '2026-05-31', migraineDays: 0, complete: false },
      ],
      responder: { status: 'RESPONDER', reason: null, baselineMigraineDays: 6, reductionPercent: 66.7 },
      trend: { direction: 'IMPROVING' },
      questionnairesDue: [
        { kind: 'HIT6', due: true },
        { kind: 'MIDAS', due: true },
      ],
    });
  });

  it('a therapist sees the trend of their own clients only; a client sees only their own diary', async () => {
    const mine = await stack.gql<{ careOutcomes: { responder: { status: string } } }>(
      OUTCOMES,
      { c: client.id },
      { token: therapist.accessToken },
    );
    expect(mine.data?.careOutcomes.responder.status).toBe('RESPONDER');
    const theirDiary = await stack.gql<{ diaryEntries: { edges: unknown[] } }>(
      DIARY,
      { c: client.id },
      { token: therapist.accessToken },
    );
    expect(theirDiary.data?.diaryEntries.edges).toHaveLength(10);

    for (const [user, vars] of [
      [otherTherapist, { c: client.id }],
      [otherClient, { c: client.id }],
    ] as const) {
      expect((await stack.gql(DIARY, vars, { token: user.accessToken })).errors?.[0]?.extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect(
        (await stack.gql(OUTCOMES, vars, { token: user.accessToken })).errors?.[0]?.extensions?.code,
      ).toBe('NOT_FOUND');
    }
    const own = await stack.gql<{ diaryEntries: { edges: unknown[] } }>(
      DIARY,
      {},
      { token: otherClient.accessToken },
    );
    expect(own.data?.diaryEntries.edges).toEqual([]);
    const anonymous = await stack.gql(DIARY, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('HIT-6 and MIDAS, scored as published', () => {
  const HIT6 = `mutation($input: SubmitHit6Input!) { submitHit6(input: $input) { result { kind score band label } } }`;
  const MIDAS = `mutation($input: SubmitMidasInput!) { submitMidas(input: $input) { result { kind score band label } } }`;

  it.each([
    // Never 6, Rarely 8, Sometimes 10, Very often 11, Always 13.
    [
      ['NEVER', 'NEVER', 'NEVER', 'NEVER', 'NEVER', 'NEVER'],
      36,
      'LITTLE_OR_NO_IMPACT',
      'Little or no impact',
    ],
    [['RARELY', 'RARELY', 'RARELY', 'RARELY', 'SOMETIMES', 'SOMETIMES'], 52, 'SOME_IMPACT', 'Some impact'],
    [
      ['NEVER', 'RARELY', 'SOMETIMES', 'VERY_OFTEN', 'ALWAYS', 'ALWAYS'],
      61,
      'SEVERE_IMPACT',
      'Severe impact',
    ],
    [
      ['SOMETIMES', 'SOMETIMES', 'SOMETIMES', 'SOMETIMES', 'RARELY', 'RARELY'],
      56,
      'SUBSTANTIAL_IMPACT',
      'Substantial impact',
    ],
    [['ALWAYS', 'ALWAYS', 'ALWAYS', 'ALWAYS', 'ALWAYS', 'ALWAYS'], 78, 'SEVERE_IMPACT', 'Severe impact'],
  ])('HIT-6 %j → %i (%s)', async (answers, score, band, label) => {
    const res = await stack.gql<{ submitHit6: { result: Record<string, unknown> } }>(
      HIT6,
      { input: { answers } },
      { token: client.accessToken },
    );
    expect(res.data?.submitHit6.result).toEqual({ kind: 'HIT6', score, band, label });
  });

  it.each([
    [[0, 1, 2, 1, 1], 5, 'I'],
    [[2, 2, 2, 2, 2], 10, 'II'],
    [[3, 2, 4, 1, 5], 15, 'III'],
    [[10, 5, 4, 1, 1], 21, 'IV'],
  ])('MIDAS %j → %i, grade %s', async (items, score, band) => {
    const res = await stack.gql<{ submitMidas: { result: Record<string, unknown> } }>(
      MIDAS,
      { input: { items, headacheDays: 20, averagePain: 6 } },
      { token: client.accessToken },
    );
    expect(res.data?.submitMidas.result).toMatchObject({ kind: 'MIDAS', score, band });
  });

  it('refuses incomplete answers with the reason', async () => {
    const res = await stack.gql(
      HIT6,
      { input: { answers: ['NEVER', 'NEVER'] } },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('QUESTIONNAIRE_INVALID');
    expect(res.errors?.[0]?.message).toMatch(/HIT-6 has 6 items; got 2 answers/);
  });

  it('prompts again only when due: HIT-6 every 4 weeks, MIDAS every 12', async () => {
    const due = async () =>
      (
        await stack.gql<{ careOutcomes: { questionnairesDue: { kind: string; due: boolean }[] } }>(
          OUTCOMES,
          {},
          {
            token: client.accessToken,
          },
        )
      ).data?.careOutcomes.questionnairesDue;
    expect(await due()).toEqual([
      { kind: 'HIT6', due: false },
      { kind: 'MIDAS', due: false },
    ]);
    clock.advanceDays(28);
    expect(await due()).toEqual([
      { kind: 'HIT6', due: true },
      { kind: 'MIDAS', due: false },
    ]);
    clock.advanceDays(56);
    expect(await due()).toEqual([
      { kind: 'HIT6', due: true },
      { kind: 'MIDAS', due: true },
    ]);
    clock.set('2026-06-15T16:00:00.000Z');
  });
});

describe('cadence plan', () => {
  const PLAN = `query($c: ID) { cadencePlan(clientId: $c) {
    suggestions { id date startsAt stage intervalDays reason therapistId status }
    physicianReview { reason sessionsCompleted baselineMigraineDays }
    expectation } }`;
  type CadenceOut = {
    cadencePlan: {
      suggestions: { id: string; date: string; startsAt: string; stage: string; therapistId: string }[];
      physicianReview: { reason: string; sessionsCompleted: number } | null;
      expectation: string;
    };
  };

  it('suggests weekly sessions first and turns one into a booking draft with the same therapist', async () => {
    const fresh = await signUp(stack, 'CLIENT');
    await completeSession(stack, {
      client: fresh,
      therapist,
      startsAt: new Date('2026-06-15T14:00:00.000Z'),
    });
    const plan = (await stack.gql<CadenceOut>(PLAN, {}, { token: fresh.accessToken })).data!.cadencePlan;
    expect(plan.suggestions.map((s) => [s.date, s.startsAt, s.stage])).toEqual([
      ['2026-06-22', '2026-06-22T14:00:00.000Z', 'WEEKLY'],
      ['2026-06-29', '2026-06-29T14:00:00.000Z', 'WEEKLY'],
      ['2026-07-06', '2026-07-06T14:00:00.000Z', 'WEEKLY'],
    ]);
    expect(plan.physicianReview).toBeNull();
    expect(plan.expectation).toMatch(/not a cure/);

    const BOOK = `mutation($input: BookSuggestedSessionInput!) { bookSuggestedSession(input: $input) { suggestion { id status } } }`;
    const first = plan.suggestions[0]!;
    const stranger = await stack.gql(
      BOOK,
      { input: { suggestionId: first.id } },
      { token: otherClient.accessToken },
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const [a, b] = await Promise.all([
      stack.gql(BOOK, { input: { suggestionId: first.id } }, { token: fresh.accessToken }),
      stack.gql(BOOK, { input: { suggestionId: first.id } }, { token: fresh.accessToken }),
    ]);
    expect([a, b].map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual([
      'CADENCE_SUGGESTION_UNAVAILABLE',
      'OK',
    ]);
    const events = await stack.prisma.outboxEvent.findMany({ where: { type: 'care.rebook_requested' } });
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toEqual({
      suggestionId: expect.any(String),
      clientId: uid(fresh),
      therapistId: uid(therapist),
      startsAt: '2026-06-22T14:00:00.000Z',
    });
  });

  it('suggests a physician review when migraine days are not falling after 6 sessions', async () => {
    const steady = await signUp(stack, 'CLIENT');
    // Baseline 4 April – 3 May: four migraine days; the last 30 days: four again.
    for (const day of [
      '2026-04-08',
      '2026-04-15',
      '2026-04-22',
      '2026-04-29',
      '2026-05-20',
      '2026-05-27',
      '2026-06-03',
      '2026-06-10',
    ])
      await diary(steady, day, true);
    for (const day of ['05-04', '05-11', '05-18', '05-25', '06-01', '06-08'])
      await completeSession(stack, {
        client: steady,
        therapist,
        startsAt: new Date(`2026-${day}T14:00:00.000Z`),
      });
    const plan = (await stack.gql<CadenceOut>(PLAN, { c: steady.id }, { token: therapist.accessToken })).data!
      .cadencePlan;
    expect(plan.physicianReview).toMatchObject({ sessionsCompleted: 6 });
    expect(plan.physicianReview?.reason).toMatch(/After 6 sessions your migraine days are not falling/);
    expect(plan.suggestions[0]?.stage).toBe('EVERY_OTHER_WEEK');
    const foreign = await stack.gql(PLAN, { c: steady.id }, { token: otherTherapist.accessToken });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('SOAP session notes', () => {
  const WRITE = `mutation($input: WriteSessionNoteInput!) { writeSessionNote(input: $input) { note {
    id subjective plan version locked lockedAt versions { version subjective reason } } } }`;
  const soap = (s: string) => ({
    subjective: s,
    objective: 'Tight suboccipitals',
    assessment: 'Tension pattern',
    plan: 'Weekly',
  });
  let bookingId: string;

  it('only the assigned therapist writes, and only after completion', async () => {
    const pending = randomUUID();
    await stack.prisma.$transaction((tx) =>
      emitEvent(tx, {
        type: 'booking.confirmed',
        aggregateType: 'Booking',
        aggregateId: pending,
        payload: {
          bookingId: pending,
          clientId: uid(client),
          therapistId: uid(therapist),
          kind: 'SESSION',
          startsAt: '2026-06-20T14:00:00Z',
        },
      }),
    );
    await eventually(
      async () => stack.prisma.careBooking.findUnique({ where: { bookingId: pending } }),
      'confirmed',
    );
    const early = await stack.gql(
      WRITE,
      { input: { bookingId: gid('Booking', pending), ...soap('x') } },
      { token: therapist.accessToken },
    );
    expect(early.errors?.[0]?.extensions?.code).toBe('SESSION_NOT_COMPLETED');

    bookingId = await completeSession(stack, {
      client,
      therapist,
      startsAt: new Date('2026-06-15T13:00:00.000Z'),
      completedAt: new Date('2026-06-15T14:00:00.000Z'),
    });
    const foreign = await stack.gql(
      WRITE,
      { input: { bookingId: gid('Booking', bookingId), ...soap('x') } },
      { token: otherTherapist.accessToken },
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const byClient = await stack.gql(
      WRITE,
      { input: { bookingId: gid('Booking', bookingId), ...soap('x') } },
      { token: client.accessToken },
    );
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('edits freely until 24 hours after completion, then keeps amendments as audited versions', async () => {
    const write = (s: string, amendmentReason?: string) =>
      stack.gql<{ writeSessionNote: { note: Record<string, unknown> } }>(
        WRITE,
        {
          input: {
            bookingId: gid('Booking', bookingId),
            ...soap(s),
            ...(amendmentReason ? { amendmentReason } : {}),
          },
        },
        { token: therapist.accessToken },
      );
    expect((await write('Headache 6/10 on waking')).data?.writeSessionNote.note).toMatchObject({
      version: 1,
      locked: false,
    });
    expect((await write('Headache 5/10 on waking')).data?.writeSessionNote.note).toMatchObject({
      subjective: 'Headache 5/10 on waking',
      version: 1,
      lockedAt: '2026-06-16T14:00:00.000Z',
      versions: [],
    });
    const row = await stack.prisma.sessionNote.findUniqueOrThrow({ where: { bookingId } });
    expect(row.sealed).not.toContain('waking');

    clock.set('2026-06-16T14:00:00.000Z'); // exactly 24 h after completion
    const refused = await write('changed');
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOTE_AMENDMENT_REASON_REQUIRED');
    const amended = await write(
      'Headache 5/10, started behind the right eye',
      'Client clarified where it starts',
    );
    expect(amended.data?.writeSessionNote.note).toMatchObject({
      subjective: 'Headache 5/10, started behind the right eye',
      version: 2,
      locked: true,
      versions: [
        { version: 1, subjective: 'Headache 5/10 on waking', reason: 'Client clarified where it starts' },
      ],
    });
    const audit = await stack.prisma.auditEntry.findMany({ where: { action: 'care.note.amended' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: uid(therapist),
      before: { version: 1 },
      after: { version: 2 },
    });
    expect(JSON.stringify(audit[0])).not.toContain('right eye');
    const read = await stack.gql(
      `query($b: ID!) { sessionNote(bookingId: $b) { version } }`,
      { b: gid('Booking', bookingId) },
      {
        token: otherTherapist.accessToken,
      },
    );
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
