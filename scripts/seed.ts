// Demo data for `npm start`: identity's accounts first, then each service's
// own data in dependency order. Every step is idempotent.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { seedDemo as seedIdentity } from '@mm/identity/seed';

const config = loadConfig();
if (config.NODE_ENV === 'production') {
  console.error('Refusing to seed demo accounts in production.');
  process.exit(1);
}
const root = resolve(import.meta.dirname, '..');
// Literal imports, in dependency order, so the dev bundle (scripts/dev-build.ts) includes them.
const SEEDS: Record<string, () => Promise<unknown>> = {
  screening: () => import('@mm/screening/seed'),
  payments: () => import('@mm/payments/seed'),
  booking: () => import('@mm/booking/seed'),
  care: () => import('@mm/care/seed'),
};
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
try {
  const accounts = await seedIdentity({ prisma, config });
  for (const [service, load] of Object.entries(SEEDS)) {
    if (!existsSync(resolve(root, `services/${service}/src/seed.ts`))) continue;
    const { seedDemo } = (await load()) as {
      seedDemo: (args: {
        prisma: typeof prisma;
        config: typeof config;
        accounts: typeof accounts;
        now: Date;
      }) => Promise<unknown>;
    };
    await seedDemo({ prisma, config, accounts, now: new Date() });
  }
  console.log('Demo data is in place.');
} finally {
  await prisma.$disconnect();
}
