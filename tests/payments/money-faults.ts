// The money fault run (issue 12, "What it must show"): rounds of bookings through the
// gateway, every kind of money operation, with seeded Stripe faults on every API call
// and the Stripe server restarted once mid-run. Counts are kept for the closing note.
import { toGlobalId } from '@mm/graphql-kit';
import type { FaultStats } from '@mm/stripe-emulator';
import { bookingInput, REQUEST_BOOKING, rawId, saveClientAddress } from '../booking/helpers.ts';
import {
  eventually,
  type GraphQLResponse,
  passDayOfCheck,
  type Stack,
  type TestClock,
} from '../harness/index.ts';
import { type Booked, HOUR, visit } from './gateway.ts';
import { type Client, paymentOf, requestBooking, toBookingId } from './helpers.ts';
import { confirmAndComplete } from './setup.ts';

const MINUTE = 60_000;

export type OpKind =
  | 'hold'
  | 'cancelFree'
  | 'cancelLate'
  | 'noShow'
  | 'capture'
  | 'captureWithTip'
  | 'postSessionTip'
  | 'refund'
  | 'transfer';

/** The end each booking is driven to, so the run knows what "finished" means for it. */
export type Fate = 'FREE' | 'LATE' | 'NO_SHOW' | 'TIP_AFTER' | 'REFUND' | 'TIP_AT_CAPTURE';

export interface FaultRun {
  stack: Stack;
  clock: TestClock;
  clients: Client[];
  therapists: Client[];
  /** The client of the capture-with-tip bookings (booked through booking's events). */
  tipper: Client;
  adminToken: string;
  seed: number;
  ops: Record<OpKind, number>;
  /** Mutations a client or admin had to repeat because Stripe failed under them. */
  retriedMutations: number;
  /** Stripe faults and requests of emulators already stopped (a restart starts from zero). */
  stoppedStats: FaultStats;
  bookings: { bookingId: string; fate: Fate }[];
  /** Tips Stripe failed under whose retry was refused as already added. */
  tipsLost: string[];
}

export function newRun(
  init: Omit<FaultRun, 'ops' | 'retriedMutations' | 'stoppedStats' | 'bookings' | 'tipsLost'>,
) {
  const ops = Object.fromEntries(
    [
      'hold',
      'cancelFree',
      'cancelLate',
      'noShow',
      'capture',
      'captureWithTip',
      'postSessionTip',
      'refund',
      'transfer',
    ].map((k) => [k, 0]),
  ) as Record<OpKind, number>;
  return {
    ...init,
    ops,
    retriedMutations: 0,
    stoppedStats: { requests: 0, injected: 0 },
    bookings: [],
    tipsLost: [],
  };
}

/** Every /v1 call fails with about a third's chance: 500s and dropped connections, before and after Stripe acts, and rare timeouts. */
export async function injectFaults(run: FaultRun, seed: number): Promise<void> {
  const control = run.stack.stripe?.control;
  if (!control) throw new Error('no Stripe emulator');
  // The share is judged over the faulted phase: the setup's calls (customers, accounts) are not counted.
  await control.clearFaults();
  await control.injectFault({ path: '/v1/', status: 500, probability: 0.22, seed });
  await control.injectFault({ path: '/v1/', reset: true, probability: 0.11, seed: seed + 1 });
  // Longer than the SDK's 15 s timeout: the call times out, then Stripe acts on it late.
  await control.injectFault({ path: '/v1/', delay_ms: 15_500, probability: 0.004, seed: seed + 2 });
  await control.injectFault({ path: '/v1/', status: 500, when: 'after', probability: 0.14, seed: seed + 3 });
  await control.injectFault({ path: '/v1/', reset: true, when: 'after', probability: 0.07, seed: seed + 4 });
}

export async function stripeStats(run: FaultRun): Promise<FaultStats> {
  const now = (await run.stack.stripe?.control.faultStats()) ?? { requests: 0, injected: 0 };
  return {
    requests: run.stoppedStats.requests + now.requests,
    injected: run.stoppedStats.injected + now.injected,
  };
}

