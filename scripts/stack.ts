// Runs the whole marketplace on one machine: migrate, seed, then every
// subgraph (with its workers), the outbox relay, the local Stripe server and
// the gateway. A child that exits is restarted with backoff (scripts/supervisor.ts);
// Ctrl-C stops everything cleanly.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@mm/config';
import { migrationsApplied } from '@mm/db/migrate/applied';
import { webhookSecret } from '@mm/payments/src/modules/shared/webhook-secret.ts';
import pg from 'pg';
import { bundlePath, devBuild } from './dev-build.ts';
import { assertInfrastructure } from './infra.ts';
import { Supervisor } from './supervisor.ts';

const root = resolve(import.meta.dirname, '..');
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}

const SERVICES = [
  { name: 'identity', port: config.IDENTITY_PORT },
  { name: 'screening', port: config.SCREENING_PORT },
  { name: 'booking', port: config.BOOKING_PORT },
  { name: 'payments', port: config.PAYMENTS_PORT },
  { name: 'care', port: config.CARE_PORT },
].filter((s) => existsSync(resolve(root, `services/${s.name}/src/server.ts`)));

/** `npm start -- --separate`: a process per service and the relay (the default shares one). */
const SEPARATE = process.argv.includes('--separate');

const COLORS = [36, 33, 35, 32, 34, 31, 90];
const colors = new Map<string, number>();

/** Pino JSON lines become `[service] message`; everything else passes through. */
function pretty(child: string, line: string, stream: 'stdout' | 'stderr') {
  let text = line;
  let name = child;
  try {
    const j = JSON.parse(line) as Record<string, unknown>;
    // The shared process logs for every service: each line names its own.
    if (typeof j.name === 'string') name = j.name;
    const req = j.req as { method?: string; url?: string } | undefined;
    const res = j.res as { statusCode?: number } | undefined;
    const level =
      typeof j.level === 'number' ? (j.level >= 50 ? 'ERROR ' : j.level >= 40 ? 'WARN ' : '') : '';
    text = `${level}${j.msg ?? ''}${req ? ` ${req.method} ${req.url}` : ''}${res ? ` → ${res.statusCode}` : ''}`;
    if (j.err) text += ` ${JSON.stringify(j.err).slice(0, 400)}`;
  } catch {
    // not JSON: print as is
  }
  if (!colors.has(name)) colors.set(name, COLORS[colors.size % COLORS.length] ?? 36);
  const out = stream === 'stdout' ? process.stdout : process.stderr;
  if (text.trim()) out.write(`\x1b[${colors.get(name)}m[${name}]\x1b[0m ${text}\n`);
}

// A child that exits is started again with backoff, and the log says why;
// only Ctrl-C / SIGTERM stops the stack (the configuration was validated
// above, so a child cannot fail on it alone).
const supervisor = new Supervisor({
  cwd: root,
  write: pretty,
  onRestart: (name, why, delay) =>
    console.error(`[${name}] ${why}; restarting in ${(delay / 1000).toFixed(1)} s`),
});
const run = (name: string, args: string[], env: Record<string, string> = {}) => {
  supervisor.run(name, args, env);
};

async function waitForHttp(url: string, name: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (supervisor.isStopping) return;
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

async function shutdown(code: number): Promise<never> {
  await supervisor.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// If whoever started us dies without passing a signal on, don't leave orphans.
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    void shutdown(0);
  }
}, 1000).unref();

async function ensureDatabase(): Promise<void> {
  const url = new URL(config.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(config.DATABASE_URL);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) {
    console.log(`Creating database ${name}…`);
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  }
  await client.end();
}

/** The Prisma client is regenerated only when a schema file is newer (a warm start skips seconds of CLI). */
function clientIsStale(): boolean {
  const client = resolve(root, 'packages/db/src/generated/prisma/client.ts');
  if (!existsSync(client)) return true;
  const generatedAt = statSync(client).mtimeMs;
  const schemaDir = resolve(root, 'prisma/schema');
  return readdirSync(schemaDir, { recursive: true, encoding: 'utf8' }).some(
    (f) => statSync(resolve(schemaDir, f)).mtimeMs > generatedAt,
  );
}

/** Applies pending migrations; the schema engine (seconds of WebAssembly) loads only when one is pending. */
async function migrate(): Promise<void> {
  const migrationsDir = resolve(root, 'prisma/migrations');
  if (await migrationsApplied(config.DATABASE_URL, migrationsDir)) {
    console.log('Database schema is up to date.');
    return;
  }
  const { migrateDeploy } = await import('@mm/db/migrate');
  const applied = await migrateDeploy({
    connectionString: config.DATABASE_URL,
    schemaDir: resolve(root, 'prisma/schema'),
    migrationsDir,
  });
  console.log(applied.length ? `Migrated: ${applied.join(', ')}` : 'Database schema is up to date.');
}

/**
 * What the last successful seed of this database was: the hash of the seed's bundles (seed.mjs, db.mjs)
 * and the database's oid (a database dropped and created again is a new one).
 * A warm start whose seed and database are unchanged, and whose demo admin is
 * still there, skips the seed (a process of its own, 1–3 s); the seed itself
 * stays idempotent for every other case.
 */
