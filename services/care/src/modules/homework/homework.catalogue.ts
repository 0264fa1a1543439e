/**
 * Self-care homework between sessions, as data (safety-rules.md, "Homework catalogue"
 * and "Pressure plan"). Exported as plain JSON-safe objects so it can be seeded into
 * the database and versioned like the screening rule set.
 */

import { type HomeworkRedFlag, redFlagSymptoms } from '@mm/safety';

/** Bump when any item, dose or limit changes, so stored plans can be explained later. */
export const HOMEWORK_CATALOGUE_VERSION = 1;

/** Self-massage homework cap on the 0–10 discomfort scale: 5 by default, never above 6. */
export const HOMEWORK_PAIN_CAP = { default: 5, max: 6 } as const;

/** "Light" on the pressure scale is 1–3/10, so light or gentle items never go above 3. */
export const LIGHT_PRESSURE_CAP = 3;

export const HOMEWORK_ITEM_IDS = [
  'tennis-ball-upper-back',
  'suboccipital-release',
  'masseter-circles',
  'temple-scalp-circles',
  'upper-trapezius-scalene-stretch',
  'chin-tucks',
  'heel-height-step-down',
  'pillow-check',
  'hydration-meals-sleep',
] as const;
export type HomeworkItemId = (typeof HOMEWORK_ITEM_IDS)[number];

/**
 * Symptoms that mean "stop now": the spec's global list, owned by `@mm/safety`
 * (one source of truth with screening's R10). Logging one escalates.
 */
export const HOMEWORK_RED_FLAG_SYMPTOMS = redFlagSymptoms;
export type HomeworkRedFlagSymptom = HomeworkRedFlag;

export type StopCondition = HomeworkRedFlagSymptom | 'JAW_PAIN_INCREASES';

export type DoseParam = 'holdSeconds' | 'minutes' | 'reps' | 'timesPerDay' | 'stepInches' | 'holdWeeks';

/**
 * A dose value: an exact number, a range the client chooses within ("20–30 s"),
 * or a ceiling ("up to 5 min per spot").
 */
export type DoseValue = number | { readonly min: number; readonly max: number } | { readonly upTo: number };

export interface DoseBound {
  readonly unit: 'second' | 'minute' | 'rep' | 'time' | 'inch' | 'week';
  readonly per: 'spot' | 'side' | 'session' | 'day' | 'step' | 'height';
  /** Lowest value a plan may prescribe. */
  readonly min: number;
  /** Highest value a plan may prescribe; null when the spec only sets a floor ("at least 2 weeks"). */
  readonly max: number | null;
  /** Values must be whole multiples of this (1 for counts, 1/8 inch for heel steps). */
  readonly multipleOf: number;
  readonly default: DoseValue;
  /** 'spec' when the number comes from safety-rules.md; 'platform' where the spec is silent. */
  readonly source: 'spec' | 'platform';
}

export type HomeworkLimit =
  | { readonly code: 'NOT_DURING_ATTACK'; readonly text: string }
  | { readonly code: 'STOP_IF'; readonly conditions: readonly StopCondition[]; readonly text: string }
  | { readonly code: 'NEVER_FRONT_OR_SIDES_OF_NECK'; readonly text: string }
  | { readonly code: 'GENTLE'; readonly text: string }
  | { readonly code: 'LIGHT'; readonly text: string }
  | { readonly code: 'PAIN_FREE_RANGE'; readonly text: string }
  | { readonly code: 'MAX_HEEL_STEP'; readonly inches: number; readonly text: string }
  | { readonly code: 'MIN_WEEKS_PER_HEIGHT'; readonly weeks: number; readonly text: string }
  | { readonly code: 'NEVER_STRAIGHT_TO_FLAT'; readonly text: string };

/**
 * How the pain cap applies to an item:
 * - PLAN_CAP: pressure work, capped by the plan's cap (5 by default, never above 6);
 * - LIGHT: light or gentle work, capped at 3 and never above the plan's cap;
 * - PAIN_FREE: stretches and exercises that must not hurt at all (cap 0);
 * - NOT_APPLICABLE: no pressure involved (shoes, pillows, habits).
 */
export type PressureRule = 'PLAN_CAP' | 'LIGHT' | 'PAIN_FREE' | 'NOT_APPLICABLE';

/** daily: reminders each day; once: a one-off check; progression: changes every few weeks. */
export type HomeworkCadence = 'daily' | 'once' | 'progression';

export interface HomeworkCatalogueItem {
  readonly id: HomeworkItemId;
  readonly title: string;
  readonly category: 'self-massage' | 'stretch' | 'exercise' | 'habit';
  readonly instructions: string;
  readonly cadence: HomeworkCadence;
  readonly pressure: PressureRule;
  readonly dose: Readonly<Partial<Record<DoseParam, DoseBound>>>;
  readonly limits: readonly HomeworkLimit[];
}

