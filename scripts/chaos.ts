// `npm run chaos` (full) / `npm run chaos -- --short` (CI): the whole stack as
// separate processes (every subgraph, every service's workers, the relay, the
// gateway, the local Stripe server) on a Postgres cluster and a Redis of its
// own, under a steady bounded mix of bookings, accepts, completions and
// homework reminders. One fault at a time; after each, Postgres (the truth)
// says which effects were expected, which never happened and which happened
// twice, and a probe says how long requests failed. Loopback only; every loop
// is bounded in count and time. Never touches the machine's 5432 or 6379.
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@mm/config';
import { migrateDeploy } from '@mm/db/migrate';
import { webhookSecret } from '@mm/payments/stripe';
import { passingDayOfCheck } from '@mm/testing';
import pg from 'pg';
import { demoSlot } from './demo-slots.ts';
import { bundlePath, devBuild } from './dev-build.ts';
import { Supervisor } from './supervisor.ts';

const root = resolve(import.meta.dirname, '..');
const SHORT = process.argv.includes('--short');
/** `--pg-port=5440` and the like: spare ports, never the machine's own servers. */
const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const PG_PORT = arg('pg-port', 5440);
const REDIS_PORT = arg('redis-port', 6390);
const BASE_PORT = arg('base-port', 4160);
const STRIPE_PORT = arg('stripe-port', 12181);
// Per port, so two runs on different ports (CI and a full run) never share a cluster.
const CLUSTER = `mmchaos${PG_PORT}`;
const REDIS_PID = `/tmp/mm-chaos-redis-${REDIS_PORT}.pid`;
const LOG_FILE = `/tmp/mm-chaos-${process.pid}.log`;
const DATABASE_URL = `postgresql://postgres@127.0.0.1:${PG_PORT}/mm_chaos`;
const GATEWAY = `http://127.0.0.1:${BASE_PORT}/graphql`;
const PASSWORD = 'demo-password-2026';
if ([5432].includes(PG_PORT) || [6379].includes(REDIS_PORT))
  throw new Error('refusing the machine’s own servers');

