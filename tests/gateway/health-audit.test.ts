import { fromGlobalId, HEALTH_DATA_TYPES, healthTypeOf } from '@mm/graphql-kit';
import { getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeInput, submitIntake } from '../booking/support/safety.ts';
import { type Stack, signUp, signUpAdmin, startStack, TestClock, type TestUser } from '../harness/index.ts';

let stack: Stack;
let client: TestUser;
let admin: TestUser;
const clock = new TestClock();
beforeAll(async () => {
  stack = await startStack({ now: clock.now });
  [client, admin] = await Promise.all([signUp(stack, 'CLIENT'), signUpAdmin(stack)]);
});
afterAll(() => stack.close());

const healthReads = (subjectId: string) =>
  stack.prisma.auditEntry.findMany({
    where: { subjectId, action: 'health_data.read' },
    orderBy: { at: 'asc' },
  });

describe('every read of health data is accounted for', () => {
  it('covers every field of the composed schema that returns health data', () => {
    const schema = stack.gateway.graphql.schema;
    const healthFields: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (healthTypeOf(getNamedType(field.type))) healthFields.push(`${type.name}.${field.name}`);
      }
    }
    const audited = new Set(Object.values(stack.subgraphs).flatMap((s) => [...s.app.auditedHealthFields]));
    const uncovered = healthFields.filter((f) => !audited.has(f));
    console.info(
      `health-data audit coverage: ${healthFields.length - uncovered.length} of ${healthFields.length} fields`,
    );
    expect(uncovered).toEqual([]);
    // The list is the one HEALTH_DATA_TYPES names: each of those types is reachable in the composed schema.
    for (const name of HEALTH_DATA_TYPES) expect(schema.getType(name), name).toBeDefined();
    expect(healthFields.length).toBeGreaterThan(15);
  });

  it('an admin’s read of a client’s diary, outcomes and cadence writes audit rows; the client’s own read does not', async () => {
    const clientId = fromGlobalId('User', client.id);
    const added = await stack.gql(
      'mutation($i: AddDiaryEntryInput!) { addDiaryEntry(input: $i) { entry { id } } }',
      {
        i: {
          startedAt: new Date(clock.now().getTime() - 5 * 3_600_000).toISOString(),
          peakIntensity: 7,
          isMigraine: true,
          aura: false,
          wokeWithIt: true,
        },
      },
      { token: client.accessToken },
    );
    expect(added.errors).toBeUndefined();
    const own = await stack.gql(
      '{ diaryEntries { edges { node { id peakIntensity } } } }',
      {},
      { token: client.accessToken },
    );
    expect(own.errors).toBeUndefined();
    expect(await healthReads(clientId)).toHaveLength(0);

    const read = await stack.gql(
      `query($c: ID!) {
        diaryEntries(clientId: $c) { edges { node { id peakIntensity } } }
        careOutcomes(clientId: $c) { __typename }
        cadencePlan(clientId: $c) { __typename }
      }`,
      { c: client.id },
      { token: admin.accessToken },
    );
    expect(read.errors).toBeUndefined();
    const rows = await healthReads(clientId);
    expect(rows.map((r) => r.entityType).sort()).toEqual(['CadencePlan', 'CareOutcomes', 'DiaryEntry']);
    expect(new Set(rows.map((r) => r.actorId))).toEqual(new Set([fromGlobalId('User', admin.id)]));

    // The client sees who read their data; the admin sees the client's trail.
    const mine = await stack.gql<{
      myHealthDataAccess: {
        edges: { node: { readerRole: string; dataType: string; field: string; reader: { id: string } } }[];
      };
    }>(
      '{ myHealthDataAccess { edges { node { readerRole dataType field reader { id } } } } }',
      {},
      { token: client.accessToken },
    );
    expect(mine.errors).toBeUndefined();
    const nodes = mine.data!.myHealthDataAccess.edges.map((e) => e.node);
    expect(nodes.map((n) => n.dataType).sort()).toEqual(['CadencePlan', 'CareOutcomes', 'DiaryEntry']);
    expect(nodes.every((n) => n.readerRole === 'ADMIN' && n.reader.id === admin.id)).toBe(true);
    expect(nodes.map((n) => n.field)).toContain('Query.diaryEntries');

    const trail = await stack.gql<{ healthDataAccessTrail: { edges: unknown[] } }>(
      'query($c: ID!) { healthDataAccessTrail(clientId: $c) { edges { node { dataType } } } }',
      { c: client.id },
      { token: admin.accessToken },
    );
    expect(trail.data?.healthDataAccessTrail.edges).toHaveLength(3);
    const refused = await stack.gql(
      'query($c: ID!) { healthDataAccessTrail(clientId: $c) { edges { node { dataType } } } }',
      { c: client.id },
      { token: client.accessToken },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
  it('each admin read writes exactly one audit row: the service writes no second one beside the mechanism', async () => {
    const [someone, reader] = await Promise.all([signUp(stack, 'CLIENT'), signUpAdmin(stack)]);
    const someoneId = fromGlobalId('User', someone.id);
    const readerId = fromGlobalId('User', reader.id);
    const intake = await submitIntake(stack, someone, intakeInput());
    const entry = (note: string, hoursAgo: number) =>
      stack.gql(
        'mutation($i: AddDiaryEntryInput!) { addDiaryEntry(input: $i) { entry { id } } }',
        {
          i: {
            startedAt: new Date(clock.now().getTime() - hoursAgo * 3_600_000).toISOString(),
            peakIntensity: 6,
            isMigraine: true,
            aura: false,
            wokeWithIt: false,
            note,
          },
        },
        { token: someone.accessToken },
      );
    // The second entry's words raise a care alert (health data an admin reads).
    for (const res of [await entry('An ordinary one.', 30), await entry('My face went numb.', 20)])
      expect(res.errors).toBeUndefined();

    const reads = [
      ['query($id: ID!) { migraineIntake(id: $id) { id version } }', { id: intake.id }],
      ['query($c: ID) { diaryEntries(clientId: $c) { edges { node { id } } } }', { c: someone.id }],
      ['{ careAlerts(status: OPEN) { edges { node { id clientId } } } }', {}],
    ] as const;
    for (const [query, variables] of reads) {
      const res = await stack.gql(query, variables, { token: reader.accessToken });
      expect(res.errors).toBeUndefined();
    }
    const rows = await stack.prisma.auditEntry.findMany({ where: { actorId: readerId } });
    const counted = rows.map((r) => `${r.action} ${r.entityType} ${r.subjectId === someoneId}`).sort();
    expect(counted).toEqual([
      'health_data.read CareAlert true',
      'health_data.read DiaryEntry true',
      'health_data.read DiaryEntry true',
      'health_data.read MigraineIntake true',
    ]);
  });
});
