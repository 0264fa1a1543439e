import { describe, expect, it } from 'vitest';
import { GLOBAL_HOMEWORK_LIMITS, HOMEWORK_CATALOGUE } from './homework.catalogue.ts';
import { describePlan } from './homework.describe.ts';
import { heelStepDownPlan, validateHeelStep } from './homework.heel.ts';
import {
  effectiveItemPainCap,
  formatInches,
  type HomeworkPlan,
  HomeworkPlanInvalidError,
  type HomeworkPlanItem,
  planPainCap,
  reminderItemsFor,
  validatePlan,
} from './homework.policy.ts';

const codes = (plan: HomeworkPlan) => validatePlan(plan).map((v) => v.code);
const one = (item: HomeworkPlanItem, painCap?: number): HomeworkPlan =>
  painCap === undefined ? { items: [item] } : { painCap, items: [item] };

describe('validatePlan: plan pain cap', () => {
  it.each<[number | undefined, string[]]>([
    [undefined, []],
    [0, []],
    [1, []],
    [5, []],
    [6, []],
    [7, ['PAIN_CAP_ABOVE_MAX']],
    [8, ['PAIN_CAP_ABOVE_MAX']],
    [10, ['PAIN_CAP_ABOVE_MAX']],
    [-1, ['PAIN_CAP_INVALID']],
    [5.5, ['PAIN_CAP_INVALID']],
    [Number.NaN, ['PAIN_CAP_INVALID']],
  ])('cap %s → %j', (cap, expected) => {
    expect(codes(one({ itemId: 'chin-tucks' }, cap))).toEqual(expected);
  });

  it('defaults to 5', () => {
    expect(planPainCap({ items: [] })).toBe(5);
    expect(planPainCap({ painCap: 3, items: [] })).toBe(3);
  });

  it('explains a violation in plain words', () => {
    expect(validatePlan(one({ itemId: 'chin-tucks' }, 7))).toEqual([
      {
        code: 'PAIN_CAP_ABOVE_MAX',
        param: 'painCap',
        message: 'The pain cap is 7 out of 10, but homework can never go above 6 out of 10.',
      },
    ]);
  });
});

describe('validatePlan: the client’s self-care cap from screening', () => {
  it.each<[number | undefined, number, string[], number]>([
    [undefined, 8, [], 5],
    [undefined, 3, [], 3],
    [3, 3, [], 3],
    [4, 3, ['PAIN_CAP_ABOVE_CLIENT_CAP'], 4],
    [6, 6, [], 6],
    [7, 6, ['PAIN_CAP_ABOVE_MAX'], 7],
  ])('plan cap %s with client cap %i → %j (plan cap used: %i)', (planCap, clientCap, expected, used) => {
    const plan = one({ itemId: 'chin-tucks' }, planCap);
    expect(codes(plan)).toEqual(planCap !== undefined && planCap > 6 ? ['PAIN_CAP_ABOVE_MAX'] : []);
    expect(validatePlan(plan, { clientCap }).map((v) => v.code)).toEqual(expected);
    expect(planPainCap(plan, { clientCap })).toBe(used);
  });

  it('holds item caps to the lowered default', () => {
    expect(
      validatePlan(one({ itemId: 'tennis-ball-upper-back', painCap: 4 }), { clientCap: 3 }).map(
        (v) => v.code,
      ),
    ).toEqual(['ITEM_PAIN_CAP_ABOVE_PLAN_CAP']);
  });

  it('never shows a stored plan’s cap above the client’s current cap', () => {
    const plan = one({ itemId: 'tennis-ball-upper-back' }, 5);
    expect(effectiveItemPainCap(plan, 'tennis-ball-upper-back', { clientCap: 3 })).toBe(3);
    expect(describePlan(one({ itemId: 'tennis-ball-upper-back' }), { clientCap: 3 })).toContain(
      'Keep pressure at or below 3 out of 10',
    );
  });
});

