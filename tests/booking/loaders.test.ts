import { randomUUID } from 'node:crypto';
import { buildBookingApp } from '@mm/booking/app';
import { loadConfig } from '@mm/config';
import { createFieldCipher } from '@mm/crypto';
import { toGlobalId } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bookingRow, countingPrisma, countStatements } from '../harness/index.ts';

// The booking subgraph on a Prisma client that reports every SQL statement it sends.
const config = loadConfig();
const { prisma, statements } = countingPrisma(config);
const redis = createRedis({ redisUrl: config.REDIS_URL });
const clientId = randomUUID();
const ids = Array.from({ length: 60 }, () => randomUUID());
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildBookingApp({ config, prisma, redis });
  const start = Date.parse('2026-12-01T15:00:00.000Z');
  await prisma.booking.createMany({
    data: ids.map((id, i) =>
      bookingRow(new Date(start + i * 3 * 3600_000), { id, clientId, state: 'COMPLETED' }),
    ),
  });
});

afterAll(async () => {
  await app?.close();
  await prisma.$disconnect();
  redis.disconnect();
});

const asClient = { userId: clientId, role: 'CLIENT' as const };

const LIST = `query($first: Int) {
  myBookings(first: $first) { edges { node { id state screening { outcome modifications { code } } } } }
}`;

/** Statements one page of myBookings costs, with the per-row screening field. */
async function statementsFor(first: number): Promise<number> {
  const res = await countStatements<{ myBookings: { edges: unknown[] } }>({
    app,
    statements,
    config,
    viewer: asClient,
    query: LIST,
    variables: { first },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.myBookings.edges).toHaveLength(first);
  return res.statements;
}

it('myBookings costs the same number of SQL statements for 10 rows as for 50 (Booking.screening is batched)', async () => {
  const ten = await statementsFor(10);
  const fifty = await statementsFor(50);
  expect(ten).toBeGreaterThan(0);
  expect(fifty).toBe(ten);
});

// What the gateway sends a subgraph to resolve references to its entities.
const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Booking { id state } }
}`;

/** Statements resolving `n` Booking references costs; the client sees their own, a stranger none. */
async function referencesCost(n: number, viewer = asClient) {
  const representations = ids
    .slice(0, n)
    .map((id) => ({ __typename: 'Booking', id: toGlobalId('Booking', id) }));
  const res = await countStatements<{ _entities: ({ id: string; state: string } | null)[] }>({
    app,
    statements,
    config,
    viewer,
    query: ENTITIES,
    variables: { representations },
  });
  expect(res.errors).toBeUndefined();
  return res;
}

it('Booking references cost the same statements for 10 as for 50 (__resolveReference is a loader)', async () => {
  const ten = await referencesCost(10);
  const fifty = await referencesCost(50);
  expect(ten.data._entities).toHaveLength(10);
  expect(fifty.data._entities.map((b) => b?.id)).toEqual(
    ids.slice(0, 50).map((id) => toGlobalId('Booking', id)),
  );
  expect(fifty.data._entities.every((b) => b?.state === 'COMPLETED')).toBe(true);
  expect(ten.statements).toBeGreaterThan(0);
  expect(fifty.statements).toBe(ten.statements);
  // Someone else's bookings resolve to null, not to the booking.
  const stranger = await referencesCost(10, { userId: randomUUID(), role: 'CLIENT' });
  expect(stranger.data._entities).toEqual(Array(10).fill(null));
});

it("each row's screening is its own booking's (the loader batches by booking id)", async () => {
  const cipher = createFieldCipher(config.HEALTH_DATA_KEYS);
  const outcomes = ['CLEAR', 'REFER', 'CLEAR_WITH_MODIFICATIONS'] as const;
  // myBookings is newest first: the last three ids start latest.
  const screened = ids.slice(-3);
  await prisma.screeningDecision.createMany({
    data: screened.map((bookingId, i) => {
      const id = randomUUID();
      return {
        id,
        bookingId,
        clientId,
        intakeId: randomUUID(),
        ruleSetVersion: 'test',
        outcome: outcomes[i] as string,
        urgent: false,
        pressureCap: 5,
        selfCareCap: 3,
        requiresIntraOralEndorsement: false,
        gentleOnlyAvailable: false,
        gentleOnlyApplied: false,
        answersSealed: cipher.sealJson({}, id),
        resultSealed: cipher.sealJson(
          { modifications: [{ code: `CODE_${i}`, text: 'x' }], guidance: '' },
          id,
        ),
        createdAt: new Date('2026-11-01T00:00:00.000Z'),
      };
    }),
  });
  const res = await countStatements<{
    myBookings: {
      edges: {
        node: { id: string; screening: { outcome: string; modifications: { code: string }[] } | null };
      }[];
    };
  }>({ app, statements, config, viewer: asClient, query: LIST, variables: { first: 4 } });
  expect(res.errors).toBeUndefined();
  const byId = new Map(res.data.myBookings.edges.map((e) => [e.node.id, e.node.screening]));
  screened.forEach((bookingId, i) => {
    expect(byId.get(toGlobalId('Booking', bookingId))).toEqual({
      outcome: outcomes[i],
      modifications: [{ code: `CODE_${i}` }],
    });
  });
  expect(byId.get(toGlobalId('Booking', ids[ids.length - 4] as string))).toBeNull();
});

it('a page reads only the columns its fields need and answers as the whole row would', async () => {
  const fields = `id state kind clientId therapistId startsAt endsAt durationMinutes travelBufferMinutes modalities
    focusAreas genderPreference notes requestedIntraOral confirmedAt completedAt cancellation { fee { amount } }
    allowedEvents screening { outcome }`;
  const query = (selection: string, fragment = '') => ({
    app,
    statements,
    config,
    viewer: asClient,
    query: `query { myBookings(first: 5) { edges { cursor node { ${selection} } } } } ${fragment}`,
    variables: {},
  });
  const bookingsSql = () => statements.find((sql) => sql.includes('"bookings"')) ?? '';
  const picked = await countStatements(query(fields));
  const pickedSql = bookingsSql();
  // A fragment is not judged: the whole row is read.
  const whole = await countStatements(query('...All', `fragment All on Booking { ${fields} }`));
  expect(pickedSql).not.toContain('"quote"');
  expect(bookingsSql()).toContain('"quote"');
  expect(picked.errors).toBeUndefined();
  expect(whole.errors).toBeUndefined();
  expect(picked.data).toEqual(whole.data);
});
