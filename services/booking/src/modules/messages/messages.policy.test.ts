import { describe, expect, it } from 'vitest';
import { EMAIL_MASK, maskContacts, messagingOpen, PHONE_MASK } from './messages.policy.ts';

describe('maskContacts', () => {
  it.each([
    ['mail me at dana.client+mm@example.com please', `mail me at ${EMAIL_MASK} please`],
    ['dana (at) example.org', EMAIL_MASK],
    ['call (212) 555-0100', `call ${PHONE_MASK}`],
    ['+1 212 555 0100 or 212.555.0199', `${PHONE_MASK} or ${PHONE_MASK}`],
    ['text 2125550100', `text ${PHONE_MASK}`],
  ])('%s', (input, expected) => {
    expect(maskContacts(input)).toEqual({ text: expected, masked: true });
  });

  it.each([
    'See you at 10:30, gate code 4412.',
    'My pain was 7 out of 10 on 3 days this week.',
    'Room 12, floor 3',
  ])('leaves ordinary numbers alone: %s', (input) => {
    expect(maskContacts(input)).toEqual({ text: input, masked: false });
  });
});

describe('messagingOpen', () => {
  const confirmed = {
    state: 'CONFIRMED',
    therapistId: 't',
    confirmedAt: new Date('2027-01-05T10:00:00.000Z'),
    endsAt: new Date('2027-01-06T15:00:00.000Z'),
    completedAt: null,
  };
  const at = (iso: string) => new Date(iso);

  it('is open from confirmation until 48 h after the planned end', () => {
    expect(messagingOpen(confirmed, at('2027-01-05T10:00:00.000Z'))).toBe(true);
    expect(messagingOpen(confirmed, at('2027-01-08T15:00:00.000Z'))).toBe(true);
    expect(messagingOpen(confirmed, at('2027-01-08T15:00:00.001Z'))).toBe(false);
    expect(messagingOpen(confirmed, at('2027-01-05T09:59:59.999Z'))).toBe(false);
  });

  it('counts 48 h from the actual end once completed', () => {
    const done = { ...confirmed, state: 'COMPLETED', completedAt: new Date('2027-01-06T14:30:00.000Z') };
    expect(messagingOpen(done, at('2027-01-08T14:30:00.000Z'))).toBe(true);
    expect(messagingOpen(done, at('2027-01-08T14:30:00.001Z'))).toBe(false);
  });

  it.each(['SEARCHING', 'CANCELLED', 'EXPIRED', 'NO_SHOW', 'BLOCKED', 'AWAITING_CLIENT_CHOICE'])(
    'is closed for a %s booking',
    (state) => {
      expect(messagingOpen({ ...confirmed, state }, at('2027-01-05T12:00:00.000Z'))).toBe(false);
    },
  );

  it('is closed without an assigned therapist', () => {
    expect(messagingOpen({ ...confirmed, therapistId: null }, at('2027-01-05T12:00:00.000Z'))).toBe(false);
  });
});