describe('validatePlan: items', () => {
  it('rejects an empty plan, unknown items and duplicates', () => {
    expect(codes({ items: [] })).toEqual(['EMPTY_PLAN']);
    expect(codes({ items: [{ itemId: 'neck-crack' }] })).toEqual(['UNKNOWN_ITEM']);
    expect(codes({ items: [{ itemId: 'chin-tucks' }, { itemId: 'chin-tucks' }] })).toEqual([
      'DUPLICATE_ITEM',
    ]);
  });

  it('reports every problem at once, each tied to its item', () => {
    const violations = validatePlan({
      painCap: 7,
      items: [
        { itemId: 'chin-tucks', dose: { reps: 11 } },
        { itemId: 'tennis-ball-upper-back', dose: { holdSeconds: 45 } },
      ],
    });
    expect(violations.map((v) => [v.code, v.itemId])).toEqual([
      ['PAIN_CAP_ABOVE_MAX', undefined],
      ['DOSE_ABOVE_MAX', 'chin-tucks'],
      ['DOSE_ABOVE_MAX', 'tennis-ball-upper-back'],
    ]);
    for (const v of violations) expect(v.message.length).toBeGreaterThan(10);
  });
});

describe('validatePlan: item pain caps', () => {
  it.each<[string, number, number | undefined, string[]]>([
    ['tennis-ball-upper-back', 4, undefined, []],
    ['tennis-ball-upper-back', 5, undefined, []],
    ['tennis-ball-upper-back', 6, undefined, ['ITEM_PAIN_CAP_ABOVE_PLAN_CAP']],
    ['tennis-ball-upper-back', 6, 6, []],
    ['tennis-ball-upper-back', 7, 6, ['PAIN_CAP_ABOVE_MAX']],
    ['tennis-ball-upper-back', 4.5, undefined, ['ITEM_PAIN_CAP_INVALID']],
    ['suboccipital-release', 3, 4, []],
    ['masseter-circles', 3, undefined, []],
    ['masseter-circles', 4, undefined, ['ITEM_PAIN_CAP_ABOVE_LIGHT_LIMIT']],
    ['temple-scalp-circles', 4, 3, ['ITEM_PAIN_CAP_ABOVE_PLAN_CAP', 'ITEM_PAIN_CAP_ABOVE_LIGHT_LIMIT']],
    ['chin-tucks', 2, undefined, ['ITEM_PAIN_CAP_NOT_APPLICABLE']],
    ['upper-trapezius-scalene-stretch', 2, undefined, ['ITEM_PAIN_CAP_NOT_APPLICABLE']],
    ['pillow-check', 2, undefined, ['ITEM_PAIN_CAP_NOT_APPLICABLE']],
  ])('%s with item cap %s under plan cap %s → %j', (itemId, painCap, planCap, expected) => {
    expect(codes(one({ itemId, painCap }, planCap))).toEqual(expected);
  });
});

