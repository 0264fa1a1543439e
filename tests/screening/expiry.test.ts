import { createScreeningContext } from '@mm/screening/src/context.ts';
import { buildScreeningServices } from '@mm/screening/src/modules/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, TestClock } from '../harness/index.ts';
import {
  approveApplication,
  createAdmin,
  fillApplication,
  gqlOk,
  REVIEW,
  signUpTherapist,
  startScreeningStack,
  uploadDocument,
  uuidOf,
} from './support/screening.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let runExpiryWatch: () => Promise<{
  remindersQueued: number;
  expiredEmitted: number;
  suspended: number;
  reinstated: number;
}>;

beforeAll(async () => {
  stack = await startScreeningStack({ now: clock.now });
  // The scheduler's processor, exactly as the worker runs it, on the test clock.
  const ctx = createScreeningContext({
    config: stack.config,
    prisma: stack.prisma,
    redis: stack.redis,
    now: clock.now,
  });
  runExpiryWatch = buildScreeningServices(ctx).runExpiryWatch;
});
afterAll(() => stack.close());

const ELIGIBILITY = `query($input: TherapistEligibilityInput!) { therapistEligibility(input: $input) { eligible reasons { code message } } }`;

describe('the daily expiry watch', () => {
  it('reminds once per threshold, suspends the day after expiry, and a verified renewal reinstates', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const therapistId = uuidOf(therapist.id);
    const items = await fillApplication(stack, therapist, {
      license: { issuedOn: '2025-01-11', expiresOn: '2027-01-10' },
    });
    await approveApplication(stack, therapist, admin, items);
    const licenseId = uuidOf(items.licenseIds[0] as string);
    const notifications = () =>
      stack.prisma.notification.findMany({ where: { userId: therapistId }, orderBy: { createdAt: 'asc' } });
    const events = (type: string) =>
      stack.prisma.outboxEvent.findMany({ where: { type, aggregateId: therapistId } });

    // 31 days out: nothing yet.
    clock.set('2026-12-10T06:00:00Z');
    expect((await runExpiryWatch()).remindersQueued).toBe(0);

    // 30, 7 and 1 days out: one reminder each; a second run the same day sends nothing.
    for (const [day, threshold] of [
      ['2026-12-11', 30],
      ['2027-01-03', 7],
      ['2027-01-09', 1],
    ] as const) {
      clock.set(`${day}T06:00:00Z`);
      expect((await runExpiryWatch()).remindersQueued).toBe(1);
      expect((await runExpiryWatch()).remindersQueued).toBe(0);
      const last = (await notifications()).at(-1);
      expect(last).toMatchObject({
        template: 'license-expiry-reminder',
        dedupeKey: `screening-expiry-${licenseId}-${threshold}`,
        payload: expect.objectContaining({ expiresOn: '2027-01-10', jurisdiction: 'US-NY' }),
      });
    }
    expect((await notifications()).filter((n) => n.template === 'license-expiry-reminder')).toHaveLength(3);

    // The expiry day itself: still valid through today.
    clock.set('2027-01-10T06:00:00Z');
    expect(await runExpiryWatch()).toMatchObject({ remindersQueued: 0, expiredEmitted: 0, suspended: 0 });

    // The day after: suspended, license.expired emitted, booking told.
    clock.set('2027-01-11T06:00:00Z');
    expect(await runExpiryWatch()).toMatchObject({ expiredEmitted: 1, suspended: 1 });
    const row = await stack.prisma.therapistApplication.findUniqueOrThrow({ where: { therapistId } });
    expect(row).toMatchObject({
      status: 'SUSPENDED',
      suspensionCause: 'DOCUMENT_EXPIRED',
      suspendedReason: 'Expired: license (US-NY).',
    });
    const expired = await events('license.expired');
    expect(expired.map((e) => e.payload)).toEqual([
      { therapistId, licenseId, jurisdiction: 'US-NY', expiredOn: '2027-01-10' },
    ]);
    const snapshots = await events('therapist.profile_changed');
    expect((snapshots.at(-1)?.payload as { snapshot: { status: string } } | undefined)?.snapshot.status).toBe(
      'SUSPENDED',
    );

    // Running again the same day changes nothing.
    expect(await runExpiryWatch()).toMatchObject({
      remindersQueued: 0,
      expiredEmitted: 0,
      suspended: 0,
      reinstated: 0,
    });
    expect(await events('license.expired')).toHaveLength(1);
    expect(await events('therapist.profile_changed')).toHaveLength(snapshots.length);

    // Booking's question now has the answer "suspended".
    const answer = await gqlOk<{ therapistEligibility: { eligible: boolean; reasons: { code: string }[] } }>(
      stack,
      ELIGIBILITY,
      {
        input: { therapistId: therapist.id, jurisdiction: 'US-NY', date: '2027-01-12', modality: 'SWEDISH' },
      },
      therapist,
    );
    expect(answer.therapistEligibility.eligible).toBe(false);
    expect(answer.therapistEligibility.reasons.map((r) => r.code)).toEqual([
      'SUSPENDED',
      'LICENSE_EXPIRES_BEFORE_SESSION',
    ]);

    // The therapist uploads the renewed license while suspended; it waits for an admin.
    const renewal = await gqlOk<{ addLicense: { license: { id: string; status: string } } }>(
      stack,
      `mutation($input: AddLicenseInput!) { addLicense(input: $input) { license { id status } } }`,
      {
        input: {
          number: 'NY-123456',
          type: 'LMT',
          jurisdiction: 'US-NY',
          issuedOn: '2027-01-11',
          expiresOn: '2029-01-10',
          documentId: await uploadDocument(stack, therapist, 'LICENSE'),
        },
      },
      therapist,
    );
    expect(renewal.addLicense.license.status).toBe('PENDING');
    expect((await runExpiryWatch()).reinstated).toBe(0);

    // Verifying the renewal lifts the automatic suspension at once.
    const reviewed = await gqlOk<{ reviewApplicationItem: { application: { status: string } } }>(
      stack,
      REVIEW,
      {
        input: {
          itemId: renewal.addLicense.license.id,
          decision: 'VERIFIED',
          reason: 'Renewal confirmed on NYSED',
        },
      },
      admin,
    );
    expect(reviewed.reviewApplicationItem.application.status).toBe('APPROVED');
    const reinstatement = await stack.prisma.auditEntry.findFirstOrThrow({
      where: { entityId: row.id, action: 'application.reinstate' },
    });
    expect(reinstatement).toMatchObject({ actorId: null, actorRole: 'SYSTEM' });
    const latest = (await events('therapist.profile_changed'))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .at(-1);
    expect(
      (latest?.payload as { snapshot: { status: string; licenses: unknown[] } } | undefined)?.snapshot,
    ).toMatchObject({
      status: 'APPROVED',
      licenses: expect.arrayContaining([
        expect.objectContaining({ expiresOn: '2029-01-10', status: 'VERIFIED' }),
      ]),
    });
    // And the next run leaves them alone.
    expect(await runExpiryWatch()).toMatchObject({ expiredEmitted: 0, suspended: 0 });
  });

  it('an admin’s suspension is not lifted by the system', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    clock.set('2026-11-23T15:00:00.000Z');
    const items = await fillApplication(stack, therapist);
    await approveApplication(stack, therapist, admin, items);
    await gqlOk(
      stack,
      `mutation($input: TransitionTherapistApplicationInput!) { transitionTherapistApplication(input: $input) { application { status } } }`,
      {
        input: {
          applicationId: therapist.applicationId,
          action: 'SUSPEND',
          reason: 'Complaint under investigation',
        },
      },
      admin,
    );
    const credential = await gqlOk<{ addCredential: { credential: { id: string } } }>(
      stack,
      `mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id } } }`,
      {
        input: {
          kind: 'TRIGGER_POINT_TRAINING',
          documentId: await uploadDocument(stack, therapist, 'CREDENTIAL'),
        },
      },
      therapist,
    );
    const reviewed = await gqlOk<{ reviewApplicationItem: { application: { status: string } } }>(
      stack,
      REVIEW,
      { input: { itemId: credential.addCredential.credential.id, decision: 'VERIFIED', reason: 'ok' } },
      admin,
    );
    expect(reviewed.reviewApplicationItem.application.status).toBe('SUSPENDED');
    expect((await runExpiryWatch()).reinstated).toBe(0);
  });
});
