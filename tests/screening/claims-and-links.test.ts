import { TestClock } from '@mm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../harness/index.ts';
import {
  createAdmin,
  fillApplication,
  gqlOk,
  PDF,
  signUpTherapist,
  startScreeningStack,
  transition,
} from './support/screening.ts';

// The two additions the admin console needs: releasing a review claim
// (including one stuck with another admin) and signed document links a
// browser can open without the Authorization header.
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
beforeAll(async () => {
  stack = await startScreeningStack({ now: clock.now });
});
afterAll(() => stack.close());

const RELEASE = `mutation($input: ReleaseTherapistApplicationClaimInput!) {
  releaseTherapistApplicationClaim(input: $input) { application { id status claimedBy { id } availableActions } } }`;

async function submitted() {
  const therapist = await signUpTherapist(stack);
  const items = await fillApplication(stack, therapist);
  expect((await transition(stack, therapist, therapist.applicationId, 'SUBMIT')).errors).toBeUndefined();
  return { therapist, items };
}

describe('releasing a claim', () => {
  it('the claiming admin releases without a reason; the application is back in the queue, audited', async () => {
    const admin = await createAdmin(stack);
    const { therapist } = await submitted();
    await transition(stack, admin, therapist.applicationId, 'CLAIM');
    const res = await stack.gql(
      RELEASE,
      { input: { applicationId: therapist.applicationId } },
      { token: admin.accessToken },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      releaseTherapistApplicationClaim: { application: { status: 'SUBMITTED', claimedBy: null } },
    });
    const trail = await gqlOk<{
      therapistApplication: { auditTrail: { edges: { node: { action: string; after: string } }[] } };
    }>(
      stack,
      `query($id: ID!) { therapistApplication(id: $id) { auditTrail(first: 50) { edges { node { action after } } } } }`,
      { id: therapist.applicationId },
      admin,
    );
    const actions = trail.therapistApplication.auditTrail.edges.map((e) => e.node.action);
    expect(actions.slice(-2)).toEqual(['application.claim', 'application.release']);
  });

  it('another admin needs a reason to release a stuck claim, and then may claim it', async () => {
    const [holder, other] = await Promise.all([createAdmin(stack), createAdmin(stack)]);
    const { therapist } = await submitted();
    await transition(stack, holder, therapist.applicationId, 'CLAIM');
    const blank = await stack.gql(
      RELEASE,
      { input: { applicationId: therapist.applicationId, reason: '  ' } },
      { token: other.accessToken },
    );
    expect(blank.errors?.[0]?.extensions?.code).toBe('REASON_REQUIRED');
    const released = await stack.gql(
      RELEASE,
      { input: { applicationId: therapist.applicationId, reason: 'Reviewer on leave' } },
      { token: other.accessToken },
    );
    expect(released.errors).toBeUndefined();
    const trail = await gqlOk<{
      therapistApplication: {
        auditTrail: { edges: { node: { action: string; after: string; before: string } }[] };
      };
    }>(
      stack,
      `query($id: ID!) { therapistApplication(id: $id) { auditTrail(first: 50) { edges { node { action before after } } } } }`,
      { id: therapist.applicationId },
      other,
    );
    const last = trail.therapistApplication.auditTrail.edges.at(-1)?.node;
    expect(last?.action).toBe('application.release');
    expect(JSON.parse(last?.after ?? '{}')).toMatchObject({ reason: 'Reviewer on leave' });
    expect(JSON.parse(last?.before ?? '{}')).toMatchObject({ claimedById: holder.id });
    expect((await transition(stack, other, therapist.applicationId, 'CLAIM')).errors).toBeUndefined();
  });

  it('refuses what is not in review, and non-admins', async () => {
    const admin = await createAdmin(stack);
    const { therapist } = await submitted();
    const notClaimed = await stack.gql(
      RELEASE,
      { input: { applicationId: therapist.applicationId, reason: 'x' } },
      { token: admin.accessToken },
    );
    expect(notClaimed.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
    await transition(stack, admin, therapist.applicationId, 'CLAIM');
    const byTherapist = await stack.gql(
      RELEASE,
      { input: { applicationId: therapist.applicationId, reason: 'x' } },
      { token: therapist.accessToken },
    );
    expect(byTherapist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('signed document links', () => {
  const LINKS = `query($id: ID!) { therapistApplication(id: $id) { licenses { document { id signedUrl downloadUrl } } } }`;

  it('open without a header, inline, for five minutes, and the admin open is audited', async () => {
    const admin = await createAdmin(stack);
    const { therapist } = await submitted();
    const data = await gqlOk<{ therapistApplication: { licenses: { document: { signedUrl: string } }[] } }>(
      stack,
      LINKS,
      { id: therapist.applicationId },
      admin,
    );
    const url = data.therapistApplication.licenses[0]?.document.signedUrl ?? '';
    expect(url).toMatch(/^\/documents\/signed\//);
    const opened = await stack.gateway.inject({ method: 'GET', url });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('application/pdf');
    expect(opened.headers['content-disposition']).toMatch(/^inline;/);
    expect(opened.rawPayload.equals(PDF)).toBe(true);
    const audits = await stack.prisma.auditEntry.count({
      where: { action: 'document.viewed', entityType: 'TherapistApplication' },
    });
    expect(audits).toBeGreaterThan(0);

    clock.advanceMinutes(6);
    const expired = await stack.gateway.inject({ method: 'GET', url });
    expect(expired.statusCode).toBe(403);
    expect(JSON.parse(expired.body).errors[0].extensions.code).toBe('DOCUMENT_LINK_INVALID');
  });

  it('a tampered link opens nothing', async () => {
    const admin = await createAdmin(stack);
    const { therapist } = await submitted();
    const data = await gqlOk<{ therapistApplication: { licenses: { document: { signedUrl: string } }[] } }>(
      stack,
      LINKS,
      { id: therapist.applicationId },
      admin,
    );
    const url = data.therapistApplication.licenses[0]?.document.signedUrl ?? '';
    // Push the expiry a year out: the signature no longer matches.
    const parts = url.split('/').at(-1)?.split('.') ?? [];
    parts[3] = (Number.parseInt(parts[3] ?? '0', 36) + 365 * 86_400_000).toString(36);
    const forged = await stack.gateway.inject({ method: 'GET', url: `/documents/signed/${parts.join('.')}` });
    expect(forged.statusCode).toBe(403);
  });
});
