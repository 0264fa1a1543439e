import { randomUUID } from 'node:crypto';
import { buildBookingApp } from '@mm/booking/app';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The booking subgraph on a Prisma client that reports every SQL statement it sends.
const config = loadConfig();
const statements: string[] = [];
const prisma = createPrismaClient({
  databaseUrl: config.DATABASE_URL,
  poolSize: 3,
  onQuery: (sql) => statements.push(sql),
});
const redis = createRedis({ redisUrl: config.REDIS_URL });
const clientId = randomUUID();
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildBookingApp({ config, prisma, redis });
  const start = Date.parse('2026-12-01T15:00:00.000Z');
  await prisma.booking.createMany({
    data: Array.from({ length: 60 }, (_, i) => {
      const startsAt = new Date(start + i * 3 * 3600_000);
      return {
        clientId,
        state: 'COMPLETED' as const,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3600_000),
        durationMinutes: 60,
        travelBufferMinutes: 15,
        busyFrom: new Date(startsAt.getTime() - 15 * 60_000),
        busyUntil: new Date(startsAt.getTime() + 75 * 60_000),
        addressId: randomUUID(),
        latitude: 40.758,
        longitude: -73.9855,
        jurisdiction: 'US-NY',
        timezone: 'America/New_York',
        modalities: ['SWEDISH'],
        focusAreas: [],
        priceBookVersion: 'test',
        quote: {},
        currency: 'USD',
        subtotal: 12_000,
        platformFee: 3_000,
      };
    }),
  });
});

afterAll(async () => {
  await app?.close();
  await prisma.$disconnect();
  redis.disconnect();
});

const LIST = `query($first: Int) {
  myBookings(first: $first) { edges { node { id state screening { outcome modifications { code } } } } }
}`;

/** Statements one page of myBookings costs, with the per-row screening field. */
async function statementsFor(first: number): Promise<number> {
  const assertion = await signGatewayAssertion(
    { userId: clientId, role: 'CLIENT' },
    config.GATEWAY_SHARED_SECRET,
  );
  statements.length = 0;
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion },
    payload: JSON.stringify({ query: LIST, variables: { first } }),
  });
  const body = res.json() as { data: { myBookings: { edges: unknown[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data.myBookings.edges).toHaveLength(first);
  return statements.length;
}

it('myBookings costs the same number of SQL statements for 10 rows as for 50 (Booking.screening is batched)', async () => {
  const ten = await statementsFor(10);
  const fifty = await statementsFor(50);
  expect(ten).toBeGreaterThan(0);
  expect(fifty).toBe(ten);
});