const SERVICES = ['identity', 'screening', 'booking', 'payments', 'care'] as const;
const port = (i: number) => BASE_PORT + 1 + i;
const env: Record<string, string> = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  DATABASE_URL,
  REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
  QUEUE_PREFIX: 'chaos',
  GATEWAY_PORT: String(BASE_PORT),
  STRIPE_EMULATOR_PORT: String(STRIPE_PORT),
  RUN_WORKERS: 'false',
  DATABASE_POOL_SIZE: '5',
  // The journeys run on the wall clock for sessions 1–5 days ahead: the visit windows are widened
  // (6 days) so a therapist may walk them now; the windows themselves are tested in tests/payments.
  VISIT_EN_ROUTE_LEAD_MINUTES: String(6 * 24 * 60),
  VISIT_ARRIVAL_LEAD_MINUTES: String(6 * 24 * 60),
  // The relay's /metrics and /health, on a port of ours.
  METRICS_PORT: String(BASE_PORT + 9),
  RELAY_HEALTH_URL: `http://127.0.0.1:${BASE_PORT + 9}/health/ready`,
  ...Object.fromEntries(
    SERVICES.flatMap((s, i) => [
      [`${s.toUpperCase()}_PORT`, String(port(i))],
      [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${port(i)}/graphql`],
    ]),
  ),
};
Object.assign(process.env, env);
const config = loadConfig();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sh = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
};
const log = (line: string) => console.log(line);

// ── Postgres and Redis of our own ─────────────────────────────────────────
const pgCluster = {
  create() {
    if (!sh('pg_lsclusters', ['-h']).out.includes(`${CLUSTER} `)) {
      const r = sh('pg_createcluster', ['15', CLUSTER, '-p', String(PG_PORT), '--', '--auth=trust']);
      if (!r.ok) throw new Error(`pg_createcluster failed: ${r.out}`);
    }
    this.start();
  },
  start: () => sh('pg_ctlcluster', ['15', CLUSTER, 'start']),
  restart: () => sh('pg_ctlcluster', ['15', CLUSTER, 'restart', '-m', 'fast']),
  drop: () => sh('pg_dropcluster', ['--stop', '15', CLUSTER]),
};
const redis = {
  start() {
    const r = sh('redis-server', [
      '--port',
      String(REDIS_PORT),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'yes',
      '--pidfile',
      REDIS_PID,
    ]);
    if (!r.ok) throw new Error(`redis-server failed: ${r.out}`);
  },
  pid: () => Number(readFileSync(REDIS_PID, 'utf8').trim()),
  signal(sig: NodeJS.Signals) {
    try {
      process.kill(redis.pid(), sig);
    } catch {
      // not running
    }
  },
  async kill() {
    redis.signal('SIGKILL');
    for (let i = 0; i < 50 && redis.up(); i++) await sleep(100);
    rmSync(REDIS_PID, { force: true });
  },
  up: () => sh('redis-cli', ['-p', String(REDIS_PORT), 'PING']).out.includes('PONG'),
};

// ── The stack as separate processes ───────────────────────────────────────
const logFile = createWriteStream(LOG_FILE);
const logLines = { push: (line: string) => logFile.write(`${new Date().toISOString()} ${line}\n`) };
const supervisor = new Supervisor({
  cwd: root,
  write: (name, line) => logLines.push(`[${name}] ${line}`),
  onRestart: (name, why, delay) => logLines.push(`[supervisor] ${name} ${why}; restart in ${delay} ms`),
});
const procs = new Map<string, ReturnType<Supervisor['run']>>();
function startStripe() {
  procs.set(
    'stripe',
    supervisor.run('stripe', [bundlePath('stripe'), '--port', String(STRIPE_PORT)], {
      STRIPE_WEBHOOK_URL: `http://127.0.0.1:${port(3)}/webhooks/stripe`,
      STRIPE_WEBHOOK_SECRET: webhookSecret(config),
    }),
  );
}
/** Started after the seed, as `npm start` does: the seed and the consumers must not race. */
function startStack() {
  SERVICES.forEach((s) => {
    procs.set(s, supervisor.run(s, [bundlePath(s)]));
    procs.set(`${s}-workers`, supervisor.run(`${s}-workers`, [bundlePath('workers'), s]));
  });
  procs.set('relay', supervisor.run('relay', [bundlePath('relay')]));
  procs.set('gateway', supervisor.run('gateway', [bundlePath('gateway')]));
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn().catch(() => null);
    if (v) return v;
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ── GraphQL through the gateway ───────────────────────────────────────────
interface Answer<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  code?: string;
}
const counts = { requests: 0, internal: 0, slow: 0 };
async function gql<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer<T>> {
  counts.requests++;
  const t0 = Date.now();
  try {
    const res = await fetch(GATEWAY, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as Answer<T>;
    const code = body.errors?.[0]?.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') counts.internal++;
    return { ...body, ...(code ? { code } : {}) };
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') counts.slow++;
    return { code: (err as Error).name === 'TimeoutError' ? 'NO_ANSWER_5S' : 'NETWORK' };
  } finally {
    if (Date.now() - t0 > 5000) counts.slow++;
  }
}

const tokens: Record<string, string> = {};
async function signIn(who: string) {
  const r = await gql<{ signIn: { accessToken: string } }>(
    'mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }',
    { i: { email: `${who}@demo.migraine.test`, password: PASSWORD } },
  );
  if (!r.data) return null;
  tokens[who] = r.data.signIn.accessToken;
  return true;
}
const THERAPISTS = ['therapist1', 'therapist2', 'therapist3', 'therapist4', 'therapist5', 'therapist6'];

/** Runs a mutation until it gives a definite answer; `done` decides what counts as done. */
async function step<T>(
  who: string,
  query: string,
  variables: Record<string, unknown>,
  done: (a: Answer<T>) => boolean,
  ms = 60_000,
): Promise<Answer<T> | null> {
  const deadline = Date.now() + ms;
  for (let i = 0; i < 400 && Date.now() < deadline; i++) {
    const a = await gql<T>(query, variables, tokens[who]);
    if (a.code === 'UNAUTHENTICATED') await signIn(who);
    else if (done(a)) return a;
    await sleep(250);
  }
  return null;
}

// ── The journeys: book → hold → offer → accept → session → capture → homework ─
let slot = 0;
let addressId = '';
const bookingIds = new Set<string>();
function nextStart(): string {
  // A therapist who would overlap a later round's slot answers DOUBLE_BOOKED and another one takes the offer.
  return demoSlot(slot++);
}

async function bookingState(id: string): Promise<string | null> {
  const r = await gql<{ booking: { state: string } }>(
    'query($id: ID!) { booking(id: $id) { state } }',
    { id },
    tokens.client,
  );
  return r.data?.booking.state ?? null;
}

async function journey(): Promise<void> {
  const startsAt = nextStart();
  const requested = await step<{ requestBooking: { booking: { id: string } } }>(
    'client',
    'mutation($i: RequestBookingInput!) { requestBooking(input: $i) { booking { id } } }',
    { i: { address: { addressId }, timezone: 'America/New_York', startsAt, durationMinutes: 60 } },
    (a) => !!a.data,
    30_000,
  );
  const id = requested?.data?.requestBooking.booking.id;
  if (!id) return;
  bookingIds.add(id);
  // Wait for offers (hold placed by payments → dispatch by booking); the first therapist free then takes it.
  let t = '';
  for (let i = 0; i < 240 && !t; i++) {
    for (const who of THERAPISTS) {
      const r = await gql<{ myOffers: { edges: { node: { id: string; bookingId: string } }[] } }>(
        '{ myOffers(first: 20) { edges { node { id bookingId } } } }',
        {},
        tokens[who],
      );
      const found = r.data?.myOffers.edges.find((e) => e.node.bookingId === id);
      if (!found) continue;
      const accepted = await step(
        who,
        'mutation($i: AcceptOfferInput!) { acceptOffer(input: $i) { booking { state } } }',
        { i: { offerId: found.node.id, acknowledgeModifications: true } },
        (a) => !!a.data || ['ALREADY_TAKEN', 'OFFER_EXPIRED', 'DOUBLE_BOOKED'].includes(String(a.code)),
      );
      if (accepted?.data) t = who;
      if (t || accepted?.code === 'ALREADY_TAKEN') break;
    }
    if (!t) await sleep(500);
  }
  if (!t) return;
  const ids = { i: { bookingId: id } };
  const lifecycle: [string, string, string][] = [
    ['CONFIRMED', 'startEnRoute', 'EN_ROUTE'],
    ['EN_ROUTE', 'arriveAtBooking', 'ARRIVED'],
  ];
  for (const [from, mutation] of lifecycle) {
    await step(
      t,
      `mutation($i: BookingIdInput!) { ${mutation}(input: $i) { booking { state } } }`,
      ids,
      (a) => !!a.data || (a.code === 'ILLEGAL_TRANSITION' && from !== ''),
    );
  }
  const check = await step<{ recordDayOfCheck: { check: { id: string; modifications: { key: string }[] } } }>(
    t,
    'mutation($i: RecordDayOfCheckInput!) { recordDayOfCheck(input: $i) { check { id modifications { key } } } }',
    {
      i: passingDayOfCheck(id),
    },
    (a) => !!a.data,
  );
  const c = check?.data?.recordDayOfCheck.check;
  if (!c) return;
  await step(
    t,
    'mutation($i: AcknowledgeDayOfModificationsInput!) { acknowledgeDayOfModifications(input: $i) { check { id } } }',
    { i: { checkId: c.id, modificationKeys: c.modifications.map((m) => m.key) } },
    (a) => !!a.data || a.code === 'DAY_OF_ALREADY_ACKNOWLEDGED',
  );
  for (const mutation of ['startSession', 'completeSession']) {
    await step(
      t,
      `mutation($i: BookingIdInput!) { ${mutation}(input: $i) { booking { state } } }`,
      ids,
      (a) => !!a.data || a.code === 'ILLEGAL_TRANSITION',
    );
  }
  if ((await bookingState(id)) !== 'COMPLETED') return;
  // Homework with reminders, once care has heard of the completed session.
  await step(
    t,
    'mutation($i: CreateHomeworkPlanInput!) { createHomeworkPlan(input: $i) { plan { id } } }',
    { i: { bookingId: id, painCap: 4, items: [{ itemId: 'chin-tucks' }] } },
    (a) => !!a.data || a.code === 'HOMEWORK_PLAN_EXISTS',
    90_000,
  );
}

/** Keeps `width` journeys going until stop() or `max` journeys were started. */
function traffic(width: number, max: number) {
  let stopped = false;
  let started = 0;
  const lanes = Array.from({ length: width }, async () => {
    while (!stopped && started < max) {
      started++;
      await journey().catch((err) => logLines.push(`[driver] journey failed: ${err}`));
    }
  });
  return {
    /** Every lane has run its share of the `max` journeys. */
    finished: Promise.all(lanes),
    stop: async () => {
      stopped = true;
      await Promise.all(lanes);
    },
  };
}

// ── Probes ────────────────────────────────────────────────────────────────
/** A query that needs the gateway, identity, booking and care, as the client. */
async function probe(): Promise<boolean> {
  const r = await gql(
    '{ me { id } myBookings(first: 1) { edges { node { id } } } cadencePlan { suggestions { id } } }',
    {},
    tokens.client,
  );
  const ok = !!r.data && !r.errors;
  // Why a probe failed, in the process log: tells a restart from the gateway's view or the load.
  if (!ok) logLines.push(`[probe] ${r.code ?? ''} ${r.errors?.[0]?.message ?? ''}`.slice(0, 300));
  return ok;
}

/** Seconds from `since` until the probe (and, for pipelines, `extra`) succeed again; bounded. */
async function recovery(since: number, extra?: () => Promise<boolean>): Promise<number | null> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await probe()) && (!extra || (await extra().catch(() => false)))) return (Date.now() - since) / 1000;
    await sleep(250);
  }
  return null;
}

