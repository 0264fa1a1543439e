import { randomUUID } from 'node:crypto';
import { toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, signUpAdmin, startStack, TestClock, type TestUser } from '../harness/index.ts';

// Case work on alerts and incidents (the admin console's trust-and-safety page):
// assign to an admin, add notes; both audited.
const clock = new TestClock('2026-11-23T15:00:00.000Z');
let stack: Stack;
let admin: TestUser;
let otherAdmin: TestUser;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity', 'booking'], now: clock.now });
  admin = await signUpAdmin(stack);
  otherAdmin = await signUpAdmin(stack);
});
afterAll(() => stack.close());

const CASE = 'subjectId assigneeId assignedAt notes { id authorId body at }';
const ASSIGN = `mutation($i: AssignSafetyCaseInput!) { assignSafetyCase(input: $i) { case { ${CASE} } } }`;
const NOTE = `mutation($i: AddSafetyCaseNoteInput!) { addSafetyCaseNote(input: $i) { case { ${CASE} } } }`;
const CASES = `query($ids: [ID!]!) { safetyCases(subjectIds: $ids) { ${CASE} } }`;

describe('safety cases', () => {
  it('an admin assigns an incident, notes on it, reassigns; every step is audited', async () => {
    const incidentUuid = randomUUID();
    const subjectId = toGlobalId('OverPressureIncident', incidentUuid);
    const assigned = await stack.gql(
      ASSIGN,
      { i: { subjectId, assigneeId: admin.id } },
      { token: admin.accessToken },
    );
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data).toMatchObject({
      assignSafetyCase: {
        case: { subjectId, assigneeId: admin.id, assignedAt: clock.now().toISOString(), notes: [] },
      },
    });
    clock.advanceMinutes(5);
    await stack.gql(NOTE, { i: { subjectId, body: '  Called the client  ' } }, { token: admin.accessToken });
    await stack.gql(ASSIGN, { i: { subjectId, assigneeId: otherAdmin.id } }, { token: admin.accessToken });
    const read = await stack.gql<{ safetyCases: Record<string, unknown>[] }>(
      CASES,
      { ids: [subjectId, toGlobalId('CareAlert', randomUUID())] },
      { token: otherAdmin.accessToken },
    );
    expect(read.data?.safetyCases).toEqual([
      {
        subjectId,
        assigneeId: otherAdmin.id,
        assignedAt: clock.now().toISOString(),
        notes: [expect.objectContaining({ authorId: admin.id, body: 'Called the client' })],
      },
      expect.objectContaining({ assigneeId: null, notes: [] }),
    ]);
    const audits = await stack.prisma.auditEntry.findMany({
      where: { entityType: 'OverPressureIncident', entityId: incidentUuid },
      orderBy: { at: 'asc' },
    });
    expect(audits.map((a) => a.action)).toEqual([
      'safety_case.assign',
      'safety_case.note',
      'safety_case.assign',
    ]);
  });

  it('notes written at the same moment are all kept', async () => {
    const subjectId = toGlobalId('SafetyAlert', randomUUID());
    const results = await Promise.all(
      ['a', 'b', 'c'].map((body) =>
        stack.gql(NOTE, { i: { subjectId, body } }, { token: admin.accessToken }),
      ),
    );
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const read = await stack.gql<{ safetyCases: { notes: { body: string }[] }[] }>(
      CASES,
      { ids: [subjectId] },
      { token: admin.accessToken },
    );
    expect(read.data?.safetyCases[0]?.notes.map((n) => n.body).sort()).toEqual(['a', 'b', 'c']);
  });

  it('refuses non-admins, other kinds of IDs and empty notes', async () => {
    const client = await signUp(stack, 'CLIENT');
    const subjectId = toGlobalId('SafetyAlert', randomUUID());
    const byClient = await stack.gql(NOTE, { i: { subjectId, body: 'x' } }, { token: client.accessToken });
    expect(byClient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongType = await stack.gql(
      NOTE,
      { i: { subjectId: toGlobalId('Booking', randomUUID()), body: 'x' } },
      { token: admin.accessToken },
    );
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const empty = await stack.gql(NOTE, { i: { subjectId, body: '   ' } }, { token: admin.accessToken });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
