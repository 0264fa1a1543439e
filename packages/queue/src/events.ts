/**
 * The contract between services: every domain event that crosses a service
 * boundary, with its payload. Payloads carry ids and facts, never health
 * answers. Each producer owns its section; consumers must be idempotent
 * (createEventConsumer dedupes by event id).
 */

type Money = { amount: number; currency: string };
type Actor = 'CLIENT' | 'THERAPIST' | 'ADMIN' | 'SYSTEM';

// ── identity ───────────────────────────────────────────────────────────
export interface IdentityEvents {
  'user.registered': { userId: string; role: 'CLIENT' | 'THERAPIST' | 'ADMIN'; email: string };
  'user.profile_updated': { userId: string; timezone: string };
  /**
   * A client's saved address was created or archived. Booking keeps its own
   * projection so the coordinates and jurisdiction (which decides the licenses
   * that count) come from the profile, never from the booking request.
   */
  'address.saved': {
    addressId: string;
    userId: string;
    latitude: number;
    longitude: number;
    jurisdiction: string;
    timezone: string | null;
    archived: boolean;
  };
}

// ── screening ──────────────────────────────────────────────────────────
/** What booking needs to match a therapist, denormalised so booking never reads screening's tables. */
export interface TherapistSnapshot {
  therapistId: string;
  status: 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'NEEDS_INFO' | 'SUSPENDED';
  displayName: string;
  gender: string | null;
  timezone: string;
  serviceArea: { latitude: number; longitude: number; radiusKm: number } | null;
  /** Weekly availability in the therapist's timezone: day 1 = Monday … 7 = Sunday, minutes from midnight. */
  weeklyAvailability: { day: number; startMinute: number; endMinute: number }[];
  /** Dates (YYYY-MM-DD, therapist's timezone) that replace the weekly pattern; empty windows = unavailable. */
  availabilityExceptions: { date: string; windows: { startMinute: number; endMinute: number }[] }[];
  licenses: {
    id: string;
    jurisdiction: string;
    type: string;
    issuedOn: string;
    expiresOn: string;
    status: string;
  }[];
  insurance: { expiresOn: string; status: string } | null;
  credentials: { kind: string; status: string; jurisdiction: string | null }[];
  backgroundCheck: { status: string };
  migraineExperienceYears: number | null;
}

export interface ScreeningEvents {
  /** Sent on every change that can affect matching (approval, edits, suspension, expiry, reinstatement). */
  'therapist.profile_changed': { snapshot: TherapistSnapshot };
  'license.expired': { therapistId: string; licenseId: string; jurisdiction: string; expiredOn: string };
}

// ── booking ────────────────────────────────────────────────────────────
export interface BookingEvents {
  /** Screening passed: payments places (or schedules) the card hold (never for a consultation). */
  'booking.requested': {
    bookingId: string;
    clientId: string;
    /** A CONSULTATION (issue 18) is free: payments places no hold and records nothing. */
    kind: 'SESSION' | 'CONSULTATION';
    requestedTherapistId: string | null;
    startsAt: string;
    durationMinutes: number;
    price: { subtotal: Money; platformFee: Money; tip: Money };
  };
  'booking.confirmed': {
    bookingId: string;
    clientId: string;
    therapistId: string;
    /** A CONSULTATION (issue 18) is a call, not a care session: care records nothing for it. */
    kind: 'SESSION' | 'CONSULTATION';
    startsAt: string;
  };
  'booking.blocked': {
    bookingId: string;
    clientId: string;
    outcome: 'REFER' | 'DEFER';
    stage: 'BOOKING' | 'DAY_OF';
  };
  'booking.expired': { bookingId: string; clientId: string };
  'booking.cancelled': {
    bookingId: string;
    clientId: string;
    therapistId: string | null;
    actor: Actor;
    reason: string;
    /** What the cancellation policy charges; zero when free. */
    fee: Money;
    therapistShare: Money;
  };
  'booking.no_show': {
    bookingId: string;
    clientId: string;
    therapistId: string;
    fee: Money;
    therapistShare: Money;
  };
  /** A session is about to start on a deferred hold that is not placed yet: authorize the card now. */
  'booking.authorization_requested': { bookingId: string; startsAt: string };
  'booking.completed': {
    bookingId: string;
    clientId: string;
    therapistId: string;
    /** Always SESSION today (completeConsultation emits nothing); care ignores a CONSULTATION. */
    kind: 'SESSION' | 'CONSULTATION';
    startsAt: string;
    completedAt: string;
    durationMinutes: number;
    /** Self-care cap carried from the day-of check, for the homework plan. */
    selfCareCap: number;
  };
  // profiles (issue 18): the fact care's therapist outcomes need, never the report's health details.
  /** The client reported the session's pressure; overCap = more than the agreed cap. */
  'booking.pressure_reported': {
    bookingId: string;
    clientId: string;
    therapistId: string;
    overCap: boolean;
    reportedAt: string;
  };
}

