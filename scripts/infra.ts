import { createConnection } from 'node:net';
import type { Config } from '@mm/config';

const reachable = (url: string, fallbackPort: number) =>
  new Promise<boolean>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname, port: Number(port || fallbackPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

/** Names the variable to set and the command that provides the service when Postgres or Redis is down. */
export async function assertInfrastructure(config: Config): Promise<void> {
  const problems: string[] = [];
  if (!(await reachable(config.DATABASE_URL, 5432))) {
    problems.push(
      `PostgreSQL is not reachable at DATABASE_URL=${config.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
    );
  }
  if (!(await reachable(config.REDIS_URL, 6379))) {
    problems.push(`Redis is not reachable at REDIS_URL=${config.REDIS_URL}`);
  }
  if (problems.length === 0) return;
  console.error(
    `\n${problems.join('\n')}\n\nStart them with \`docker compose up -d\` (Postgres 15 with contrib extensions, Redis 7),\nor set DATABASE_URL / REDIS_URL to servers you already run.\n`,
  );
  process.exit(1);
}
