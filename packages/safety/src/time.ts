// Time arithmetic for the rules. Every instant arrives as an argument; nothing
// here reads the clock. Calendar maths (age) uses UTC so the result does not
// depend on the server's time zone.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Hours from `earlier` to `later` (negative when `earlier` is after `later`). */
export function hoursBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / HOUR_MS;
}

/** Days from `earlier` to `later` (fractional). */
export function daysBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / DAY_MS;
}

/** Completed years between a date of birth and `on`, by UTC calendar date. */
export function ageOn(dateOfBirth: Date, on: Date): number {
  const years = on.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const monthDiff = on.getUTCMonth() - dateOfBirth.getUTCMonth();
  const beforeBirthday = monthDiff < 0 || (monthDiff === 0 && on.getUTCDate() < dateOfBirth.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}

export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}
