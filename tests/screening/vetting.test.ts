import {
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  type ApplicationAction,
  type ApplicationState,
} from '@mm/screening/src/modules/applications/application.state-machine.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../harness/index.ts';
import { signUp } from '../harness/index.ts';
import {
  APPLICATION_FIELDS,
  approveApplication,
  createAdmin,
  fillApplication,
  gqlOk,
  REVIEW,
  signUpTherapist,
  startScreeningStack,
  transition,
  uuidOf,
} from './support/screening.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startScreeningStack();
});
afterAll(() => stack.close());

const ENUM: Record<ApplicationAction, string> = {
  submit: 'SUBMIT',
  resubmit: 'RESUBMIT',
  claim: 'CLAIM',
  approve: 'APPROVE',
  reject: 'REJECT',
  needsInfo: 'NEEDS_INFO',
  suspend: 'SUSPEND',
  reinstate: 'REINSTATE',
};

const statusOf = async (applicationId: string) =>
  (await stack.prisma.therapistApplication.findUniqueOrThrow({ where: { id: uuidOf(applicationId) } }))
    .status;

describe('the happy path', () => {
  it('a therapist fills and submits; an admin claims, verifies each document and approves', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist);
    await approveApplication(stack, therapist, admin, items);
    const data = await gqlOk<{ me: { therapistApplication: Record<string, unknown> } }>(
      stack,
      `{ me { therapistApplication { ${APPLICATION_FIELDS} } } }`,
      {},
      therapist,
    );
    expect(data.me.therapistApplication).toMatchObject({
      status: 'APPROVED',
      legalName: 'Maria Gonzalez',
      lastDecisionReason: 'All documents verified',
      licenses: [
        expect.objectContaining({ status: 'VERIFIED', jurisdiction: 'US-NY', expiresOn: '2028-01-01' }),
      ],
      backgroundCheck: { status: 'CLEAR', provider: 'manual' },
      availableActions: [],
    });
    // Approval tells booking: the full snapshot is in the outbox.
    const events = await stack.prisma.outboxEvent.findMany({
      where: { type: 'therapist.profile_changed', aggregateId: uuidOf(therapist.id) },
      orderBy: { occurredAt: 'asc' },
    });
    const last = events.at(-1)?.payload as { snapshot: Record<string, unknown> };
    expect(last.snapshot).toMatchObject({
      therapistId: uuidOf(therapist.id),
      status: 'APPROVED',
      displayName: 'Maria G.',
      gender: 'FEMALE',
      serviceArea: { latitude: 40.73, longitude: -73.99, radiusKm: 10 },
      insurance: { status: 'VERIFIED', expiresOn: '2028-06-01' },
      backgroundCheck: { status: 'CLEAR' },
      migraineExperienceYears: 6,
    });
  });

  it('refuses to submit an incomplete application and says what is missing', async () => {
    const therapist = await signUpTherapist(stack);
    const res = await transition(stack, therapist, therapist.applicationId, 'SUBMIT');
    expect(res.errors?.[0]?.extensions?.code).toBe('APPLICATION_INCOMPLETE');
    expect(res.errors?.[0]?.extensions?.missing).toEqual(
      expect.arrayContaining(['legal name', 'phone', 'at least one license', 'liability insurance']),
    );
    expect(await statusOf(therapist.applicationId)).toBe('DRAFT');
  });

  it('refuses approval until every document is decided and the background check is clear', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist);
    await transition(stack, therapist, therapist.applicationId, 'SUBMIT');
    await transition(stack, admin, therapist.applicationId, 'CLAIM');
    await gqlOk(
      stack,
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'VERIFIED', reason: 'ok' } },
      admin,
    );
    const res = await transition(stack, admin, therapist.applicationId, 'APPROVE', 'looks fine');
    expect(res.errors?.[0]?.extensions?.code).toBe('APPROVAL_BLOCKED');
    expect(res.errors?.[0]?.extensions?.blockers).toEqual([
      'no verified insurance valid today',
      'the background check is PENDING, not CLEAR',
      '1 document(s) still to verify or reject',
    ]);
    expect(await statusOf(therapist.applicationId)).toBe('IN_REVIEW');
  });
});

