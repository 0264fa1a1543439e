// When a client's intake may be used for a booking. Pure: no I/O, time comes in.

export const INTAKE_MAX_AGE_DAYS = 90;
const DAY_MS = 86_400_000;

export type ReconfirmationReason = 'CHANGED' | 'EXPIRED';

/**
 * The current (newest) version must have been confirmed by the client, and
 * within the last 90 days. A version created at the door (source DAY_OF) is
 * unconfirmed: the client reviews what changed before the next booking.
 * Exactly 90 days is still fine; 90 days and a millisecond is not.
 */
export function reconfirmationReason(
  current: { confirmedAt: Date | null },
  now: Date,
): ReconfirmationReason | null {
  if (current.confirmedAt === null) return 'CHANGED';
  if (now.getTime() - current.confirmedAt.getTime() > INTAKE_MAX_AGE_DAYS * DAY_MS) return 'EXPIRED';
  return null;
}
