import {
  addDays,
  formatLocalTime,
  type LocalDate,
  type MinuteOfDay,
  parseLocalTime,
  resolveLocalTime,
  toLocal,
} from '../shared/local-time.ts';

/** One homework item's daily reminders: explicit local times, or a count to spread over the waking day. */
export interface ReminderItemSchedule {
  readonly itemId: string;
  /** Local wall-clock times, `HH:mm`. Takes precedence over timesPerDay. */
  readonly times?: readonly string[];
  readonly timesPerDay?: number;
}

/** Local wall-clock window with no reminders; `start` is quiet, `end` is the first allowed minute. May wrap midnight. */
export interface QuietHours {
  readonly start: string;
  readonly end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

export type ReminderAdjustment = 'QUIET_HOURS' | 'DST_GAP' | 'DST_OVERLAP';

export interface Reminder {
  readonly itemId: string;
  readonly fireAt: Date;
  /** What the client's clock shows when it fires. */
  readonly localDate: LocalDate;
  readonly localTime: string;
  /** The scheduled times that landed on this instant (several when quiet hours collapse them). */
  readonly scheduledTimes: readonly string[];
  readonly adjustments: readonly ReminderAdjustment[];
}

export interface ComputeRemindersInput {
  readonly schedule: readonly ReminderItemSchedule[];
  /** The client's IANA zone, e.g. America/New_York. */
  readonly timeZone: string;
  /** Defaults to 21:00–08:00; null turns quiet hours off. */
  readonly quietHours?: QuietHours | null;
  /** Window start, inclusive. */
  readonly from: Date;
  /** Window length in days (absolute time); the window end is exclusive, so windows can be chained. */
  readonly horizonDays: number;
}

const DAY_MINUTES = 1440;
const HOUR_MS = 3_600_000;
/** Spread times land on 5-minute marks: "14:30", not "14:27". */
const SPREAD_ROUNDING = 5;

interface ParsedQuiet {
  start: MinuteOfDay;
  end: MinuteOfDay;
}

function parseTimeOrThrow(value: string, what: string): MinuteOfDay {
  const minute = parseLocalTime(value);
  if (minute === null) throw new RangeError(`${what} must be HH:mm, got "${value}"`);
  return minute;
}

function parseQuiet(quiet: QuietHours | null | undefined): ParsedQuiet | null {
  const q = quiet === undefined ? DEFAULT_QUIET_HOURS : quiet;
  if (q === null) return null;
  const start = parseTimeOrThrow(q.start, 'Quiet hours start');
  const end = parseTimeOrThrow(q.end, 'Quiet hours end');
  // An empty window (start = end) means no quiet hours, not a 24-hour silence.
  return start === end ? null : { start, end };
}

function inQuiet(minute: MinuteOfDay, quiet: ParsedQuiet | null): boolean {
  if (!quiet) return false;
  if (quiet.start < quiet.end) return minute >= quiet.start && minute < quiet.end;
  return minute >= quiet.start || minute < quiet.end;
}

/** True when a local `HH:mm` falls inside quiet hours (start inclusive, end exclusive). */
export function isQuietTime(time: string, quietHours: QuietHours | null = DEFAULT_QUIET_HOURS): boolean {
  return inQuiet(parseTimeOrThrow(time, 'Time'), parseQuiet(quietHours));
}

/**
 * Spreads n reminders evenly over the allowed (non-quiet) part of the day, each at
 * the middle of its share: with 08:00–21:00 allowed, 1 → 14:30, 2 → 11:15 and 17:45.
 */
export function spreadTimes(
  timesPerDay: number,
  quietHours: QuietHours | null = DEFAULT_QUIET_HOURS,
): string[] {
  if (!Number.isInteger(timesPerDay) || timesPerDay < 1) {
    throw new RangeError(`timesPerDay must be a whole number of at least 1, got ${timesPerDay}`);
  }
  const quiet = parseQuiet(quietHours);
  const start = quiet ? quiet.end : 0;
  const length = quiet ? (quiet.start - quiet.end + DAY_MINUTES) % DAY_MINUTES : DAY_MINUTES;
  const times = new Set<string>();
  for (let i = 0; i < timesPerDay; i++) {
    const offset = Math.round((length * (2 * i + 1)) / (2 * timesPerDay) / SPREAD_ROUNDING) * SPREAD_ROUNDING;
    // Rounding must not push the last slot into quiet hours.
    const clamped = Math.min(offset, length - 1);
    times.add(formatLocalTime((start + clamped) % DAY_MINUTES));
  }
  return [...times];
}

function timesFor(item: ReminderItemSchedule, quiet: QuietHours | null): string[] {
  if (item.times && item.times.length > 0) return [...item.times];
  if (item.timesPerDay !== undefined) return spreadTimes(item.timesPerDay, quiet);
  return [];
}

/** Where one scheduled local time on one local date actually fires. */
export interface PlacedReminder {
  readonly fireAt: Date;
  readonly localDate: LocalDate;
  readonly localTime: string;
  readonly adjustments: readonly ReminderAdjustment[];
}

/** Moves a local time out of quiet hours to the end of quiet hours (same or next day). */
function leaveQuiet(
  date: LocalDate,
  minute: MinuteOfDay,
  quiet: ParsedQuiet,
): { date: LocalDate; minute: MinuteOfDay } {
  const wraps = quiet.start > quiet.end;
  const nextDay = wraps && minute >= quiet.start;
  return { date: nextDay ? addDays(date, 1) : date, minute: quiet.end };
}

function place(date: LocalDate, time: string, timeZone: string, quiet: ParsedQuiet | null): PlacedReminder {
  const adjustments = new Set<ReminderAdjustment>();
  let localDate = date;
  let minute = parseTimeOrThrow(time, 'Reminder time');
  // Three passes are enough: quiet shift, DST gap shift, and a quiet shift caused by the gap shift.
  for (let pass = 0; pass < 3; pass++) {
    if (quiet && inQuiet(minute, quiet)) {
      ({ date: localDate, minute } = leaveQuiet(localDate, minute, quiet));
      adjustments.add('QUIET_HOURS');
    }
    const resolved = resolveLocalTime(localDate, minute, timeZone);
    if (resolved.resolution === 'ambiguous-earliest') adjustments.add('DST_OVERLAP');
    if (resolved.resolution === 'gap-shifted') adjustments.add('DST_GAP');
    if (resolved.resolution !== 'gap-shifted' || !(quiet && inQuiet(resolved.localMinute, quiet))) {
      return {
        fireAt: resolved.instant,
        localDate: resolved.localDate,
        localTime: formatLocalTime(resolved.localMinute),
        adjustments: [...adjustments].sort(),
      };
    }
    localDate = resolved.localDate;
    minute = resolved.localMinute;
  }
  throw new Error(`Could not place reminder ${time} on ${date} in ${timeZone}`);
}

/**
 * Where the reminder scheduled for `time` on local `date` fires: moved out of quiet
 * hours to their end (the next allowed local time), then resolved through DST.
 */
export function placeReminder(
  date: LocalDate,
  time: string,
  timeZone: string,
  quietHours: QuietHours | null = DEFAULT_QUIET_HOURS,
): PlacedReminder {
  return place(date, time, timeZone, parseQuiet(quietHours));
}

/**
 * All reminder fire times in [from, from + horizonDays), as UTC instants.
 * Times are wall-clock times in the client's zone, so they follow DST: a time lost to
 * spring-forward fires at the first valid local time after it; a time repeated at
 * fall-back fires once, at its first occurrence.
 */
export function computeReminders(input: ComputeRemindersInput): Reminder[] {
  const { schedule, timeZone, from, horizonDays } = input;
  if (!(horizonDays >= 0) || !Number.isFinite(horizonDays)) {
    throw new RangeError(`horizonDays must be zero or more, got ${horizonDays}`);
  }
  const quietHours = input.quietHours === undefined ? DEFAULT_QUIET_HOURS : input.quietHours;
  const quiet = parseQuiet(quietHours);
  const start = from.getTime();
  const end = start + horizonDays * 24 * HOUR_MS;
  if (Number.isNaN(start)) throw new RangeError('from must be a valid date');

  // One extra local day each side: quiet hours can push a reminder into the next day.
  const firstDate = addDays(toLocal(from, timeZone).date, -1);
  const lastDate = addDays(toLocal(new Date(end), timeZone).date, 1);

  const byKey = new Map<string, { itemId: string; placed: PlacedReminder; scheduledTimes: Set<string> }>();
  for (const item of schedule) {
    const times = timesFor(item, quietHours);
    for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) {
      for (const time of times) {
        const placed = place(date, time, timeZone, quiet);
        const fireAt = placed.fireAt.getTime();
        if (fireAt < start || fireAt >= end) continue;
        const key = `${item.itemId}\u0000${fireAt}`;
        const existing = byKey.get(key);
        if (existing) {
          existing.scheduledTimes.add(time);
          const adjustments = new Set([...existing.placed.adjustments, ...placed.adjustments]);
          existing.placed = { ...existing.placed, adjustments: [...adjustments].sort() };
        } else {
          byKey.set(key, { itemId: item.itemId, placed, scheduledTimes: new Set([time]) });
        }
      }
    }
  }