describe('every transition, legal and illegal', () => {
  let admin: Awaited<ReturnType<typeof createAdmin>>;
  let therapist: Awaited<ReturnType<typeof signUpTherapist>>;

  beforeAll(async () => {
    admin = await createAdmin(stack);
    therapist = await signUpTherapist(stack);
    // Complete and verified, so that only the state decides.
    const items = await fillApplication(stack, therapist);
    await approveApplication(stack, therapist, admin, items);
  });

  const cases = APPLICATION_STATES.flatMap((from) =>
    (Object.keys(APPLICATION_TRANSITIONS) as ApplicationAction[]).map((action) => ({ from, action })),
  );

  it.each(cases)(
    '$action from $from',
    async ({ from, action }: { from: ApplicationState; action: ApplicationAction }) => {
      await stack.prisma.therapistApplication.update({
        where: { id: uuidOf(therapist.applicationId) },
        data: {
          status: from,
          claimedById: from === 'IN_REVIEW' ? uuidOf(admin.id) : null,
          suspensionCause: 'ADMIN',
        },
      });
      const rule = APPLICATION_TRANSITIONS[action];
      const actor = (rule.roles as readonly string[]).includes('OWNER') ? therapist : admin;
      const res = await transition(
        stack,
        actor,
        therapist.applicationId,
        ENUM[action],
        'A reason for the record',
      );
      if ((rule.from as readonly string[]).includes(from)) {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        expect(res.data?.transitionTherapistApplication.application.status).toBe(rule.to);
      } else {
        const code = res.errors?.[0]?.extensions?.code;
        expect(code).toBe(
          action === 'claim' && from === 'IN_REVIEW' ? 'APPLICATION_ALREADY_CLAIMED' : 'ILLEGAL_TRANSITION',
        );
        expect(res.errors?.[0]?.message).toMatch(/claimed|Cannot/);
        expect(await statusOf(therapist.applicationId)).toBe(from);
      }
    },
  );

  it('every admin decision needs a reason', async () => {
    await stack.prisma.therapistApplication.update({
      where: { id: uuidOf(therapist.applicationId) },
      data: { status: 'IN_REVIEW', claimedById: uuidOf(admin.id) },
    });
    for (const action of ['APPROVE', 'REJECT', 'NEEDS_INFO']) {
      const res = await transition(stack, admin, therapist.applicationId, action, '   ');
      expect(res.errors?.[0]?.extensions?.code).toBe('REASON_REQUIRED');
    }
    expect(await statusOf(therapist.applicationId)).toBe('IN_REVIEW');
  });
});

