import { describe, expect, it } from 'vitest';
import { BookingError } from '../bookings/booking.errors.ts';
import { DEFAULT_PRICE_BOOK } from '../pricing/pricing.policy.ts';
import { consultationQuote, consultationTimes } from './consultation.policy.ts';

const bookedAt = new Date('2027-01-05T12:00:00.000Z');
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof BookingError ? err.code : 'OTHER';
  }
  return null;
};

describe('consultationQuote', () => {
  it('is free: one zero line, nothing for the platform or the therapist', () => {
    const q = consultationQuote(DEFAULT_PRICE_BOOK, {
      startsAt: new Date('2027-01-05T14:00:00.000Z'),
      bookedAt,
      timezone: 'America/New_York',
    });
    expect(q).toMatchObject({
      durationMinutes: 15,
      subtotal: 0,
      total: 0,
      platformFee: 0,
      therapistPayout: 0,
    });
    expect(q.lines).toEqual([{ code: 'CONSULTATION', label: 'Free 15-minute consultation', amount: 0 }]);
  });

  it('keeps the booking window and the timezone check', () => {
    const at =
      (iso: string, timezone = 'America/New_York') =>
      () =>
        consultationQuote(DEFAULT_PRICE_BOOK, { startsAt: new Date(iso), bookedAt, timezone });
    expect(codeOf(at('2027-01-05T12:30:00.000Z'))).toBe('TOO_SOON');
    expect(codeOf(at('2027-03-05T12:00:00.000Z'))).toBe('TOO_FAR_AHEAD');
    expect(codeOf(at('2027-01-05T14:00:00.000Z', 'Mars/Olympus'))).toBe('INVALID_TIMEZONE');
  });
});

describe('consultationTimes', () => {
  it('blocks the 15 minutes of the call, no travel buffer', () => {
    const t = consultationTimes(new Date('2027-01-05T14:00:00.000Z'));
    expect([t.busyFrom.toISOString(), t.busyUntil.toISOString(), t.travelBufferMinutes]).toEqual([
      '2027-01-05T14:00:00.000Z',
      '2027-01-05T14:15:00.000Z',
      0,
    ]);
  });
});
