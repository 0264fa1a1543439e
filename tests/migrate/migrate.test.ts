import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkDrift, createMigration, migrateDeploy } from '@mm/db/migrate';
import { migrationsApplied } from '@mm/db/migrate/applied';
import { databaseUrl, newRunId, runPrefix, withAdmin } from '@mm/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// Named like every test database (prefix, then its birth time), so stale-run cleanup reads its age right.
const emptyDb = `${runPrefix}${newRunId()}_migrate_${process.pid}`;
let work: string;

beforeAll(async () => {
  await withAdmin((a) => a.query(`CREATE DATABASE "${emptyDb}"`));
  // A scratch copy of prisma/, so the tests can change the schema freely.
  work = mkdtempSync(join(tmpdir(), 'mm-prisma-'));
  cpSync(resolve(root, 'prisma'), work, { recursive: true });
});
afterAll(async () => {
  await withAdmin((a) => a.query(`DROP DATABASE IF EXISTS "${emptyDb}" WITH (FORCE)`));
  rmSync(work, { recursive: true, force: true });
});

const ctx = () => ({
  connectionString: databaseUrl(emptyDb),
  schemaDir: join(work, 'schema'),
  migrationsDir: join(work, 'migrations'),
});

describe('offline migrate command', () => {
  it('migrates an empty database and records the history Prisma expects', async () => {
    expect(await migrationsApplied(ctx().connectionString, ctx().migrationsDir)).toBe(false);
    const applied = await migrateDeploy(ctx());
    expect(applied.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: databaseUrl(emptyDb) });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, finished_at FROM _prisma_migrations');
    const tables = await client.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'identity'`,
    );
    await client.end();
    expect(rows.map((r) => r.migration_name).sort()).toEqual([...applied].sort());
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(tables.rows[0].n).toBeGreaterThan(0);
    expect(await migrateDeploy(ctx())).toEqual([]); // a second run is a no-op
  });

  it('tells without the schema engine whether every migration is applied, by name and checksum', async () => {
    const { connectionString, migrationsDir } = ctx();
    expect(await migrationsApplied(connectionString, migrationsDir)).toBe(true);
    const copy = mkdtempSync(join(tmpdir(), 'mm-migrations-'));
    try {
      cpSync(migrationsDir, copy, { recursive: true });
      mkdirSync(join(copy, '29991231000000_next'));
      writeFileSync(join(copy, '29991231000000_next', 'migration.sql'), 'SELECT 1;\n');
      expect(await migrationsApplied(connectionString, copy)).toBe(false); // one pending
      rmSync(join(copy, '29991231000000_next'), { recursive: true });
      expect(await migrationsApplied(connectionString, copy)).toBe(true);
      const first = join(copy, '20261121115530_foundation', 'migration.sql');
      writeFileSync(first, `${readFileSync(first, 'utf8')}\n-- edited\n`);
      expect(await migrationsApplied(connectionString, copy)).toBe(false); // an applied one edited
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('reports no drift between prisma/schema and the committed migrations', async () => {
    expect(
      await checkDrift({
        ...ctx(),
        schemaDir: resolve(root, 'prisma/schema'),
        migrationsDir: resolve(root, 'prisma/migrations'),
      }),
    ).toBeNull();
  });

  it('fails the drift check when prisma/schema changes without a migration, and a new migration fixes it', async () => {
    const schemaPath = join(ctx().schemaDir, 'platform.prisma');
    writeFileSync(
      schemaPath,
      `${readFileSync(schemaPath, 'utf8')}\nmodel DriftProbe {\n  id Int @id\n  @@schema("platform")\n}\n`,
    );
    const drift = await checkDrift(ctx());
    expect(drift).toContain('CREATE TABLE "platform"."DriftProbe"');

    const name = await createMigration(ctx(), 'drift_probe');
    expect(name).toMatch(/^\d{14}_drift_probe$/);
    expect(readFileSync(join(ctx().migrationsDir, name!, 'migration.sql'), 'utf8')).toContain('DriftProbe');
    expect(await checkDrift(ctx())).toBeNull();
  });

  it('keeps hand-written SQL Prisma cannot express (exclusion constraints, earthdistance indexes) out of the drift', async () => {
    const name = await createMigration(ctx(), 'probe_slots_placeholder');
    expect(name).toBeNull(); // nothing pending after the previous test
    const schemaPath = join(ctx().schemaDir, 'booking.prisma');
    writeFileSync(
      schemaPath,
      `${readFileSync(schemaPath, 'utf8')}\nmodel SlotProbe {\n  id String @id @db.Uuid\n  therapistId String @db.Uuid\n  startsAt DateTime @db.Timestamptz(3)\n  endsAt DateTime @db.Timestamptz(3)\n  latitude Float\n  longitude Float\n  @@schema("booking")\n}\n`,
    );
    expect(await createMigration(ctx(), 'slot_probe')).not.toBeNull();
    const raw = join(ctx().migrationsDir, '29990101000000_slot_probe_raw');
    mkdirSync(raw);
    writeFileSync(
      join(raw, 'migration.sql'),
      `CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
ALTER TABLE booking."SlotProbe" ADD CONSTRAINT slot_probe_no_overlap
  EXCLUDE USING gist ("therapistId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&);
CREATE INDEX slot_probe_geo ON booking."SlotProbe" USING gist (ll_to_earth(latitude, longitude));`,
    );
    expect(await checkDrift(ctx())).toBeNull();
    expect(await migrateDeploy(ctx())).toContain('29990101000000_slot_probe_raw');
  });
});
