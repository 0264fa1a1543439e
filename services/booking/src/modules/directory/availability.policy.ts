import type { TherapistSnapshot } from '@mm/queue';
import { DateTime } from 'luxon';

/**
 * Is the therapist working for the whole session? Weekly windows are in the
 * therapist's timezone (day 1 = Monday … 7 = Sunday, minutes from midnight);
 * an exception for a local date replaces that day's pattern (no windows = off).
 * The session must fit inside one window on its local start date; a session
 * that crosses local midnight is never inside one window, so it is refused.
 */
export function isAvailable(
  availability: Pick<TherapistSnapshot, 'timezone' | 'weeklyAvailability' | 'availabilityExceptions'>,
  startsAt: Date,
  endsAt: Date,
): boolean {
  const zone = availability.timezone;
  const start = DateTime.fromJSDate(startsAt, { zone });
  const end = DateTime.fromJSDate(endsAt, { zone });
  if (!start.isValid || !end.isValid || endsAt.getTime() <= startsAt.getTime()) return false;
  const date = start.toISODate();
  const startMinute = start.hour * 60 + start.minute;
  // An end exactly at local midnight counts as minute 1440 of the start date.
  const endMinute = end.toISODate() === date ? end.hour * 60 + end.minute : minutesPastMidnight(start, end);
  if (endMinute > 24 * 60) return false;
  const exception = availability.availabilityExceptions.find((e) => e.date === date);
  const windows =
    exception?.windows ?? availability.weeklyAvailability.filter((w) => w.day === start.weekday);
  return windows.some((w) => w.startMinute <= startMinute && endMinute <= w.endMinute);
}

function minutesPastMidnight(start: DateTime, end: DateTime): number {
  const midnight = start.startOf('day');
  return Math.round(end.diff(midnight, 'minutes').minutes);
}
