import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { openSchemaEngine } from './engine.ts';

export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface MigrateContext {
  connectionString: string;
  /** The prisma/schema folder (one file per bounded context). */
  schemaDir: string;
  migrationsDir: string;
  log?: (line: string) => void;
}

/** Reads prisma/migrations exactly as the Prisma CLI does, so `prisma migrate deploy` sees the same history. */
export function loadMigrations(migrationsDir: string): MigrationList {
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((name) => {
      const file = join(migrationsDir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file)
            ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

export function loadSchemaFiles(schemaDir: string): { path: string; content: string }[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.prisma'))
    .sort()
    .map((f) => ({ path: join(schemaDir, f), content: readFileSync(join(schemaDir, f), 'utf8') }));
}

async function withEngine<T>(
  ctx: MigrateContext,
  connectionString: string,
  fn: (engine: SchemaEngine, files: { path: string; content: string }[]) => Promise<T>,
): Promise<T> {
  const files = loadSchemaFiles(ctx.schemaDir);
  const { engine, close } = await openSchemaEngine({
    connectionString,
    files: files.map((f) => [f.path, f.content]),
    ...(ctx.log ? { log: ctx.log } : {}),
  });
  try {
    return await fn(engine, files);
  } finally {
    await close();
  }
}

/** Applies every pending migration; safe to run on every start. */
export async function migrateDeploy(ctx: MigrateContext): Promise<string[]> {
  return withEngine(ctx, ctx.connectionString, async (engine) => {
    const out = await engine.applyMigrations({
      migrationsList: loadMigrations(ctx.migrationsDir),
      filters: noFilters,
    });
    return out.appliedMigrationNames;
  });
}

// The wasm engine cannot create a Postgres shadow database itself, so we
// replay the history into a throwaway database and diff that against the schema.
async function withShadowDatabase<T>(ctx: MigrateContext, fn: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: ctx.connectionString });
  await admin.connect();
  const name = `mm_shadow_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(ctx.connectionString);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** The SQL that would bring prisma/migrations up to prisma/schema, or null when they agree. */
export async function pendingSchemaChanges(ctx: MigrateContext): Promise<string | null> {
  return withShadowDatabase(ctx, (shadowUrl) =>
    withEngine(ctx, shadowUrl, async (engine, files) => {
      await engine.applyMigrations({ migrationsList: loadMigrations(ctx.migrationsDir), filters: noFilters });
      const out = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: ctx.schemaDir },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: true,
        filters: noFilters,
      });
      return out.exitCode === 2 ? (out.stdout ?? '') : null;
    }),
  );
}

/** Drift check: prisma/schema changed without a migration. */
export const checkDrift = pendingSchemaChanges;

function timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Writes prisma/migrations/<timestamp>_<name>/migration.sql for the schema changes not yet migrated. */
export async function createMigration(
  ctx: MigrateContext,
  name: string,
  now = new Date(),
): Promise<string | null> {
  const sql = await pendingSchemaChanges(ctx);
  if (sql === null) return null;
  const dirName = `${timestamp(now)}_${name}`;
  mkdirSync(join(ctx.migrationsDir, dirName), { recursive: true });
  writeFileSync(join(ctx.migrationsDir, dirName, 'migration.sql'), sql);
  const lock = join(ctx.migrationsDir, 'migration_lock.toml');
  if (!existsSync(lock)) {
    writeFileSync(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return dirName;
}
