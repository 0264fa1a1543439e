import { applyBps, formatBps, isBps, isMinorAmount } from '../shared/money.ts';
import { BookingError } from './booking.errors.ts';

/**
 * The cancellation policy. The rules are DATA (`CancellationPolicy`, stored
 * with a version); this file applies them to one cancellation.
 *
 * Boundaries always favour the client: exactly 24 h before the start is still
 * free, exactly 2 h before is still the 50 % window, exactly 10:00 after
 * confirmation is still in the grace period. A no-show may be recorded once the
 * therapist has waited exactly the wait time.
 */

export type CancellationActor = 'CLIENT' | 'THERAPIST' | 'SYSTEM';

export type CancellationReason =
  /** The client cancels. Fee by window. */
  | 'CLIENT_REQUEST'
  /** The therapist withdraws. No client fee; reliability penalty. */
  | 'THERAPIST_REQUEST'
  /** The therapist waited at the door and the client did not show. */
  | 'CLIENT_NO_SHOW'
  /** Screening (booking-time or at the door) says REFER: see a physician first. */
  | 'SCREENING_REFER'
  /** Screening says DEFER: not today; the client may reschedule. */
  | 'SCREENING_DEFER'
  /** Admin or platform decision (failed hold, incident, support). */
  | 'PLATFORM';

/** Who may give which reason; safety blocks are free whoever records them. */
export const ACTORS_BY_REASON: Readonly<Record<CancellationReason, readonly CancellationActor[]>> = {
  CLIENT_REQUEST: ['CLIENT'],
  THERAPIST_REQUEST: ['THERAPIST'],
  CLIENT_NO_SHOW: ['THERAPIST', 'SYSTEM'],
  SCREENING_REFER: ['CLIENT', 'THERAPIST', 'SYSTEM'],
  SCREENING_DEFER: ['CLIENT', 'THERAPIST', 'SYSTEM'],
  PLATFORM: ['SYSTEM'],
};

export interface CancellationWindow {
  /** Stable code stored with the cancellation, e.g. "LATE". */
  readonly code: string;
  /** The window applies while (start − now) ≥ this many minutes (inclusive). */
  readonly minMinutesBeforeStart: number;
  readonly feeBps: number;
  readonly label: string;
}

export interface CancellationPolicy {
  readonly version: string;
  /** Cancelling within this many minutes of confirmation is always free (inclusive). */
  readonly graceAfterConfirmationMinutes: number;
  /**
   * Ordered from the earliest cancellation to the latest: strictly decreasing
   * `minMinutesBeforeStart`, the last one 0. A cancellation after the start
   * falls in the last window.
   */
  readonly windows: readonly CancellationWindow[];
  /** The therapist's share of any client fee; the platform keeps the rest. */
  readonly therapistShareBps: number;
  readonly noShow: { readonly waitMinutes: number; readonly feeBps: number };
}

export const DEFAULT_CANCELLATION_POLICY: CancellationPolicy = {
  version: 'default-2026-01',
  graceAfterConfirmationMinutes: 10,
  windows: [
    {
      code: 'FREE',
      minMinutesBeforeStart: 24 * 60,
      feeBps: 0,
      label: 'Cancelled 24 hours or more before the start',
    },
    {
      code: 'LATE',
      minMinutesBeforeStart: 2 * 60,
      feeBps: 5_000,
      label: 'Cancelled less than 24 hours before the start',
    },
    {
      code: 'VERY_LATE',
      minMinutesBeforeStart: 0,
      feeBps: 10_000,
      label: 'Cancelled less than 2 hours before the start',
    },
  ],
  therapistShareBps: 7_000,
  noShow: { waitMinutes: 20, feeBps: 10_000 },
};

/** Fixed window codes; a policy's own window codes (FREE, LATE, ...) come in addition. */
export type FixedCancellationWindowCode =
  | 'NOT_CONFIRMED'
  | 'GRACE'
  | 'NO_SHOW'
  | 'SCREENING_REFER'
  | 'SCREENING_DEFER'
  | 'THERAPIST_CANCELLED'
  | 'PLATFORM_CANCELLED';

