import { describe, expect, it } from 'vitest';
import { screenDayOf, screenIntake } from './engine.ts';
import { ScreeningInputError } from './errors.ts';
import { clampAgreedCap, computePressurePlan, PRESSURE_SCALE } from './pressure.ts';
import { CURRENT_RULESET } from './ruleset.ts';
import { ctx, dayOf, intake } from './test-fixtures.ts';
import type { PressurePreference, RuleSet } from './types.ts';

describe('PRESSURE_SCALE', () => {
  it('never allows 9–10 and tops out at 8 for sessions and 6 for homework', () => {
    expect(PRESSURE_SCALE.bands.filter((b) => !b.allowed).map((b) => [b.from, b.to])).toEqual([[9, 10]]);
    expect(PRESSURE_SCALE.sessionCapCeiling).toBe(8);
    expect(PRESSURE_SCALE.selfCareCapCeiling).toBe(6);
  });
});

describe('effective cap', () => {
  it('defaults to the hard cap 7 and a homework cap of 5', () => {
    const plan = screenIntake(intake(), ctx()).pressurePlan;
    expect(plan).toEqual({
      effectiveCap: 7,
      agreedCap: null,
      sessionCap: 7,
      selfCareCap: 5,
      preferenceCap: null,
      sources: [{ kind: 'HARD_CAP', ruleId: null, cap: 7 }],
      limitedBy: [{ kind: 'HARD_CAP', ruleId: null, cap: 7 }],
    });
  });

  it.each([
    ['LIGHT', 3, 3],
    ['MEDIUM', 5, 5],
    ['FIRM', 7, 7],
    ['DEEP', 8, 7],
  ] as const)('preference %s maps to %s; the session cap is %s', (pressure, preferenceCap, sessionCap) => {
    const plan = screenIntake(intake({ preferences: { pressure } }), ctx()).pressurePlan;
    expect(plan.preferenceCap).toBe(preferenceCap);
    expect(plan.sessionCap).toBe(sessionCap);
  });

  it('takes the minimum of every fired rule cap and names the binding one', () => {
    const plan = screenIntake(
      intake({
        conditions: { anticoagulants: true, osteoporosis: true, fibromyalgia: true },
        preferences: { pressure: 'FIRM' },
      }),
      ctx({ isFirstSession: true }),
    ).pressurePlan;
    expect(plan.sources).toEqual([
      { kind: 'HARD_CAP', ruleId: null, cap: 7 },
      { kind: 'PREFERENCE', ruleId: null, cap: 7 },
      { kind: 'RULE', ruleId: 'M1', cap: 5 },
      { kind: 'RULE', ruleId: 'M2', cap: 4 },
      { kind: 'RULE', ruleId: 'M5', cap: 3 },
      { kind: 'RULE', ruleId: 'M13', cap: 6 },
    ]);
    expect(plan.sessionCap).toBe(3);
    expect(plan.limitedBy).toEqual([{ kind: 'RULE', ruleId: 'M5', cap: 3 }]);
    expect(plan.selfCareCap).toBe(3);
  });

  it('a lighter preference wins over a rule cap', () => {
    const plan = screenIntake(
      intake({ conditions: { bloodPressure: 'CONTROLLED' }, preferences: { pressure: 'LIGHT' } }),
      ctx(),
    ).pressurePlan;
    expect(plan.sessionCap).toBe(3);
    expect(plan.limitedBy.map((s) => s.kind)).toEqual(['PREFERENCE']);
  });

  it('lists every source that ties at the minimum', () => {
    const plan = screenIntake(
      intake({ conditions: { anticoagulants: true }, preferences: { pressure: 'MEDIUM' } }),
      ctx(),
    ).pressurePlan;
    expect(plan.limitedBy).toEqual([
      { kind: 'PREFERENCE', ruleId: null, cap: 5 },
      { kind: 'RULE', ruleId: 'M1', cap: 5 },
    ]);
  });

  it('cancer with clot risk is holds only: cap 1, homework 1', () => {
    const plan = screenIntake(
      intake({ conditions: { cancer: 'ACTIVE', clotRisk: true } }),
      ctx(),
    ).pressurePlan;
    expect(plan.sessionCap).toBe(1);
    expect(plan.selfCareCap).toBe(1);
  });

  it('M12 starts one level below the last cap, under M13 and the preference', () => {
    const feedback = { tooMuchPressure: false, postSessionMigraine: true, lastPlanCap: 6 };
    const plan = screenIntake(
      intake({ preferences: { pressure: 'DEEP' } }),
      ctx({ previousSession: feedback }),
    ).pressurePlan;
    expect(plan.sessionCap).toBe(5);
    expect(plan.limitedBy).toEqual([{ kind: 'RULE', ruleId: 'M12', cap: 5 }]);
  });

  it('M13 holds a first session at 6 even for a DEEP preference', () => {
    const plan = screenIntake(
      intake({ preferences: { pressure: 'DEEP' } }),
      ctx({ isFirstSession: true }),
    ).pressurePlan;
    expect(plan.sessionCap).toBe(6);
    expect(plan.selfCareCap).toBe(5);
  });
});

