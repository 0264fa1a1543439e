import { randomBytes } from 'node:crypto';
import { dobDate, engineAnswers } from '@mm/booking/src/modules/intake/intake.answers.ts';
import { IntakeRepository } from '@mm/booking/src/modules/intake/intake.repository.ts';
import { seedDemo } from '@mm/booking/src/seed.ts';
import { createFieldCipher } from '@mm/crypto';
import { fromGlobalId } from '@mm/graphql-kit';
import { screenIntake } from '@mm/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, signUpAdmin, startStack, TestClock, type TestUser } from '../harness/index.ts';
import { intakeInput, SUBMIT_INTAKE, submitIntake, uuidOf } from './support/safety.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let client: TestUser;
let other: TestUser;
let therapist: TestUser;
let admin: TestUser;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], now: clock.now });
  [client, other, therapist, admin] = await Promise.all([
    signUp(stack, 'CLIENT'),
    signUp(stack, 'CLIENT'),
    signUp(stack, 'THERAPIST'),
    signUpAdmin(stack),
  ]);
});
afterAll(() => stack.close());

const MY_INTAKE = `{ myMigraineIntake { id version confirmedAt needsReconfirmation reconfirmationReason
  answers { triggers { scents } medications } } }`;
const INTAKE_BY_ID = `query($id: ID!) { migraineIntake(id: $id) { id version answers { medications } } }`;
const CONFIRM = `mutation($input: ConfirmMigraineIntakeInput!) { confirmMigraineIntake(input: $input) {
  intake { id version confirmedAt needsReconfirmation } } }`;

