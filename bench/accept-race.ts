/**
 * Accept latency under a race: for each round, one SEARCHING booking is
 * offered to N therapists who all accept at once through OffersService (the
 * same code the acceptOffer mutation runs, with the real Postgres row locks
 * and Redis publishes). Prints p50/p99 for the winner and the losers, and
 * checks every round had exactly one winner. Throwaway database; loopback only.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRedis, type TherapistSnapshot } from '@mm/queue';
import { createBookingContext } from '../services/booking/src/context.ts';
import { DirectoryRepository } from '../services/booking/src/modules/directory/directory.repository.ts';
import { buildBookingModules } from '../services/booking/src/modules/index.ts';
import { benchConfig, fmt, percentile, searchingBooking, throwawayDatabase } from './support.ts';

const ROUNDS = 30;
const RACERS = 20;

/** An approved, licensed therapist, as screening would publish it: accept re-checks eligibility. */
export function approvedSnapshot(therapistId: string): TherapistSnapshot {
  return {
    therapistId,
    status: 'APPROVED',
    displayName: 'Bench Therapist',
    gender: null,
    timezone: 'America/New_York',
    serviceArea: { latitude: 40.76, longitude: -73.98, radiusKm: 25 },
    weeklyAvailability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, startMinute: 0, endMinute: 1440 })),
    availabilityExceptions: [],
    licenses: [
      {
        id: randomUUID(),
        jurisdiction: 'US-NY',
        type: 'LMT',
        issuedOn: '2020-01-01',
        expiresOn: '2035-12-31',
        status: 'VERIFIED',
      },
    ],
    insurance: { expiresOn: '2035-12-31', status: 'VERIFIED' },
    credentials: [],
    backgroundCheck: { status: 'CLEAR' },
    migraineExperienceYears: 5,
  };
}

export async function runAcceptRaceBench(): Promise<void> {
  const db = await throwawayDatabase('accept');
  const config = benchConfig(db.url);
  const redis = createRedis({ redisUrl: config.REDIS_URL });
  const ctx = createBookingContext({ config, prisma: db.prisma, redis });
  const modules = buildBookingModules(ctx);
  const offers = modules.dispatch.offers;
  const winners: number[] = [];
  const losers: number[] = [];
  let badRounds = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const startsAt = new Date(Date.now() + 24 * 3600_000 + round * 3 * 3600_000);
      const booking = await searchingBooking(db.prisma, startsAt);
      const racers = Array.from({ length: RACERS }, () => randomUUID());
      const directory = new DirectoryRepository(db.prisma);
      for (const therapistId of racers) {
        await db.prisma.$transaction(async (tx) => {
          await directory.applySnapshot(tx, approvedSnapshot(therapistId), new Date());
          await directory.setPayouts(tx, therapistId, true, new Date());
        });
      }
      const created = await Promise.all(
        racers.map((therapistId) =>
          db.prisma.offer.create({
            data: {
              bookingId: booking.id,
              therapistId,
              round: 1,
              batchNumber: 1,
              distanceMeters: 1000,
              sentAt: new Date(),
              expiresAt: new Date(Date.now() + 600_000),
            },
          }),
        ),
      );
      const results = await Promise.all(
        created.map(async (offer) => {
          const t0 = performance.now();
          try {
            await offers.accept({ userId: offer.therapistId, role: 'THERAPIST' }, offer.id, true);
            return { won: true, ms: performance.now() - t0 };
          } catch (err) {
            if ((err as { code?: string }).code !== 'ALREADY_TAKEN') throw err;
            return { won: false, ms: performance.now() - t0 };
          }
        }),
      );
      const won = results.filter((r) => r.won);
      if (won.length !== 1) badRounds++;
      for (const r of results) (r.won ? winners : losers).push(r.ms);
    }
    winners.sort((a, b) => a - b);
    losers.sort((a, b) => a - b);
    console.log(
      `accept race: ${ROUNDS} rounds × ${RACERS} concurrent accepts, rounds with exactly one winner: ${ROUNDS - badRounds}/${ROUNDS}`,
    );
    console.log(
      `  winner accept latency: p50 ${fmt(percentile(winners, 50))}  p99 ${fmt(percentile(winners, 99))}`,
    );
    console.log(
      `  loser (ALREADY_TAKEN) latency: p50 ${fmt(percentile(losers, 50))}  p99 ${fmt(percentile(losers, 99))}`,
    );
  } finally {
    await modules.close();
    redis.disconnect();
    await db.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runAcceptRaceBench();