// The spec gives a daily frequency only for the stretch (1–3 times a day); the same
// range is the platform default for the other daily items.
const PLATFORM_TIMES_PER_DAY: DoseBound = {
  unit: 'time',
  per: 'day',
  min: 1,
  max: 3,
  multipleOf: 1,
  default: 1,
  source: 'platform',
};

const NECK_LIMIT: HomeworkLimit = {
  code: 'NEVER_FRONT_OR_SIDES_OF_NECK',
  text: 'Never on the front or sides of the neck.',
};

export const HOMEWORK_CATALOGUE: readonly HomeworkCatalogueItem[] = [
  {
    id: 'tennis-ball-upper-back',
    title: 'Tennis ball on the upper back',
    category: 'self-massage',
    instructions:
      'Stand with your back to a wall and a tennis ball between the wall and the top of your shoulder or upper back. ' +
      'Lean into the ball until you find a tender spot. Hold it there and breathe slowly, then release and move to another spot.',
    cadence: 'daily',
    pressure: 'PLAN_CAP',
    dose: {
      holdSeconds: {
        unit: 'second',
        per: 'spot',
        min: 20,
        max: 30,
        multipleOf: 1,
        default: { min: 20, max: 30 },
        source: 'spec',
      },
      minutes: {
        unit: 'minute',
        per: 'spot',
        min: 1,
        max: 5,
        multipleOf: 1,
        default: { upTo: 5 },
        source: 'spec',
      },
      timesPerDay: PLATFORM_TIMES_PER_DAY,
    },
    limits: [{ code: 'NOT_DURING_ATTACK', text: 'Not during a migraine attack.' }],
  },
  {
    id: 'suboccipital-release',
    title: 'Suboccipital release',
    category: 'self-massage',
    instructions:
      'Put two tennis balls in a sock and tie it off. Lie on your back and rest the base of your skull on the balls, ' +
      'one on each side of the spine. Let your head be heavy and breathe slowly.',
    cadence: 'daily',
    pressure: 'PLAN_CAP',
    dose: {
      minutes: {
        unit: 'minute',
        per: 'session',
        min: 3,
        max: 5,
        multipleOf: 1,
        default: { min: 3, max: 5 },
        source: 'spec',
      },
      timesPerDay: PLATFORM_TIMES_PER_DAY,
    },
    limits: [
      {
        code: 'STOP_IF',
        conditions: ['DIZZINESS', 'NUMBNESS', 'VISION_CHANGE'],
        text: 'Stop at once if you feel dizzy or numb, or if your vision changes.',
      },
      NECK_LIMIT,
    ],
  },
  {
    id: 'masseter-circles',
    title: 'Masseter circles',
    category: 'self-massage',
    instructions:
      'Place your fingertips on the jaw muscle in front of your ears, below the cheekbone. ' +
      'Make slow, small circles while you gently open and close your jaw.',
    cadence: 'daily',
    pressure: 'LIGHT',
    dose: {
      minutes: {
        unit: 'minute',
        per: 'session',
        min: 1,
        max: 2,
        multipleOf: 1,
        default: { min: 1, max: 2 },
        source: 'spec',
      },
      timesPerDay: PLATFORM_TIMES_PER_DAY,
    },
    limits: [
      { code: 'GENTLE', text: 'Keep it gentle.' },
      { code: 'STOP_IF', conditions: ['JAW_PAIN_INCREASES'], text: 'Stop if your jaw pain gets worse.' },
    ],
  },
  {
    id: 'temple-scalp-circles',
    title: 'Temple and scalp circles',
    category: 'self-massage',
    instructions:
      'Use your fingertips to make slow circles on your temples, then move over your scalp, a small area at a time.',
    cadence: 'daily',
    pressure: 'LIGHT',
    dose: {
      minutes: {
        unit: 'minute',
        per: 'session',
        min: 1,
        max: 2,
        multipleOf: 1,
        default: { min: 1, max: 2 },
        source: 'spec',
      },
      timesPerDay: PLATFORM_TIMES_PER_DAY,
    },
    limits: [{ code: 'LIGHT', text: 'Use light pressure only.' }],
  },
  {
    id: 'upper-trapezius-scalene-stretch',
    title: 'Upper trapezius and scalene stretch',
    category: 'stretch',
    instructions:
      'Sit tall with your shoulders relaxed. Slowly tilt one ear toward the shoulder on the same side until you feel ' +
      'a stretch along the other side of your neck and shoulder. Hold, breathe, and come back slowly. Then do the other side.',
    cadence: 'daily',
    pressure: 'PAIN_FREE',
    dose: {
      holdSeconds: {
        unit: 'second',
        per: 'side',
        min: 20,
        max: 30,
        multipleOf: 1,
        default: { min: 20, max: 30 },
        source: 'spec',
      },
      timesPerDay: {
        unit: 'time',
        per: 'day',
        min: 1,
        max: 3,
        multipleOf: 1,
        default: { min: 1, max: 3 },
        source: 'spec',
      },
    },
    limits: [{ code: 'PAIN_FREE_RANGE', text: 'Only stretch as far as it stays pain-free.' }],
  },
  {
    id: 'chin-tucks',
    title: 'Chin tucks',
    category: 'exercise',
    instructions:
      'Sit or stand tall and look straight ahead. Slide your chin straight back, as if making a double chin, ' +
      'keeping your eyes level. Hold for a moment, then relax.',
    cadence: 'daily',
    pressure: 'PAIN_FREE',
    dose: {
      reps: { unit: 'rep', per: 'session', min: 1, max: 10, multipleOf: 1, default: 10, source: 'spec' },
      timesPerDay: PLATFORM_TIMES_PER_DAY,
    },
    limits: [{ code: 'PAIN_FREE_RANGE', text: 'Stop before it hurts: chin tucks should be pain-free.' }],
  },
  {
    id: 'heel-height-step-down',
    title: 'Heel height step-down',
    category: 'habit',
    instructions:
      'If you usually wear heeled shoes, lower the heel height in small steps and give your body time to adjust to each one.',
    cadence: 'progression',
    pressure: 'NOT_APPLICABLE',
    dose: {
      stepInches: {
        unit: 'inch',
        per: 'step',
        min: 0.125,
        max: 0.5,
        multipleOf: 0.125,
        default: { upTo: 0.5 },
        source: 'spec',
      },
      holdWeeks: {
        unit: 'week',
        per: 'height',
        min: 2,
        max: null,
        multipleOf: 1,
        default: 2,
        source: 'spec',
      },
    },
    limits: [
      { code: 'MAX_HEEL_STEP', inches: 0.5, text: 'Never lower the heel by more than 1/2 inch at a time.' },
      {
        code: 'MIN_WEEKS_PER_HEIGHT',
        weeks: 2,
        text: 'Wear each height for at least 2 weeks before the next step.',
      },
      { code: 'NEVER_STRAIGHT_TO_FLAT', text: 'Never jump straight to flat or barefoot shoes.' },
    ],
  },
  {
    id: 'pillow-check',
    title: 'Pillow check',
    category: 'habit',
    instructions:
      'Check that your neck stays level with the rest of your spine when you lie down. If you sleep on your back, ' +
      'use a thinner pillow. If you sleep on your side, use a thicker pillow that fills the gap between your ear and shoulder.',
    cadence: 'once',
    pressure: 'NOT_APPLICABLE',
    dose: {},
    limits: [],
  },
  {
    id: 'hydration-meals-sleep',
    title: 'Water, regular meals and sleep',
    category: 'habit',
    instructions:
      'Drink water through the day, eat regular meals without long gaps, and aim for at least 7 hours of sleep each night.',
    cadence: 'daily',
    pressure: 'NOT_APPLICABLE',
    dose: { timesPerDay: PLATFORM_TIMES_PER_DAY },
    limits: [],
  },
];