export interface CancellationInput {
  readonly actor: CancellationActor;
  readonly reason: CancellationReason;
  /** When a therapist accepted; null while no one has. */
  readonly confirmedAt: Date | null;
  readonly startsAt: Date;
  readonly now: Date;
  /** When the therapist checked in at the door; the no-show wait counts from max(start, arrival). */
  readonly arrivedAt?: Date | null;
  /** The service price (quote subtotal, tip excluded), minor units. */
  readonly servicePrice: number;
}

export interface CancellationOutcome {
  readonly policyVersion: string;
  readonly window: FixedCancellationWindowCode | (string & {});
  readonly feeBps: number;
  /** Captured from the hold. */
  readonly feeAmount: number;
  /** Paid out to the therapist (Connect transfer). */
  readonly therapistShare: number;
  readonly platformShare: number;
  /** The part of the service price not charged: released from the hold (or refunded). */
  readonly releaseAmount: number;
  /** Counts against the therapist's reliability score. */
  readonly reliabilityPenalty: boolean;
  /** The client may rebook this session at no fee (DEFER). */
  readonly rescheduleAllowed: boolean;
  readonly explanation: string;
}

const MINUTE_MS = 60_000;

export function cancellationFee(policy: CancellationPolicy, input: CancellationInput): CancellationOutcome {
  assertValidCancellationPolicy(policy);
  assertValidInput(input);

  switch (input.reason) {
    case 'SCREENING_REFER':
      return outcome(
        policy,
        input,
        'SCREENING_REFER',
        0,
        'The safety screening referred the client to a physician first: no fee.',
      );
    case 'SCREENING_DEFER':
      return outcome(
        policy,
        input,
        'SCREENING_DEFER',
        0,
        'The safety screening deferred the session: no fee, and the client may reschedule.',
        {
          rescheduleAllowed: true,
        },
      );
    case 'PLATFORM':
      return outcome(policy, input, 'PLATFORM_CANCELLED', 0, 'Cancelled by the platform: no fee.');
    case 'THERAPIST_REQUEST':
      return outcome(
        policy,
        input,
        'THERAPIST_CANCELLED',
        0,
        'The therapist cancelled: no fee for the client.',
        {
          reliabilityPenalty: true,
        },
      );
    case 'CLIENT_NO_SHOW':
      return noShowFee(policy, input);
    case 'CLIENT_REQUEST':
      return clientCancellationFee(policy, input);
  }
}

/** A no-show may be recorded only after the wait; then the no-show fee applies. */
function noShowFee(policy: CancellationPolicy, input: CancellationInput): CancellationOutcome {
  const { now, startsAt } = input;
  const waitFrom = Math.max(startsAt.getTime(), input.arrivedAt?.getTime() ?? startsAt.getTime());
  const waitedMs = now.getTime() - waitFrom;
  if (waitedMs < policy.noShow.waitMinutes * MINUTE_MS) {
    throw new BookingError(
      'NO_SHOW_TOO_EARLY',
      `A no-show can be recorded after waiting ${policy.noShow.waitMinutes} minutes from the start (or arrival, if later).`,
      { waitedMinutes: Math.max(0, Math.floor(waitedMs / MINUTE_MS)) },
    );
  }
  return outcome(
    policy,
    input,
    'NO_SHOW',
    policy.noShow.feeBps,
    `The client did not show after the therapist waited ${policy.noShow.waitMinutes} minutes: ${feeText(policy.noShow.feeBps)}.`,
  );
}

/** The client cancels: free before confirmation and in the grace period, else the window's fee. */
function clientCancellationFee(policy: CancellationPolicy, input: CancellationInput): CancellationOutcome {
  const { now, startsAt } = input;
  if (input.confirmedAt === null) {
    return outcome(policy, input, 'NOT_CONFIRMED', 0, 'No therapist had confirmed yet: no fee.');
  }
  const window = windowFor(policy, startsAt.getTime() - now.getTime());
  const sinceConfirmationMs = now.getTime() - input.confirmedAt.getTime();
  // Only worth naming the grace period when it actually waives a fee.
  if (window.feeBps > 0 && sinceConfirmationMs <= policy.graceAfterConfirmationMinutes * MINUTE_MS) {
    return outcome(
      policy,
      input,
      'GRACE',
      0,
      `Cancelled within ${policy.graceAfterConfirmationMinutes} minutes of confirmation: no fee.`,
    );
  }
  return outcome(policy, input, window.code, window.feeBps, `${window.label}: ${feeText(window.feeBps)}.`);
}

