import { createScreeningContext } from '@mm/screening/src/context.ts';
import { buildScreeningServices } from '@mm/screening/src/modules/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, TestClock, type TestUser } from '../harness/index.ts';
import {
  approveApplication,
  createAdmin,
  fillApplication,
  gqlOk,
  PDF,
  REVIEW,
  signUpTherapist,
  startScreeningStack,
  uploadDocument,
  uuidOf,
} from './support/screening.ts';

const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let runExpiryWatch: () => Promise<{ remindersQueued: number; expiredEmitted: number; suspended: number }>;

beforeAll(async () => {
  stack = await startScreeningStack({ now: clock.now });
  const ctx = createScreeningContext({
    config: stack.config,
    prisma: stack.prisma,
    redis: stack.redis,
    now: clock.now,
  });
  runExpiryWatch = buildScreeningServices(ctx).runExpiryWatch;
});
afterAll(() => stack.close());

const therapistGid = (user: TestUser) => Buffer.from(`Therapist:${uuidOf(user.id)}`).toString('base64url');

const PROFILE = `query($id: ID!) { therapist(id: $id) { id profile {
  displayName photoUrl bio yearsOfPractice migraineExperience { years sessions } modalities languages
  credentials { kind issuer jurisdiction licenseType verified verifiedOn expiresOn } } } }`;
const UPDATE = `mutation($input: UpdateTherapistProfileInput!) {
  updateTherapistProfile(input: $input) { therapist { id profile { bio modalities languages } } } }`;

interface ProfileAnswer {
  therapist: {
    id: string;
    profile: {
      displayName: string;
      photoUrl: string | null;
      bio: string | null;
      yearsOfPractice: number | null;
      migraineExperience: { years: number | null; sessions: number | null };
      modalities: string[];
      languages: string[];
      credentials: { kind: string; issuer: string | null; verifiedOn: string; expiresOn: string | null }[];
    } | null;
  } | null;
}

const profileOf = async (viewer: TestUser, therapist: TestUser) =>
  (await gqlOk<ProfileAnswer>(stack, PROFILE, { id: therapistGid(therapist) }, viewer)).therapist;

