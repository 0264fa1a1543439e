import { resolve } from 'node:path';
import { migrateDeploy } from '@mm/db/migrate';
import type { TestProject } from 'vitest/node';
import { databaseUrl, newRunId, runPrefix, withAdmin } from './databases.ts';

const root = resolve(import.meta.dirname, '../../..');
const STALE_MS = 2 * 3600 * 1000;
const EPOCH_2020 = Date.UTC(2020, 0, 1);

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

// Vitest calls this once per project, possibly from separate module
// instances; the template is migrated once per run and shared.
const shared = globalThis as typeof globalThis & { __mmTemplate?: Promise<string> };

async function createTemplate(): Promise<string> {
  const run = newRunId();
  const name = `${runPrefix}${run}_template`;
  await withAdmin(async (admin) => {
    // Leftovers of runs that crashed long ago; live runs are younger.
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${runPrefix}%`],
    );
    for (const { datname } of rows) {
      const born = Number.parseInt(datname.slice(runPrefix.length).split('_')[0] ?? '', 36);
      // Only names that carry a plausible birth time; anything else is not ours to judge.
      if (born > EPOCH_2020 && Date.now() - born > STALE_MS) {
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    }
    await admin.query(`CREATE DATABASE "${name}"`);
  });
  await migrateDeploy({
    connectionString: databaseUrl(name),
    schemaDir: resolve(root, 'prisma/schema'),
    migrationsDir: resolve(root, 'prisma/migrations'),
  });
  return name;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.__mmTemplate ??= createTemplate();
  const name = await shared.__mmTemplate;
  project.provide('templateDatabase', name);
  return async () => {
    await withAdmin(async (admin) => {
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`${name.replace(/_template$/, '')}%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }).catch(() => {});
  };
}
