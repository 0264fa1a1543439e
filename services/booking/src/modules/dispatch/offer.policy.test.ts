import { describe, expect, it } from 'vitest';
import { BOOKING_STATES, type BookingState } from '../bookings/booking.state-machine.ts';
import { DispatchError } from './dispatch.errors.ts';
import { checkOfferAcceptance, type OfferAcceptanceInput, type OfferStatus } from './offer.policy.ts';

const now = new Date('2026-03-01T12:00:00Z');
const open = { status: 'OPEN' as const, expiresAt: new Date(now.getTime() + 60_000) };

function result(patch: Partial<OfferAcceptanceInput>): string {
  try {
    return checkOfferAcceptance({
      bookingState: 'SEARCHING',
      offer: open,
      modificationsRequired: false,
      modificationsAcknowledged: false,
      now,
      ...patch,
    });
  } catch (error) {
    if (error instanceof DispatchError) return error.code;
    throw error;
  }
}

describe('checkOfferAcceptance', () => {
  const expectedByState: Record<BookingState, string> = {
    DRAFT: 'OFFER_EXPIRED',
    SCREENED: 'OFFER_EXPIRED',
    BLOCKED: 'OFFER_EXPIRED',
    SEARCHING: 'ACCEPT',
    CONFIRMED: 'ALREADY_TAKEN',
    EN_ROUTE: 'ALREADY_TAKEN',
    ARRIVED: 'ALREADY_TAKEN',
    IN_SESSION: 'ALREADY_TAKEN',
    COMPLETED: 'ALREADY_TAKEN',
    CANCELLED: 'OFFER_EXPIRED',
    NO_SHOW: 'ALREADY_TAKEN',
    EXPIRED: 'OFFER_EXPIRED',
    AWAITING_CLIENT_CHOICE: 'OFFER_EXPIRED',
  };
  it.each(BOOKING_STATES.map((s) => [s, expectedByState[s]]))(
    'an open offer on a %s booking → %s',
    (bookingState, expected) => {
      expect(result({ bookingState })).toBe(expected);
    },
  );

  it.each<[OfferStatus, string]>([
    ['OPEN', 'ACCEPT'],
    ['ACCEPTED', 'ALREADY_ACCEPTED'],
    ['DECLINED', 'OFFER_EXPIRED'],
    ['EXPIRED', 'OFFER_EXPIRED'],
    ['WITHDRAWN', 'ALREADY_TAKEN'],
  ])('a %s offer on a SEARCHING booking → %s', (status, expected) => {
    expect(result({ offer: { ...open, status } })).toBe(expected);
  });

  it('lets the winner retry after the booking is confirmed', () => {
    expect(result({ bookingState: 'CONFIRMED', offer: { ...open, status: 'ACCEPTED' } })).toBe(
      'ALREADY_ACCEPTED',
    );
  });

  it.each([
    [-1, 'ACCEPT'],
    [0, 'OFFER_EXPIRED'],
    [1, 'OFFER_EXPIRED'],
  ])('accepting %i ms from the expiry → %s', (offsetMs, expected) => {
    expect(result({ offer: { status: 'OPEN', expiresAt: new Date(now.getTime() - offsetMs) } })).toBe(
      expected,
    );
  });

  it.each([
    [false, false, 'ACCEPT'],
    [true, false, 'MODIFICATIONS_NOT_ACKNOWLEDGED'],
    [true, true, 'ACCEPT'],
    [false, true, 'ACCEPT'],
  ])(
    'modifications required %s, acknowledged %s → %s',
    (modificationsRequired, modificationsAcknowledged, expected) => {
      expect(result({ modificationsRequired, modificationsAcknowledged })).toBe(expected);
    },
  );
});
