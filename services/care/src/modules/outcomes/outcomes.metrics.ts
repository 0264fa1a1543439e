import { addDays, daysBetween, type LocalDate, localDateOf, maxDate, minDate } from '../shared/local-time.ts';

/** One headache, as the client logs it in the diary. */
export interface DiaryEntry {
  readonly id?: string;
  readonly start: Date;
  /** Null while the headache is ongoing or when the client didn't note the end. */
  readonly end: Date | null;
  /** Peak intensity, 0–10. */
  readonly peakIntensity: number;
  readonly isMigraine: boolean;
  readonly aura: boolean;
  readonly triggers: readonly string[];
  readonly medications: readonly {
    readonly name: string;
    readonly relief: 'NONE' | 'PARTIAL' | 'COMPLETE';
  }[];
  readonly wokeWithIt: boolean;
  /** Where it started (the seeds ask), free text. */
  readonly startedWhere?: string;
}

export interface DiaryIssue {
  readonly code:
    | 'INVALID_DATE'
    | 'END_BEFORE_START'
    | 'IN_THE_FUTURE'
    | 'TOO_LONG'
    | 'INTENSITY_OUT_OF_RANGE';
  readonly message: string;
}

// Clocks on phones drift a little; a headache a few minutes "ahead" is not a mistake.
const CLOCK_SKEW_MS = 5 * 60_000;
const LONGEST_HEADACHE_MS = 31 * 86_400_000;

/** `now` (when given) refuses a headache that starts or ends in the future. */
export function validateDiaryEntry(entry: DiaryEntry, now?: Date): DiaryIssue[] {
  const issues: DiaryIssue[] = [];
  const start = entry.start.getTime();
  const end = entry.end?.getTime();
  if (Number.isNaN(start) || (end !== undefined && Number.isNaN(end))) {
    issues.push({ code: 'INVALID_DATE', message: 'Start and end must be valid dates.' });
  } else if (end !== undefined && end < start) {
    issues.push({ code: 'END_BEFORE_START', message: 'The headache cannot end before it starts.' });
  } else if (now && Math.max(start, end ?? start) > now.getTime() + CLOCK_SKEW_MS) {
    issues.push({ code: 'IN_THE_FUTURE', message: 'A headache cannot start or end in the future.' });
  } else if (end !== undefined && end - start > LONGEST_HEADACHE_MS) {
    issues.push({
      code: 'TOO_LONG',
      message: 'One entry covers at most 31 days; log a longer headache as several entries.',
    });
  }
  if (!Number.isInteger(entry.peakIntensity) || entry.peakIntensity < 0 || entry.peakIntensity > 10) {
    issues.push({
      code: 'INTENSITY_OUT_OF_RANGE',
      message: 'Peak intensity must be a whole number from 0 to 10.',
    });
  }
  return issues;
}

/**
 * The local dates a headache touches. A headache over midnight counts on both days;
 * one that ends exactly at midnight does not touch the next day.
 */
export function entryLocalDates(entry: DiaryEntry, timeZone: string): { first: LocalDate; last: LocalDate } {
  const start = entry.start.getTime();
  const end = entry.end ? Math.max(start, entry.end.getTime() - 1) : start;
  return { first: localDateOf(entry.start, timeZone), last: localDateOf(new Date(end), timeZone) };
}

export interface DayCounts {
  readonly startDate: LocalDate;
  /** Inclusive. */
  readonly endDate: LocalDate;
  readonly days: number;
  readonly migraineDays: number;
  /** Any headache, migraine or not. A day counts once however many headaches it had. */
  readonly headacheDays: number;
  /** Days with any acute medication taken; useful context for a physician (medication overuse). */
  readonly medicationDays: number;
}