// ── Effects, from Postgres ────────────────────────────────────────────────
let db: pg.Client | undefined;
/** Our own client to the truth; a Postgres restart breaks it, query() opens a new one. */
function connectDb(): pg.Client {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  client.on('error', () => undefined);
  return client;
}
async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  for (let i = 0; i < 40; i++) {
    try {
      if (!db) throw new Error('not connected');
      return (await db.query<R>(sql, params)).rows;
    } catch {
      await db?.end().catch(() => undefined);
      await sleep(500);
      db = connectDb();
      await db.connect().catch(() => undefined);
    }
  }
  throw new Error('postgres unreachable for 20 s');
}

const rawId = (globalId: string) => {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : globalId;
};

interface Tally {
  expected: number;
  lost: number;
  doubled: number;
  detail: string[];
}
/**
 * What each booking of the scenario implies and whether it happened, once:
 * a requested booking gets a hold and offers; a confirmed one reaches care;
 * a completed one is captured once and completed in care; a homework plan
 * has its reminders. Doubles: two accepted offers, two captures, overlapping
 * bookings for one therapist.
 */
async function tally(ids: string[]): Promise<Tally> {
  const t: Tally = { expected: 0, lost: 0, doubled: 0, detail: [] };
  const uuids = ids.map(rawId);
  if (uuids.length === 0) return t;
  const rows = await query<{
    id: string;
    state: string;
    hold: string | null;
    captured: number | null;
    held: number | null;
    offers: number;
    accepted: number;
    care: string | null;
    plans: number;
    reminders: number;
    captures: number;
  }>(
    `SELECT b.id, b.state, p.status AS hold, p.captured_amount AS captured, p.held_amount AS held,
       (SELECT count(*)::int FROM booking.offers o WHERE o.booking_id = b.id) AS offers,
       (SELECT count(*)::int FROM booking.offers o WHERE o.booking_id = b.id AND o.status = 'ACCEPTED') AS accepted,
       c.status AS care,
       (SELECT count(*)::int FROM care.homework_plans h WHERE h.booking_id = b.id) AS plans,
       (SELECT count(*)::int FROM care.reminders r JOIN care.homework_plans h ON h.id = r.plan_id WHERE h.booking_id = b.id) AS reminders,
       (SELECT count(*)::int FROM payments.ledger_transactions l WHERE l.booking_id = b.id AND l.kind ILIKE '%capture%') AS captures
     FROM booking.bookings b
     LEFT JOIN payments.booking_payments p ON p.booking_id = b.id
     LEFT JOIN care.bookings c ON c.booking_id = b.id
     WHERE b.id = ANY($1::uuid[])`,
    [uuids],
  );
  const expect = (ok: boolean, what: string, id: string) => {
    t.expected++;
    if (!ok) {
      t.lost++;
      t.detail.push(`lost ${what} ${id}`);
    }
  };
  const double = (bad: boolean, what: string, id: string) => {
    if (bad) {
      t.doubled++;
      t.detail.push(`doubled ${what} ${id}`);
    }
  };
  const past = (s: string, states: string[]) => states.includes(s);
  for (const r of rows) {
    expect(r.hold !== null && r.hold !== 'PENDING', 'hold', r.id);
    if (
      past(r.state, ['SEARCHING', 'CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION', 'COMPLETED', 'EXPIRED'])
    ) {
      expect(r.offers > 0, 'offers', r.id);
    }
    if (past(r.state, ['CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION', 'COMPLETED'])) {
      expect(r.care !== null, 'care booking', r.id);
    }
    if (r.state === 'COMPLETED') {
      expect(r.hold === 'CAPTURED' || (r.captured ?? 0) > 0, 'capture', r.id);
      expect(r.care === 'COMPLETED', 'care completion', r.id);
    }
    if (r.plans > 0) expect(r.reminders > 0, 'reminders', r.id);
    double(r.accepted > 1, 'accept', r.id);
    double(r.plans > 1, 'homework plan', r.id);
    double(r.captures > 1 || (r.captured ?? 0) > (r.held ?? 0) + 10_000, 'capture', r.id);
  }
  const overlaps = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM booking.bookings a JOIN booking.bookings b
       ON a.therapist_id = b.therapist_id AND a.id < b.id
      AND tstzrange(a.busy_from, a.busy_until) && tstzrange(b.busy_from, b.busy_until)
     WHERE a.state IN ('CONFIRMED','EN_ROUTE','ARRIVED','IN_SESSION') AND b.state IN ('CONFIRMED','EN_ROUTE','ARRIVED','IN_SESSION')`,
  );
  t.doubled += overlaps[0]?.n ?? 0;
  return t;
}

/** Waits (bounded) until every expected effect of these bookings is there. */
async function settle(ids: string[], ms: number): Promise<Tally> {
  const deadline = Date.now() + ms;
  let t = await tally(ids);
  while (t.lost > 0 && Date.now() < deadline) {
    await sleep(1000);
    t = await tally(ids);
  }
  return t;
}

// ── Scenarios ─────────────────────────────────────────────────────────────
interface Scenario {
  name: string;
  /** Injects the fault; resolves when the dependency is back (the recovery clock starts then). */
  inject: () => Promise<void>;
  /** For pipelines (workers, relay): work flows again. */
  flows?: () => Promise<boolean>;
}
const kill9 = (name: string): Scenario => ({
  name: `kill -9 ${name}`,
  inject: async () => {
    procs.get(name)?.proc.kill('SIGKILL');
    const i = SERVICES.indexOf(name as (typeof SERVICES)[number]);
    if (i >= 0) void logDirectReady(name, port(i));
    // Work due for the killed workers right after the kill, so the clock measures their restart and
    // not the steady mix's idle gap: a new booking means a hold for payments, then dispatch for booking.
    if (name.endsWith('-workers')) void journey().catch(() => undefined);
  },
  ...(name.endsWith('-workers') || name === 'relay' ? { flows: () => pipelineFlows(name) } : {}),
});
let faultAt = 0;
/** The process log says when the killed service itself answers again (apart from the gateway's view). */
async function logDirectReady(name: string, p: number) {
  const t0 = Date.now();
  await sleep(150);
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${p}/health/ready`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok)
      return logLines.push(`[driver] ${name} ready itself ${(Date.now() - t0) / 1000} s after the kill`);
    await sleep(100);
  }
}
/** A row written after the fault by the consumer (or relay) in question. */
async function pipelineFlows(name: string): Promise<boolean> {
  const consumer = name.replace('-workers', '');
  const rows =
    name === 'relay'
      ? await query<{ n: number }>(
          'SELECT count(*)::int AS n FROM platform.outbox_events WHERE published_at > to_timestamp($1 / 1000.0)',
          [faultAt],
        )
      : await query<{ n: number }>(
          'SELECT count(*)::int AS n FROM platform.processed_events WHERE consumer = $1 AND processed_at > to_timestamp($2 / 1000.0)',
          [consumer, faultAt],
        );
  // identity and screening consume nothing in this mix: being up again is enough.
  return (rows[0]?.n ?? 0) > 0 || consumer === 'identity' || consumer === 'screening';
}
const PAUSE_S = SHORT ? 10 : 30;
const scenarios: Scenario[] = [
  ...(SHORT ? ['booking', 'gateway'] : [...SERVICES, 'gateway']).map(kill9),
  ...(SHORT ? ['booking-workers', 'payments-workers'] : SERVICES.map((s) => `${s}-workers`)).map(kill9),
  kill9('relay'),
  {
    name: 'postgres restart',
    inject: async () => {
      pgCluster.restart();
    },
  },
  {
    name: 'redis restart, data lost',
    inject: async () => {
      await redis.kill();
      await sleep(2000);
      redis.start();
    },
    flows: () => pipelineFlows('payments-workers'),
  },
  {
    name: `redis paused ${PAUSE_S} s`,
    inject: async () => {
      redis.signal('SIGSTOP');
      await sleep(PAUSE_S * 1000);
      redis.signal('SIGCONT');
    },
    flows: () => pipelineFlows('payments-workers'),
  },
];

