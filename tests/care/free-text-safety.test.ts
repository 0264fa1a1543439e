// Issue 14 item 8 through the gateway: a red flag written in the client's own words,
// inside a sentence, escalates exactly like ticking the box; words the safety reader
// cannot call harmless go to the therapist's review queue.
import { HOMEWORK_ESCALATION_GUIDANCE } from '@mm/safety';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, signUpAdmin, startStack, TestClock, type TestUser } from '../harness/index.ts';
import {
  ACKNOWLEDGE_CARE_ALERT,
  acknowledgeCareAlerts,
  completeSession,
  createPlan,
  gid,
  openCareAlerts,
  uid,
} from './helpers.ts';

const clock = new TestClock('2026-04-06T15:00:00.000Z');
let stack: Stack;
let client: TestUser;
let therapist: TestUser;
let admin: TestUser;
let planId: string;

const LOG = /* GraphQL */ `
  mutation($input: LogHomeworkInput!) {
    logHomework(input: $input) {
      log { id symptoms }
      urgent { guidance symptoms screeningRuleId }
      advice therapistNotified planPaused
    }
  }
`;
type LogOut = {
  logHomework: {
    log: { id: string; symptoms: string[] };
    urgent: { guidance: string; symptoms: string[]; screeningRuleId: string } | null;
    therapistNotified: boolean;
    planPaused: boolean;
  };
};
type AlertNode = Record<string, unknown> & { id: string; freeTextWords: string[] };
const FIELDS = 'id kind severity status clientId planId reason symptoms freeTextWords';
const QUEUE = `query { careReviewQueue(status: OPEN) { edges { node { ${FIELDS} } } } }`;
const RESUME = `mutation($input: HomeworkPlanTransitionInput!) { resumeHomeworkPlan(input: $input) { plan { status } } }`;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'care'], workers: true, now: clock.now });
  [client, therapist] = await Promise.all([signUp(stack, 'CLIENT'), signUp(stack, 'THERAPIST')]);
  admin = await signUpAdmin(stack);
  const bookingId = await completeSession(stack, {
    client,
    therapist,
    startsAt: new Date('2026-04-06T13:00:00.000Z'),
    selfCareCap: 5,
  });
  const plan = await createPlan(stack, therapist, {
    bookingId: gid('Booking', bookingId),
    painCap: 4,
    items: [{ itemId: 'suboccipital-release' }],
  });
  planId = plan.id;
});
afterAll(() => stack.close());

const log = (extra: Record<string, unknown>) =>
  stack.gql<LogOut>(
    LOG,
    { input: { planId, itemId: 'suboccipital-release', status: 'DONE', painFelt: 2, ...extra } },
    { token: client.accessToken },
  );

const notices = (template: string) =>
  stack.prisma.notification.findMany({ where: { userId: uid(therapist), template } });

const openAlerts = () => openCareAlerts<AlertNode>(stack, admin, FIELDS);

async function resume() {
  const res = await stack.gql<{ resumeHomeworkPlan: { plan: { status: string } } }>(
    RESUME,
    { input: { planId } },
    { token: therapist.accessToken },
  );
  expect(res.data?.resumeHomeworkPlan.plan.status).toBe('ACTIVE');
}

