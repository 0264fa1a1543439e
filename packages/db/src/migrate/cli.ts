import { resolve } from 'node:path';
import { checkDrift, createMigration, migrateDeploy } from './migrations.ts';

// `npm run db:migrate`, `db:migrate:new <name>`, `db:check`.
// PROJECT_ROOT: where prisma/ is, for the bundled command in the production image.
const root = process.env.PROJECT_ROOT ?? resolve(import.meta.dirname, '../../../..');
const ctx = {
  connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/migraine_massage',
  schemaDir: resolve(root, 'prisma/schema'),
  migrationsDir: resolve(root, 'prisma/migrations'),
};

const [command, name] = process.argv.slice(2);
try {
  if (command === 'deploy') {
    const applied = await migrateDeploy(ctx);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } else if (command === 'new') {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: db:migrate:new <snake_case_name>');
    const created = await createMigration(ctx, name);
    console.log(
      created
        ? `created prisma/migrations/${created}/migration.sql`
        : 'no schema changes: nothing to migrate',
    );
  } else if (command === 'check') {
    const drift = await checkDrift(ctx);
    if (drift !== null) {
      console.error(
        'prisma/schema and prisma/migrations disagree. Run `npm run db:migrate:new <name>`. Missing SQL:\n',
      );
      console.error(drift);
      process.exit(2);
    }
    console.log('no drift: prisma/schema matches prisma/migrations');
  } else {
    throw new Error('usage: cli.ts deploy | new <name> | check');
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
