/**
 * When a therapist may take each step of a visit, and whether the money lets the
 * session start. The windows are DATA (`VisitTimingPolicy`); this file applies them.
 *
 * Boundaries favour the therapist: exactly 120 minutes before the start may set off,
 * exactly 15 minutes before may check in and start.
 */

export type VisitStep = 'startEnRoute' | 'arrive' | 'startSession';

export interface VisitTimingPolicy {
  /** Going en route opens this many minutes before the start. */
  readonly enRouteLeadMinutes: number;
  /** Checking in at the door opens this many minutes before the start. */
  readonly arrivalLeadMinutes: number;
  /** Starting the session opens this many minutes before the start. */
  readonly sessionStartLeadMinutes: number;
  /** A missing hold can be authorized on demand until this many minutes after the start. */
  readonly authorizationGraceMinutes: number;
}

export const DEFAULT_VISIT_TIMING: VisitTimingPolicy = {
  enRouteLeadMinutes: 120,
  arrivalLeadMinutes: 15,
  sessionStartLeadMinutes: 15,
  authorizationGraceMinutes: 60,
};

export const TOO_EARLY_CODES = {
  startEnRoute: 'EN_ROUTE_TOO_EARLY',
  arrive: 'ARRIVAL_TOO_EARLY',
  startSession: 'SESSION_START_TOO_EARLY',
} as const satisfies Record<VisitStep, string>;

export type TooEarly = {
  code: (typeof TOO_EARLY_CODES)[VisitStep];
  earliestAt: Date;
  message: string;
};

const MINUTE_MS = 60_000;

const leadOf = (policy: VisitTimingPolicy, step: VisitStep): number =>
  step === 'startEnRoute'
    ? policy.enRouteLeadMinutes
    : step === 'arrive'
      ? policy.arrivalLeadMinutes
      : policy.sessionStartLeadMinutes;

const WHAT: Record<VisitStep, string> = {
  startEnRoute: 'go en route',
  arrive: 'check in at the door',
  startSession: 'start the session',
};

/** Null when `step` may be taken at `now`; otherwise why not and from when. */
export function tooEarly(
  policy: VisitTimingPolicy,
  step: VisitStep,
  startsAt: Date,
  now: Date,
): TooEarly | null {
  assertValidVisitTiming(policy);
  const lead = leadOf(policy, step);
  const earliestAt = new Date(startsAt.getTime() - lead * MINUTE_MS);
  if (now.getTime() >= earliestAt.getTime()) return null;
  return {
    code: TOO_EARLY_CODES[step],
    earliestAt,
    message: `You can ${WHAT[step]} from ${lead} minutes before the booked start (${earliestAt.toISOString()}).`,
  };
}

/** What the payment means for a session about to start. */
export type SessionPayment =
  | { kind: 'HELD' }
  /** Not held yet, still authorizable: ask payments to authorize now, and refuse until it is held. */
  | { kind: 'AUTHORIZE_NOW' }
  /** Not held and too late to authorize: refuse with this reason. */
  | { kind: 'CLOSED'; message: string };

export function sessionPayment(
  policy: VisitTimingPolicy,
  input: { paymentHeldAt: Date | null; startsAt: Date; now: Date },
): SessionPayment {
  assertValidVisitTiming(policy);
  if (input.paymentHeldAt !== null) return { kind: 'HELD' };
  const closesAt = input.startsAt.getTime() + policy.authorizationGraceMinutes * MINUTE_MS;
  if (input.now.getTime() <= closesAt) return { kind: 'AUTHORIZE_NOW' };
  return {
    kind: 'CLOSED',
    message: `The card was never authorized and the start is more than ${policy.authorizationGraceMinutes} minutes past; cancel this booking and book again.`,
  };
}

/** Policies may come from configuration: refuse negative or fractional minutes. */
export function assertValidVisitTiming(policy: VisitTimingPolicy): void {
  for (const [field, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`visit timing ${field} must be a non-negative integer`);
  }
}