describe('validatePlan: doses', () => {
  it.each<[string, HomeworkPlanItem['dose'], string[]]>([
    ['tennis-ball-upper-back', { holdSeconds: 19 }, ['DOSE_BELOW_MIN']],
    ['tennis-ball-upper-back', { holdSeconds: 20 }, []],
    ['tennis-ball-upper-back', { holdSeconds: 30 }, []],
    ['tennis-ball-upper-back', { holdSeconds: 31 }, ['DOSE_ABOVE_MAX']],
    ['tennis-ball-upper-back', { holdSeconds: { min: 20, max: 30 } }, []],
    ['tennis-ball-upper-back', { holdSeconds: { min: 15, max: 40 } }, ['DOSE_BELOW_MIN', 'DOSE_ABOVE_MAX']],
    ['tennis-ball-upper-back', { holdSeconds: { min: 30, max: 20 } }, ['DOSE_INVALID']],
    ['tennis-ball-upper-back', { holdSeconds: 25.5 }, ['DOSE_INVALID']],
    ['tennis-ball-upper-back', { holdSeconds: -20 }, ['DOSE_INVALID']],
    ['tennis-ball-upper-back', { holdSeconds: Number.POSITIVE_INFINITY }, ['DOSE_INVALID']],
    ['tennis-ball-upper-back', { minutes: { upTo: 5 } }, []],
    ['tennis-ball-upper-back', { minutes: { upTo: 6 } }, ['DOSE_ABOVE_MAX']],
    ['tennis-ball-upper-back', { minutes: 0 }, ['DOSE_BELOW_MIN']],
    ['suboccipital-release', { minutes: 2 }, ['DOSE_BELOW_MIN']],
    ['suboccipital-release', { minutes: 5 }, []],
    ['suboccipital-release', { minutes: 6 }, ['DOSE_ABOVE_MAX']],
    ['masseter-circles', { minutes: 2 }, []],
    ['masseter-circles', { minutes: 3 }, ['DOSE_ABOVE_MAX']],
    ['temple-scalp-circles', { minutes: 3 }, ['DOSE_ABOVE_MAX']],
    ['upper-trapezius-scalene-stretch', { timesPerDay: 3 }, []],
    ['upper-trapezius-scalene-stretch', { timesPerDay: 4 }, ['DOSE_ABOVE_MAX']],
    ['upper-trapezius-scalene-stretch', { timesPerDay: 0 }, ['DOSE_BELOW_MIN']],
    ['chin-tucks', { reps: 10 }, []],
    ['chin-tucks', { reps: 11 }, ['DOSE_ABOVE_MAX']],
    ['chin-tucks', { holdSeconds: 20 }, ['DOSE_NOT_APPLICABLE']],
    ['heel-height-step-down', { stepInches: 0.5 }, []],
    ['heel-height-step-down', { stepInches: 0.25 }, []],
    ['heel-height-step-down', { stepInches: 0.625 }, ['DOSE_ABOVE_MAX']],
    ['heel-height-step-down', { stepInches: 1 }, ['DOSE_ABOVE_MAX']],
    ['heel-height-step-down', { stepInches: 0.3 }, ['DOSE_INVALID']],
    ['heel-height-step-down', { holdWeeks: 1 }, ['DOSE_BELOW_MIN']],
    ['heel-height-step-down', { holdWeeks: 2 }, []],
    ['heel-height-step-down', { holdWeeks: 12 }, []],
    ['pillow-check', { minutes: 1 }, ['DOSE_NOT_APPLICABLE']],
    ['hydration-meals-sleep', { timesPerDay: 3 }, []],
  ])('%s %j → %j', (itemId, dose, expected) => {
    expect(codes(one(dose === undefined ? { itemId } : { itemId, dose }))).toEqual(expected);
  });
});

describe('validatePlan: reminder times', () => {
  it.each<[string, HomeworkPlanItem, string[]]>([
    ['two valid times', { itemId: 'tennis-ball-upper-back', times: ['09:00', '19:00'] }, []],
    ['a malformed time', { itemId: 'tennis-ball-upper-back', times: ['9am'] }, ['TIME_INVALID']],
    ['a repeated time', { itemId: 'tennis-ball-upper-back', times: ['09:00', '09:00'] }, ['TIME_DUPLICATE']],
    [
      'more times than allowed',
      { itemId: 'tennis-ball-upper-back', times: ['09:00', '12:00', '15:00', '18:00'] },
      ['TIMES_COUNT_OUT_OF_RANGE'],
    ],
    ['a one-off item', { itemId: 'pillow-check', times: ['09:00'] }, ['TIMES_NOT_APPLICABLE']],
    ['a progression item', { itemId: 'heel-height-step-down', times: ['09:00'] }, ['TIMES_NOT_APPLICABLE']],
    [
      'a count that contradicts the dose',
      { itemId: 'chin-tucks', dose: { timesPerDay: 1 }, times: ['09:00', '19:00'] },
      ['TIMES_COUNT_MISMATCH'],
    ],
    [
      'a count within a prescribed range',
      { itemId: 'upper-trapezius-scalene-stretch', times: ['09:00', '19:00'] },
      [],
    ],
  ])('%s', (_label, item, expected) => {
    expect(codes(one(item))).toEqual(expected);
  });
});

describe('effectiveItemPainCap', () => {
  it.each<[string, number | undefined, number | undefined, number | null]>([
    ['tennis-ball-upper-back', undefined, undefined, 5],
    ['tennis-ball-upper-back', 6, undefined, 6],
    ['tennis-ball-upper-back', 6, 4, 4],
    ['tennis-ball-upper-back', 9, undefined, 6], // an out-of-range stored plan never shows more than 6
    ['masseter-circles', 5, undefined, 3],
    ['masseter-circles', 2, undefined, 2],
    ['masseter-circles', 5, 1, 1],
    ['upper-trapezius-scalene-stretch', 5, undefined, 0],
    ['chin-tucks', 6, undefined, 0],
    ['pillow-check', 5, undefined, null],
    ['neck-crack', 5, undefined, null],
  ])('%s, plan cap %s, item cap %s → %s', (itemId, planCap, itemCap, expected) => {
    const plan: HomeworkPlan = {
      ...(planCap === undefined ? {} : { painCap: planCap }),
      items: [itemCap === undefined ? { itemId } : { itemId, painCap: itemCap }],
    };
    expect(effectiveItemPainCap(plan, itemId)).toBe(expected);
  });
});

