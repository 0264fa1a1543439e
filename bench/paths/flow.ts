/**
 * Transactions per booking end to end: bookings requested through the gateway of a whole `npm start` stack (every
 * service with its workers, the outbox relay, the local Stripe server) until each has its first offers (request,
 * outbox relay, payments' hold, booking's dispatch, the therapists' notifications). Counted as the transaction ids
 * the stack's own Postgres cluster assigned (every writing transaction takes one; reads take none), from a quiet
 * cluster to a quiet cluster, so nothing else on the machine is counted. The cluster logs every statement with its
 * transaction id, so each transaction is also put to the service whose tables it wrote first (the statement log
 * slows the stack; this path counts, it does not time). Each round's bookings are cancelled after it, so a later
 * dispatch batch of theirs does not fall into the next round.
 */
import { fromGlobalId } from '@mm/graphql-kit';
import pg from 'pg';
import { demoSlot } from '../../scripts/demo-slots.ts';
import type { BenchPath, Figure } from '../framework.ts';
import { Processes, startPostgresCluster, startRedis, waitUntil } from '../infra.ts';
import { npmStartEnv, removeStartState, startNpmStart } from '../npm-start.ts';

const PG_PORT = 14260;
const GATEWAY = 14270;
const BOOKINGS = 10;
const PASSWORD = 'demo-password-2026';

const procs = new Processes();
let db: pg.Client | undefined;
let token = '';
let addressId = '';
let slot = 0;

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${GATEWAY}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length)
    throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await (db as pg.Client).query(sql, params);
  return rows[0] as T;
}

/** Where the statement log ends now (bytes). */
const logSize = async () =>
  Number((await one<{ n: string }>("SELECT (pg_stat_file('log/statements.log')).size::text AS n")).n);

/**
 * The write transactions of the log between two offsets, by the table each wrote first outside `platform` (the
 * relay and the consumers' inbox write only `platform` rows: those are named by their first `platform` write).
 */
async function writersBetween(from: number, to: number): Promise<Map<string, number>> {
  const text = (
    await one<{ t: string }>("SELECT pg_read_file('log/statements.log', $1, $2) AS t", [from, to - from])
  ).t;
  const first = new Map<string, { service?: string; platform?: string }>();
  // An entry starts with its prefix (`xid|`); a statement's later lines continue it.
  for (const entry of text.split(/\n(?=\d+\|)/)) {
    const line = entry.replace(/\s+/g, ' ');
    const m = /^(\d+)\|LOG: duration: [\d.]+ ms (?:statement|execute [^:]*): (.*)$/.exec(line);
    if (!m || m[1] === '0') continue;
    const seen = first.get(m[1] as string) ?? {};
    first.set(m[1] as string, seen);
    const written = /^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?\."?(\w+)/i.exec(m[2] as string);
    if (!written) continue;
    const table = `${written[1]}.${written[2]}`;
    if (written[1] !== 'platform') seen.service ??= table;
    else seen.platform ??= table;
  }
  const by = new Map<string, number>();
  for (const { service, platform } of first.values()) {
    const who = service ?? platform ?? 'row locks only';
    by.set(who, (by.get(who) ?? 0) + 1);
  }
  return by;
}

/** The next transaction id the cluster will assign. */
const nextXid = async () =>
  Number((await one<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x')).x);

/** Waits until the cluster assigns no transaction id for 2 s (bounded): everything in flight has settled. */
async function quiet(): Promise<number> {
  let last = await nextXid();
  let still = 0;
  for (let i = 0; i < 240 && still < 4; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await nextXid();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  if (still < 4) throw new Error('the stack did not settle within 2 minutes');
  return last;
}

async function offered(ids: string[]): Promise<boolean> {
  const r = await one<{ n: number }>(
    'SELECT count(DISTINCT booking_id)::int AS n FROM booking.offers WHERE booking_id = ANY($1::uuid[])',
    [ids],
  );
  return r.n === ids.length;
}

const path: BenchPath = {
  name: 'flow',
  description:
    'write transactions per booking end to end (request to first offers) on a whole npm start stack',
  async setup() {
    const cluster = procs.add(await startPostgresCluster(PG_PORT, { logStatements: true }));
    const redis = procs.add(await startRedis(PG_PORT + 9));
    const url = cluster.url('mm_bench_flow');
    procs.add({ name: 'start state', stop: async () => removeStartState(url) });
    const stack = await startNpmStart(npmStartEnv(GATEWAY, url, redis.url), GATEWAY, 300_000);
    procs.add({ name: 'npm start', stop: stack.stop });
    db = new pg.Client({ connectionString: url });
    await db.connect();
    procs.add({ name: 'pg client', stop: async () => db?.end() });
    const signIn = await gql<{ signIn: { accessToken: string } }>(
      'mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }',
      { i: { email: 'client@demo.migraine.test', password: PASSWORD } },
    );
    token = signIn.signIn.accessToken;
    await waitUntil(
      'booking to hear of the seeded therapists and address',
      async () => {
        const r = await one<{ t: number; a: number }>(
          `SELECT (SELECT count(*)::int FROM booking.therapist_directory WHERE payouts_enabled) AS t,
                  (SELECT count(*)::int FROM booking.client_addresses) AS a`,
        );
        return r.t >= 5 && r.a >= 1;
      },
      120_000,
    );
    const me = await gql<{ me: { addresses: { edges: { node: { id: string } }[] } } }>(
      '{ me { addresses(first: 1) { edges { node { id } } } } }',
    );
    addressId = me.me.addresses.edges[0]?.node.id ?? '';
  },
  async round(): Promise<Figure[]> {
    const before = await quiet();
    const logFrom = await logSize();
    const ids: string[] = [];
    for (let i = 0; i < BOOKINGS; i++) {
      const input = {
        address: { addressId },
        timezone: 'America/New_York',
        startsAt: demoSlot(slot++),
        durationMinutes: 60,
      };
      const r = await gql<{ requestBooking: { booking: { id: string } } }>(
        'mutation($i: RequestBookingInput!) { requestBooking(input: $i) { booking { id } } }',
        { i: input },
      );
      ids.push(r.requestBooking.booking.id);
    }
    const uuids = ids.map((id) => fromGlobalId('Booking', id));
    await waitUntil('every booking to have offers', () => offered(uuids), 120_000);
    const after = await quiet();
    const writers = await writersBetween(logFrom, await logSize());
    for (const id of ids)
      await gql('mutation($i: BookingIdInput!) { cancelBooking(input: $i) { booking { id } } }', {
        i: { bookingId: id },
      });
    return [
      {
        metric: 'write transactions per booking, request to first offers',
        unit: '',
        subject: (after - before) / BOOKINGS,
        reference: null,
        better: 'lower',
        target: 3,
      },
      ...[...writers.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([who, n]): Figure => ({
            metric: `  of which ${who}`,
            unit: '',
            subject: n / BOOKINGS,
            reference: null,
            better: 'lower',
          }),
        ),
    ];
  },
  async teardown() {
    await procs.stopAll();
  },
};
export default path;