/** The window for `msBeforeStart` (negative after the start → the last window). */
export function windowFor(policy: CancellationPolicy, msBeforeStart: number): CancellationWindow {
  const found = policy.windows.find((w) => msBeforeStart >= w.minMinutesBeforeStart * MINUTE_MS);
  // The validated policy ends with a 0-minute window, so only a post-start cancellation gets here.
  return found ?? (policy.windows.at(-1) as CancellationWindow);
}

function feeText(bps: number): string {
  return bps === 0 ? 'no fee' : `${formatBps(bps)} fee`;
}

function outcome(
  policy: CancellationPolicy,
  input: CancellationInput,
  window: string,
  feeBps: number,
  explanation: string,
  flags: { reliabilityPenalty?: boolean; rescheduleAllowed?: boolean } = {},
): CancellationOutcome {
  const feeAmount = applyBps(input.servicePrice, feeBps);
  const therapistShare = applyBps(feeAmount, policy.therapistShareBps);
  return {
    policyVersion: policy.version,
    window,
    feeBps,
    feeAmount,
    therapistShare,
    // The platform gets the remainder so the two shares always sum to the fee.
    platformShare: feeAmount - therapistShare,
    releaseAmount: input.servicePrice - feeAmount,
    reliabilityPenalty: flags.reliabilityPenalty ?? false,
    rescheduleAllowed: flags.rescheduleAllowed ?? false,
    explanation,
  };
}

function assertValidInput(input: CancellationInput): void {
  const invalid = (message: string): never => {
    throw new BookingError('INVALID_CANCELLATION', message, {
      actor: input.actor,
      reason: input.reason,
    });
  };
  const allowedActors = Object.hasOwn(ACTORS_BY_REASON, input.reason)
    ? ACTORS_BY_REASON[input.reason]
    : undefined;
  if (allowedActors === undefined) invalid(`Unknown cancellation reason ${input.reason}.`);
  if (!allowedActors?.includes(input.actor)) {
    invalid(`A ${input.actor} cannot cancel with reason ${input.reason}.`);
  }
  if (!isMinorAmount(input.servicePrice))
    invalid('The service price must be a non-negative integer in minor units.');
  const dates = [input.startsAt, input.now, input.confirmedAt, input.arrivedAt];
  if (dates.some((d) => d !== null && d !== undefined && Number.isNaN(d.getTime())))
    invalid('A date is invalid.');
  if (input.confirmedAt !== null && input.confirmedAt.getTime() > input.now.getTime()) {
    invalid('The booking cannot be confirmed after the cancellation.');
  }
}

/** Policies come from the database as JSON: check before use. Throws INVALID_POLICY. */
export function assertValidCancellationPolicy(policy: CancellationPolicy): void {
  const fail = (field: string): never => {
    throw new BookingError('INVALID_POLICY', `Cancellation policy ${policy.version}: invalid ${field}.`, {
      field,
    });
  };
  const { windows } = policy;
  if (windows.length === 0) fail('windows (empty)');
  windows.forEach((w, i) => {
    if (!Number.isInteger(w.minMinutesBeforeStart) || w.minMinutesBeforeStart < 0)
      fail(`windows[${i}].minMinutesBeforeStart`);
    if (!isBps(w.feeBps)) fail(`windows[${i}].feeBps`);
    const previous = windows[i - 1];
    if (previous !== undefined && previous.minMinutesBeforeStart <= w.minMinutesBeforeStart)
      fail('windows order');
  });
  if (windows.at(-1)?.minMinutesBeforeStart !== 0) fail('windows (the last must start at 0 minutes)');
  if (!Number.isInteger(policy.graceAfterConfirmationMinutes) || policy.graceAfterConfirmationMinutes < 0) {
    fail('graceAfterConfirmationMinutes');
  }
  if (!isBps(policy.therapistShareBps)) fail('therapistShareBps');
  if (!Number.isInteger(policy.noShow.waitMinutes) || policy.noShow.waitMinutes < 0)
    fail('noShow.waitMinutes');
  if (!isBps(policy.noShow.feeBps)) fail('noShow.feeBps');
}