describe('migraine intake', () => {
  it('saves the seed articles’ headache pattern and triggers as version 1, confirmed', async () => {
    const answers = intakeInput({
      headache: { startsAt: ['NECK'], onset: 'ON_WAKING', wakesWithHeadache: true, oneSided: true },
      triggers: {
        scents: true,
        footwearHeels: true,
        pillow: true,
        oneSidedChewing: true,
        barometricPressure: true,
      },
    });
    const res = await stack.gql<{ submitMigraineIntake: { intake: Record<string, unknown> } }>(
      SUBMIT_INTAKE,
      { input: { answers } },
      { token: client.accessToken },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitMigraineIntake.intake).toMatchObject({
      version: 1,
      source: 'CLIENT',
      confirmedAt: clock.now().toISOString(),
      needsReconfirmation: false,
      reconfirmationReason: null,
      answers: {
        dateOfBirth: '1988-05-14',
        headache: { startsAt: ['NECK'], onset: 'ON_WAKING', oneSided: true },
        triggers: { scents: true, posture: true },
        preferences: { pressure: 'MEDIUM', focusAreas: [{ area: 'SHOULDERS', side: 'BOTH', note: null }] },
      },
    });
  });

  it('refuses an incomplete intake: an unanswered red-flag question is not a "no"', async () => {
    const answers = intakeInput();
    delete (answers.redFlags as Record<string, unknown>).thunderclapOnset;
    const res = await stack.gql(SUBMIT_INTAKE, { input: { answers } }, { token: client.accessToken });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a Fahrenheit temperature and an impossible date of birth with field paths', async () => {
    const res = await stack.gql(
      SUBMIT_INTAKE,
      { input: { answers: intakeInput({ currentState: { temperatureCelsius: 101.2 } }, '1988-02-30') } },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (res.errors?.[0]?.extensions?.fields ?? []) as { path: string }[];
    const paths = fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['currentState.temperatureCelsius', 'dateOfBirth']));
  });

  it('refuses dates that cannot be true: clinical events in the future or before birth, a birth in the future', async () => {
    const day = 86_400_000;
    const future = new Date(clock.now().getTime() + 3 * day);
    const current = await stack.gql<{ myMigraineIntake: { version: number } | null }>(
      MY_INTAKE,
      {},
      { token: client.accessToken },
    );
    const before = current.data?.myMigraineIntake?.version ?? 0;
    const res = await stack.gql(
      SUBMIT_INTAKE,
      {
        input: {
          answers: intakeInput({
            recentEvents: {
              surgery: {
                at: future,
                area: { area: 'ABDOMEN', side: null, note: null },
                surgeonCleared: true,
              },
              whiplashAt: new Date('1970-03-01T12:00:00.000Z'),
              lastChemotherapyAt: future,
            },
          }),
        },
      },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/dates cannot be right/);
    expect(res.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'recentEvents.whiplashAt', message: 'must not be before the date of birth' },
      { path: 'recentEvents.surgery.at', message: 'must not be in the future' },
      { path: 'recentEvents.lastChemotherapyAt', message: 'must not be in the future' },
    ]);
    const unborn = new Date(clock.now().getTime() + 400 * day).toISOString().slice(0, 10);
    const born = await stack.gql(
      SUBMIT_INTAKE,
      { input: { answers: intakeInput({}, unborn) } },
      { token: client.accessToken },
    );
    expect(born.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'dateOfBirth', message: 'must not be in the future' }],
    });
    // Nothing was saved by either refusal.
    const mine = await stack.gql<{ myMigraineIntake: { version: number } | null }>(
      MY_INTAKE,
      {},
      { token: client.accessToken },
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.myMigraineIntake?.version ?? 0).toBe(before);
  });

  it('only clients keep an intake', async () => {
    const res = await stack.gql(
      SUBMIT_INTAKE,
      { input: { answers: intakeInput() } },
      { token: therapist.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('new answers make a new version; concurrent submissions never collide', async () => {
    const racer = await signUp(stack, 'CLIENT');
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => submitIntake(stack, racer, intakeInput({ medications: ['sumatriptan'] }))),
    );
    expect(results.map((r) => r.version).sort()).toEqual([1, 2, 3, 4]);
    const mine = await stack.gql<{ myMigraineIntake: { version: number } }>(
      MY_INTAKE,
      {},
      { token: racer.accessToken },
    );
    expect(mine.data?.myMigraineIntake.version).toBe(4);
  });

  it('a client cannot read another client’s intake (NOT_FOUND, not FORBIDDEN)', async () => {
    const mine = await submitIntake(stack, other, intakeInput({ medications: ['propranolol'] }));
    const own = await stack.gql<{ migraineIntake: { answers: { medications: string[] } } }>(
      INTAKE_BY_ID,
      { id: mine.id },
      { token: other.accessToken },
    );
    expect(own.data?.migraineIntake.answers.medications).toEqual(['propranolol']);

    const res = await stack.gql(INTAKE_BY_ID, { id: mine.id }, { token: client.accessToken });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.raw).not.toContain('propranolol');
    const asTherapist = await stack.gql(INTAKE_BY_ID, { id: mine.id }, { token: therapist.accessToken });
    expect(asTherapist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asTherapist.raw).not.toContain('propranolol');
  });

  it('an admin can read an intake, and the read is audited', async () => {
    const intake = await submitIntake(stack, other, intakeInput({ medications: ['topiramate'] }));
    const res = await stack.gql<{ migraineIntake: { answers: { medications: string[] } } }>(
      INTAKE_BY_ID,
      { id: intake.id },
      { token: admin.accessToken },
    );
    expect(res.data?.migraineIntake.answers.medications).toEqual(['topiramate']);
    // Once: graphql-kit's health-data audit, no second row written by the service.
    const audit = await stack.prisma.auditEntry.findMany({
      where: { actorId: uuidOf(admin), entityId: fromGlobalId('MigraineIntake', intake.id) },
    });
    expect(audit.map((a) => [a.action, a.entityType])).toEqual([['health_data.read', 'MigraineIntake']]);
    expect(JSON.stringify(audit)).not.toContain('topiramate');
  });

  it('the database holds no plaintext health answers (reads the raw row)', async () => {
    const secret = intakeInput({
      medications: ['Zolmitriptan-Secret-Brand'],
      headache: { auraDescription: 'zigzag lights like broken glass', hasUsualAura: true },
      triggers: { other: 'smell of fresh paint', scents: true },
      conditions: {
        localAreaIssues: [
          { kind: 'RECENT_SCAR', area: { area: 'ABDOMEN', side: null, note: 'c-section scar' } },
        ],
      },
    });
    const sealed = await signUp(stack, 'CLIENT');
    const intake = await submitIntake(stack, sealed, secret);
    const rows = await stack.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT * FROM booking.migraine_intakes WHERE client_id = ${uuidOf(sealed)}::uuid`;
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    for (const text of [
      'Zolmitriptan',
      'zigzag',
      'fresh paint',
      'c-section',
      'RECENT_SCAR',
      'scents',
      '1988-05-14',
    ]) {
      expect(raw).not.toContain(text);
    }
    expect(String(rows[0]?.answers_sealed)).toMatch(/^v1\.[a-z0-9]+\./);
    // …and it opens again through the API.
    const back = await stack.gql<{ myMigraineIntake: { id: string; answers: { medications: string[] } } }>(
      MY_INTAKE,
      {},
      { token: sealed.accessToken },
    );
    expect(back.data?.myMigraineIntake).toMatchObject({
      id: intake.id,
      answers: { medications: ['Zolmitriptan-Secret-Brand'] },
    });
  });

  it('needs re-confirmation after 90 days; confirming the current version clears it', async () => {
    const ageing = await signUp(stack, 'CLIENT');
    const intake = await submitIntake(stack, ageing);
    clock.advanceDays(90);
    const fresh = await stack.gql<{ myMigraineIntake: { needsReconfirmation: boolean } }>(
      MY_INTAKE,
      {},
      { token: ageing.accessToken },
    );
    expect(fresh.data?.myMigraineIntake.needsReconfirmation).toBe(false);
    clock.advanceMinutes(1);
    const stale = await stack.gql<{ myMigraineIntake: Record<string, unknown> }>(
      MY_INTAKE,
      {},
      { token: ageing.accessToken },
    );
    expect(stale.data?.myMigraineIntake).toMatchObject({
      needsReconfirmation: true,
      reconfirmationReason: 'EXPIRED',
    });

    const confirmed = await stack.gql<{ confirmMigraineIntake: { intake: Record<string, unknown> } }>(
      CONFIRM,
      { input: { intakeId: intake.id } },
      { token: ageing.accessToken },
    );
    expect(confirmed.data?.confirmMigraineIntake.intake).toMatchObject({
      id: intake.id,
      version: 1,
      confirmedAt: clock.now().toISOString(),
      needsReconfirmation: false,
    });
  });

  it('refuses to confirm an older version, or someone else’s', async () => {
    const c = await signUp(stack, 'CLIENT');
    const v1 = await submitIntake(stack, c);
    await submitIntake(stack, c, intakeInput({ medications: ['rizatriptan'] }));
    const old = await stack.gql(CONFIRM, { input: { intakeId: v1.id } }, { token: c.accessToken });
    expect(old.errors?.[0]?.extensions?.code).toBe('INTAKE_NOT_CURRENT');
    const theirs = await stack.gql(CONFIRM, { input: { intakeId: v1.id } }, { token: other.accessToken });
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const wrongType = await stack.gql(CONFIRM, { input: { intakeId: c.id } }, { token: c.accessToken });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('key rotation and demo data', () => {
  it('re-seals intakes under a new key; old envelopes keep opening until then', async () => {
    const c = await signUp(stack, 'CLIENT');
    await submitIntake(stack, c, intakeInput({ medications: ['eletriptan'] }));
    const oldSpec = stack.config.HEALTH_DATA_KEYS;
    const rotated = `k9:${randomBytes(32).toString('base64')},${oldSpec}`;
    const repo = new IntakeRepository(stack.prisma, createFieldCipher(rotated));
    let resealed = 0;
    for (let n = await repo.resealOldKeys(50); n > 0; n = await repo.resealOldKeys(50)) resealed += n;
    expect(resealed).toBeGreaterThan(0);
    const row = await repo.current(uuidOf(c));
    expect(row?.answersSealed.startsWith('v1.k9.')).toBe(true);
    expect(row && repo.open(row).answers.medications).toEqual(['eletriptan']);
    expect(await repo.resealOldKeys(50)).toBe(0);
  });

  it('seeds the demo client a confirmed, scent-triggered intake once (M8 fires, no red flags)', async () => {
    const demoClient = await signUp(stack, 'CLIENT');
    const args = {
      prisma: stack.prisma,
      config: stack.config,
      now: clock.now(),
      accounts: {
        admin: { userId: uuidOf(admin), email: admin.email },
        client: { userId: uuidOf(demoClient), email: demoClient.email },
        therapists: [],
      },
    };
    await seedDemo(args);
    await seedDemo(args);
    const rows = await stack.prisma.migraineIntake.findMany({ where: { clientId: uuidOf(demoClient) } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.confirmedAt).not.toBeNull();
    const repo = new IntakeRepository(stack.prisma, createFieldCipher(stack.config.HEALTH_DATA_KEYS));
    const sealed = repo.open(rows[0] as NonNullable<(typeof rows)[0]>);
    const result = screenIntake(engineAnswers(sealed, clock.now()), {
      now: clock.now(),
      sessionStart: new Date(clock.now().getTime() + 86_400_000),
      dateOfBirth: dobDate(sealed.dateOfBirth),
      isFirstSession: true,
      previousSession: null,
      requestedIntraOral: false,
    });
    expect(result.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(result.firedRules.map((r) => r.id)).toEqual(['M6', 'M8', 'M13']);
    expect(result.pressurePlan.sessionCap).toBe(5);
  });
});
