import { describe, expect, it } from 'vitest';
import {
  findHomeworkItem,
  GLOBAL_HOMEWORK_LIMITS,
  HOMEWORK_CATALOGUE,
  HOMEWORK_ITEM_IDS,
  HOMEWORK_PAIN_CAP,
  HOMEWORK_RED_FLAG_SYMPTOMS,
  type HomeworkItemId,
  isHomeworkItemId,
  LIGHT_PRESSURE_CAP,
} from './homework.catalogue.ts';
import { validatePlan } from './homework.policy.ts';

const item = (id: HomeworkItemId) => {
  const found = findHomeworkItem(id);
  if (!found) throw new Error(`missing ${id}`);
  return found;
};
const limitCodes = (id: HomeworkItemId) => item(id).limits.map((l) => l.code);

describe('homework catalogue', () => {
  it('holds exactly the items in the spec, once each', () => {
    expect(HOMEWORK_CATALOGUE.map((i) => i.id)).toEqual([...HOMEWORK_ITEM_IDS]);
    expect(new Set(HOMEWORK_ITEM_IDS).size).toBe(9);
  });

  it('is plain data that survives a JSON round trip (for seeding)', () => {
    const json = JSON.parse(
      JSON.stringify({ HOMEWORK_CATALOGUE, GLOBAL_HOMEWORK_LIMITS, HOMEWORK_PAIN_CAP }),
    );
    expect(json).toEqual({ HOMEWORK_CATALOGUE, GLOBAL_HOMEWORK_LIMITS, HOMEWORK_PAIN_CAP });
  });

  it('sets the homework pain cap at 5 by default, never above 6', () => {
    expect(HOMEWORK_PAIN_CAP).toEqual({ default: 5, max: 6 });
    expect(LIGHT_PRESSURE_CAP).toBe(3);
  });

  it('every item has a title and plain-words instructions', () => {
    for (const i of HOMEWORK_CATALOGUE) {
      expect(i.title.length).toBeGreaterThan(3);
      expect(i.instructions.length).toBeGreaterThan(40);
    }
  });

  it('every default dose lies within its own bounds', () => {
    const plan = { items: HOMEWORK_CATALOGUE.map((i) => ({ itemId: i.id, dose: {} })) };
    expect(validatePlan(plan)).toEqual([]);
    for (const i of HOMEWORK_CATALOGUE) {
      for (const bound of Object.values(i.dose)) {
        expect(bound.min).toBeLessThanOrEqual(bound.max ?? Number.POSITIVE_INFINITY);
      }
    }
  });

  it('tennis ball: 20–30 s per tender spot, up to 5 min per spot, plan pain cap, not during an attack', () => {
    const t = item('tennis-ball-upper-back');
    expect(t.dose.holdSeconds).toMatchObject({ min: 20, max: 30, per: 'spot', source: 'spec' });
    expect(t.dose.minutes).toMatchObject({ max: 5, per: 'spot', default: { upTo: 5 } });
    expect(t.pressure).toBe('PLAN_CAP');
    expect(limitCodes('tennis-ball-upper-back')).toEqual(['NOT_DURING_ATTACK']);
  });

  it('suboccipital release: 3–5 min, stop at dizziness/numbness/vision change, never front or sides of the neck', () => {
    const s = item('suboccipital-release');
    expect(s.dose.minutes).toMatchObject({ min: 3, max: 5 });
    expect(s.limits).toContainEqual(
      expect.objectContaining({ code: 'STOP_IF', conditions: ['DIZZINESS', 'NUMBNESS', 'VISION_CHANGE'] }),
    );
    expect(s.limits).toContainEqual(expect.objectContaining({ code: 'NEVER_FRONT_OR_SIDES_OF_NECK' }));
  });

  it('masseter circles: 1–2 min, gentle, stop if jaw pain increases', () => {
    const m = item('masseter-circles');
    expect(m.dose.minutes).toMatchObject({ min: 1, max: 2 });
    expect(m.pressure).toBe('LIGHT');
    expect(m.limits).toContainEqual(expect.objectContaining({ code: 'GENTLE' }));
    expect(m.limits).toContainEqual(
      expect.objectContaining({ code: 'STOP_IF', conditions: ['JAW_PAIN_INCREASES'] }),
    );
  });

  it('temple and scalp circles: 1–2 min, light', () => {
    expect(item('temple-scalp-circles').dose.minutes).toMatchObject({ min: 1, max: 2 });
    expect(item('temple-scalp-circles').pressure).toBe('LIGHT');
    expect(limitCodes('temple-scalp-circles')).toEqual(['LIGHT']);
  });

  it('trapezius/scalene stretch: 20–30 s each side, 1–3 times a day, pain-free range only', () => {
    const s = item('upper-trapezius-scalene-stretch');
    expect(s.dose.holdSeconds).toMatchObject({ min: 20, max: 30, per: 'side' });
    expect(s.dose.timesPerDay).toMatchObject({ min: 1, max: 3, source: 'spec' });
    expect(s.pressure).toBe('PAIN_FREE');
    expect(limitCodes('upper-trapezius-scalene-stretch')).toEqual(['PAIN_FREE_RANGE']);
  });

  it('chin tucks: 10 reps, pain-free', () => {
    expect(item('chin-tucks').dose.reps).toMatchObject({ max: 10, default: 10 });
    expect(item('chin-tucks').pressure).toBe('PAIN_FREE');
  });

  it('heel step-down: at most 1/2 inch a step, each height at least 2 weeks, never straight to flat', () => {
    const h = item('heel-height-step-down');
    expect(h.cadence).toBe('progression');
    expect(h.dose.stepInches).toMatchObject({ max: 0.5, multipleOf: 0.125 });
    expect(h.dose.holdWeeks).toMatchObject({ min: 2, max: null });
    expect(h.limits).toEqual([
      expect.objectContaining({ code: 'MAX_HEEL_STEP', inches: 0.5 }),
      expect.objectContaining({ code: 'MIN_WEEKS_PER_HEIGHT', weeks: 2 }),
      expect.objectContaining({ code: 'NEVER_STRAIGHT_TO_FLAT' }),
    ]);
  });

  it('pillow check: a one-off, thinner for back sleepers, thicker for side sleepers', () => {
    const p = item('pillow-check');
    expect(p.cadence).toBe('once');
    expect(p.instructions).toMatch(/back, use a thinner pillow/);
    expect(p.instructions).toMatch(/side, use a thicker pillow/);
  });

  it('hydration, meals and sleep: daily, at least 7 hours of sleep', () => {
    const h = item('hydration-meals-sleep');
    expect(h.cadence).toBe('daily');
    expect(h.instructions).toMatch(/water/);
    expect(h.instructions).toMatch(/regular meals/);
    expect(h.instructions).toMatch(/at least 7 hours of sleep/);
  });

  it('global limits: no neck front/sides, stop and seek care at red flags (R10), no deep work in an attack with touch sensitivity', () => {
    expect(GLOBAL_HOMEWORK_LIMITS.map((l) => l.code)).toEqual([
      'NO_SELF_MASSAGE_ON_FRONT_OR_SIDES_OF_NECK',
      'STOP_AND_SEEK_CARE',
      'NO_DEEP_WORK_DURING_ATTACK_WITH_TOUCH_SENSITIVITY',
    ]);
    expect(GLOBAL_HOMEWORK_LIMITS[1]).toMatchObject({
      symptoms: HOMEWORK_RED_FLAG_SYMPTOMS,
      screeningRuleId: 'R10',
    });
    expect(HOMEWORK_RED_FLAG_SYMPTOMS).toEqual(['DIZZINESS', 'NUMBNESS', 'VISION_CHANGE', 'SLURRED_SPEECH']);
  });

  it('looks items up by id', () => {
    expect(isHomeworkItemId('chin-tucks')).toBe(true);
    expect(isHomeworkItemId('neck-crack')).toBe(false);
    expect(findHomeworkItem('neck-crack')).toBeUndefined();
  });
});
