import { defineConfig } from 'prisma/config';

// The Prisma CLI is only used for `generate` here; migrations run through
// the project's offline command (packages/db/src/migrate), see README.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/migraine_massage' },
});