/** `--only=identity,redis paused`: run just the scenarios whose name contains one of these. */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const selected = only ? scenarios.filter((s) => only.some((o) => s.name.includes(o))) : scenarios;

/**
 * Whole journeys before the first fault, not counted: a process's first requests
 * load code and data on first use and compile hot paths, and 15 processes doing
 * that at once left a killed process starved of CPU while it started again
 * (identity, the first scenario, took 8–24 s to answer again on a cold stack
 * and 2 s on a warm one in the same run).
 */
async function warmUp(): Promise<void> {
  const t0 = Date.now();
  const load = traffic(3, 3);
  await Promise.race([load.finished, sleep(180_000)]);
  await load.stop();
  await settle([...bookingIds], 60_000);
  bookingIds.clear();
  log(`warm-up: 3 journeys in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function main() {
  const started = Date.now();
  log(
    `chaos (${SHORT ? 'short' : 'full'}): Postgres :${PG_PORT}, Redis :${REDIS_PORT}, gateway :${BASE_PORT}`,
  );
  pgCluster.create();
  await redis.kill();
  redis.start();
  const admin = new pg.Client({ connectionString: DATABASE_URL.replace('/mm_chaos', '/postgres') });
  await waitFor('postgres', () => admin.connect().then(() => true), 30_000);
  await admin.query('DROP DATABASE IF EXISTS mm_chaos WITH (FORCE)');
  await admin.query('CREATE DATABASE mm_chaos');
  await admin.end();
  await migrateDeploy({
    connectionString: DATABASE_URL,
    schemaDir: resolve(root, 'prisma/schema'),
    migrationsDir: resolve(root, 'prisma/migrations'),
  });
  db = connectDb();
  await db.connect();
  // Every process from its bundle, as `npm start` runs them: a restart is then about a second.
  await devBuild();
  startStripe();
  await waitFor(
    'the local Stripe server',
    () => fetch(`http://127.0.0.1:${STRIPE_PORT}/_emulator/clock`).then((r) => r.ok),
    90_000,
  );
  const seed = spawnSync(process.execPath, [bundlePath('seed')], {
    cwd: root,
    env: process.env,
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`seed failed: ${seed.stderr}`);
  startStack();
  await waitFor(
    'the gateway',
    () => fetch(`http://127.0.0.1:${BASE_PORT}/health/ready`).then((r) => r.ok),
    180_000,
  );
  for (const who of ['client', ...THERAPISTS]) await waitFor(`sign-in ${who}`, () => signIn(who), 30_000);
  await waitFor(
    'booking to hear of therapists and the address',
    async () => {
      const r = await query<{ t: number; a: number }>(
        `SELECT (SELECT count(*)::int FROM booking.therapist_directory WHERE payouts_enabled) AS t,
                (SELECT count(*)::int FROM booking.client_addresses) AS a`,
      );
      return (r[0]?.t ?? 0) >= 5 && (r[0]?.a ?? 0) >= 1;
    },
    120_000,
  );
  const me = await gql<{ me: { addresses: { edges: { node: { id: string } }[] } } }>(
    '{ me { addresses(first: 1) { edges { node { id } } } } }',
    {},
    tokens.client,
  );
  addressId = me.data?.me.addresses.edges[0]?.node.id ?? '';
  log(`stack up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await warmUp();
  log(`warm in ${((Date.now() - started) / 1000).toFixed(0)} s; ${selected.length} scenarios\n`);

  const results: string[] = [];
  const failed: string[] = [];
  const header =
    '| scenario | effects expected | lost | doubled | requests | INTERNAL_SERVER_ERROR | no answer in 5 s | seconds until requests succeed again |';
  for (const s of selected) {
    bookingIds.clear();
    Object.assign(counts, { requests: 0, internal: 0, slow: 0 });
    const load = traffic(3, SHORT ? 12 : 30);
    await sleep(SHORT ? 4000 : 8000);
    faultAt = Date.now();
    logLines.push(`[driver] inject ${s.name}`);
    await s.inject();
    const back = Date.now();
    const rec = await recovery(back, s.flows);
    logLines.push(`[driver] recovered ${s.name} in ${rec} s`);
    await sleep(SHORT ? 4000 : 10_000);
    await load.stop();
    const t = await settle([...bookingIds], 90_000);
    const row = `| ${s.name} | ${t.expected} | ${t.lost} | ${t.doubled} | ${counts.requests} | ${counts.internal} | ${counts.slow} | ${rec === null ? '> 120' : rec.toFixed(1)} |`;
    results.push(row);
    if (t.lost > 0 || t.doubled > 0 || counts.internal > 0) failed.push(s.name);
    log(row);
    for (const d of t.detail.slice(0, 5)) log(`    ${d}`);
  }
  log(`\n${header}\n|---|---|---|---|---|---|---|---|\n${results.join('\n')}`);
  log(`\nprocess logs: ${LOG_FILE}`);
  // Seconds are reported, not judged (they depend on the machine); a lost or doubled effect or an
  // INTERNAL_SERVER_ERROR fails the run, so CI can run the short version.
  if (failed.length > 0) throw new Error(`lost, doubled or INTERNAL_SERVER_ERROR in: ${failed.join(', ')}`);
}

let exitCode = 0;
// Whatever happens to the driver, the processes it started are stopped.
process.on('uncaughtException', (err) => {
  console.error(err);
  for (const c of supervisor.children) c.proc.kill('SIGKILL');
  process.exit(1);
});
try {
  await main();
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await supervisor.stop();
  await db?.end().catch(() => undefined);
  logFile.end();
  await redis.kill();
  if (!process.argv.includes('--keep')) pgCluster.drop();
}
process.exit(exitCode);