describe('free-text safety in homework logs', () => {
  it('ticking the box: the reference the free text must match', async () => {
    const before = (await notices('homework-red-flag')).length;
    const res = await log({ symptoms: ['NUMBNESS'] });
    expect(res.data?.logHomework).toMatchObject({
      urgent: { guidance: HOMEWORK_ESCALATION_GUIDANCE, symptoms: ['NUMBNESS'], screeningRuleId: 'R10' },
      therapistNotified: true,
      planPaused: true,
    });
    expect(await notices('homework-red-flag')).toHaveLength(before + 1);
    expect((await openAlerts()).map((a) => a.kind)).toEqual(['RED_FLAG_SYMPTOM']);
    await acknowledgeCareAlerts(stack, admin);
    await resume();
  });

  it.each([
    [{ note: 'After the release my left arm went numb for a few minutes, then it passed.' }, ['NUMBNESS']],
    [{ otherSymptoms: ['my vision went all blurry on the left'] }, ['VISION_CHANGE']],
    [
      { note: 'Felt fine at first. Later the room was SPINNING and my words were slurring!' },
      ['SLURRED_SPEECH', 'DIZZINESS'],
    ],
  ])(
    'a red flag inside a sentence (%j) gives urgent guidance, tells the therapist and raises an admin alert',
    async (extra, symptoms) => {
      const before = (await notices('homework-red-flag')).length;
      const res = await log(extra);
      expect(res.errors).toBeUndefined();
      const out = res.data!.logHomework;
      expect(out.urgent).toEqual({
        guidance: HOMEWORK_ESCALATION_GUIDANCE,
        symptoms,
        screeningRuleId: 'R10',
      });
      expect(out.therapistNotified).toBe(true);
      expect(out.planPaused).toBe(true);
      expect([...out.log.symptoms].sort()).toEqual([...symptoms].sort());
      const sent = await notices('homework-red-flag');
      expect(sent).toHaveLength(before + 1);
      // The notice names no symptom: notifications leave the health-data boundary.
      expect(JSON.stringify(sent.at(-1)?.payload)).not.toMatch(/numb|blurry|slurr|spinning/i);
      const alerts = await openAlerts();
      expect(alerts).toEqual([
        expect.objectContaining({
          kind: 'RED_FLAG_SYMPTOM',
          severity: 'URGENT',
          clientId: client.id,
          planId,
          symptoms,
        }),
      ]);
      // Explainable: the alert names the client's words that matched.
      expect(alerts[0]?.freeTextWords.length).toBeGreaterThan(0);
      await acknowledgeCareAlerts(stack, admin);
      await resume();
    },
  );

  it('a negated symptom ("no numbness or dizziness") does not escalate', async () => {
    const res = await log({ note: 'No numbness or dizziness this time, felt relaxed.' });
    expect(res.data?.logHomework).toMatchObject({
      urgent: null,
      therapistNotified: false,
      planPaused: false,
    });
    expect(await openAlerts()).toEqual([]);
  });

  it('words it cannot call harmless go to the therapist’s review queue, not ignored', async () => {
    const before = (await notices('homework-check-in')).length;
    const res = await log({ note: 'Felt a bit strange afterwards, hard to describe.' });
    expect(res.data?.logHomework).toMatchObject({ urgent: null, therapistNotified: true, planPaused: false });
    const sent = await notices('homework-check-in');
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)?.payload).toMatchObject({ reason: 'FREE_TEXT_REVIEW', priority: 'ROUTINE' });

    const queue = await stack.gql<{ careReviewQueue: { edges: { node: AlertNode }[] } }>(
      QUEUE,
      {},
      { token: therapist.accessToken },
    );
    expect(queue.errors).toBeUndefined();
    const items = queue.data!.careReviewQueue.edges.map((e) => e.node);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'FREE_TEXT_REVIEW',
        severity: 'ROUTINE',
        planId,
        freeTextWords: ['strange'],
      }),
    ]);
    // The therapist's read of health data is audited, once.
    expect(
      await stack.prisma.auditEntry.findMany({
        where: { actorId: uid(therapist), entityType: 'CareAlert' },
        select: { action: true },
      }),
    ).toEqual([{ action: 'health_data.read' }]);

    // Another therapist sees nothing and cannot acknowledge it; the client cannot read the queue.
    const other = await signUp(stack, 'THERAPIST');
    const theirs = await stack.gql<{ careReviewQueue: { edges: unknown[] } }>(
      QUEUE,
      {},
      { token: other.accessToken },
    );
    expect(theirs.data?.careReviewQueue.edges).toEqual([]);
    const stolen = await stack.gql(
      ACKNOWLEDGE_CARE_ALERT,
      { input: { alertId: items[0]?.id } },
      { token: other.accessToken },
    );
    expect(stolen.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const asClient = await stack.gql(QUEUE, {}, { token: client.accessToken });
    expect(asClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const done = await stack.gql<{ acknowledgeCareAlert: { alert: { status: string } } }>(
      ACKNOWLEDGE_CARE_ALERT,
      { input: { alertId: items[0]?.id } },
      { token: therapist.accessToken },
    );
    expect(done.data?.acknowledgeCareAlert.alert.status).toBe('ACKNOWLEDGED');
  });
});
