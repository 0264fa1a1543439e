import { BookingError } from './booking.errors.ts';

/**
 * The booking lifecycle. This file is its one owner: every state change of a
 * booking goes through `transition()`, and the table below is the only place
 * that says which change is allowed.
 *
 * ```
 * DRAFT ─screenPassed→ SCREENED ─holdPlaced / authorizationDeferred→ SEARCHING ─offerAccepted→ CONFIRMED
 *   │ screenBlocked        │ holdFailed                │ dispatchExpired               │ startEnRoute
 *   ▼                      ▼                           ▼                               ▼
 * BLOCKED              CANCELLED                    EXPIRED        ARRIVED ←arrive─ EN_ROUTE
 *                                                                     │ startSession   (dayOfBlocked → BLOCKED,
 *                                                                     ▼                 markNoShow → NO_SHOW)
 *                                                                 IN_SESSION ─complete→ COMPLETED
 * cancelByTherapist: CONFIRMED | EN_ROUTE → SEARCHING (re-dispatch)
 * direct request (issue 18): SEARCHING ─directRequestUnanswered→ AWAITING_CLIENT_CHOICE
 *   ─clientChoseNext→ SEARCHING (wait, another therapist, open dispatch) | ─choiceExpired→ EXPIRED
 * consultation (issue 18): DRAFT ─consultationRequested→ SEARCHING (no hold, no gate) … CONFIRMED ─consultationHeld→ COMPLETED
 * cancelByClient / cancelBySystem → CANCELLED from the states listed in the table
 * ```
 *
 * No AWAITING_AUTHORIZATION state, on purpose. A card hold lives about 7
 * days, so for a session more than 6 days ahead payments authorizes 48 h
 * before the start (payments' `payment.policy.ts`). Waiting for that hold
 * before dispatching would leave the client without a therapist until two
 * days before, so such bookings are dispatched at once with the card saved
 * (`authorizationDeferred`), and a failed deferred hold cancels the booking
 * (`holdFailed` from CONFIRMED). Authorization status is orthogonal to the
 * lifecycle and lives in payments; mixing it into this enum would double the
 * states (CONFIRMED authorized / not yet authorized, ...). A deferred
 * `payment.hold_placed` therefore changes nothing here.
 */
export const BOOKING_STATES = [
  'DRAFT',
  'SCREENED',
  'BLOCKED',
  'SEARCHING',
  'CONFIRMED',
  'EN_ROUTE',
  'ARRIVED',
  'IN_SESSION',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'EXPIRED',
  'AWAITING_CLIENT_CHOICE',
] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

export interface BookingTransitionRule {
  readonly from: readonly BookingState[];
  readonly to: BookingState;
  readonly description: string;
}