async function seedStamp(): Promise<{ file: string; stamp: string; current: boolean }> {
  const dbName = new URL(config.DATABASE_URL).pathname.slice(1) || 'default';
  const file = resolve(root, 'var/seed-state', `${dbName}.txt`);
  const bundle = createHash('sha256')
    .update(readFileSync(bundlePath('seed')))
    .update(readFileSync(bundlePath('db')))
    .digest('hex');
  const client = new pg.Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ oid: string; admin: boolean }>(
      `SELECT (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS oid,
              EXISTS (SELECT 1 FROM identity.users WHERE email = 'admin@demo.migraine.test') AS admin`,
    );
    const stamp = `${bundle} ${rows[0]?.oid}`;
    const current = !!rows[0]?.admin && existsSync(file) && readFileSync(file, 'utf8') === stamp;
    return { file, stamp, current };
  } finally {
    await client.end();
  }
}

function seed(stamp: { file: string; stamp: string }): void {
  const run = spawnSync(process.execPath, ['--enable-source-maps', bundlePath('seed')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('seeding failed');
  mkdirSync(resolve(stamp.file, '..'), { recursive: true });
  writeFileSync(stamp.file, stamp.stamp);
}

async function main(): Promise<void> {
  await assertInfrastructure(config);
  await ensureDatabase();

  if (clientIsStale()) {
    const generate = spawnSync(process.execPath, ['packages/db/bin/generate.mjs'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (generate.status !== 0) throw new Error('prisma generate failed');
  }
  // Every child runs from a bundle (var/build/): a restart after a crash then
  // takes about a second instead of tsx transpiling the sources again.
  const built = await devBuild();
  if (built.length) console.log(`Bundled ${built.join(', ')} into var/build/.`);

  // The local Stripe server boots while the migrations are checked.
  const stripeEmbedded = !config.STRIPE_SECRET_KEY && SERVICES.some((s) => s.name === 'payments');
  if (stripeEmbedded) {
    // One state file per database, so the Stripe objects it names survive a restart.
    const dbName = new URL(config.DATABASE_URL).pathname.slice(1) || 'default';
    const stateFile = resolve(root, 'var/stripe-emulator', `${dbName}.json`);
    const args = ['--port', String(config.STRIPE_EMULATOR_PORT), '--state-file', stateFile];
    run('stripe', [bundlePath('stripe'), ...args], {
      STRIPE_WEBHOOK_URL: `http://127.0.0.1:${config.PAYMENTS_PORT}/webhooks/stripe`,
      STRIPE_WEBHOOK_SECRET: webhookSecret(config),
    });
  }
  await migrate();
  const stamp = await seedStamp();
  if (stamp.current) {
    console.log('Demo data is in place (seeded before; `npm run db:seed` runs the seed again).');
  } else {
    // The seed registers the demo card with the Stripe server.
    if (stripeEmbedded) {
      await waitForHttp(`http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}/_emulator/clock`, 'stripe emulator');
    }
    seed(stamp);
  }

  if (SEPARATE) {
    for (const s of SERVICES) run(s.name, [bundlePath(s.name)]);
    run('relay', [bundlePath('relay')]);
  } else {
    run('services', [
      'scripts/together.mjs',
      ...SERVICES.map((s) => bundlePath(s.name)),
      bundlePath('relay'),
    ]);
  }
  // The gateway loads beside them and waits for every subgraph itself.
  run('gateway', [bundlePath('gateway')], {
    // The gateway's readiness covers the relay (on METRICS_PORT, in the shared process or its own).
    RELAY_HEALTH_URL: `http://127.0.0.1:${config.METRICS_PORT}/health/ready`,
  });
  await waitForHttp(`http://127.0.0.1:${config.GATEWAY_PORT}/health/ready`, 'gateway');
  // The admin console's dev server (hot reload); it forwards /graphql and /documents to the gateway.
  run('admin', ['node_modules/vite/bin/vite.js', 'apps/admin', '--clearScreen', 'false'], {
    GATEWAY_URL: `http://127.0.0.1:${config.GATEWAY_PORT}`,
    ADMIN_DEV_PORT: String(config.ADMIN_DEV_PORT),
  });
  const adminUrl = `http://localhost:${config.ADMIN_DEV_PORT}/admin/`;
  await waitForHttp(`http://127.0.0.1:${config.ADMIN_DEV_PORT}/admin/`, 'admin console');

  const url = `http://localhost:${config.GATEWAY_PORT}/graphql`;
  console.log(`
  Migraine Massage is running.

    GraphQL        ${url}
    GraphiQL       http://localhost:${config.GATEWAY_PORT}/graphiql
    Admin console  ${adminUrl}  (sign in as the demo admin below)
    Services       ${SERVICES.map((s) => `${s.name}:${s.port}`).join('  ')}${stripeEmbedded ? `\n    Local Stripe   http://127.0.0.1:${config.STRIPE_EMULATOR_PORT}` : ''}

  Demo logins (password: demo-password-2026)
    admin          admin@demo.migraine.test
    client         client@demo.migraine.test
    therapists     therapist1@demo.migraine.test … therapist6@demo.migraine.test

  Try:  curl -s ${url} -H 'content-type: application/json' \\
          -d '{"query":"mutation { signIn(input: {email: \\"client@demo.migraine.test\\", password: \\"demo-password-2026\\"}) { accessToken } }"}'

  Ctrl-C stops everything.
`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  void shutdown(1);
});
