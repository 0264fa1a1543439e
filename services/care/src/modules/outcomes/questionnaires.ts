/**
 * HIT-6 and MIDAS scoring as published (safety-rules.md, "Outcomes").
 * The item wording is licensed by the instruments' owners; only item keys and short
 * topics live here, and the UI must use the licensed text.
 */

export interface QuestionnaireIssue {
  readonly code:
    | 'WRONG_ITEM_COUNT'
    | 'INVALID_ANSWER'
    | 'OUT_OF_RANGE'
    | 'NOT_INTEGER'
    | 'DAYS_DOUBLE_COUNTED';
  readonly message: string;
  /** 1-based item number, or 'A' / 'B' for the unscored MIDAS items. */
  readonly item?: number | 'A' | 'B';
}

export type ScoreResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly QuestionnaireIssue[] };

// ---------------------------------------------------------------- HIT-6

export const HIT6_ANSWER_POINTS = {
  NEVER: 6,
  RARELY: 8,
  SOMETIMES: 10,
  VERY_OFTEN: 11,
  ALWAYS: 13,
} as const;
export type Hit6Answer = keyof typeof HIT6_ANSWER_POINTS;

export const HIT6_ITEMS = [
  { number: 1, topic: 'How often the pain is severe' },
  { number: 2, topic: 'Headaches limiting usual daily activities' },
  { number: 3, topic: 'Wishing you could lie down' },
  { number: 4, topic: 'Too tired for work or daily activities (past 4 weeks)' },
  { number: 5, topic: 'Fed up or irritated (past 4 weeks)' },
  { number: 6, topic: 'Headaches limiting concentration (past 4 weeks)' },
] as const;

export const HIT6_MIN = 36;
export const HIT6_MAX = 78;

export type Hit6Band = 'LITTLE_OR_NO_IMPACT' | 'SOME_IMPACT' | 'SUBSTANTIAL_IMPACT' | 'SEVERE_IMPACT';

/** Published impact bands; both ends inclusive. */
export const HIT6_BANDS: readonly { band: Hit6Band; min: number; max: number; label: string }[] = [
  { band: 'LITTLE_OR_NO_IMPACT', min: 36, max: 49, label: 'Little or no impact' },
  { band: 'SOME_IMPACT', min: 50, max: 55, label: 'Some impact' },
  { band: 'SUBSTANTIAL_IMPACT', min: 56, max: 59, label: 'Substantial impact' },
  { band: 'SEVERE_IMPACT', min: 60, max: 78, label: 'Severe impact' },
];

export interface Hit6Score {
  readonly total: number;
  readonly itemPoints: readonly number[];
  readonly band: Hit6Band;
  readonly label: string;
}

export function hit6Band(total: number): { band: Hit6Band; label: string } {
  const found = HIT6_BANDS.find((b) => total >= b.min && total <= b.max);
  if (!found) throw new RangeError(`HIT-6 total must be ${HIT6_MIN}–${HIT6_MAX}, got ${total}`);
  return { band: found.band, label: found.label };
}

