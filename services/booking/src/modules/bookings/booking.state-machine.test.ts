import { describe, expect, it } from 'vitest';
import { BookingError } from './booking.errors.ts';
import {
  allowedEvents,
  BOOKING_EVENTS,
  BOOKING_STATES,
  BOOKING_TRANSITIONS,
  type BookingEvent,
  type BookingState,
  BookingTransitionError,
  canTransition,
  isBookingEvent,
  isTerminal,
  TERMINAL_BOOKING_STATES,
  transition,
} from './booking.state-machine.ts';

// The expected lifecycle, written out by hand and independently of BOOKING_TRANSITIONS:
// every state lists every legal event and its target; anything missing must be illegal.
const EXPECTED: Record<BookingState, Partial<Record<BookingEvent, BookingState>>> = {
  DRAFT: {
    screenPassed: 'SCREENED',
    consultationRequested: 'SEARCHING',
    screenBlocked: 'BLOCKED',
    cancelByClient: 'CANCELLED',
    cancelBySystem: 'CANCELLED',
  },
  SCREENED: {
    holdPlaced: 'SEARCHING',
    authorizationDeferred: 'SEARCHING',
    holdFailed: 'CANCELLED',
    cancelByClient: 'CANCELLED',
    cancelBySystem: 'CANCELLED',
  },
  BLOCKED: {},
  SEARCHING: {
    offerAccepted: 'CONFIRMED',
    dispatchExpired: 'EXPIRED',
    directRequestUnanswered: 'AWAITING_CLIENT_CHOICE',
    cancelByClient: 'CANCELLED',
    cancelBySystem: 'CANCELLED',
  },
  AWAITING_CLIENT_CHOICE: {
    clientChoseNext: 'SEARCHING',
    choiceExpired: 'EXPIRED',
    cancelByClient: 'CANCELLED',
    cancelBySystem: 'CANCELLED',
  },
  CONFIRMED: {
    startEnRoute: 'EN_ROUTE',
    consultationHeld: 'COMPLETED',
    arrive: 'ARRIVED',
    holdFailed: 'CANCELLED',
    cancelByClient: 'CANCELLED',
    cancelByTherapist: 'SEARCHING',
    cancelBySystem: 'CANCELLED',
  },
  EN_ROUTE: {
    arrive: 'ARRIVED',
    cancelByClient: 'CANCELLED',
    cancelByTherapist: 'SEARCHING',
    cancelBySystem: 'CANCELLED',
  },
  ARRIVED: {
    startSession: 'IN_SESSION',
    markNoShow: 'NO_SHOW',
    dayOfBlocked: 'BLOCKED',
    cancelByClient: 'CANCELLED',
    cancelBySystem: 'CANCELLED',
  },
  IN_SESSION: { complete: 'COMPLETED' },
  COMPLETED: {},
  CANCELLED: {},
  NO_SHOW: {},
  EXPIRED: {},
};

const ALL_EVENTS: BookingEvent[] = [
  'screenPassed',
  'screenBlocked',
  'consultationRequested',
  'holdPlaced',
  'authorizationDeferred',
  'holdFailed',
  'offerAccepted',
  'dispatchExpired',
  'directRequestUnanswered',
  'clientChoseNext',
  'choiceExpired',
  'startEnRoute',
  'arrive',
  'startSession',
  'complete',
  'consultationHeld',
  'cancelByClient',
  'cancelByTherapist',
  'cancelBySystem',
  'markNoShow',
  'dayOfBlocked',
];

const pairs = BOOKING_STATES.flatMap((state) =>
  ALL_EVENTS.map((event) => ({ state, event, expected: EXPECTED[state][event] ?? null })),
);

