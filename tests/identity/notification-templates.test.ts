import {
  renderNotification,
  UnknownTemplateError,
} from '@mm/identity/src/modules/notifications/notifications.templates.ts';
import { NOTIFICATION_TEMPLATES, type NotificationTemplate, type NotificationTemplates } from '@mm/queue';
import { describe, expect, it } from 'vitest';

// Unit test of the renderer: fixed instants, no stack. 2027-01-05T14:00Z is 9:00 AM in New York (EST).
const newYork = { name: 'Dana Client', timeZone: 'America/New_York', locale: 'en-US' };
const london = { ...newYork, timeZone: 'Europe/London' };

const alert = {
  planId: 'plan-1',
  logId: 'log-1',
  itemId: 'chin-tucks',
  title: 'Chin tucks',
  loggedAt: '2027-01-05T14:00:00.000Z',
} as const;

/** One payload per template, as its service sends it. */
const FIXTURES: { [T in NotificationTemplate]: NotificationTemplates[T] } = {
  'welcome-client': { role: 'CLIENT' },
  'welcome-therapist': { role: 'THERAPIST' },
  'sign-in-locked': { failedAttempts: 5, lockedUntil: '2027-01-05T14:00:00.000Z' },
  'homework-reminder': {
    planId: 'plan-1',
    itemId: 'tennis-ball-upper-back',
    title: 'Tennis ball on the upper back',
    instructions: 'Stand with your back to a wall and a tennis ball between the wall and your upper back.',
    dose: ['Hold for 20–30 seconds on each tender spot.', 'Up to 5 minutes.'],
    painCap: 5,
    limits: ['Never on the front or sides of the neck.'],
    fireAt: '2027-01-05T14:00:00.000Z',
    localDate: '2027-01-05',
    localTime: '09:00',
    timeZone: 'America/New_York',
  },
  'homework-red-flag': { ...alert, reason: 'RED_FLAG_SYMPTOM', priority: 'URGENT' },
  'homework-check-in': { ...alert, reason: 'PAIN_ABOVE_CAP', priority: 'ROUTINE' },
  'questionnaire-hit6-due': { kind: 'HIT6', lastTakenAt: '2026-12-08T14:00:00.000Z' },
  'questionnaire-midas-due': { kind: 'MIDAS', lastTakenAt: null },
  'license-expiry-reminder': {
    documentId: 'lic-1',
    expiresOn: '2027-02-04',
    daysLeft: 30,
    daysBefore: 30,
    licenseType: 'LMT',
    licenseNumber: 'NY-12345',
    jurisdiction: 'US-NY',
  },
  'insurance-expiry-reminder': {
    documentId: 'pol-1',
    expiresOn: '2027-01-06',
    daysLeft: 1,
    daysBefore: 1,
    carrier: 'Hands Mutual',
    policyNumber: 'HM-777',
  },
  'credential-expiry-reminder': {
    documentId: 'cred-1',
    expiresOn: '2027-01-06',
    daysLeft: 7,
    daysBefore: 7,
    credentialKind: 'BOARD_CERTIFICATION',
    issuer: 'NCBTMB',
  },
  'payment-hold-failed': {
    bookingId: 'booking-1',
    startsAt: '2027-01-05T14:00:00.000Z',
    amount: { amount: 14_500, currency: 'usd' },
    reason: 'Your card was declined: insufficient funds.',
    declineCode: 'insufficient_funds',
  },
  'payment-charge-failed': {
    bookingId: 'booking-1',
    startsAt: '2027-01-05T14:00:00.000Z',
    amount: { amount: 6_000, currency: 'usd' },
    reason: 'Your card was declined: insufficient funds.',
    declineCode: 'insufficient_funds',
  },
  'job-offer': {
    bookingId: 'booking-1',
    offerId: 'offer-1',
    startsAt: '2027-01-05T14:00:00.000Z',
    durationMinutes: 90,
    area: 'Brooklyn, NY',
    distanceKm: 4.4,
    modifications: ['No intra-oral work.', 'Light pressure on the neck only.'],
    expiresAt: '2027-01-04T15:10:00.000Z',
    timeZone: 'America/New_York',
  },
  'direct-request-unanswered': {
    bookingId: 'booking-1',
    startsAt: '2027-01-05T14:00:00.000Z',
    reason: 'DECLINED',
    chooseBy: '2027-01-05T13:30:00.000Z',
  },
  'booking-message': {
    bookingId: 'booking-1',
    messageId: 'message-1',
    senderRole: 'THERAPIST',
    sentAt: '2027-01-04T15:10:00.000Z',
    startsAt: '2027-01-05T14:00:00.000Z',
  },
};