describe('describePlan', () => {
  const everything: HomeworkPlan = { items: HOMEWORK_CATALOGUE.map((i) => ({ itemId: i.id })) };

  it('states the pain cap in plain words', () => {
    expect(describePlan(everything)).toContain('Keep pressure at or below 5 out of 10');
    expect(describePlan({ ...everything, painCap: 4 })).toContain('Keep pressure at or below 4 out of 10');
    expect(describePlan({ ...everything, painCap: 6 })).toContain('Keep pressure at or below 6 out of 10');
  });

  it('includes every limit of every item and every global limit', () => {
    const text = describePlan(everything);
    for (const item of HOMEWORK_CATALOGUE) {
      expect(text).toContain(item.title);
      expect(text).toContain(item.instructions);
      for (const limit of item.limits) expect(text).toContain(limit.text);
    }
    for (const limit of GLOBAL_HOMEWORK_LIMITS) expect(text).toContain(limit.text);
    expect(text).toContain('Never on the front or sides of the neck.');
    expect(text).toContain('Not during a migraine attack.');
    expect(text).toContain('Never jump straight to flat or barefoot shoes.');
  });

  it('spells out default doses', () => {
    const text = describePlan(everything);
    for (const phrase of [
      'Hold for 20–30 seconds on each tender spot.',
      'Up to 5 minutes per spot.',
      '3–5 minutes.',
      '1–2 minutes.',
      'Hold for 20–30 seconds on each side.',
      '1–3 times a day.',
      '10 repetitions.',
      'Lower the heel by no more than 1/2 inch at a time.',
      'Wear each height for at least 2 weeks before the next step.',
      'Once a day.',
      'Check in once a day.',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('uses the item cap for light work and the plan cap for pressure work', () => {
    const text = describePlan({
      painCap: 6,
      items: [{ itemId: 'tennis-ball-upper-back', painCap: 4 }, { itemId: 'masseter-circles' }],
    });
    expect(text).toContain('Keep pressure at or below 6 out of 10');
    expect(text).toContain('- Keep pressure at or below 4 out of 10.');
    expect(text).toContain('- Keep pressure light: at or below 3 out of 10.');
  });

  it('reflects dose overrides and reminder times', () => {
    const text = describePlan({
      items: [
        {
          itemId: 'tennis-ball-upper-back',
          dose: { holdSeconds: 25, timesPerDay: 2 },
          times: ['09:00', '19:00'],
        },
        { itemId: 'chin-tucks', dose: { reps: 1, timesPerDay: 3 } },
        { itemId: 'heel-height-step-down', dose: { stepInches: 0.25, holdWeeks: 3 } },
      ],
    });
    expect(text).toContain('Hold for 25 seconds on each tender spot.');
    expect(text).toContain('Twice a day. Reminders at 09:00, 19:00.');
    expect(text).toContain('1 repetition.');
    expect(text).toContain('3 times a day.');
    expect(text).toContain('Lower the heel by 1/4 inch at a time.');
    expect(text).toContain('at least 3 weeks');
  });

  it('refuses to describe an invalid plan, carrying the violations', () => {
    const plan = one({ itemId: 'chin-tucks' }, 7);
    expect(() => describePlan(plan)).toThrow(HomeworkPlanInvalidError);
    try {
      describePlan(plan);
    } catch (error) {
      expect((error as HomeworkPlanInvalidError).violations.map((v) => v.code)).toEqual([
        'PAIN_CAP_ABOVE_MAX',
      ]);
    }
  });
});

describe('reminderItemsFor', () => {
  it('uses explicit times, else the prescribed or default count, and skips non-daily items', () => {
    expect(
      reminderItemsFor({
        items: [
          { itemId: 'tennis-ball-upper-back', times: ['09:00', '19:00'] },
          { itemId: 'chin-tucks', dose: { timesPerDay: 2 } },
          { itemId: 'upper-trapezius-scalene-stretch' },
          { itemId: 'hydration-meals-sleep' },
          { itemId: 'pillow-check' },
          { itemId: 'heel-height-step-down' },
          { itemId: 'neck-crack' },
        ],
      }),
    ).toEqual([
      { itemId: 'tennis-ball-upper-back', times: ['09:00', '19:00'] },
      { itemId: 'chin-tucks', timesPerDay: 2 },
      { itemId: 'upper-trapezius-scalene-stretch', timesPerDay: 1 },
      { itemId: 'hydration-meals-sleep', timesPerDay: 1 },
    ]);
  });
});

describe('heel height step-down', () => {
  it.each<[number, number, number, string[]]>([
    [2, 1.5, 2, []],
    [2, 1.5, 1, ['HEEL_HELD_TOO_SHORT']],
    [2, 1.625, 0, ['HEEL_HELD_TOO_SHORT']],
    [2, 1.375, 2, ['HEEL_STEP_TOO_LARGE']],
    [2, 1, 1, ['HEEL_STEP_TOO_LARGE', 'HEEL_HELD_TOO_SHORT']],
    [0.5, 0, 2, []],
    [0.625, 0, 2, ['HEEL_STRAIGHT_TO_FLAT']],
    [1, 0, 4, ['HEEL_STRAIGHT_TO_FLAT']],
    [3, 0, 10, ['HEEL_STRAIGHT_TO_FLAT']],
    [2, 2, 0, []],
    [2, 2.5, 0, []],
    [-1, 0, 2, ['HEEL_HEIGHT_INVALID']],
    [2, Number.NaN, 2, ['HEEL_HEIGHT_INVALID']],
  ])('from %s in to %s in after %s weeks → %j', (currentInches, nextInches, weeksAtCurrent, expected) => {
    expect(validateHeelStep({ currentInches, nextInches, weeksAtCurrent }).map((v) => v.code)).toEqual(
      expected,
    );
  });

  it('plans a step-down to flat in 1/2-inch steps, 2 weeks each', () => {
    expect(heelStepDownPlan(2)).toEqual([
      { startsAtWeek: 0, heelInches: 1.5 },
      { startsAtWeek: 2, heelInches: 1 },
      { startsAtWeek: 4, heelInches: 0.5 },
      { startsAtWeek: 6, heelInches: 0 },
    ]);
  });

  it('rounds odd heights so no step is ever larger than allowed', () => {
    expect(heelStepDownPlan(1.3)).toEqual([
      { startsAtWeek: 0, heelInches: 0.875 },
      { startsAtWeek: 2, heelInches: 0.375 },
      { startsAtWeek: 4, heelInches: 0 },
    ]);
  });

  it('clamps options to the limits: never bigger steps, never shorter holds', () => {
    expect(heelStepDownPlan(1, { stepInches: 1, holdWeeks: 1 })).toEqual([
      { startsAtWeek: 0, heelInches: 0.5 },
      { startsAtWeek: 2, heelInches: 0 },
    ]);
    expect(heelStepDownPlan(0.5, { stepInches: 0.25, holdWeeks: 3 })).toEqual([
      { startsAtWeek: 0, heelInches: 0.25 },
      { startsAtWeek: 3, heelInches: 0 },
    ]);
  });

  it('every generated step passes validateHeelStep', () => {
    for (let eighths = 1; eighths <= 40; eighths++) {
      const from = eighths / 8 + 0.01;
      let current = from;
      let previousWeek = -2;
      for (const step of heelStepDownPlan(from)) {
        const weeks = step.startsAtWeek - previousWeek;
        expect(
          validateHeelStep({ currentInches: current, nextInches: step.heelInches, weeksAtCurrent: weeks }),
        ).toEqual([]);
        current = step.heelInches;
        previousWeek = step.startsAtWeek;
      }
      expect(current).toBe(0);
    }
  });

  it('has nothing to plan for flat shoes', () => {
    expect(heelStepDownPlan(0)).toEqual([]);
    expect(heelStepDownPlan(Number.NaN)).toEqual([]);
  });

  it.each([
    [0.5, '1/2'],
    [0.125, '1/8'],
    [0.375, '3/8'],
    [1, '1'],
    [1.5, '1 1/2'],
    [0, '0'],
  ])('formatInches(%s) = %s', (inches, text) => {
    expect(formatInches(inches)).toBe(text);
  });
});