describe('booking state machine', () => {
  it('knows exactly the states and events the expected table covers', () => {
    expect([...BOOKING_EVENTS].sort()).toEqual([...ALL_EVENTS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...BOOKING_STATES].sort());
    expect(pairs).toHaveLength(13 * 21);
  });

  describe.each(pairs.filter((p) => p.expected !== null))(
    'legal: $event from $state',
    ({ state, event, expected }) => {
      it(`goes to ${expected}`, () => {
        expect(transition(state, event)).toBe(expected);
        expect(canTransition(state, event)).toBe(true);
      });
    },
  );

  describe.each(pairs.filter((p) => p.expected === null))(
    'illegal: $event from $state',
    ({ state, event }) => {
      it('throws ILLEGAL_TRANSITION naming the event, the state and the allowed from-states', () => {
        expect(canTransition(state, event)).toBe(false);
        let caught: unknown;
        try {
          transition(state, event);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(BookingTransitionError);
        expect(caught).toBeInstanceOf(BookingError);
        const error = caught as BookingTransitionError;
        const allowedFrom = BOOKING_STATES.filter((s) => EXPECTED[s][event] !== undefined);
        expect(error.code).toBe('ILLEGAL_TRANSITION');
        expect(error.message).toBe(
          `Cannot ${event} a booking that is ${state} (allowed from: ${allowedFrom.join(', ')})`,
        );
        expect(error.state).toBe(state);
        expect(error.event).toBe(event);
        expect([...error.allowedFrom].sort()).toEqual([...allowedFrom].sort());
      });
    },
  );

  it('re-dispatches a therapist cancellation of a CONFIRMED booking', () => {
    expect(transition('CONFIRMED', 'cancelByTherapist')).toBe('SEARCHING');
  });

  it('lets a client whose chosen therapist did not take the booking choose again, or lets it expire', () => {
    expect(transition('SEARCHING', 'directRequestUnanswered')).toBe('AWAITING_CLIENT_CHOICE');
    expect(transition('AWAITING_CLIENT_CHOICE', 'clientChoseNext')).toBe('SEARCHING');
    expect(transition('AWAITING_CLIENT_CHOICE', 'choiceExpired')).toBe('EXPIRED');
    expect(() => transition('AWAITING_CLIENT_CHOICE', 'offerAccepted')).toThrow(BookingTransitionError);
    expect(() => transition('CONFIRMED', 'clientChoseNext')).toThrow(BookingTransitionError);
  });

  it('starts a consultation searching straight from DRAFT and ends it from CONFIRMED', () => {
    expect(transition('DRAFT', 'consultationRequested')).toBe('SEARCHING');
    expect(transition('CONFIRMED', 'consultationHeld')).toBe('COMPLETED');
    expect(() => transition('SCREENED', 'consultationRequested')).toThrow(BookingTransitionError);
    expect(() => transition('IN_SESSION', 'consultationHeld')).toThrow(BookingTransitionError);
  });

  it('gives a readable message for a concrete illegal case', () => {
    expect(() => transition('CONFIRMED', 'startSession')).toThrow(
      'Cannot startSession a booking that is CONFIRMED (allowed from: ARRIVED)',
    );
  });

  it('treats an unknown event from the wire as illegal, not a crash', () => {
    expect(isBookingEvent('teleport')).toBe(false);
    expect(isBookingEvent('toString')).toBe(false);
    expect(canTransition('DRAFT', 'toString' as BookingEvent)).toBe(false);
    expect(() => transition('DRAFT', 'teleport' as BookingEvent)).toThrow(
      'Cannot teleport a booking that is DRAFT (allowed from: no state)',
    );
  });

  it('has no way out of a terminal state and a way out of every other state', () => {
    expect([...TERMINAL_BOOKING_STATES].sort()).toEqual([
      'BLOCKED',
      'CANCELLED',
      'COMPLETED',
      'EXPIRED',
      'NO_SHOW',
    ]);
    for (const state of BOOKING_STATES) {
      expect(allowedEvents(state).length === 0).toBe(isTerminal(state));
    }
  });

  it('lists allowed events in table order', () => {
    expect(allowedEvents('ARRIVED')).toEqual([
      'startSession',
      'cancelByClient',
      'cancelBySystem',
      'markNoShow',
      'dayOfBlocked',
    ]);
  });

  it('documents every rule', () => {
    for (const rule of Object.values(BOOKING_TRANSITIONS)) {
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.from.length).toBeGreaterThan(0);
    }
  });
});