export type GlobalHomeworkLimit =
  | { readonly code: 'NO_SELF_MASSAGE_ON_FRONT_OR_SIDES_OF_NECK'; readonly text: string }
  | {
      readonly code: 'STOP_AND_SEEK_CARE';
      readonly symptoms: readonly HomeworkRedFlagSymptom[];
      /** Logging one of these symptoms is an R10 check and escalates. */
      readonly screeningRuleId: 'R10';
      readonly text: string;
    }
  | { readonly code: 'NO_DEEP_WORK_DURING_ATTACK_WITH_TOUCH_SENSITIVITY'; readonly text: string };

/** Limits that hold for every plan, whatever items it contains. */
export const GLOBAL_HOMEWORK_LIMITS: readonly GlobalHomeworkLimit[] = [
  {
    code: 'NO_SELF_MASSAGE_ON_FRONT_OR_SIDES_OF_NECK',
    text: 'Never use self-massage or a massage device on the front or sides of your neck.',
  },
  {
    code: 'STOP_AND_SEEK_CARE',
    symptoms: HOMEWORK_RED_FLAG_SYMPTOMS,
    screeningRuleId: 'R10',
    text: 'Stop and seek medical care now if you feel dizzy or numb, if your vision changes, or if your speech is slurred.',
  },
  {
    code: 'NO_DEEP_WORK_DURING_ATTACK_WITH_TOUCH_SENSITIVITY',
    text: 'No deep self-massage during a migraine attack when your skin or scalp is sensitive to touch.',
  },
];

const BY_ID: ReadonlyMap<string, HomeworkCatalogueItem> = new Map(
  HOMEWORK_CATALOGUE.map((item) => [item.id, item]),
);

export function findHomeworkItem(id: string): HomeworkCatalogueItem | undefined {
  return BY_ID.get(id);
}

export function isHomeworkItemId(id: string): id is HomeworkItemId {
  return BY_ID.has(id);
}
