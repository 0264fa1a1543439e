import type { Config } from '@mm/config';
import { checkDependencies } from '@mm/queue/preflight';

/**
 * Names the variable to set and the command that provides the service when
 * Postgres or Redis is down, or when the port answers but is something else.
 */
export async function assertInfrastructure(config: Config): Promise<void> {
  const problems = await checkDependencies({
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    allowMissingDatabase: true,
  });
  if (problems.length === 0) return;
  console.error(
    `\n${problems.join('\n')}\n\nStart them with \`docker compose up -d\` (Postgres 15 with contrib extensions, Redis 7),\nor set DATABASE_URL / REDIS_URL to servers you already run.\n`,
  );
  process.exit(1);
}