/** Counts headache, migraine and medication days in [startDate, startDate + days - 1], in the client's zone. */
export function countDays(
  entries: readonly DiaryEntry[],
  timeZone: string,
  startDate: LocalDate,
  days: number,
): DayCounts {
  const endDate = addDays(startDate, days - 1);
  const headache = new Set<LocalDate>();
  const migraine = new Set<LocalDate>();
  const medication = new Set<LocalDate>();
  for (const entry of entries) {
    // Unusable dates are skipped; an end before the start still counts the start day.
    if (validateDiaryEntry(entry).some((i) => i.code === 'INVALID_DATE')) continue;
    const { first, last } = entryLocalDates(entry, timeZone);
    const from = maxDate(first, startDate);
    const to = minDate(last, endDate);
    for (let date = from; date <= to; date = addDays(date, 1)) {
      headache.add(date);
      if (entry.isMigraine) migraine.add(date);
      if (entry.medications.length > 0) medication.add(date);
    }
  }
  return {
    startDate,
    endDate,
    days,
    migraineDays: migraine.size,
    headacheDays: headache.size,
    medicationDays: medication.size,
  };
}

export const WINDOW_DAYS = 30;

/** The 30 local days before the day of the first session (that day itself is not baseline). */
export function baselineWindow(
  firstSessionAt: Date,
  timeZone: string,
): { startDate: LocalDate; endDate: LocalDate } {
  const firstDay = localDateOf(firstSessionAt, timeZone);
  return { startDate: addDays(firstDay, -WINDOW_DAYS), endDate: addDays(firstDay, -1) };
}

export interface OutcomeInput {
  readonly entries: readonly DiaryEntry[];
  readonly timeZone: string;
  readonly firstSessionAt: Date;
  readonly asOf: Date;
  /** When the client started the diary; a later start than the baseline window makes the baseline incomplete. */
  readonly diaryStartedAt?: Date;
}

export interface SeriesPoint extends DayCounts {
  /** -1 for the baseline, then 0, 1, 2… for each 30-day window from the first session. */
  readonly index: number;
  readonly kind: 'BASELINE' | 'WINDOW';
  /** False for the window still in progress; its counts are so far, not final. */
  readonly complete: boolean;
  /** Local days of the window that have started by asOf. */
  readonly daysElapsed: number;
  /** Migraine days scaled to 30 days, so a partial window can sit on the same chart. */
  readonly migraineDaysPer30: number;
  readonly headacheDaysPer30: number;
}

function per30(count: number, days: number): number {
  return days > 0 ? Math.round(((count * WINDOW_DAYS) / days) * 10) / 10 : 0;
}

/** Baseline plus consecutive 30-day windows from the first session up to asOf, for charts. */
export function outcomeSeries(input: OutcomeInput): SeriesPoint[] {
  const { entries, timeZone, firstSessionAt, asOf } = input;
  const today = localDateOf(asOf, timeZone);
  const baseline = baselineWindow(firstSessionAt, timeZone);
  const points: SeriesPoint[] = [];
  const push = (index: number, startDate: LocalDate): void => {
    const counts = countDays(entries, timeZone, startDate, WINDOW_DAYS);
    // A window is complete once its last day is over, i.e. today is after it.
    const complete = counts.endDate < today;
    const daysElapsed = complete ? WINDOW_DAYS : daysBetween(startDate, today) + 1;
    points.push({
      ...counts,
      index,
      kind: index < 0 ? 'BASELINE' : 'WINDOW',
      complete,
      daysElapsed,
      migraineDaysPer30: per30(counts.migraineDays, daysElapsed),
      headacheDaysPer30: per30(counts.headacheDays, daysElapsed),
    });
  };
  if (baseline.startDate > today) return points;
  push(-1, baseline.startDate);
  const firstDay = addDays(baseline.endDate, 1);
  for (let index = 0; ; index++) {
    const startDate = addDays(firstDay, index * WINDOW_DAYS);
    if (startDate > today) break;
    push(index, startDate);
  }
  return points;
}