describe('who may do what', () => {
  it('a therapist cannot approve, claim or suspend their own application', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist);
    await transition(stack, therapist, therapist.applicationId, 'SUBMIT');
    for (const action of ['CLAIM', 'APPROVE', 'SUSPEND']) {
      const res = await transition(stack, therapist, therapist.applicationId, action, 'I am great');
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    await transition(stack, admin, therapist.applicationId, 'CLAIM');
    const self = await transition(stack, therapist, therapist.applicationId, 'APPROVE', 'I am great');
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const review = await stack.gql(
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'VERIFIED', reason: 'mine' } },
      { token: therapist.accessToken },
    );
    expect(review.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await statusOf(therapist.applicationId)).toBe('IN_REVIEW');
  });

  it('another therapist or a client cannot see, act on, or download from an application', async () => {
    const owner = await signUpTherapist(stack);
    await fillApplication(stack, owner);
    const other = await signUpTherapist(stack);
    const client = await signUp(stack, 'CLIENT');
    const app = await gqlOk<{
      me: { therapistApplication: { licenses: { document: { id: string; downloadUrl: string } }[] } };
    }>(stack, `{ me { therapistApplication { ${APPLICATION_FIELDS} } } }`, {}, owner);
    const { downloadUrl } = app.me.therapistApplication.licenses[0]?.document ?? { downloadUrl: '' };

    for (const intruder of [other, client]) {
      const read = await stack.gql(
        `query($id: ID!) { therapistApplication(id: $id) { id } }`,
        { id: owner.applicationId },
        { token: intruder.accessToken },
      );
      expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const act = await transition(stack, intruder, owner.applicationId, 'SUBMIT');
      expect(act.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const file = await stack.gateway.inject({
        method: 'GET',
        url: downloadUrl,
        headers: { authorization: `Bearer ${intruder.accessToken}` },
      });
      expect(file.statusCode).toBe(404);
      expect(JSON.parse(file.body).errors[0].extensions.code).toBe('NOT_FOUND');
    }
    const anonymous = await stack.gateway.inject({ method: 'GET', url: downloadUrl });
    expect(anonymous.statusCode).toBe(401);

    const mine = await stack.gateway.inject({
      method: 'GET',
      url: downloadUrl,
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.body.startsWith('%PDF-')).toBe(true);

    const admin = await createAdmin(stack);
    const audited = await stack.gateway.inject({
      method: 'GET',
      url: downloadUrl,
      headers: { authorization: `Bearer ${admin.accessToken}` },
    });
    expect(audited.statusCode).toBe(200);
    const views = await stack.prisma.auditEntry.count({
      where: { action: 'document.viewed', actorId: uuidOf(admin.id) },
    });
    expect(views).toBe(1);
  });

  it('vetting fields are frozen once submitted; service area and availability stay editable after approval', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist);
    await transition(stack, therapist, therapist.applicationId, 'SUBMIT');
    const frozen = await stack.gql(
      `mutation { updateTherapistApplication(input: { legalName: "Someone Else" }) { application { id } } }`,
      {},
      { token: therapist.accessToken },
    );
    expect(frozen.errors?.[0]?.extensions?.code).toBe('NOT_EDITABLE');
    await transition(stack, admin, therapist.applicationId, 'CLAIM');
    // approveApplication submits and claims itself; reset to SUBMITTED for it.
    await stack.prisma.therapistApplication.update({
      where: { id: uuidOf(therapist.applicationId) },
      data: { status: 'DRAFT', claimedById: null },
    });
    await approveApplication(stack, therapist, admin, items);

    const before = await stack.prisma.outboxEvent.count({
      where: { type: 'therapist.profile_changed', aggregateId: uuidOf(therapist.id) },
    });
    await gqlOk(
      stack,
      `mutation($input: SetAvailabilityInput!) { setAvailability(input: $input) { application { weeklyAvailability { day startMinute endMinute } } } }`,
      {
        input: {
          timezone: 'America/New_York',
          weekly: [{ day: 1, startMinute: 480, endMinute: 1260 }],
          exceptions: [{ date: '2026-12-25', windows: [] }],
        },
      },
      therapist,
    );
    await gqlOk(
      stack,
      `mutation { updateServiceArea(input: { latitude: 40.68, longitude: -73.97, radiusKm: 12 }) { application { id } } }`,
      {},
      therapist,
    );
    const events = await stack.prisma.outboxEvent.findMany({
      where: { type: 'therapist.profile_changed', aggregateId: uuidOf(therapist.id) },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.length).toBe(before + 2);
    expect(
      (events.at(-1)?.payload as { snapshot: Record<string, unknown> } | undefined)?.snapshot,
    ).toMatchObject({
      status: 'APPROVED',
      serviceArea: { latitude: 40.68, longitude: -73.97, radiusKm: 12 },
      weeklyAvailability: [{ day: 1, startMinute: 480, endMinute: 1260 }],
      availabilityExceptions: [{ date: '2026-12-25', windows: [] }],
    });

    const overlapping = await stack.gql(
      `mutation { setAvailability(input: { weekly: [{ day: 2, startMinute: 480, endMinute: 700 }, { day: 2, startMinute: 600, endMinute: 800 }] }) { application { id } } }`,
      {},
      { token: therapist.accessToken },
    );
    expect(overlapping.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('claiming', () => {
  it('two admins racing to claim one application: exactly one wins', async () => {
    const [a, b] = await Promise.all([createAdmin(stack), createAdmin(stack)]);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist);
    await transition(stack, therapist, therapist.applicationId, 'SUBMIT');

    const results = await Promise.all(
      [a, b].map((admin) => transition(stack, admin, therapist.applicationId, 'CLAIM')),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]?.errors?.[0]?.extensions?.code).toBe('APPLICATION_ALREADY_CLAIMED');
    expect(losers[0]?.errors?.[0]?.message).toContain('Another admin');

    const row = await stack.prisma.therapistApplication.findUniqueOrThrow({
      where: { id: uuidOf(therapist.applicationId) },
    });
    const winner = results[0]?.errors ? b : a;
    const loser = winner === a ? b : a;
    expect(row.claimedById).toBe(uuidOf(winner.id));
    expect(
      await stack.prisma.auditEntry.count({ where: { entityId: row.id, action: 'application.claim' } }),
    ).toBe(1);

    // The loser can neither review the documents nor decide.
    const review = await stack.gql(
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'VERIFIED', reason: 'ok' } },
      { token: loser.accessToken },
    );
    expect(review.errors?.[0]?.extensions?.code).toBe('APPLICATION_CLAIMED_BY_ANOTHER');
    const decide = await transition(stack, loser, therapist.applicationId, 'REJECT', 'nope');
    expect(decide.errors?.[0]?.extensions?.code).toBe('APPLICATION_CLAIMED_BY_ANOTHER');
    // The winner claiming again is a double action: refused, and it says so.
    const again = await transition(stack, winner, therapist.applicationId, 'CLAIM');
    expect(again.errors?.[0]?.message).toContain('You already claimed');
  });
});

