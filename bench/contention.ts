/**
 * 1,000 concurrent requests through the gateway on one contended resource:
 * (a) 1,000 therapists accept the same booking; (b) one therapist accepts
 * 1,000 overlapping bookings. Prints how many were answered within 5 s, the
 * answer codes (INTERNAL_SERVER_ERROR must be 0), winners and overlaps.
 * Runs twice: with the default in-flight limit (overload is turned away as
 * OVERLOADED) and with a limit above 1,000 (everything reaches the service).
 * Throwaway database on the loopback Postgres; loopback only.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signAccessToken, toGlobalId } from '@mm/graphql-kit';
import { DirectoryRepository } from '../services/booking/src/modules/directory/directory.repository.ts';
import { startStack } from '../tests/harness/stack.ts';
import { approvedSnapshot, percentile, searchingBooking, throwawayDatabase } from './support.ts';

const N = 1000;
const ACCEPT = `mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { id state } } }`;

async function run(label: string, maxInFlight: string) {
  const db = await throwawayDatabase('contention');
  const stack = await startStack({
    subgraphs: ['identity', 'booking'],
    env: {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      MAX_IN_FLIGHT: maxInFlight,
      QUEUE_PREFIX: `bench${randomUUID().slice(0, 6)}`,
    },
  });
  const directory = new DirectoryRepository(db.prisma);
  const booking = (startsAt: Date) => searchingBooking(db.prisma, startsAt);
  const offer = (bookingId: string, therapistId: string) =>
    db.prisma.offer.create({
      data: {
        bookingId,
        therapistId,
        round: 1,
        batchNumber: 1,
        distanceMeters: 1000,
        sentAt: new Date(),
        expiresAt: new Date(Date.now() + 3600_000),
      },
    });
  const therapist = async () => {
    const id = randomUUID();
    await db.prisma.$transaction(
      async (tx) => {
        await directory.applySnapshot(tx, approvedSnapshot(id), new Date());
        await directory.setPayouts(tx, id, true, new Date());
      },
      { maxWait: 60_000, timeout: 60_000 },
    );
    return {
      id,
      token: await signAccessToken({ userId: id, role: 'THERAPIST' }, stack.config.JWT_SECRET, 3600),
    };
  };
  const race = async (name: string, requests: { token: string; offerId: string }[]) => {
    const t0 = performance.now();
    const answers = await Promise.all(
      requests.map(async (r) => {
        const start = performance.now();
        const res = await stack.gql(
          ACCEPT,
          { input: { offerId: toGlobalId('Offer', r.offerId), acknowledgeModifications: true } },
          { token: r.token },
        );
        return {
          ms: performance.now() - start,
          code: res.errors?.[0]?.extensions?.code ?? (res.data ? 'OK' : `HTTP_${res.status}`),
        };
      }),
    );
    const codes: Record<string, number> = {};
    for (const a of answers) codes[String(a.code)] = (codes[String(a.code)] ?? 0) + 1;
    const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
    const overlaps = await db.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM booking.bookings a JOIN booking.bookings b
        ON a.therapist_id = b.therapist_id AND a.id < b.id AND tstzrange(a.busy_from, a.busy_until) && tstzrange(b.busy_from, b.busy_until)
      WHERE a.state = 'CONFIRMED' AND b.state = 'CONFIRMED'`;
    console.log(
      `  ${name}: ${answers.filter((a) => a.ms <= 5000).length}/${N} answered within 5 s (p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms, all in ${(performance.now() - t0).toFixed(0)} ms); winners ${codes.OK ?? 0}; overlaps ${overlaps[0]?.n}; INTERNAL_SERVER_ERROR ${codes.INTERNAL_SERVER_ERROR ?? 0}; codes ${JSON.stringify(codes)}`,
    );
  };
  try {
    console.log(`contention, ${label}:`);
    // (a) 1,000 therapists, one booking.
    const contested = await booking(new Date(Date.now() + 48 * 3600_000));
    const many: { id: string; token: string }[] = [];
    for (let i = 0; i < N; i += 5)
      many.push(...(await Promise.all(Array.from({ length: Math.min(5, N - i) }, therapist))));
    const offersA: { id: string }[] = [];
    for (let i = 0; i < N; i += 20)
      offersA.push(...(await Promise.all(many.slice(i, i + 20).map((t) => offer(contested.id, t.id)))));
    await race(
      '1,000 therapists accept one booking',
      offersA.map((o, i) => ({ token: many[i]!.token, offerId: o.id })),
    );
    // (b) one therapist, 1,000 bookings at overlapping times (each 1 minute after the last).
    const one = await therapist();
    const base = Date.now() + 72 * 3600_000;
    const offersB: { id: string }[] = [];
    for (let i = 0; i < N; i += 20) {
      offersB.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(20, N - i) }, async (_, j) =>
            offer((await booking(new Date(base + (i + j) * 60_000))).id, one.id),
          ),
        )),
      );
    }
    await race(
      '1 therapist accepts 1,000 overlapping bookings',
      offersB.map((o) => ({ token: one.token, offerId: o.id })),
    );
  } finally {
    await stack.close();
    await db.drop();
  }
}

export async function runContentionBench(): Promise<void> {
  await run('default in-flight limit (MAX_IN_FLIGHT=50)', '50');
  await run('no shedding (MAX_IN_FLIGHT=5000)', '5000');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runContentionBench();
  process.exit(0);
}