export function scoreHit6(answers: readonly string[]): ScoreResult<Hit6Score> {
  const issues: QuestionnaireIssue[] = [];
  if (answers.length !== HIT6_ITEMS.length) {
    issues.push({
      code: 'WRONG_ITEM_COUNT',
      message: `HIT-6 has ${HIT6_ITEMS.length} items; got ${answers.length} answers.`,
    });
  }
  const points: number[] = [];
  answers.forEach((answer, index) => {
    const value = Object.hasOwn(HIT6_ANSWER_POINTS, answer)
      ? HIT6_ANSWER_POINTS[answer as Hit6Answer]
      : undefined;
    if (value === undefined) {
      issues.push({
        code: 'INVALID_ANSWER',
        item: index + 1,
        message: `Item ${index + 1}: "${answer}" is not one of Never, Rarely, Sometimes, Very often, Always.`,
      });
    } else {
      points.push(value);
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const total = points.reduce((sum, p) => sum + p, 0);
  return { ok: true, value: { total, itemPoints: points, ...hit6Band(total) } };
}

// ---------------------------------------------------------------- MIDAS

/** "In the last 3 months" is read as at most 90 days per item. */
export const MIDAS_MAX_DAYS = 90;

export type MidasGrade = 'I' | 'II' | 'III' | 'IV';

export const MIDAS_GRADES: readonly { grade: MidasGrade; min: number; max: number | null; label: string }[] =
  [
    { grade: 'I', min: 0, max: 5, label: 'Little or no disability' },
    { grade: 'II', min: 6, max: 10, label: 'Mild disability' },
    { grade: 'III', min: 11, max: 20, label: 'Moderate disability' },
    { grade: 'IV', min: 21, max: null, label: 'Severe disability' },
  ];

export interface MidasAnswers {
  /** Items 1–5: days in the last 3 months. */
  readonly items: readonly number[];
  /** Item A (unscored): headache days in the last 3 months. */
  readonly headacheDays: number;
  /** Item B (unscored): average pain, 0–10. */
  readonly averagePain: number;
}

export interface MidasScore {
  readonly total: number;
  readonly grade: MidasGrade;
  readonly label: string;
  readonly headacheDays: number;
  readonly averagePain: number;
}

export function midasGrade(total: number): { grade: MidasGrade; label: string } {
  const found = MIDAS_GRADES.find((g) => total >= g.min && (g.max === null || total <= g.max));
  if (!found || !Number.isInteger(total))
    throw new RangeError(`MIDAS total must be a whole number ≥ 0, got ${total}`);
  return { grade: found.grade, label: found.label };
}

function checkWhole(
  value: number,
  max: number,
  item: number | 'A' | 'B',
  unit: string,
  issues: QuestionnaireIssue[],
): void {
  if (!Number.isInteger(value)) {
    issues.push({
      code: 'NOT_INTEGER',
      item,
      message: `Item ${item}: ${value} is not a whole number of ${unit}.`,
    });
  } else if (value < 0 || value > max) {
    issues.push({
      code: 'OUT_OF_RANGE',
      item,
      message: `Item ${item}: ${value} must be 0 to ${max} ${unit}.`,
    });
  }
}

export function scoreMidas(answers: MidasAnswers): ScoreResult<MidasScore> {
  const issues: QuestionnaireIssue[] = [];
  if (answers.items.length !== 5) {
    issues.push({
      code: 'WRONG_ITEM_COUNT',
      message: `MIDAS has 5 scored items; got ${answers.items.length}.`,
    });
  }
  answers.items.forEach((days, index) => {
    checkWhole(days, MIDAS_MAX_DAYS, index + 1, 'days', issues);
  });
  checkWhole(answers.headacheDays, MIDAS_MAX_DAYS, 'A', 'days', issues);
  checkWhole(answers.averagePain, 10, 'B', 'points', issues);
  // Items 2 and 4 exclude days already counted in items 1 and 3, so each pair
  // describes distinct days and cannot exceed the 3-month window.
  const [i1, i2, i3, i4] = answers.items;
  for (const [a, b, first, second] of [[i1, i2, 1, 2] as const, [i3, i4, 3, 4] as const]) {
    if (
      a !== undefined &&
      b !== undefined &&
      Number.isInteger(a) &&
      Number.isInteger(b) &&
      a + b > MIDAS_MAX_DAYS
    ) {
      issues.push({
        code: 'DAYS_DOUBLE_COUNTED',
        item: second,
        message: `Items ${first} and ${second} add up to ${a + b} days; item ${second} must not count days already in item ${first}.`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const total = answers.items.reduce((sum, d) => sum + d, 0);
  return {
    ok: true,
    value: {
      total,
      ...midasGrade(total),
      headacheDays: answers.headacheDays,
      averagePain: answers.averagePain,
    },
  };
}

// ---------------------------------------------------------------- prompt cadence

export type QuestionnaireKind = 'HIT6' | 'MIDAS';

const DAY_MS = 86_400_000;

/** HIT-6 every 4 weeks, MIDAS every 12 weeks (its recall window is 3 months). */
export const QUESTIONNAIRE_INTERVAL_DAYS: Record<QuestionnaireKind, number> = { HIT6: 28, MIDAS: 84 };

export interface QuestionnaireDue {
  readonly due: boolean;
  /** When the next prompt is due; equal to `now` when never taken. */
  readonly dueAt: Date;
}

export function questionnairesDue(
  lastTaken: Partial<Record<QuestionnaireKind, Date | null>>,
  now: Date,
): Record<QuestionnaireKind, QuestionnaireDue> & { readonly dueNow: readonly QuestionnaireKind[] } {
  const check = (kind: QuestionnaireKind): QuestionnaireDue => {
    const last = lastTaken[kind];
    if (!last) return { due: true, dueAt: now };
    const dueAt = new Date(last.getTime() + QUESTIONNAIRE_INTERVAL_DAYS[kind] * DAY_MS);
    return { due: now.getTime() >= dueAt.getTime(), dueAt };
  };
  const HIT6 = check('HIT6');
  const MIDAS = check('MIDAS');
  const dueNow: QuestionnaireKind[] = [];
  if (HIT6.due) dueNow.push('HIT6');
  if (MIDAS.due) dueNow.push('MIDAS');
  return { HIT6, MIDAS, dueNow };
}