describe('therapist profiles', () => {
  it('the therapist edits the free parts; clients read them, with verified credentials, only once approved', async () => {
    const admin = await createAdmin(stack);
    const client = await signUp(stack, 'CLIENT');
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist, {
      credentials: [
        { kind: 'BOARD_CERTIFICATION', issuer: 'NCBTMB' },
        { kind: 'PROFESSIONAL_MEMBERSHIP', issuer: 'AMTA', expiresOn: '2027-06-30' },
        { kind: 'INTRA_ORAL_ENDORSEMENT', jurisdiction: 'US-NY' },
      ],
    });

    // Intra-oral work needs a verified endorsement; the one above is still pending.
    const refused = await stack.gql(
      UPDATE,
      { input: { modalities: ['INTRA_ORAL'] } },
      { token: therapist.accessToken },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('INTRA_ORAL_NOT_ENDORSED');

    const photoDocumentId = await uploadDocument(stack, therapist, 'PHOTO');
    const input = {
      bio: 'Twelve years of neuromuscular work, most of it with chronic migraine.',
      yearsOfPractice: 12,
      migraineYears: 8,
      migraineSessions: 2400,
      modalities: ['NEUROMUSCULAR', 'CRANIOSACRAL', 'TRIGGER_POINT'],
      languages: ['en', 'es'],
      photoDocumentId,
    };
    const updated = await gqlOk<{ updateTherapistProfile: { therapist: ProfileAnswer['therapist'] } }>(
      stack,
      UPDATE,
      { input },
      therapist,
    );
    // The therapist sees their own profile before approval (in the order the enum lists them).
    expect(updated.updateTherapistProfile.therapist?.profile).toEqual({
      bio: input.bio,
      modalities: ['NEUROMUSCULAR', 'TRIGGER_POINT', 'CRANIOSACRAL'],
      languages: ['en', 'es'],
    });
    // Not approved yet: a client sees nothing, not even that the therapist exists.
    expect(await profileOf(client, therapist)).toBeNull();
    const hiddenPhoto = await stack.gateway.inject({
      method: 'GET',
      url: `/therapist-photos/${uuidOf(therapist.id)}`,
      headers: { authorization: `Bearer ${client.accessToken}` },
    });
    expect(hiddenPhoto.statusCode).toBe(404);

    await approveApplication(stack, therapist, admin, items);
    await gqlOk(stack, UPDATE, { input: { modalities: [...input.modalities, 'INTRA_ORAL'] } }, therapist);

    const seen = await profileOf(client, therapist);
    expect(seen?.profile).toMatchObject({
      displayName: 'Maria G.',
      photoUrl: `/therapist-photos/${uuidOf(therapist.id)}`,
      bio: input.bio,
      yearsOfPractice: 12,
      migraineExperience: { years: 8, sessions: 2400 },
      modalities: ['NEUROMUSCULAR', 'TRIGGER_POINT', 'CRANIOSACRAL', 'INTRA_ORAL'],
      languages: ['en', 'es'],
    });
    const today = '2026-11-23';
    expect(seen?.profile?.credentials).toEqual(
      expect.arrayContaining([
        {
          kind: 'STATE_LICENSE',
          issuer: null,
          jurisdiction: 'US-NY',
          licenseType: 'LMT',
          verified: true,
          verifiedOn: today,
          expiresOn: '2028-01-01',
        },
        {
          kind: 'BOARD_CERTIFICATION',
          issuer: 'NCBTMB',
          jurisdiction: null,
          licenseType: null,
          verified: true,
          verifiedOn: today,
          expiresOn: null,
        },
        {
          kind: 'PROFESSIONAL_MEMBERSHIP',
          issuer: 'AMTA',
          jurisdiction: null,
          licenseType: null,
          verified: true,
          verifiedOn: today,
          expiresOn: '2027-06-30',
        },
        {
          kind: 'INTRA_ORAL_ENDORSEMENT',
          issuer: null,
          jurisdiction: 'US-NY',
          licenseType: null,
          verified: true,
          verifiedOn: today,
          expiresOn: null,
        },
      ]),
    );
    expect(seen?.profile?.credentials).toHaveLength(4);

    const photo = await stack.gateway.inject({
      method: 'GET',
      url: `/therapist-photos/${uuidOf(therapist.id)}`,
      headers: { authorization: `Bearer ${client.accessToken}` },
    });
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(PDF)).toBe(true);

    // Verified parts are not in the therapist's input at all.
    const forged = await stack.gql(
      `mutation { updateTherapistProfile(input: { credentials: [] }) { therapist { id } } }`,
      {},
      { token: therapist.accessToken },
    );
    expect(forged.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // A client has no profile to edit.
    const notTherapist = await stack.gql(UPDATE, { input: { bio: 'x' } }, { token: client.accessToken });
    expect(notTherapist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a new credential type goes through per-item review and the expiry watch', async () => {
    const admin = await createAdmin(stack);
    const client = await signUp(stack, 'CLIENT');
    const therapist = await signUpTherapist(stack);
    await approveApplication(stack, therapist, admin, await fillApplication(stack, therapist));
    const kinds = async () => (await profileOf(client, therapist))?.profile?.credentials.map((c) => c.kind);
    expect(await kinds()).toEqual(['STATE_LICENSE']);

    // Added after approval: pending, so not on the profile, and the therapist stays approved.
    const added = await gqlOk<{
      addCredential: { credential: { id: string; status: string; expiresOn: string } };
    }>(
      stack,
      `mutation($input: AddCredentialInput!) { addCredential(input: $input) { credential { id status expiresOn } } }`,
      {
        input: {
          kind: 'MIGRAINE_TRAINING',
          issuer: 'Migraine Massage Institute',
          issuedOn: '2026-01-15',
          expiresOn: '2026-12-31',
          documentId: await uploadDocument(stack, therapist, 'CREDENTIAL'),
        },
      },
      therapist,
    );
    expect(added.addCredential.credential).toMatchObject({ status: 'PENDING', expiresOn: '2026-12-31' });
    expect(await kinds()).toEqual(['STATE_LICENSE']);

    // A therapist cannot verify it; an admin can, once, with a reason.
    const selfReview = await stack.gql(
      REVIEW,
      { input: { itemId: added.addCredential.credential.id, decision: 'VERIFIED', reason: 'mine' } },
      { token: therapist.accessToken },
    );
    expect(selfReview.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const review = {
      input: {
        itemId: added.addCredential.credential.id,
        decision: 'VERIFIED',
        reason: 'Certificate checked with the institute',
      },
    };
    await gqlOk(stack, REVIEW, review, admin);
    const again = await stack.gql(REVIEW, review, { token: admin.accessToken });
    expect(again.errors?.[0]?.extensions?.code).toBe('ALREADY_REVIEWED');
    expect(await kinds()).toEqual(['STATE_LICENSE', 'MIGRAINE_TRAINING']);

    // The expiry watch: the 7-day reminder once, then on 2027-01-01 it expires without suspending.
    const therapistId = uuidOf(therapist.id);
    clock.set('2026-12-24T06:00:00Z');
    await runExpiryWatch();
    expect(await runExpiryWatch()).toMatchObject({ remindersQueued: 0 });
    const reminders = await stack.prisma.notification.findMany({
      where: { userId: therapistId, template: 'credential-expiry-reminder' },
    });
    expect(reminders.map((r) => r.payload)).toEqual([
      expect.objectContaining({
        daysBefore: 7,
        daysLeft: 7,
        credentialKind: 'MIGRAINE_TRAINING',
        expiresOn: '2026-12-31',
      }),
    ]);
    clock.set('2026-12-31T06:00:00Z');
    expect(await kinds()).toEqual(['STATE_LICENSE', 'MIGRAINE_TRAINING']);
    clock.set('2027-01-01T06:00:00Z');
    const run = await runExpiryWatch();
    expect(run).toMatchObject({ suspended: 0 });
    expect(run.expiredEmitted).toBeGreaterThanOrEqual(1);
    expect(await kinds()).toEqual(['STATE_LICENSE']);
    const app = await stack.prisma.therapistApplication.findUniqueOrThrow({ where: { therapistId } });
    expect(app.status).toBe('APPROVED');
    const audit = await stack.prisma.auditEntry.findMany({
      where: { entityId: app.id, action: 'credential.expired' },
    });
    expect(audit).toHaveLength(1);
    expect((await runExpiryWatch()).expiredEmitted).toBe(0);
    clock.set('2026-11-23T15:00:00.000Z');
  });
});