  return [...byKey.values()]
    .map(({ itemId, placed, scheduledTimes }) => ({
      itemId,
      ...placed,
      scheduledTimes: [...scheduledTimes].sort(),
    }))
    .sort(
      (a, b) =>
        a.fireAt.getTime() - b.fireAt.getTime() || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0),
    );
}

/**
 * The first reminder strictly after `instant`, or null when nothing is scheduled.
 * Any non-empty daily schedule fires within two days, so three days is a safe window.
 */
export function nextFireAfter(
  schedule: readonly ReminderItemSchedule[],
  timeZone: string,
  quietHours: QuietHours | null | undefined,
  instant: Date,
): Reminder | null {
  const after = new Date(instant.getTime() + 1);
  const reminders = computeReminders({ schedule, timeZone, quietHours, from: after, horizonDays: 3 });
  return reminders[0] ?? null;
}

/**
 * Keeps [A-Za-z0-9-]; every other byte becomes ".xx" (hex). The separator "_" therefore
 * never appears inside a part, so distinct inputs can never produce the same id.
 */
function encodePart(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9-]/.test(ch) ? ch : `.${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * Deterministic BullMQ job id for one reminder, so re-scheduling the same reminder is a
 * no-op. BullMQ 6 rejects custom ids containing ":" (and all-digit ids); this has neither.
 * Second precision: reminders sit on whole minutes.
 */
export function reminderJobId(planId: string, itemId: string, fireAtUtc: Date): string {
  if (planId === '' || itemId === '') throw new RangeError('planId and itemId must not be empty');
  const ms = fireAtUtc.getTime();
  if (Number.isNaN(ms)) throw new RangeError('fireAtUtc must be a valid date');
  const stamp = new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `reminder_${encodePart(planId)}_${encodePart(itemId)}_${stamp}Z`;
}
