/**
 * What a booking message may carry and when it may be sent (issue 18): text
 * only, no way to take the conversation off the platform (emails and phone
 * numbers are masked before anything is stored), from confirmation until
 * 48 hours after the session ends.
 */
export const MESSAGE_WINDOW_AFTER_END_MS = 48 * 3_600_000;
export const MAX_MESSAGE_LENGTH = 2000;
export const EMAIL_MASK = '[email removed]';
export const PHONE_MASK = '[phone number removed]';

const EMAIL = /[A-Z0-9._%+-]+(?:@|\s*\(at\)\s*)[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
// Seven or more digits, however they are spaced or punctuated ("(212) 555-0100", "+1 212 555 0100").
const PHONE = /[+(]?\d(?:[\s().-]*\d){6,}/g;

export function maskContacts(text: string): { text: string; masked: boolean } {
  const out = text.replace(EMAIL, EMAIL_MASK).replace(PHONE, PHONE_MASK);
  return { text: out, masked: out !== text };
}

/** States in which a therapist is (or was, for the session just held) assigned. */
const OPEN_STATES = ['CONFIRMED', 'EN_ROUTE', 'ARRIVED', 'IN_SESSION', 'COMPLETED'];

export interface MessagingWindowInput {
  readonly state: string;
  readonly therapistId: string | null;
  readonly confirmedAt: Date | null;
  readonly endsAt: Date;
  readonly completedAt: Date | null;
}

/** Open from confirmation until 48 h after the session's end (its actual end when completed). */
export function messagingOpen(b: MessagingWindowInput, now: Date): boolean {
  if (!OPEN_STATES.includes(b.state) || b.therapistId === null || b.confirmedAt === null) return false;
  if (now.getTime() < b.confirmedAt.getTime()) return false;
  const end = (b.completedAt ?? b.endsAt).getTime();
  return now.getTime() <= end + MESSAGE_WINDOW_AFTER_END_MS;
}