// ── payments ───────────────────────────────────────────────────────────
export interface PaymentsEvents {
  'payment.hold_placed': { bookingId: string; paymentIntentId: string; amount: Money };
  /** Deferred: bookings far ahead are authorised 48 h before; dispatch may start now. */
  'payment.hold_scheduled': { bookingId: string; authorizeAt: string };
  'payment.hold_failed': { bookingId: string; reason: string; declineCode: string | null };
  'payment.captured': { bookingId: string; amount: Money; tip: Money };
  'payment.refunded': { bookingId: string; amount: Money };
  'payout.account_updated': { therapistId: string; payoutsEnabled: boolean; chargesEnabled: boolean };
}

// ── care ───────────────────────────────────────────────────────────────
export interface CareEvents {
  /** The client turned a cadence suggestion into a booking draft with the same therapist. */
  'care.rebook_requested': { suggestionId: string; clientId: string; therapistId: string; startsAt: string };
  /**
   * The outcomes job changed a therapist's published responder share (issue 18), for
   * booking's OUTCOMES sort. Only the published aggregate: null when there is none
   * (under the privacy threshold, or no client evaluable yet); never a per-client fact.
   */
  'care.therapist_outcomes_updated': {
    therapistId: string;
    responderRate: number | null;
    computedAt: string;
  };
}

export type PlatformEvents = IdentityEvents & ScreeningEvents & BookingEvents & PaymentsEvents & CareEvents;
export type EventType = keyof PlatformEvents;

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  aggregateType: string;
  aggregateId: string;
  payload: PlatformEvents[T];
  occurredAt: string;
  /** W3C trace context (traceparent, tracestate) of the relay's publish span, when tracing is on. */
  trace?: Record<string, string>;
}

/** Which consumers receive each event; the relay fans out one job per consumer. */
export const EVENT_ROUTES: { [T in EventType]: readonly string[] } = {
  'user.registered': ['identity', 'screening'],
  'user.profile_updated': ['care'],
  'address.saved': ['booking'],
  'therapist.profile_changed': ['booking'],
  'license.expired': ['booking'],
  'booking.requested': ['payments'],
  'booking.confirmed': ['payments', 'care'],
  'booking.blocked': ['payments'],
  'booking.expired': ['payments'],
  'booking.cancelled': ['payments'],
  'booking.no_show': ['payments'],
  'booking.completed': ['payments', 'care'],
  'booking.authorization_requested': ['payments'],
  // profiles (issue 18)
  'booking.pressure_reported': ['care'],
  'payment.hold_placed': ['booking'],
  'payment.hold_scheduled': ['booking'],
  'payment.hold_failed': ['booking'],
  'payment.captured': [],
  'payment.refunded': [],
  'payout.account_updated': ['booking'],
  'care.rebook_requested': ['booking'],
  'care.therapist_outcomes_updated': ['booking'],
};

/** BullMQ queue names may not contain ':'. */
export const eventQueueName = (consumer: string) => `events-${consumer}`;