/** The transition table: each named event, the states it may fire from, and its target. */
export const BOOKING_TRANSITIONS = {
  screenPassed: {
    from: ['DRAFT'],
    to: 'SCREENED',
    description: 'Booking-time screening is CLEAR or CLEAR_WITH_MODIFICATIONS.',
  },
  screenBlocked: {
    from: ['DRAFT'],
    to: 'BLOCKED',
    description: 'Booking-time screening is REFER or DEFER: never dispatched, nothing charged.',
  },
  consultationRequested: {
    from: ['DRAFT'],
    to: 'SEARCHING',
    description:
      'A free consultation: screened for the therapist to read, never gated, no card hold; offered at once.',
  },
  holdPlaced: {
    from: ['SCREENED'],
    to: 'SEARCHING',
    description: 'The card hold is in place; offers may go out.',
  },
  authorizationDeferred: {
    from: ['SCREENED'],
    to: 'SEARCHING',
    description: 'Start is more than 6 days ahead: dispatch now, the hold is placed 48 h before the start.',
  },
  holdFailed: {
    from: ['SCREENED', 'CONFIRMED'],
    to: 'CANCELLED',
    description: 'The hold was declined (at booking, or the deferred hold 48 h before). No fee.',
  },
  offerAccepted: {
    from: ['SEARCHING'],
    to: 'CONFIRMED',
    description: 'A therapist accepted an offer (first accept wins).',
  },
  dispatchExpired: {
    from: ['SEARCHING'],
    to: 'EXPIRED',
    description: 'No therapist accepted before the dispatch deadline; the hold is released.',
  },
  directRequestUnanswered: {
    from: ['SEARCHING'],
    to: 'AWAITING_CLIENT_CHOICE',
    description: 'The therapist the client chose declined or let the offer expire: the client decides next.',
  },
  clientChoseNext: {
    from: ['AWAITING_CLIENT_CHOICE'],
    to: 'SEARCHING',
    description:
      'The client waits for the same therapist, picks another one, or opens the request to dispatch.',
  },
  choiceExpired: {
    from: ['AWAITING_CLIENT_CHOICE'],
    to: 'EXPIRED',
    description: 'The client did not choose before the dispatch deadline; the hold is released.',
  },
  startEnRoute: { from: ['CONFIRMED'], to: 'EN_ROUTE', description: 'The therapist is on the way.' },
  arrive: {
    // CONFIRMED too: a therapist who forgot to tap "en route" must still be able to check in.
    from: ['CONFIRMED', 'EN_ROUTE'],
    to: 'ARRIVED',
    description: 'The therapist is at the door.',
  },
  startSession: {
    from: ['ARRIVED'],
    to: 'IN_SESSION',
    description: 'A passing day-of check is recorded (see session-start.policy.ts).',
  },
  complete: { from: ['IN_SESSION'], to: 'COMPLETED', description: 'The session is over; capture.' },
  consultationHeld: {
    from: ['CONFIRMED'],
    to: 'COMPLETED',
    description: 'The therapist held the phone or video consultation: nothing to capture, no care session.',
  },
  cancelByClient: {
    // Not IN_SESSION: ending a session early is `complete`, not a cancellation.
    from: ['DRAFT', 'SCREENED', 'SEARCHING', 'CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'AWAITING_CLIENT_CHOICE'],
    to: 'CANCELLED',
    description: 'The client cancels; the fee follows the cancellation policy.',
  },
  cancelByTherapist: {
    from: ['CONFIRMED', 'EN_ROUTE'],
    to: 'SEARCHING',
    description: 'The therapist withdraws (or is withdrawn): no client fee, the booking is re-dispatched.',
  },
  cancelBySystem: {
    from: ['DRAFT', 'SCREENED', 'SEARCHING', 'CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'AWAITING_CLIENT_CHOICE'],
    to: 'CANCELLED',
    description: 'An admin or the platform cancels (incident, fraud, support). No client fee.',
  },
  markNoShow: {
    from: ['ARRIVED'],
    to: 'NO_SHOW',
    description: 'The therapist waited at the door and the client did not show (fee by policy).',
  },
  dayOfBlocked: {
    from: ['ARRIVED'],
    to: 'BLOCKED',
    description: 'The day-of check at the door is REFER or DEFER: no fee, the hold is released.',
  },
} as const satisfies Record<string, BookingTransitionRule>;

export type BookingEvent = keyof typeof BOOKING_TRANSITIONS;
export const BOOKING_EVENTS = Object.keys(BOOKING_TRANSITIONS) as BookingEvent[];

export const TERMINAL_BOOKING_STATES: readonly BookingState[] = [
  'BLOCKED',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
  'EXPIRED',
];

/** Raised for every illegal (state, event) pair; never a silent no-op. */
export class BookingTransitionError extends BookingError {
  override readonly name: string = 'BookingTransitionError';
  readonly state: string;
  readonly event: string;
  readonly allowedFrom: readonly BookingState[];

  constructor(state: string, event: string, allowedFrom: readonly BookingState[]) {
    const allowed = allowedFrom.length > 0 ? allowedFrom.join(', ') : 'no state';
    super('ILLEGAL_TRANSITION', `Cannot ${event} a booking that is ${state} (allowed from: ${allowed})`, {
      state,
      event,
      allowedFrom,
    });
    this.state = state;
    this.event = event;
    this.allowedFrom = allowedFrom;
  }
}

export function isBookingEvent(value: string): value is BookingEvent {
  return Object.hasOwn(BOOKING_TRANSITIONS, value);
}

export function isTerminal(state: BookingState): boolean {
  return TERMINAL_BOOKING_STATES.includes(state);
}

export function canTransition(state: BookingState, event: BookingEvent): boolean {
  if (!isBookingEvent(event)) return false;
  const rule: BookingTransitionRule = BOOKING_TRANSITIONS[event];
  return rule.from.includes(state);
}

/** The next state, or a `BookingTransitionError` (code ILLEGAL_TRANSITION). */
export function transition(state: BookingState, event: BookingEvent): BookingState {
  // Guard against unchecked strings from the wire: an unknown event is illegal, not a crash.
  const rule: BookingTransitionRule | undefined = isBookingEvent(event)
    ? BOOKING_TRANSITIONS[event]
    : undefined;
  if (rule === undefined) throw new BookingTransitionError(state, event, []);
  if (!rule.from.includes(state)) throw new BookingTransitionError(state, event, rule.from);
  return rule.to;
}

/** Events that may fire from `state`, in table order (for UIs and docs). */
export function allowedEvents(state: BookingState): BookingEvent[] {
  return BOOKING_EVENTS.filter((event) => canTransition(state, event));
}
