import { randomUUID } from 'node:crypto';
import { seedDemo } from '@mm/care/src/seed.ts';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { afterAll, expect, it } from 'vitest';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
afterAll(() => prisma.$disconnect());

it('seeds the demo client’s diary once; a second run changes nothing', async () => {
  const client = { userId: randomUUID(), email: 'client@demo.migraine.test' };
  const args = {
    prisma,
    config,
    now: new Date('2026-11-21T12:00:00.000Z'),
    accounts: { admin: { userId: randomUUID(), email: 'admin@demo.migraine.test' }, client, therapists: [] },
  };
  await seedDemo(args);
  const first = await prisma.diaryEntry.findMany({
    where: { clientId: client.userId },
    orderBy: { startedAt: 'asc' },
  });
  expect(first).toHaveLength(7);
  expect(first.every((e) => e.startedAt >= new Date('2026-10-22T00:00:00Z') && e.startedAt < args.now)).toBe(
    true,
  );
  await seedDemo(args);
  const second = await prisma.diaryEntry.findMany({
    where: { clientId: client.userId },
    orderBy: { startedAt: 'asc' },
  });
  expect(second).toEqual(first);
  expect(await prisma.careClient.findUnique({ where: { userId: client.userId } })).toMatchObject({
    timezone: 'America/New_York',
  });
});
