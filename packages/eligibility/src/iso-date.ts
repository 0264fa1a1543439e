/**
 * Calendar dates as ISO strings ("2026-03-01"), which is what licenses and
 * insurance carry: an expiry is a day, not an instant. Arithmetic goes through
 * UTC epoch days, which have no DST, so it is exact without a date library.
 * A malformed date is a data bug, not a user error: it throws RangeError.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a strict, real calendar date ("2026-02-30" is refused). */
export function epochDay(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new RangeError(`Not an ISO date (YYYY-MM-DD): "${date}"`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== date)
    throw new RangeError(`Not a calendar date: "${date}"`);
  return ms / DAY_MS;
}

export function isIsoDate(value: string): boolean {
  try {
    epochDay(value);
    return true;
  } catch {
    return false;
  }
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The UTC calendar date of a Date, for `@db.Date` columns (Prisma returns them
 * at UTC midnight). For "the session's local date", convert in the client's
 * timezone instead.
 */
export function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}
