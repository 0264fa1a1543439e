import type { DiaryTrend } from '../outcomes/outcomes.metrics.ts';
import { addDays, daysBetween, type LocalDate, localDateOf } from '../shared/local-time.ts';

export type CadenceStage = 'WEEKLY' | 'EVERY_OTHER_WEEK' | 'MONTHLY';

const STAGES: readonly { stage: CadenceStage; intervalDays: number; label: string }[] = [
  { stage: 'WEEKLY', intervalDays: 7, label: 'Weekly' },
  { stage: 'EVERY_OTHER_WEEK', intervalDays: 14, label: 'Every other week' },
  // Four weeks rather than a calendar month keeps the same weekday, which suits bookings.
  { stage: 'MONTHLY', intervalDays: 28, label: 'Monthly' },
];

/**
 * Sessions completed up to which each stage holds. Standard: sessions 1–4 weekly,
 * 5–8 every other week, then monthly. An improving diary steps out one session sooner
 * per stage (1–3 weekly, 4–6 every other week).
 */
export const CADENCE_THRESHOLDS = {
  standard: { weeklyThrough: 4, everyOtherWeekThrough: 8 },
  improving: { weeklyThrough: 3, everyOtherWeekThrough: 6 },
} as const;

/** Migraine days not falling after this many sessions → suggest a physician review. */
export const PHYSICIAN_REVIEW_AFTER_SESSIONS = 6;

export const EXPECTATION_TEXT =
  'Massage is complementary care, not a cure, and results differ from person to person. ' +
  'In one small trial, people who had weekly massage for 6 weeks had fewer migraines and slept better than people who only kept a diary (Lawler & Cameron 2006). ' +
  'In another, two 30-minute massages a week for 5 weeks were followed by more headache-free days (Hernandez-Reif 1998). ' +
  'Your diary helps you and your therapist see what changes for you. Keep seeing your physician and taking your treatment as prescribed.';

export interface CadenceInput {
  /** Completed sessions, any order. */
  readonly sessions: readonly Date[];
  /** The client's IANA zone: suggested dates are their local calendar dates. */
  readonly timeZone: string;
  readonly trend: Pick<DiaryTrend, 'direction' | 'baselineMigraineDays' | 'recentMigraineDaysPer30'>;
  /** How many upcoming dates to propose. Default 3. */
  readonly count?: number;
}

export interface CadenceSuggestion {
  readonly date: LocalDate;
  readonly stage: CadenceStage;
  readonly intervalDays: number;
  readonly reason: string;
}

export interface PhysicianReview {
  readonly suggested: true;
  readonly reason: string;
  readonly sessionsCompleted: number;
  readonly baselineMigraineDays: number;
  readonly recentMigraineDaysPer30: number | null;
}

export interface CadencePlan {
  readonly suggestions: readonly CadenceSuggestion[];
  readonly physicianReview: PhysicianReview | null;
  /** Neutral expectation-setting text; never a promise. */
  readonly expectation: string;
}

type Direction = DiaryTrend['direction'];

function stageIndexFor(sessionsCompleted: number, direction: Direction): number {
  if (direction === 'WORSENING') return 0;
  const t = direction === 'IMPROVING' ? CADENCE_THRESHOLDS.improving : CADENCE_THRESHOLDS.standard;
  if (sessionsCompleted <= t.weeklyThrough) return 0;
  if (sessionsCompleted <= t.everyOtherWeekThrough) return 1;
  return 2;
}

/** The stage the client is on now, read from the gap between their last two sessions. */
function stageIndexFromGap(gapDays: number): number {
  if (gapDays <= 10) return 0;
  if (gapDays <= 21) return 1;
  return 2;
}

function reasonFor(
  stageIndex: number,
  ruleIndex: number,
  standardIndex: number,
  direction: Direction,
): string {
  const { label } = STAGES[stageIndex] ?? { label: 'Weekly' };
  if (direction === 'WORSENING') {
    return 'Weekly: your diary shows more migraine days than in the month before your first session, so sessions stay close together.';
  }
  if (stageIndex < ruleIndex) {
    return `${label}: sessions are spaced out one step at a time.`;
  }
  if (direction === 'IMPROVING' && ruleIndex > standardIndex) {
    return `${label}: your diary shows fewer migraine days than before you started, so sessions can be spaced out sooner.`;
  }
  const diaryNote =
    direction === 'INSUFFICIENT_DATA' ? ' Keep your diary so the plan can adapt to how you are doing.' : '';
  if (stageIndex === 0) return `Weekly to start: sessions are closer together at first.${diaryNote}`;
  if (stageIndex === 1) return `Every other week, after the first weekly sessions.${diaryNote}`;
  return `Monthly, to keep up what works for you.${diaryNote}`;
}

function physicianReviewFor(sessionsCompleted: number, trend: CadenceInput['trend']): PhysicianReview | null {
  if (sessionsCompleted < PHYSICIAN_REVIEW_AFTER_SESSIONS) return null;
  if (trend.direction !== 'STABLE' && trend.direction !== 'WORSENING') return null;
  // Nothing to fall from: no migraine days before or since.
  if (trend.baselineMigraineDays === 0 && (trend.recentMigraineDaysPer30 ?? 0) === 0) return null;
  const movement = trend.direction === 'WORSENING' ? 'are rising' : 'are not falling';
  const recent =
    trend.recentMigraineDaysPer30 === null
      ? ''
      : `, about ${trend.recentMigraineDaysPer30} per 30 days recently`;
  return {
    suggested: true,
    reason:
      `After ${sessionsCompleted} sessions your migraine days ${movement} ` +
      `(${trend.baselineMigraineDays} in the 30 days before your first session${recent}). ` +
      'It is worth reviewing your headaches and treatment with your physician.',
    sessionsCompleted,
    baselineMigraineDays: trend.baselineMigraineDays,
    recentMigraineDaysPer30: trend.recentMigraineDaysPer30,
  };
}

/**
 * After a session: the next booking dates and, when warranted, a physician review.
 * Sessions start weekly, then every other week, then monthly; a worsening diary keeps
 * them weekly and an improving one steps out sooner, but never more than one stage at a time.
 */
export function suggestCadence(input: CadenceInput): CadencePlan {
  const { timeZone, trend } = input;
  const count = input.count ?? 3;
  const sessions = [...input.sessions].sort((a, b) => a.getTime() - b.getTime());
  const n = sessions.length;
  const last = sessions[n - 1];
  if (!last) return { suggestions: [], physicianReview: null, expectation: EXPECTATION_TEXT };

  const lastDate = localDateOf(last, timeZone);
  const before = sessions[n - 2];
  let previousStage = before ? stageIndexFromGap(daysBetween(localDateOf(before, timeZone), lastDate)) : 0;

  const suggestions: CadenceSuggestion[] = [];
  let date = lastDate;
  for (let k = 0; k < count; k++) {
    const completed = n + k;
    const ruleIndex = stageIndexFor(completed, trend.direction);
    const standardIndex = stageIndexFor(completed, 'STABLE');
    const stageIndex = Math.min(ruleIndex, previousStage + 1);
    const stage = STAGES[stageIndex] ?? STAGES[0]!;
    date = addDays(date, stage.intervalDays);
    const reason = reasonFor(stageIndex, ruleIndex, standardIndex, trend.direction);
    suggestions.push({
      date,
      stage: stage.stage,
      intervalDays: stage.intervalDays,
      reason:
        k === 0 ? reason : `If things stay as they are: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
    });
    previousStage = stageIndex;
  }
  return { suggestions, physicianReview: physicianReviewFor(n, trend), expectation: EXPECTATION_TEXT };
}
