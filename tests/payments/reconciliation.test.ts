// Issue 12 item 4: reconciliation both ways, one test per kind of difference; the safe ones are
// repaired and logged as REPAIR ledger entries, the rest reported and raised as admin alerts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack } from '../harness/index.ts';
import { type Client, emit, stripeOf, toBookingId, waitForPayment } from './helpers.ts';
import { confirmAndComplete, heldBooking, paymentsSuite } from './setup.ts';

let stack: Stack;
let client: Client;
let therapist: Client;
let adminToken: string;

beforeAll(async () => {
  ({ stack, client, therapist, adminToken } = await paymentsSuite());
});
afterAll(() => stack?.close());

interface Diff {
  kind: string;
  check: string;
  bookingId: string | null;
  stripeId: string | null;
  repaired: boolean;
  ledger: number | null;
  stripe: number | null;
}

async function reconcile(): Promise<Diff[]> {
  const res = await stack.gql<{ runReconciliation: { report: { differences: Diff[] } } }>(
    'mutation { runReconciliation { report { differences { kind check bookingId stripeId repaired ledger stripe detail } } } }',
    {},
    { token: adminToken },
  );
  expect(res.errors, res.raw).toBeUndefined();
  return res.data?.runReconciliation.report.differences ?? [];
}

async function openAlerts(): Promise<{ kind: string; message: string; stripeId: string | null }[]> {
  const res = await stack.gql<{
    paymentAlerts: { edges: { node: { kind: string; message: string; stripeId: string | null } }[] };
  }>(
    '{ paymentAlerts(first: 100, open: true) { edges { node { kind message stripeId } } } }',
    {},
    { token: adminToken },
  );
  return res.data?.paymentAlerts.edges.map((e) => e.node) ?? [];
}

async function card() {
  const row = await stack.prisma.paymentCustomer.findUniqueOrThrow({ where: { userId: client.uuid } });
  return { customer: row.stripeCustomerId, payment_method: row.defaultPaymentMethodId as string };
}

describe('reconciliation both ways', () => {
  it('ORPHAN_HOLD: a live hold at Stripe for a released booking is released and logged as a repair', async () => {
    const bookingId = await heldBooking(stack, client);
    await emit(stack, 'booking.expired', { bookingId, clientId: client.uuid });
    await waitForPayment(stack, client.accessToken, bookingId, (p) => p.status === 'RELEASED', 'release');
    const stray = await stripeOf(stack).paymentIntents.create({
      ...(await card()),
      amount: 12_000,
      currency: 'usd',
      capture_method: 'manual',
      confirm: true,
      off_session: true,
      metadata: { booking_id: bookingId },
    });
    expect(stray.status).toBe('requires_capture');

    const found = (await reconcile()).filter((d) => d.stripeId === stray.id);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'ORPHAN_HOLD', bookingId: toBookingId(bookingId), repaired: true }),
    ]);
    expect((await stripeOf(stack).paymentIntents.retrieve(stray.id)).status).toBe('canceled');
    const repair = await stack.prisma.ledgerTransaction.findUnique({
      where: { reference: `repair-orphan-${stray.id}` },
    });
    expect(repair).toMatchObject({ kind: 'REPAIR', bookingId, stripeId: stray.id });
    // Repaired: the next run finds nothing for it.
    expect((await reconcile()).filter((d) => d.stripeId === stray.id)).toEqual([]);
  });

  it('SHARE_OWED_NOT_TRANSFERRED: a captured share never transferred is sent and logged as a repair', async () => {
    await stack.prisma.payoutAccount.update({
      where: { therapistId: therapist.uuid },
      data: { transfersActive: false },
    });
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, therapist);
    await waitForPayment(stack, client.accessToken, bookingId, (p) => p.status === 'CAPTURED', 'capture');
    // The capture's own transfer job has run (and found transfers off) before they come back on;
    // otherwise it would pay the share itself and there would be nothing to repair.
    await eventually(
      () =>
        stack.prisma.outboxJob.findFirst({
          where: {
            name: 'transfer',
            data: { path: ['bookingId'], equals: bookingId },
            completedAt: { not: null },
          },
        }),
      'the capture’s transfer job to finish',
    );
    // Transfers came back for the account, but nothing queued what it was owed.
    await stack.prisma.payoutAccount.update({
      where: { therapistId: therapist.uuid },
      data: { transfersActive: true },
    });
    expect(
      (await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } })).transferredAmount,
    ).toBe(0);

    const found = (await reconcile()).filter((d) => d.bookingId === toBookingId(bookingId));
    expect(found).toEqual([
      expect.objectContaining({ kind: 'SHARE_OWED_NOT_TRANSFERRED', ledger: 9_000, repaired: true }),
    ]);
    const transfers = await stripeOf(stack).transfers.list({ transfer_group: `booking_${bookingId}` });
    expect(transfers.data.map((t) => t.amount)).toEqual([9_000]);
    const repairs = await stack.prisma.ledgerTransaction.findMany({ where: { bookingId, kind: 'REPAIR' } });
    expect(repairs).toHaveLength(1);
    expect((await reconcile()).filter((d) => d.bookingId === toBookingId(bookingId))).toEqual([]);
  });

  it('CAPTURED_BUT_CANCELLED: money Stripe captured for a booking we released is reported, not repaired', async () => {
    const bookingId = await heldBooking(stack, client);
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    await stripeOf(stack).paymentIntents.capture(row.paymentIntentId as string);
    // Our books say released (the capture happened outside our flows).
    await stack.prisma.bookingPayment.update({
      where: { bookingId },
      data: { status: 'RELEASED', settlement: 'RELEASE' },
    });

    const found = (await reconcile()).filter((d) => d.stripeId === row.paymentIntentId);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'CAPTURED_BUT_CANCELLED', stripe: 12_000, repaired: false }),
    ]);
    expect(
      (await openAlerts()).some((a) => a.kind === 'RECONCILIATION' && a.stripeId === row.paymentIntentId),
    ).toBe(true);
  });

  it('AMOUNT_MISMATCH: a refund made at Stripe outside our flows is reported with both amounts', async () => {
    const bookingId = await heldBooking(stack, client);
    await confirmAndComplete(stack, bookingId, client, therapist);
    await waitForPayment(
      stack,
      client.accessToken,
      bookingId,
      (p) => p.transferred.amount > 0,
      'capture and transfer',
    );
    const row = await stack.prisma.bookingPayment.findUniqueOrThrow({ where: { bookingId } });
    await stripeOf(stack).refunds.create({ charge: row.chargeId as string, amount: 1_000 });

    const found = (await reconcile()).filter((d) => d.bookingId === toBookingId(bookingId));
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'AMOUNT_MISMATCH',
        check: 'REFUNDED',
        ledger: 0,
        stripe: 1_000,
        repaired: false,
      }),
    ]);
  });

  it('UNKNOWN_OBJECT: a charge at Stripe that matches no booking of ours is reported', async () => {
    const unknown = await stripeOf(stack).paymentIntents.create({
      ...(await card()),
      amount: 500,
      currency: 'usd',
      confirm: true,
      off_session: true,
      metadata: { booking_id: randomUUID() },
    });
    const found = (await reconcile()).filter((d) => d.stripeId === unknown.id);
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'UNKNOWN_OBJECT',
        check: 'PAYMENT_INTENT',
        bookingId: null,
        repaired: false,
      }),
    ]);
    expect((await openAlerts()).filter((a) => a.stripeId === unknown.id)).toHaveLength(1);
  });

  it('is admin only', async () => {
    const res = await stack.gql(
      'mutation { runReconciliation { report { id } } }',
      {},
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