/** Restarts the Stripe server on its state file mid-run; faults are injected again (new seed). */
export async function restartStripe(run: FaultRun): Promise<void> {
  run.stoppedStats = await stripeStats(run);
  await run.stack.restartStripe();
  await injectFaults(run, run.seed + 100);
}

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
// Stripe failing under a synchronous call: the person tries again.
const RETRYABLE = new Set(['PAYMENT_PROVIDER_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'PAYMENT_NOT_HELD']);

async function until(run: FaultRun, what: string, call: () => Promise<GraphQLResponse>) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const res = await call();
    if (!res.errors) return res;
    if (!RETRYABLE.has(codeOf(res) ?? '')) throw new Error(`${what}: ${res.raw}`);
    run.retriedMutations += 1;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: still failing after 40 tries`);
}

/** The requested therapist accepts the booking's offer (once payments held the card). */
async function accept(run: FaultRun, booking: Booked, therapist: Client): Promise<void> {
  const offer = await eventually(
    () =>
      run.stack.prisma.offer.findFirst({
        where: { bookingId: booking.bookingId, status: 'OPEN', therapistId: therapist.uuid },
      }),
    `an offer for ${booking.bookingId}`,
    { timeoutMs: 90_000 },
  );
  const res = await until(run, 'acceptOffer', () =>
    run.stack.gql(
      'mutation A($input: AcceptOfferInput!) { acceptOffer(input: $input) { booking { state } } }',
      { input: { offerId: toGlobalId('Offer', offer.id), acknowledgeModifications: true } },
      { token: therapist.accessToken },
    ),
  );
  if (!res.raw.includes('CONFIRMED')) throw new Error(`accept failed: ${res.raw}`);
  booked.set(booking.bookingId, therapist);
}

/** requestBooking through the gateway, asking for one therapist (client i always books therapist i). */
async function requestTherapist(run: FaultRun, client: Client, therapist: Client, startsAt: Date) {
  const address = await saveClientAddress(run.stack, client);
  const res = await until(run, 'requestBooking', () =>
    run.stack.gql<{ requestBooking: { booking: { id: string } } }>(
      REQUEST_BOOKING,
      {
        input: bookingInput(run.clock, address, {
          startsAt: startsAt.toISOString(),
          therapistId: toGlobalId('Therapist', therapist.uuid),
        }),
      },
      { token: client.accessToken },
    ),
  );
  const id = (res.data as { requestBooking: { booking: { id: string } } }).requestBooking.booking.id;
  return { bookingId: rawId(id), globalId: id };
}

const booked = new Map<string, Client>();
const therapistOf = (b: Booked) => booked.get(b.bookingId) as Client;

const CANCEL = `mutation C($input: BookingIdInput!) { cancelBooking(input: $input) { cancellation { window } } }`;

async function cancel(run: FaultRun, client: Client, b: Booked, window: 'FREE' | 'LATE') {
  const res = await until(run, 'cancelBooking', () =>
    run.stack.gql(CANCEL, { input: { bookingId: b.globalId } }, { token: client.accessToken }),
  );
  if (!res.raw.includes(`"window":"${window}"`)) throw new Error(`expected ${window}: ${res.raw}`);
  run.ops[window === 'FREE' ? 'cancelFree' : 'cancelLate'] += 1;
  if (window === 'LATE') run.ops.transfer += 1;
}

const step = (run: FaultRun, b: Booked, name: string) =>
  until(run, name, () => visit(run.stack, therapistOf(b), b, name));

/** The fate of slot i of a round: two of each cancellation and no-shows, the rest completed. */
export const FATES: Fate[] = [
  'FREE',
  'FREE',
  'LATE',
  'LATE',
  'NO_SHOW',
  'NO_SHOW',
  'TIP_AFTER',
  'TIP_AFTER',
  'REFUND',
  'REFUND',
];

async function after(run: FaultRun, b: Booked, client: Client, fate: Fate) {
  await reach(run, client, b.bookingId, 'CAPTURED');
  run.ops.capture += 1;
  run.ops.transfer += 1;
  if (fate === 'TIP_AFTER') {
    await addTip(run, b, client);
  } else {
    await until(run, 'refundPayment', () =>
      run.stack.gql(
        'mutation R($i: RefundPaymentInput!) { refundPayment(input: $i) { refund { status } } }',
        { i: { bookingId: toBookingId(b.bookingId), amount: 2_000, reason: 'Session ran short' } },
        { token: run.adminToken },
      ),
    );
    run.ops.refund += 1;
  }
}

/** Waits (through the queue's backoff) for the payment as its client sees it to reach `status`. */
async function reach(run: FaultRun, client: Client, bookingId: string, status: string) {
  let last = '';
  await eventually(
    async () => {
      const res = await paymentOf(run.stack, client.accessToken, bookingId);
      last = res.data?.bookingPayment.status ?? res.raw;
      return last === status;
    },
    `payment ${bookingId} ${status}`,
    { timeoutMs: 180_000, intervalMs: 200 },
  ).catch((err: Error) => {
    throw new Error(`${err.message} (last: ${last})`);
  });
}

/** A tip after the session; one Stripe could not confirm can't be tried again (TIP_ALREADY_ADDED): noted. */
async function addTip(run: FaultRun, b: Booked, client: Client) {
  run.ops.postSessionTip += 1;
  run.ops.transfer += 1;
  for (let attempt = 0; attempt < 10; attempt++) {
    const res = await run.stack.gql(
      'mutation T($input: AddTipInput!) { addTip(input: $input) { payment { status } } }',
      { input: { bookingId: toBookingId(b.bookingId), amount: 1_500 } },
      { token: client.accessToken },
    );
    const code = codeOf(res);
    if (!code) return;
    if (code === 'TIP_ALREADY_ADDED' && attempt > 0) {
      run.tipsLost.push(b.bookingId);
      return;
    }
    if (code !== 'PAYMENT_PROVIDER_UNAVAILABLE') throw new Error(`addTip: ${res.raw}`);
    run.retriedMutations += 1;
  }
  throw new Error('addTip: still failing after 10 tries');
}

/** Bookings whose tip was set when booked, captured with the session: through booking's own events. */
async function tipAtCapture(run: FaultRun, count: number) {
  const therapist = run.therapists[0] as Client;
  await Promise.all(
    Array.from({ length: count }, async () => {
      const now = run.clock.now();
      const bookingId = await requestBooking(run.stack, run.tipper, { tip: 1_000, hoursAhead: 3, now });
      run.bookings.push({ bookingId, fate: 'TIP_AT_CAPTURE' });
      run.ops.hold += 1;
      await reach(run, run.tipper, bookingId, 'HELD');
      await confirmAndComplete(run.stack, bookingId, run.tipper, therapist, now);
      run.ops.captureWithTip += 1;
      run.ops.transfer += 1;
    }),
  );
}

/** One round: ten bookings through the gateway walked on the test clock, and the tipped ones. */
export async function round(run: FaultRun, opts: { restartMidRound: boolean }): Promise<void> {
  const { stack, clock } = run;
  const startsAt = clock.now().getTime() + 26 * HOUR;
  const slots = await Promise.all(
    FATES.map(async (fate, i) => {
      const client = run.clients[i] as Client;
      const therapist = run.therapists[i] as Client;
      const b = await requestTherapist(run, client, therapist, new Date(startsAt));
      run.bookings.push({ bookingId: b.bookingId, fate });
      await accept(run, b, therapist);
      run.ops.hold += 1;
      return { b, client, fate };
    }),
  );
  const of = (...fates: Fate[]) => slots.filter((s) => fates.includes(s.fate));
  clock.advance(20 * MINUTE);
  await Promise.all(of('FREE').map((s) => cancel(run, s.client, s.b, 'FREE')));
  clock.set(new Date(startsAt - 6 * HOUR));
  await Promise.all(of('LATE').map((s) => cancel(run, s.client, s.b, 'LATE')));
  if (opts.restartMidRound) await restartStripe(run);
  const walked = of('NO_SHOW', 'TIP_AFTER', 'REFUND');
  clock.set(new Date(startsAt - 2 * HOUR));
  await Promise.all(walked.map((s) => step(run, s.b, 'startEnRoute')));
  clock.set(new Date(startsAt - 15 * MINUTE));
  await Promise.all(walked.map((s) => step(run, s.b, 'arriveAtBooking')));
  const sessions = of('TIP_AFTER', 'REFUND');
  await Promise.all(sessions.map((s) => passDayOfCheck(stack, therapistOf(s.b).accessToken, s.b.globalId)));
  clock.set(new Date(startsAt));
  await Promise.all(sessions.map((s) => step(run, s.b, 'startSession')));
  clock.set(new Date(startsAt + 20 * MINUTE));
  await Promise.all(
    of('NO_SHOW').map(async (s) => {
      await step(run, s.b, 'markNoShow');
      run.ops.noShow += 1;
      run.ops.transfer += 1;
    }),
  );
  clock.set(new Date(startsAt + 60 * MINUTE));
  await Promise.all(sessions.map((s) => step(run, s.b, 'completeSession')));
  clock.set(new Date(startsAt + 70 * MINUTE));
  await Promise.all([...sessions.map((s) => after(run, s.b, s.client, s.fate)), tipAtCapture(run, 3)]);
  clock.set(new Date(startsAt + 2 * HOUR));
}