function baselineIncomplete(input: OutcomeInput): boolean {
  if (!input.diaryStartedAt) return false;
  const { startDate } = baselineWindow(input.firstSessionAt, input.timeZone);
  return localDateOf(input.diaryStartedAt, input.timeZone) > startDate;
}

export type ResponderStatus = 'RESPONDER' | 'NON_RESPONDER' | 'NOT_EVALUABLE';
export type NotEvaluableReason = 'BASELINE_ZERO' | 'BASELINE_INCOMPLETE' | 'NO_COMPLETE_WINDOW';

export interface ResponderResult {
  readonly status: ResponderStatus;
  readonly reason: NotEvaluableReason | null;
  readonly baselineMigraineDays: number;
  /** The latest complete 30-day window, or null when none has finished yet. */
  readonly window: SeriesPoint | null;
  /** Reduction against baseline in percent (negative = more migraine days); null when not evaluable. */
  readonly reductionPercent: number | null;
}

/**
 * Responder = migraine days in the latest complete 30-day window down by 50% or more
 * against the 30-day baseline. A zero baseline cannot halve, so it is not evaluable.
 */
export function responder(input: OutcomeInput): ResponderResult {
  const series = outcomeSeries(input);
  const baseline = series.find((p) => p.kind === 'BASELINE');
  const baselineDays = baseline?.migraineDays ?? 0;
  const window = [...series].reverse().find((p) => p.kind === 'WINDOW' && p.complete) ?? null;
  const notEvaluable = (reason: NotEvaluableReason): ResponderResult => ({
    status: 'NOT_EVALUABLE',
    reason,
    baselineMigraineDays: baselineDays,
    window,
    reductionPercent: null,
  });
  if (baselineIncomplete(input)) return notEvaluable('BASELINE_INCOMPLETE');
  if (baselineDays === 0) return notEvaluable('BASELINE_ZERO');
  if (!window) return notEvaluable('NO_COMPLETE_WINDOW');
  const drop = baselineDays - window.migraineDays;
  return {
    // Integer comparison: 2·drop ≥ baseline avoids floating-point edge cases at exactly 50%.
    status: 2 * drop >= baselineDays ? 'RESPONDER' : 'NON_RESPONDER',
    reason: null,
    baselineMigraineDays: baselineDays,
    window,
    reductionPercent: Math.round((drop / baselineDays) * 1000) / 10,
  };
}

// ---------------------------------------------------------------- diary trend (feeds the cadence plan)

export type TrendDirection = 'IMPROVING' | 'STABLE' | 'WORSENING' | 'INSUFFICIENT_DATA';

/** A change counts when it is at least 20% of baseline and at least one whole day per 30. */
export const TREND_THRESHOLDS = { relative: 0.2, absoluteDays: 1, minRecentDays: 14 } as const;

export interface DiaryTrend {
  readonly direction: TrendDirection;
  readonly baselineMigraineDays: number;
  /** Migraine days per 30 over the recent window (the last 30 days, not before the first session). */
  readonly recentMigraineDaysPer30: number | null;
  readonly recentDays: number;
}

export function diaryTrend(input: OutcomeInput): DiaryTrend {
  const { entries, timeZone, firstSessionAt, asOf } = input;
  const baseline = baselineWindow(firstSessionAt, timeZone);
  const baselineDays = countDays(entries, timeZone, baseline.startDate, WINDOW_DAYS).migraineDays;
  const today = localDateOf(asOf, timeZone);
  const firstDay = addDays(baseline.endDate, 1);
  const thirtyBack = addDays(today, -(WINDOW_DAYS - 1));
  const recentStart = maxDate(thirtyBack, firstDay);
  const recentDays = Math.max(0, daysBetween(recentStart, today) + 1);
  const insufficient: DiaryTrend = {
    direction: 'INSUFFICIENT_DATA',
    baselineMigraineDays: baselineDays,
    recentMigraineDaysPer30: null,
    recentDays,
  };
  if (recentDays < TREND_THRESHOLDS.minRecentDays || baselineIncomplete(input)) return insufficient;
  const recent = countDays(entries, timeZone, recentStart, recentDays).migraineDays;
  const rate = (recent * WINDOW_DAYS) / recentDays;
  const change = rate - baselineDays;
  const big =
    Math.abs(change) >= Math.max(TREND_THRESHOLDS.absoluteDays, TREND_THRESHOLDS.relative * baselineDays);
  const direction: TrendDirection = !big ? 'STABLE' : change < 0 ? 'IMPROVING' : 'WORSENING';
  return {
    direction,
    baselineMigraineDays: baselineDays,
    recentMigraineDaysPer30: Math.round(rate * 10) / 10,
    recentDays,
  };
}

