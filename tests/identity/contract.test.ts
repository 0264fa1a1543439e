import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { eventRouteProblems } from '@mm/graphql-kit';
import { buildIdentityModules } from '@mm/identity/src/modules/index.ts';
import { afterAll, expect, it } from 'vitest';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
afterAll(() => prisma.$disconnect());

it('identity’s modules handle exactly the events EVENT_ROUTES sends to identity', () => {
  const modules = buildIdentityModules({ config, prisma });
  expect(modules.map((m) => m.name)).toEqual(['accounts', 'profiles', 'access-log']);
  expect(eventRouteProblems('identity', modules)).toEqual([]);
});
