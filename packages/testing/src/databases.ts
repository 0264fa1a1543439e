import pg from 'pg';

export const adminUrl = () =>
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Database names carry a base-36 timestamp, so a crashed run's leftovers can be recognised by age. */
export const runPrefix = 'mm_t_';
export const newRunId = () => Date.now().toString(36);
