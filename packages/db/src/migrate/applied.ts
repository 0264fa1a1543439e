import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/**
 * True when every migration under `migrationsDir` is recorded as applied, with
 * the checksum Prisma records (SHA-256 of migration.sql), and nothing is half
 * applied or rolled back. One query, no schema engine: `npm start` asks this
 * first and loads the engine (seconds of WebAssembly) only when it says no.
 */
export async function migrationsApplied(connectionString: string, migrationsDir: string): Promise<boolean> {
  const wanted = new Map(
    readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, 'migration.sql')))
      .map((d) => [
        d.name,
        createHash('sha256')
          .update(readFileSync(join(migrationsDir, d.name, 'migration.sql')))
          .digest('hex'),
      ]),
  );
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; checksum: string; done: boolean; failed: boolean }>(
      `SELECT migration_name AS name, checksum,
              finished_at IS NOT NULL AND rolled_back_at IS NULL AS done,
              finished_at IS NULL AND rolled_back_at IS NULL AS failed
         FROM _prisma_migrations`,
    );
    // A failed migration is the engine's to report.
    if (rows.some((r) => r.failed)) return false;
    const applied = new Map(rows.filter((r) => r.done).map((r) => [r.name, r.checksum]));
    return [...wanted].every(([name, sum]) => applied.get(name) === sum);
  } catch {
    // No migrations table yet (a new database): the engine creates it.
    return false;
  } finally {
    await client.end();
  }
}