describe('ceilings', () => {
  const loose: RuleSet = {
    ...CURRENT_RULESET,
    version: 'test-loose',
    caps: { hardCap: 10, selfCareCap: 9, preferenceCaps: { LIGHT: 3, MEDIUM: 5, FIRM: 9, DEEP: 10 } },
  };

  it('no rule set can push a session above 8 or homework above 6', () => {
    const plan = screenIntake(intake({ preferences: { pressure: 'DEEP' } }), ctx(), loose).pressurePlan;
    expect(plan.sources.slice(0, 2)).toEqual([
      { kind: 'HARD_CAP', ruleId: null, cap: 8 },
      { kind: 'PREFERENCE', ruleId: null, cap: 8 },
    ]);
    expect(plan.sessionCap).toBe(8);
    expect(plan.selfCareCap).toBe(6);
  });

  it('clamps rule caps onto the scale', () => {
    const plan = computePressurePlan(
      CURRENT_RULESET.caps,
      null,
      [
        { kind: 'RULE', ruleId: 'X', cap: 12 },
        { kind: 'RULE', ruleId: 'Y', cap: 4.9 },
      ],
      null,
    );
    expect(plan.sources.map((s) => s.cap)).toEqual([7, 8, 4]);
    expect(plan.sessionCap).toBe(4);
  });
});

describe('agreed cap (day-of)', () => {
  it.each([
    [3, 3],
    [7, 7],
    [9, 7],
    [4.7, 4],
    [-2, 0],
  ])('a request of %s becomes %s', (requested, agreed) => {
    const result = screenDayOf(dayOf({ agreedPressureCap: requested }), intake(), ctx());
    expect(result.pressurePlan.effectiveCap).toBe(7);
    expect(result.pressurePlan.agreedCap).toBe(agreed);
    expect(result.pressurePlan.sessionCap).toBe(agreed);
    expect(clampAgreedCap(requested, result)).toBe(agreed);
  });

  it('an agreed cap below the rules becomes the binding source', () => {
    const result = screenDayOf(
      dayOf({ agreedPressureCap: 2 }),
      intake({ conditions: { osteoporosis: true } }),
      ctx(),
    );
    expect(result.pressurePlan.limitedBy).toEqual([{ kind: 'AGREED', ruleId: null, cap: 2 }]);
    expect(result.pressurePlan.selfCareCap).toBe(2);
  });

  it('a DEEP client asking for 10 at the door gets the effective cap, never more', () => {
    const result = screenDayOf(
      dayOf({ agreedPressureCap: 10 }),
      intake({ preferences: { pressure: 'DEEP' }, conditions: { bloodPressure: 'CONTROLLED' } }),
      ctx(),
    );
    expect(result.pressurePlan.sessionCap).toBe(6);
    expect(clampAgreedCap(10, result)).toBe(6);
  });

  it('refuses a cap that is not a number', () => {
    const result = screenIntake(intake(), ctx());
    expect(() => clampAgreedCap(Number.NaN, result)).toThrow(ScreeningInputError);
  });

  it('works for every preference without exceeding the effective cap', () => {
    for (const pressure of ['LIGHT', 'MEDIUM', 'FIRM', 'DEEP'] as PressurePreference[]) {
      const result = screenIntake(intake({ preferences: { pressure } }), ctx());
      expect(clampAgreedCap(10, result)).toBe(result.pressurePlan.effectiveCap);
    }
  });
});