describe('documents are reviewed one by one', () => {
  it('verifies one, rejects another, refuses a second review, and needs a claim and a reason', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist, {
      credentials: [{ kind: 'CRANIOSACRAL_TRAINING' }],
    });
    await transition(stack, therapist, therapist.applicationId, 'SUBMIT');
    const unclaimed = await stack.gql(
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'VERIFIED', reason: 'ok' } },
      { token: admin.accessToken },
    );
    expect(unclaimed.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(unclaimed.errors?.[0]?.message).toContain('Claim the application');
    await transition(stack, admin, therapist.applicationId, 'CLAIM');

    const noReason = await stack.gql(
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'VERIFIED', reason: ' ' } },
      { token: admin.accessToken },
    );
    expect(noReason.errors?.[0]?.extensions?.code).toBe('REASON_REQUIRED');

    await gqlOk(
      stack,
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'VERIFIED', reason: 'Matches NYSED lookup' } },
      admin,
    );
    await gqlOk(
      stack,
      REVIEW,
      { input: { itemId: items.credentialIds[0], decision: 'REJECTED', reason: 'Certificate is illegible' } },
      admin,
    );
    const twice = await stack.gql(
      REVIEW,
      { input: { itemId: items.licenseIds[0], decision: 'REJECTED', reason: 'changed my mind' } },
      { token: admin.accessToken },
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('ALREADY_REVIEWED');

    const data = await gqlOk<{
      therapistApplication: {
        licenses: { status: string; reviewReason: string }[];
        credentials: { status: string }[];
        insurancePolicies: { status: string }[];
      };
    }>(
      stack,
      `query($id: ID!) { therapistApplication(id: $id) { licenses { status reviewReason } credentials { status } insurancePolicies { status } } }`,
      { id: therapist.applicationId },
      therapist,
    );
    expect(data.therapistApplication.licenses).toEqual([
      { status: 'VERIFIED', reviewReason: 'Matches NYSED lookup' },
    ]);
    expect(data.therapistApplication.credentials).toEqual([{ status: 'REJECTED' }]);
    expect(data.therapistApplication.insurancePolicies).toEqual([{ status: 'PENDING' }]);

    // Needs info: the therapist may edit again, and resubmit.
    await gqlOk(
      stack,
      REVIEW,
      { input: { itemId: items.insuranceIds[0], decision: 'VERIFIED', reason: 'ok' } },
      admin,
    );
    const needs = await transition(
      stack,
      admin,
      therapist.applicationId,
      'NEEDS_INFO',
      'Upload a legible craniosacral certificate',
    );
    expect(needs.data?.transitionTherapistApplication.application.status).toBe('NEEDS_INFO');
    await gqlOk(
      stack,
      `mutation($input: RemoveApplicationItemInput!) { removeApplicationItem(input: $input) { application { id } } }`,
      { input: { itemId: items.credentialIds[0] } },
      therapist,
    );
    const resubmitted = await transition(stack, therapist, therapist.applicationId, 'RESUBMIT');
    expect(resubmitted.data?.transitionTherapistApplication.application.status).toBe('SUBMITTED');
  });
});