/** What each message must say, beyond the greeting. */
const MUST_SAY: { [T in NotificationTemplate]: string[] } = {
  'welcome-client': ['Welcome to Migraine Massage', 'questions about your headaches'],
  'welcome-therapist': ['license, insurance, credentials, service area'],
  'sign-in-locked': ['paused', '5 times in a row', 'Tuesday, January 5, 2027 at 9:00 AM EST'],
  'homework-reminder': [
    'Tennis ball on the upper back',
    'Tuesday, January 5, 2027 at 9:00 AM EST',
    'Hold for 20–30 seconds on each tender spot. Up to 5 minutes.',
    'at or below 5 out of 10',
    'Never on the front or sides of the neck.',
    'Stand with your back to a wall',
  ],
  'homework-red-flag': ['Urgent', 'Chin tucks', 'warning sign', 'Tuesday, January 5, 2027 at 9:00 AM EST'],
  'homework-check-in': ['Chin tucks', 'more discomfort than their plan allows', 'Routine'],
  'questionnaire-hit6-due': ['HIT-6', 'About 2 minutes', 'past 4 weeks', 'Tuesday, December 8, 2026'],
  'questionnaire-midas-due': ['MIDAS', 'About 5 minutes', 'past 3 months', 'this is your first one'],
  'license-expiry-reminder': ['LMT license NY-12345', 'US-NY', 'Thursday, February 4, 2027', 'in 30 days'],
  'insurance-expiry-reminder': ['Hands Mutual', 'HM-777', 'Wednesday, January 6, 2027', 'tomorrow'],
  'credential-expiry-reminder': [
    'board certification (NCBTMB)',
    'Wednesday, January 6, 2027',
    'no longer shows it',
  ],
  'payment-hold-failed': [
    '$145.00',
    'Tuesday, January 5, 2027 at 9:00 AM EST',
    'insufficient funds',
    'Update your card',
  ],
  'payment-charge-failed': [
    '$60.00',
    'Tuesday, January 5, 2027 at 9:00 AM EST',
    'insufficient funds',
    'support team',
  ],
  'job-offer': [
    'Brooklyn, NY',
    'about 4 km',
    'Tuesday, January 5, 2027 at 9:00 AM EST',
    '1 hour 30 minutes',
    'No intra-oral work.',
    'Light pressure on the neck only.',
    'Monday, January 4, 2027 at 10:10 AM EST',
  ],
  'direct-request-unanswered': [
    'declined',
    'Tuesday, January 5, 2027 at 8:30 AM EST',
    'ask another therapist',
  ],
  'booking-message': ['Your therapist sent you a message', 'Monday, January 4, 2027 at 10:10 AM EST'],
};

describe('notification templates', () => {
  it.each(NOTIFICATION_TEMPLATES)(
    '%s renders a subject, a text part and an HTML part that say what matters',
    (t) => {
      const message = renderNotification(t, FIXTURES[t], newYork);
      const both = `${message.subject}\n${message.text}`;
      expect(message.text.startsWith('Hi Dana Client,\n')).toBe(true);
      for (const words of MUST_SAY[t]) expect(both).toContain(words);
      // The HTML part carries the same words (escaped where needed) in a real document.
      expect(message.html).toMatch(/^<!doctype html><html lang="en">/);
      for (const words of MUST_SAY[t].filter((w) => !/[&<>"']/.test(w)))
        expect(message.html).toContain(words);
      expect(message.text).not.toContain('undefined');
      expect(message.text).not.toContain('[object');
    },
  );

  it('shows times in the recipient’s own time zone', () => {
    const message = renderNotification('homework-reminder', FIXTURES['homework-reminder'], london);
    expect(message.subject).toBe('Homework reminder: Tennis ball on the upper back at 2:00 PM GMT');
    expect(message.text).toContain('When: Tuesday, January 5, 2027 at 2:00 PM GMT');
  });

  it('says a pain-free item must not hurt, and leaves the cap out where no pressure is involved', () => {
    const base = FIXTURES['homework-reminder'];
    expect(renderNotification('homework-reminder', { ...base, painCap: 0 }, newYork).text).toContain(
      'must be pain-free',
    );
    expect(renderNotification('homework-reminder', { ...base, painCap: null }, newYork).text).not.toContain(
      'Pain cap',
    );
  });

  it('tells a therapist nothing a client reported, only the category and where to look', () => {
    const message = renderNotification('homework-red-flag', FIXTURES['homework-red-flag'], newYork);
    expect(message.text).not.toMatch(/dizz|numb|vision|slurred|\d+ out of 10/i);
    expect(message.text).toContain('review the log in the app');
  });

  it('escapes HTML in the payload', () => {
    const message = renderNotification(
      'payment-hold-failed',
      { ...FIXTURES['payment-hold-failed'], reason: 'Declined <script>alert(1)</script> & more' },
      newYork,
    );
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('Declined &lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(message.text).toContain('Declined <script>alert(1)</script> & more');
  });

  it('falls back to New York time and English for a zone or language it cannot use', () => {
    const message = renderNotification('payment-hold-failed', FIXTURES['payment-hold-failed'], {
      name: 'Dana',
      timeZone: 'Not/A_Zone',
      locale: 'xx-invalid-tag-',
    });
    expect(message.text).toContain('Tuesday, January 5, 2027 at 9:00 AM EST');
  });

  it('refuses a template that is not in the contract', () => {
    expect(() => renderNotification('reminder', {}, newYork)).toThrow(UnknownTemplateError);
  });
});
