import { describe, expect, it } from 'vitest';
import { jobOfferNotification, offerArea } from './offer-notification.ts';

const booking = {
  id: 'b1',
  startsAt: new Date('2027-01-05T14:00:00.000Z'),
  durationMinutes: 90,
  jurisdiction: 'US-NY',
  timezone: 'America/New_York',
};
const offer = {
  id: 'o1',
  therapistId: 't1',
  distanceMeters: 4_449,
  expiresAt: new Date('2027-01-04T15:10:00.000Z'),
};

describe('the job-offer payload', () => {
  it('names a known jurisdiction in words and keeps an unknown one as its code', () => {
    expect(offerArea('US-NY')).toBe('New York (US-NY)');
    expect(offerArea('XX-ZZ')).toBe('XX-ZZ');
  });

  it('carries where, when, how long, until when and the modifications, to the offered therapist once', () => {
    const n = jobOfferNotification(
      booking,
      offer,
      { modifications: [{ code: 'A', text: 'No neck work.' }] },
      'America/Chicago',
    );
    expect(n).toEqual({
      userId: 't1',
      template: 'job-offer',
      dedupeKey: 'job-offer-o1',
      payload: {
        bookingId: 'b1',
        offerId: 'o1',
        startsAt: '2027-01-05T14:00:00.000Z',
        durationMinutes: 90,
        area: 'New York (US-NY)',
        distanceKm: 4.4,
        modifications: ['No neck work.'],
        expiresAt: '2027-01-04T15:10:00.000Z',
        timeZone: 'America/Chicago',
      },
    });
  });

  it("falls back to the session's zone and to no modifications when there is no screening summary", () => {
    const n = jobOfferNotification(booking, offer, null, null);
    expect(n.payload).toMatchObject({ modifications: [], timeZone: 'America/New_York' });
  });
});