describe('audit trail and queue', () => {
  it('records who, when, what, before and after for every change; admins only', async () => {
    const admin = await createAdmin(stack);
    const therapist = await signUpTherapist(stack);
    const items = await fillApplication(stack, therapist);
    await approveApplication(stack, therapist, admin, items);
    await transition(
      stack,
      admin,
      therapist.applicationId,
      'SUSPEND',
      'Client complaint under investigation',
    );

    const QUERY = `query($id: ID!) { therapistApplication(id: $id) { auditTrail(first: 40) { edges { node { action actor { id } actorRole at before after } } } } }`;
    const data = await gqlOk<{
      therapistApplication: { auditTrail: { edges: { node: Record<string, string | null> }[] } };
    }>(stack, QUERY, { id: therapist.applicationId }, admin);
    const entries = data.therapistApplication.auditTrail.edges.map((e) => e.node);
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'application.details_updated',
        'application.service_area_updated',
        'document.uploaded',
        'license.added',
        'insurance.added',
        'application.submit',
        'application.claim',
        'license.verified',
        'insurance.verified',
        'background_check.recorded',
        'application.approve',
        'application.suspend',
      ]),
    );
    const suspend = entries.find((e) => e.action === 'application.suspend');
    expect(suspend?.actor).toEqual({ id: admin.id });
    expect(suspend?.actorRole).toBe('ADMIN');
    expect(JSON.parse(suspend?.before ?? '{}')).toMatchObject({ status: 'APPROVED' });
    expect(JSON.parse(suspend?.after ?? '{}')).toMatchObject({
      status: 'SUSPENDED',
      suspensionCause: 'ADMIN',
      reason: 'Client complaint under investigation',
    });
    const submit = entries.find((e) => e.action === 'application.submit');
    expect(submit?.actor).toEqual({ id: therapist.id });

    const denied = await stack.gql(QUERY, { id: therapist.applicationId }, { token: therapist.accessToken });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters and sorts the admin queue, and counts per status', async () => {
    const admin = await createAdmin(stack);
    const nj = await signUpTherapist(stack);
    await fillApplication(stack, nj, { license: { jurisdiction: 'US-NJ' } });
    await transition(stack, nj, nj.applicationId, 'SUBMIT');
    const ny = await signUpTherapist(stack);
    await fillApplication(stack, ny);
    await transition(stack, ny, ny.applicationId, 'SUBMIT');

    const QUEUE = `query($filter: TherapistApplicationFilter, $orderBy: TherapistApplicationOrder, $first: Int, $after: String) {
      therapistApplications(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      therapistApplications: {
        edges: { node: { id: string; status: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };

    const njOnly = await gqlOk<Page>(
      stack,
      QUEUE,
      { filter: { statuses: ['SUBMITTED'], jurisdiction: 'US-NJ' } },
      admin,
    );
    expect(njOnly.therapistApplications.edges.map((e) => e.node.id)).toEqual([nj.applicationId]);

    // Oldest submission first by default; pages follow the cursor.
    const first = await gqlOk<Page>(stack, QUEUE, { filter: { statuses: ['SUBMITTED'] }, first: 1 }, admin);
    const firstIds = first.therapistApplications.edges.map((e) => e.node.id);
    expect(first.therapistApplications.pageInfo.hasNextPage).toBe(true);
    const all = await gqlOk<Page>(stack, QUEUE, { filter: { statuses: ['SUBMITTED'] }, first: 100 }, admin);
    const allIds = all.therapistApplications.edges.map((e) => e.node.id);
    expect(allIds.indexOf(nj.applicationId)).toBeLessThan(allIds.indexOf(ny.applicationId));
    const second = await gqlOk<Page>(
      stack,
      QUEUE,
      {
        filter: { statuses: ['SUBMITTED'] },
        first: 1,
        after: first.therapistApplications.pageInfo.endCursor,
      },
      admin,
    );
    expect(second.therapistApplications.edges.map((e) => e.node.id)).toEqual([allIds[1]]);
    expect(firstIds).toEqual([allIds[0]]);
    const newest = await gqlOk<Page>(
      stack,
      QUEUE,
      {
        filter: { statuses: ['SUBMITTED'] },
        orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' },
        first: 100,
      },
      admin,
    );
    expect(newest.therapistApplications.edges.map((e) => e.node.id)).toEqual([...allIds].reverse());

    const counts = await gqlOk<{ therapistApplicationCounts: { status: string; count: number }[] }>(
      stack,
      `{ therapistApplicationCounts { status count } }`,
      {},
      admin,
    );
    const byStatus = Object.fromEntries(counts.therapistApplicationCounts.map((c) => [c.status, c.count]));
    expect(Object.keys(byStatus)).toEqual([
      'DRAFT',
      'SUBMITTED',
      'IN_REVIEW',
      'APPROVED',
      'REJECTED',
      'NEEDS_INFO',
      'SUSPENDED',
    ]);
    const actual = await stack.prisma.therapistApplication.count({ where: { status: 'SUBMITTED' } });
    expect(byStatus.SUBMITTED).toBe(actual);

    const asTherapist = await stack.gql(QUEUE, {}, { token: ny.accessToken });
    expect(asTherapist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
