import { IANAZone } from 'luxon';

/** A calendar date in some time zone, formatted `YYYY-MM-DD`. */
export type LocalDate = string;

/** Minutes after local midnight, 0–1439. */
export type MinuteOfDay = number;

export type LocalResolution =
  /** The wall-clock time exists exactly once. */
  | 'exact'
  /** Fall-back overlap: the time occurs twice; we take the first occurrence so it fires once. */
  | 'ambiguous-earliest'
  /** Spring-forward gap: the time does not exist; we take the first valid local time after it. */
  | 'gap-shifted';

export interface ResolvedLocalTime {
  instant: Date;
  resolution: LocalResolution;
  /** The local date and time the instant actually shows (differs from the request after a gap shift). */
  localDate: LocalDate;
  localMinute: MinuteOfDay;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

function zoneOf(timeZone: string): IANAZone {
  const zone = IANAZone.create(timeZone);
  // A bad zone must fail loudly: silently using UTC would send reminders at 3 a.m.
  if (!zone.isValid) throw new RangeError(`Unknown IANA time zone: ${timeZone}`);
  return zone;
}

/** Parses `HH:mm` (24-hour, zero-padded) into minutes after midnight, or null when malformed. */
export function parseLocalTime(value: string): MinuteOfDay | null {
  const match = TIME_RE.exec(value);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatLocalTime(minute: MinuteOfDay): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function dateParts(date: LocalDate): [number, number, number] {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  const parts: [number, number, number] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
  // Rejects 2026-02-30 and friends, which Date.UTC would silently roll over.
  if (probe.getUTCMonth() !== parts[1] - 1 || probe.getUTCDate() !== parts[2]) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return parts;
}

export function isLocalDate(value: string): boolean {
  try {
    dateParts(value);
    return true;
  } catch {
    return false;
  }
}

function formatUtcDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Calendar arithmetic on dates; no time zone involved, so DST cannot shift it. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = dateParts(date);
  return formatUtcDate(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** The later of two dates (ISO dates compare correctly as strings). */
export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ay, am, ad] = dateParts(a);
  const [by, bm, bd] = dateParts(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / DAY_MS);
}

/** The local calendar date and minute of an instant in a zone. */
export function toLocal(instant: Date, timeZone: string): { date: LocalDate; minute: MinuteOfDay } {
  const ms = instant.getTime();
  const wall = ms + zoneOf(timeZone).offset(ms) * MINUTE_MS;
  const minute = Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
  return { date: formatUtcDate(wall), minute };
}

export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return toLocal(instant, timeZone).date;
}

/**
 * Turns a wall-clock time into an instant without luxon's defaults: luxon moves a
 * gap time forward by the gap length (02:30 → 03:30) and picks the later offset in
 * an overlap. We want the first valid local time after a gap (03:00) and the first
 * occurrence in an overlap, so a daily reminder fires exactly once.
 */
export function resolveLocalTime(date: LocalDate, minute: MinuteOfDay, timeZone: string): ResolvedLocalTime {
  const zone = zoneOf(timeZone);
  const [y, m, d] = dateParts(date);
  const wallMs = Date.UTC(y, m - 1, d) + minute * MINUTE_MS;
  // Offsets a day either side cover any transition that can touch this wall time.
  const offsets = [
    ...new Set([zone.offset(wallMs - DAY_MS), zone.offset(wallMs), zone.offset(wallMs + DAY_MS)]),
  ];
  const matches = offsets
    .map((offset) => wallMs - offset * MINUTE_MS)
    .filter((ms) => wallMs - zone.offset(ms) * MINUTE_MS === ms)
    .sort((a, b) => a - b);
  const first = matches[0];
  if (first !== undefined) {
    return {
      instant: new Date(first),
      resolution: matches.length > 1 ? 'ambiguous-earliest' : 'exact',
      localDate: date,
      localMinute: minute,
    };
  }
  // In a gap: the transition instant lies between the wall time read with the
  // post-gap offset (earlier instant) and with the pre-gap offset (later instant).
  const candidates = offsets.map((offset) => wallMs - offset * MINUTE_MS);
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  const after = zone.offset(hi);
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (zone.offset(mid) === after) hi = mid;
    else lo = mid;
  }
  const local = toLocal(new Date(hi), timeZone);
  return {
    instant: new Date(hi),
    resolution: 'gap-shifted',
    localDate: local.date,
    localMinute: local.minute,
  };
}
