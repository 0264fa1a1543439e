import { randomUUID } from 'node:crypto';
import { buildCareApp } from '@mm/care/app';
import { loadConfig } from '@mm/config';
import { createRedis } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countingPrisma, countStatements } from '../harness/index.ts';

// The care subgraph on a Prisma client that reports every SQL statement it sends.
const config = loadConfig();
const { prisma, statements } = countingPrisma(config);
const redis = createRedis({ redisUrl: config.REDIS_URL });
const clientId = randomUUID();
const therapistId = randomUUID();
const now = new Date('2026-12-01T12:00:00.000Z');
const HOUR = 3_600_000;
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildCareApp({ config, prisma, redis, now: () => now });
  const plans = Array.from({ length: 60 }, (_, i) => ({
    id: randomUUID(),
    bookingId: randomUUID(),
    clientId,
    therapistId,
    painCap: 4,
    clientCap: 5,
    items: [],
    catalogueVersion: 1,
    scheduledThrough: new Date(now.getTime() + 14 * 24 * HOUR),
    createdAt: new Date(now.getTime() - (i + 1) * HOUR),
    updatedAt: new Date(now.getTime() - (i + 1) * HOUR),
  }));
  await prisma.homeworkPlan.createMany({ data: plans });
  // Each plan: one reminder that fired over a day ago (missed), three still to come.
  await prisma.reminder.createMany({
    data: plans.flatMap((p) =>
      [-30, 5, 29, 53].map((h) => ({
        id: randomUUID(),
        planId: p.id,
        clientId,
        itemId: 'suboccipital-release',
        fireAt: new Date(now.getTime() + h * HOUR),
        jobId: `r-${randomUUID()}`,
        localDate: '2026-12-01',
        localTime: '09:00',
        timeZone: 'America/New_York',
        adjustments: [],
        status: h < 0 ? ('SENT' as const) : ('SCHEDULED' as const),
        createdAt: now,
      })),
    ),
  });
});

afterAll(async () => {
  await app?.close();
  await prisma.$disconnect();
  redis.disconnect();
});

const LIST = `query($first: Int) {
  homeworkPlans(first: $first) { edges { node { id adherence { missed pending } upcomingReminders(first: 2) { id } } } }
}`;
type Plan = { adherence: { missed: number }; upcomingReminders: unknown[] };

/** Statements one page of homeworkPlans costs, with its per-plan fields. */
async function statementsFor(first: number): Promise<number> {
  const res = await countStatements<{ homeworkPlans: { edges: { node: Plan }[] } }>({
    app,
    statements,
    config,
    viewer: { userId: clientId, role: 'CLIENT' },
    query: LIST,
    variables: { first },
  });
  expect(res.errors).toBeUndefined();
  const plans = res.data.homeworkPlans.edges.map((e) => e.node);
  expect(plans).toHaveLength(first);
  // The batched fields still answer per plan: one missed reminder, the next two of three upcoming.
  for (const p of plans) {
    expect(p.adherence.missed).toBe(1);
    expect(p.upcomingReminders).toHaveLength(2);
  }
  return res.statements;
}

it('homeworkPlans costs the same SQL statements for 10 plans as for 50 (adherence and reminders are batched)', async () => {
  const ten = await statementsFor(10);
  const fifty = await statementsFor(50);
  expect(ten).toBeGreaterThan(0);
  expect(fifty).toBe(ten);
});