// ---------------------------------------------------------------- homework adherence

export interface ScheduledHomework {
  readonly itemId: string;
  readonly scheduledFor: Date;
}

export interface HomeworkLogRecord {
  readonly itemId: string;
  /** The reminder this log answers; null for practice the client logged on their own. */
  readonly scheduledFor: Date | null;
  readonly status: 'done' | 'skipped';
  readonly loggedAt: Date;
}

export interface AdherenceInput {
  readonly scheduled: readonly ScheduledHomework[];
  readonly logs: readonly HomeworkLogRecord[];
  readonly asOf: Date;
  /** Only occurrences scheduled in [from, to) count. */
  readonly from?: Date;
  readonly to?: Date;
  /** An unlogged occurrence counts as missed only after this long; before that it is pending. Default 24 h. */
  readonly missedAfterHours?: number;
}

export interface Adherence {
  readonly done: number;
  readonly skipped: number;
  readonly missed: number;
  readonly pending: number;
  /** Done logs not tied to a reminder: shown, but not in the percentage (they'd push it past 100%). */
  readonly unscheduledDone: number;
  /** done / (done + skipped + missed) × 100, rounded; null when nothing was due. */
  readonly percent: number | null;
}

export function adherence(input: AdherenceInput): Adherence {
  const { asOf, from, to } = input;
  const grace = (input.missedAfterHours ?? 24) * 3_600_000;
  const inRange = (at: number): boolean =>
    (from === undefined || at >= from.getTime()) && (to === undefined || at < to.getTime());
  const key = (itemId: string, at: number): string => `${itemId}\u0000${at}`;

  const occurrences = new Map<string, number>();
  for (const s of input.scheduled)
    occurrences.set(key(s.itemId, s.scheduledFor.getTime()), s.scheduledFor.getTime());
  // Latest log per occurrence wins: a client may skip, then do it after all.
  const latest = new Map<string, HomeworkLogRecord>();
  let unscheduledDone = 0;
  for (const log of input.logs) {
    if (log.scheduledFor === null) {
      if (log.status === 'done' && inRange(log.loggedAt.getTime())) unscheduledDone++;
      continue;
    }
    const at = log.scheduledFor.getTime();
    const k = key(log.itemId, at);
    // A log for a reminder since removed from the plan still answered a real reminder.
    occurrences.set(k, at);
    const previous = latest.get(k);
    if (!previous || log.loggedAt.getTime() >= previous.loggedAt.getTime()) latest.set(k, log);
  }

  let done = 0;
  let skipped = 0;
  let missed = 0;
  let pending = 0;
  for (const [k, at] of occurrences) {
    if (!inRange(at)) continue;
    const log = latest.get(k);
    if (log) {
      if (log.status === 'done') done++;
      else skipped++;
    } else if (at + grace <= asOf.getTime()) {
      missed++;
    } else if (at <= asOf.getTime()) {
      pending++;
    }
  }
  const denominator = done + skipped + missed;
  return {
    done,
    skipped,
    missed,
    pending,
    unscheduledDone,
    percent: denominator === 0 ? null : Math.round((done / denominator) * 100),
  };
}
