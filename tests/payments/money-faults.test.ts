// Issue 12 "What it must show": money operations of every kind through the gateway with about
// a third of the Stripe calls failing (seeded, so a failure reproduces) and the Stripe server
// restarted once mid-run; afterwards no duplicate charge, no orphan hold, no unsettled booking
// and no unexplained reconciliation difference. Two rounds here (about 90 operations);
// `npm run test:money-faults` runs twelve (over 500).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUpAdmin, startStack, TestClock } from '../harness/index.ts';
import { bookingClient, bookingTherapist } from './gateway.ts';
import { type Client, clientWithCard, stripeOf } from './helpers.ts';
import { FATES, type FaultRun, injectFaults, newRun, round, stripeStats } from './money-faults.ts';
import { unsettled } from './settlement.ts';

const ROUNDS = Number(process.env.MONEY_FAULTS_ROUNDS ?? 2);
const SEED = Number(process.env.MONEY_FAULTS_SEED ?? 12);
const clock = new TestClock('2026-11-23T15:00:00.000Z');
const dir = mkdtempSync(join(tmpdir(), 'money-faults-'));
let stack: Stack;
let run: FaultRun;

beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity', 'booking', 'payments'],
    workers: true,
    now: clock.now,
    stripeStateFile: join(dir, 'stripe-state.json'),
  });
  const clients: Client[] = [];
  const therapists: Client[] = [];
  for (const _ of FATES) {
    clients.push(await bookingClient(stack, clock));
    therapists.push(await bookingTherapist(stack));
  }
  run = newRun({
    stack,
    clock,
    clients,
    therapists,
    tipper: await clientWithCard(stack),
    adminToken: (await signUpAdmin(stack)).accessToken,
    seed: SEED,
  });
}, 300_000);
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function allIntents(): Promise<Stripe.PaymentIntent[]> {
  const out: Stripe.PaymentIntent[] = [];
  for await (const pi of stripeOf(stack).paymentIntents.list({ limit: 100 })) out.push(pi);
  return out;
}

/**
 * Waits until every booking of the run reached its end (the queues finished their retries). The faults are
 * cleared by then, so a retry BullMQ holds back on its exponential backoff (up to minutes after a dozen
 * failures) runs now: what is under test is where the money ends, not how long the backoff is. When it
 * still times out, the rows and jobs that did not get there are named.
 */
async function settledEnds() {
  const ids = run.bookings.map((b) => b.bookingId);
  const ops = new Queue('payments-ops', { connection: stack.redis, prefix: stack.config.QUEUE_PREFIX });
  const pending = async () => {
    const rows = await stack.prisma.bookingPayment.findMany({ where: { bookingId: { in: ids } } });
    return rows.filter(
      (r) =>
        !(r.status === 'CANCELLED' || r.status === 'RELEASED' || r.status === 'CAPTURED') ||
        r.transferredAmount !== r.therapistAmount,
    );
  };
  try {
    await eventually(
      async () => {
        for (const job of await ops.getDelayed())
          if (job.attemptsMade > 0) await job.promote().catch(() => {});
        const rows = await stack.prisma.bookingPayment.count({ where: { bookingId: { in: ids } } });
        return rows === ids.length && (await pending()).length === 0;
      },
      'every booking of the run at its end',
      { timeoutMs: 240_000, intervalMs: 500 },
    );
  } catch (err) {
    const stuck = await pending();
    const jobs = await ops.getJobs(['delayed', 'waiting', 'active', 'failed'], 0, 200);
    const mine = jobs.filter((j) => stuck.some((r) => j.id?.includes(r.bookingId)));
    console.error(
      JSON.stringify({
        stuck: stuck.map((r) => ({
          bookingId: r.bookingId,
          status: r.status,
          settlement: r.settlement,
          transferred: r.transferredAmount,
          therapistAmount: r.therapistAmount,
        })),
        jobs: await Promise.all(
          mine.map(async (j) => ({
            id: j.id,
            state: await j.getState(),
            attemptsMade: j.attemptsMade,
            failedReason: j.failedReason,
          })),
        ),
      }),
    );
    throw err;
  } finally {
    await ops.close();
  }
}

describe('money under Stripe faults', () => {
  it('every kind of money operation, a third of Stripe calls failing and a restart: nothing doubled, held, owed or unexplained', {
    timeout: 1_800_000,
  }, async () => {
    await injectFaults(run, SEED);
    const restartAt = Math.floor(ROUNDS / 2);
    for (let r = 0; r < ROUNDS; r++) await round(run, { restartMidRound: r === restartAt });
    const stats = await stripeStats(run);
    await stack.stripe?.control.clearFaults();
    await settledEnds();

    const ids = new Set(run.bookings.map((b) => b.bookingId));
    const rows = await stack.prisma.bookingPayment.findMany({ where: { bookingId: { in: [...ids] } } });
    const intents = (await allIntents()).filter((pi) => ids.has(pi.metadata.booking_id ?? ''));
    const receivedAt = new Map<string, number>();
    for (const pi of intents) {
      const id = pi.metadata.booking_id as string;
      receivedAt.set(id, (receivedAt.get(id) ?? 0) + pi.amount_received);
    }
    const duplicates = rows.filter((r) => (receivedAt.get(r.bookingId) ?? 0) !== r.capturedAmount);
    const orphans = intents.filter((pi) => pi.status === 'requires_capture');
    const notSettled = (await unsettled(stack)).filter((u) => ids.has(u.bookingId));
    const recon = await stack.gql<{
      runReconciliation: { report: { checked: number; differences: { kind: string; repaired: boolean }[] } };
    }>(
      'mutation { runReconciliation { report { checked differences { bookingId kind check detail stripeId repaired } } } }',
      {},
      { token: run.adminToken },
    );
    const differences = recon.data?.runReconciliation.report.differences ?? [];
    const unexplained = differences.filter((d) => !d.repaired);
    const operations = Object.values(run.ops).reduce((s, n) => s + n, 0);
    console.log(
      JSON.stringify({
        rounds: ROUNDS,
        seed: SEED,
        bookings: run.bookings.length,
        operations,
        ops: run.ops,
        stripeCalls: stats.requests,
        injectedFailures: stats.injected,
        failureShare: Number((stats.injected / stats.requests).toFixed(3)),
        retriedMutations: run.retriedMutations,
        tipsLost: run.tipsLost.length,
        duplicates: duplicates.length,
        orphans: orphans.length,
        unsettled: notSettled.length,
        differences: differences.length,
        unexplained: unexplained.length,
      }),
    );
    expect(recon.errors, recon.raw).toBeUndefined();
    expect(operations).toBeGreaterThanOrEqual(ROUNDS * 40);
    expect(Object.values(run.ops).every((n) => n > 0)).toBe(true);
    expect(stats.injected / stats.requests).toBeGreaterThanOrEqual(0.3);
    expect(
      duplicates.map((r) => ({
        bookingId: r.bookingId,
        ours: r.capturedAmount,
        stripe: receivedAt.get(r.bookingId),
      })),
    ).toEqual([]);
    expect(run.tipsLost).toEqual([]);
    expect(orphans.map((pi) => pi.id)).toEqual([]);
    expect(notSettled).toEqual([]);
    expect(unexplained).toEqual([]);
  });
});
