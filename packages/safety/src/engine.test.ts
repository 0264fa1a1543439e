import { describe, expect, it } from 'vitest';
import {
  accumulateModifications,
  applyGentleOnly,
  combineGentleOnly,
  decideOutcome,
  isPassing,
  screenDayOf,
  screenIntake,
} from './engine.ts';
import { ScreeningInputError } from './errors.ts';
import { GUIDANCE } from './guidance.ts';
import { CURRENT_RULESET } from './ruleset.ts';
import {
  before,
  ctx,
  DAY,
  dayOf,
  fired,
  firedIds,
  HOUR,
  intake,
  modificationCodes,
  NOW,
  SESSION,
} from './test-fixtures.ts';
import type { DayOfSymptom, IntakeAnswers, ScreeningResult } from './types.ts';

function inputError(run: () => unknown): ScreeningInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScreeningInputError) return error;
    throw error;
  }
  throw new Error('expected a ScreeningInputError');
}

const attack = intake({ currentState: { inAttackNow: true } });

describe('outcome', () => {
  it('an all-no intake is CLEAR, carrying M6 and the default caps', () => {
    const result = screenIntake(intake(), ctx());
    expect(result.outcome).toBe('CLEAR');
    expect(result.firedRules.map((f) => f.id)).toEqual(['M6']);
    expect(modificationCodes(result)).toEqual(['CAROTID_ENDANGERMENT_SITE']);
    expect(result.pressurePlan.sessionCap).toBe(7);
    expect(result.pressurePlan.selfCareCap).toBe(5);
    expect(result.urgent).toBe(false);
    expect(result.gentleOnly).toBeNull();
    expect(result.guidance).toBe(GUIDANCE.CLEAR);
    expect(result.check).toBe('INTAKE');
    expect(result.ruleSetVersion).toBe(CURRENT_RULESET.version);
    expect(result.evaluatedAt).toEqual(NOW);
    expect(isPassing(result)).toBe(true);
  });

  it('any non-standing MODIFY rule makes CLEAR_WITH_MODIFICATIONS', () => {
    const result = screenIntake(intake({ conditions: { osteoporosis: true } }), ctx());
    expect(result.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(result.guidance).toBe(GUIDANCE.CLEAR_WITH_MODIFICATIONS);
    expect(isPassing(result)).toBe(true);
  });

  it('REFER beats DEFER beats MODIFY, and every fired rule is still listed', () => {
    const all = intake({
      redFlags: { thunderclapOnset: true },
      currentState: { inAttackNow: true },
      conditions: { osteoporosis: true },
    });
    const refer = screenIntake(all, ctx());
    expect(refer.outcome).toBe('REFER');
    expect(firedIds(refer)).toEqual(['R1', 'D2', 'M2', 'M7']);
    expect(refer.gentleOnly).toBeNull();
    expect(isPassing(refer)).toBe(false);

    const defer = screenIntake({ ...all, redFlags: intake().redFlags }, ctx());
    expect(defer.outcome).toBe('DEFER');
    expect(firedIds(defer)).toEqual(['D2', 'M2', 'M7']);
    expect(isPassing(defer)).toBe(false);
  });

  it('decideOutcome follows the precedence for any mix', () => {
    const r = { outcome: 'REFER' as const, standing: false };
    const d = { outcome: 'DEFER' as const, standing: false };
    const m = { outcome: 'MODIFY' as const, standing: false };
    const s = { outcome: 'MODIFY' as const, standing: true };
    expect(decideOutcome([m, d, r, s])).toBe('REFER');
    expect(decideOutcome([s, m, d])).toBe('DEFER');
    expect(decideOutcome([s, m])).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(decideOutcome([s])).toBe('CLEAR');
    expect(decideOutcome([])).toBe('CLEAR');
  });

  it('urgent REFER says seek care now; routine REFER says see a physician', () => {
    const urgent = screenIntake(intake({ redFlags: { thunderclapOnset: true } }), ctx());
    expect(urgent.urgent).toBe(true);
    expect(urgent.guidance).toMatch(/seek medical care now/);

    const routine = screenIntake(intake({ redFlags: { patternChange: true } }), ctx());
    expect(routine.urgent).toBe(false);
    expect(routine.guidance).toMatch(/see a physician before booking/);
  });

  it('one urgent REFER rule among routine ones makes the result urgent', () => {
    const result = screenIntake(
      intake({ redFlags: { patternChange: true, painfulRedEye: true, dvtKnownOrSuspected: true } }),
      ctx(),
    );
    expect(firedIds(result)).toEqual(['R5', 'R9', 'R11']);
    expect(result.urgent).toBe(true);
  });

  it('DEFER offers rescheduling at no fee', () => {
    const result = screenIntake(intake({ currentState: { temperatureCelsius: 38.5 } }), ctx());
    expect(result.outcome).toBe('DEFER');
    expect(result.guidance).toBe(GUIDANCE.DEFER);
  });
});

describe('modifications', () => {
  it('accumulate from every fired rule, de-duplicated, with their sources', () => {
    const result = screenIntake(
      intake({
        redFlags: {
          neckTreatments: [{ kind: 'NECK_MASSAGE', at: before(NOW, 5 * DAY) }],
          neckWarningSymptoms: ['NAUSEA'],
        },
        recentEvents: { whiplashAt: before(SESSION, 10 * HOUR) },
        conditions: { osteoporosis: true, longTermSteroids: true },
      }),
      ctx(),
    );
    expect(result.outcome).toBe('REFER');
    const m7 = result.modifications.filter((m) => m.code === 'NO_NECK_MOBILISATION_OR_STRONG_STRETCHING');
    expect(m7).toHaveLength(1);
    expect(m7[0]?.sources).toEqual(['M7']);
    expect(result.modifications.find((m) => m.code === 'NO_NECK_WORK')?.sources).toEqual(['R10']);
  });

  it('the same area named twice appears once', () => {
    const scar = { area: 'ABDOMEN' as const, side: null, note: null };
    const result = screenIntake(
      intake({
        conditions: {
          localAreaIssues: [
            { kind: 'RECENT_SCAR', area: scar },
            { kind: 'WOUND', area: scar },
          ],
        },
      }),
      ctx(),
    );
    const avoid = result.modifications.filter((m) => m.code === 'AVOID_AREA');
    expect(avoid).toHaveLength(1);
    expect(avoid[0]?.sources).toEqual(['M11']);
  });

  it('a modification asked for by two rules appears once, credited to both', () => {
    const noNeck = { code: 'NO_NECK_WORK' as const, text: 'No neck work.' };
    const merged = accumulateModifications(
      [
        { ruleId: 'D4', modifications: [noNeck] },
        { ruleId: 'D4', modifications: [noNeck] },
      ],
      [{ ...noNeck, sources: ['R10'] }],
    );
    expect(merged).toEqual([{ ...noNeck, sources: ['R10', 'D4'] }]);
  });

  it('essential oils are off by default, on with consent, and off again when M8 fires', () => {
    expect(screenIntake(intake(), ctx()).preferences.essentialOilsAllowed).toBe(false);
    const consent = intake({ preferences: { essentialOilConsent: true } });
    expect(screenIntake(consent, ctx()).preferences.essentialOilsAllowed).toBe(true);
    const scents = intake({ preferences: { essentialOilConsent: true }, triggers: { scents: true } });
    expect(screenIntake(scents, ctx()).preferences.essentialOilsAllowed).toBe(false);
  });

  it('focus and avoid areas travel with the result without changing the outcome', () => {
    const feet = { area: 'FEET' as const, side: null, note: 'ticklish' };
    const neck = { area: 'NECK' as const, side: null, note: null };
    const result = screenIntake(intake({ preferences: { avoidAreas: [feet], focusAreas: [neck] } }), ctx());
    expect(result.outcome).toBe('CLEAR');
    expect(result.preferences.avoidAreas).toEqual([feet]);
    expect(result.preferences.focusAreas).toEqual([neck]);
  });
});

describe('gentle-only', () => {
  it('D2 alone offers hands and feet only, no head or neck pressure, cap 2', () => {
    const result = screenIntake(attack, ctx());
    expect(result.outcome).toBe('DEFER');
    expect(result.gentleOnly).toEqual({
      ruleIds: ['D2'],
      description: 'Hands and feet only, no head or neck pressure, pressure at most 2/10.',
      allowedAreas: ['HANDS', 'FEET'],
      pressureCap: 2,
      modifications: [
        { code: 'HANDS_AND_FEET_ONLY', text: 'Hands and feet only.' },
        { code: 'NO_HEAD_OR_NECK_PRESSURE', text: 'No pressure on the head or neck.' },
      ],
      confirmationsRequired: [],
    });
    expect(result.guidance).toMatch(
      /^Today is not the right day.*reschedule at no fee\. Or you can choose a gentle-only/,
    );
  });

  it('D2 + D4 combine: hands and feet, no neck work, cap 2', () => {
    const result = screenIntake(
      intake({
        currentState: { allodyniaNow: true },
        recentEvents: { whiplashAt: before(SESSION, 24 * HOUR) },
      }),
      ctx(),
    );
    expect(result.gentleOnly?.ruleIds).toEqual(['D2', 'D4']);
    expect(result.gentleOnly?.allowedAreas).toEqual(['HANDS', 'FEET']);
    expect(result.gentleOnly?.pressureCap).toBe(2);
    expect(result.gentleOnly?.modifications.map((m) => m.code)).toEqual([
      'HANDS_AND_FEET_ONLY',
      'NO_HEAD_OR_NECK_PRESSURE',
      'NO_NECK_WORK',
    ]);
  });

  it('D4 alone: no neck work, no area limit, no extra cap', () => {
    const result = screenIntake(intake({ recentEvents: { whiplashAt: before(SESSION, HOUR) } }), ctx());
    expect(result.gentleOnly).toMatchObject({ allowedAreas: null, pressureCap: null, ruleIds: ['D4'] });
    expect(result.gentleOnly?.modifications.map((m) => m.code)).toEqual(['NO_NECK_WORK']);
  });

  it('D5 avoids the named surgical area and the open incision', () => {
    const result = screenIntake(
      intake({
        recentEvents: {
          openIncision: { area: 'ABDOMEN', side: null, note: 'keyhole port' },
          surgery: {
            at: before(SESSION, 20 * DAY),
            area: { area: 'SHOULDERS', side: 'RIGHT', note: null },
            surgeonCleared: false,
          },
        },
      }),
      ctx(),
    );
    expect(result.gentleOnly?.modifications).toEqual([
      {
        code: 'AVOID_AREA',
        area: 'ABDOMEN',
        side: null,
        note: 'keyhole port',
        text: 'Avoid the abdomen (keyhole port): open incision.',
      },
      {
        code: 'AVOID_AREA',
        area: 'SHOULDERS',
        side: 'RIGHT',
        note: null,
        text: 'Avoid the shoulders, right side: recent surgery.',
      },
    ]);
  });

  it('D5 with an open incision and a cleared surgery avoids only the incision', () => {
    const result = screenIntake(
      intake({
        recentEvents: {
          openIncision: { area: 'HIPS', side: 'LEFT', note: null },
          surgery: {
            at: before(SESSION, 20 * DAY),
            area: { area: 'SHOULDERS', side: 'RIGHT', note: null },
            surgeonCleared: true,
          },
        },
      }),
      ctx(),
    );
    expect(result.gentleOnly?.modifications.map((m) => (m.code === 'AVOID_AREA' ? m.area : m.code))).toEqual([
      'HIPS',
    ]);
  });

  it('D9 is a soft hold: start once water and a snack are confirmed', () => {
    const result = screenIntake(intake({ currentState: { dehydrated: true } }), ctx());
    expect(result.gentleOnly).toMatchObject({
      confirmationsRequired: ['WATER_AND_SNACK'],
      allowedAreas: null,
    });
    const applied = applyGentleOnly(result);
    expect(applied?.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(applied && modificationCodes(applied)).toContain('CONFIRM_WATER_AND_SNACK');
    expect(applied?.pressurePlan.sessionCap).toBe(7);
  });

  it.each([
    ['D1 fever', { currentState: { temperatureCelsius: 38.2 } }],
    [
      'D3 aura',
      { headache: { hasUsualAura: true, auraDiagnosedByClinician: true }, currentState: { auraNow: true } },
    ],
    ['D6 intoxicated', { currentState: { intoxicated: true } }],
    ['D7 early pregnancy', { pregnancy: { status: 'PREGNANT' as const, weeksPregnant: 8 } }],
    ['D8 fibromyalgia flare', { currentState: { fibromyalgiaFlare: true } }],
  ])('is not offered for %s', (_name, patch) => {
    const result = screenIntake(intake(patch), ctx());
    expect(result.outcome).toBe('DEFER');
    expect(result.gentleOnly).toBeNull();
    expect(applyGentleOnly(result)).toBeNull();
  });

  it('is not offered when one fired DEFER rule forbids it (D2 + D1)', () => {
    const result = screenIntake(
      intake({ currentState: { inAttackNow: true, acuteContagiousIllness: true } }),
      ctx(),
    );
    expect(firedIds(result)).toEqual(['D1', 'D2']);
    expect(result.gentleOnly).toBeNull();
  });

  it('is not offered on REFER even if the DEFER rules allow it', () => {
    const result = screenIntake(
      intake({ currentState: { inAttackNow: true }, redFlags: { suspectedFractureOrInstability: true } }),
      ctx(),
    );
    expect(result.outcome).toBe('REFER');
    expect(result.gentleOnly).toBeNull();
    expect(applyGentleOnly(result)).toBeNull();
  });

  it('applying it gives a passing result with the gentle constraints and the lower cap', () => {
    const deferred = screenIntake(attack, ctx({ isFirstSession: true }));
    const applied = applyGentleOnly(deferred);
    expect(applied).not.toBeNull();
    if (applied === null) return;
    expect(applied.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(isPassing(applied)).toBe(true);
    expect(applied.gentleOnlyApplied).toBe(true);
    expect(applied.firedRules).toEqual(deferred.firedRules);
    expect(applied.pressurePlan.sessionCap).toBe(2);
    expect(applied.pressurePlan.selfCareCap).toBe(2);
    expect(applied.pressurePlan.limitedBy).toEqual([{ kind: 'GENTLE_ONLY', ruleId: 'D2', cap: 2 }]);
    expect(applied.modifications.find((m) => m.code === 'HANDS_AND_FEET_ONLY')?.sources).toEqual(['D2']);
    expect(modificationCodes(applied)).toContain('CAROTID_ENDANGERMENT_SITE');
    expect(applied.guidance).toMatch(/^Gentle-only session: Hands and feet only/);
    // The original DEFER result is left untouched.
    expect(deferred.outcome).toBe('DEFER');
    expect(deferred.pressurePlan.sessionCap).toBe(6);
  });

  it('cannot be applied twice or to a passing result', () => {
    const applied = applyGentleOnly(screenIntake(attack, ctx()));
    expect(applied && applyGentleOnly(applied)).toBeNull();
    expect(applyGentleOnly(screenIntake(intake(), ctx()))).toBeNull();
  });

  it('lowers an agreed cap that was above the gentle cap', () => {
    const result = screenDayOf(dayOf({ inAttackNow: true, agreedPressureCap: 5 }), intake(), ctx());
    expect(result.pressurePlan.agreedCap).toBe(5);
    const applied = applyGentleOnly(result);
    expect(applied?.pressurePlan.agreedCap).toBe(2);
    expect(applied?.pressurePlan.sessionCap).toBe(2);
  });

  it('combines to nothing when the allowed areas do not overlap', () => {
    const noNeck = { code: 'NO_NECK_WORK' as const, text: 'No neck work.' };
    const only = (areas: ('HANDS' | 'FEET' | 'HEAD')[]) => ({
      description: '',
      allowedAreas: areas,
      pressureCap: 3,
      modifications: [],
      confirmationsRequired: [],
    });
    expect(
      combineGentleOnly([
        { id: 'X1', outcome: 'DEFER', gentleOnly: only(['HANDS']) },
        { id: 'X2', outcome: 'DEFER', gentleOnly: only(['HEAD']) },
      ]),
    ).toBeNull();
    expect(
      combineGentleOnly([
        { id: 'X1', outcome: 'DEFER', gentleOnly: only(['HANDS', 'FEET']) },
        {
          id: 'X2',
          outcome: 'DEFER',
          gentleOnly: { ...only(['FEET']), pressureCap: 1, modifications: [noNeck] },
        },
        { id: 'X3', outcome: 'DEFER', gentleOnly: { ...only(['FEET', 'HEAD']), modifications: [noNeck] } },
        { id: 'M1', outcome: 'MODIFY', gentleOnly: null },
      ]),
    ).toEqual({
      ruleIds: ['X1', 'X2', 'X3'],
      description: '  ',
      allowedAreas: ['FEET'],
      pressureCap: 1,
      modifications: [noNeck],
      confirmationsRequired: [],
    });
    expect(combineGentleOnly([{ id: 'M1', outcome: 'MODIFY', gentleOnly: null }])).toBeNull();
  });
});

describe('current-state answers at booking', () => {
  const fever = intake({ currentState: { temperatureCelsius: 38.4, inAttackNow: true, dehydrated: true } });

  it('count when the session starts within 24 h of answering', () => {
    const result = screenIntake(fever, ctx({ sessionStart: new Date(NOW.getTime() + 24 * HOUR) }));
    expect(firedIds(result)).toEqual(['R2', 'D1', 'D2']);
  });

  it('do not count for a session more than 24 h away (the day-of check asks again)', () => {
    const result = screenIntake(fever, ctx({ sessionStart: new Date(NOW.getTime() + 25 * HOUR) }));
    expect(result.outcome).toBe('CLEAR');
  });

  it('water and food count only within 4 h of the session', () => {
    const thirsty = intake({ currentState: { nothingEatenInLast4Hours: true } });
    expect(
      firedIds(screenIntake(thirsty, ctx({ sessionStart: new Date(NOW.getTime() + 4 * HOUR) }))),
    ).toEqual(['D9']);
    expect(
      firedIds(screenIntake(thirsty, ctx({ sessionStart: new Date(NOW.getTime() + 5 * HOUR) }))),
    ).toEqual([]);
  });

  it('are measured from answeredAt when the server recorded it', () => {
    const old = { ...fever, answeredAt: before(SESSION, 30 * HOUR) };
    expect(screenIntake(old, ctx()).outcome).toBe('CLEAR');
  });

  it('a fibromyalgia flare outside the window leaves the M5 precautions in place', () => {
    const result = screenIntake(
      intake({ conditions: { fibromyalgia: true }, currentState: { fibromyalgiaFlare: true } }),
      ctx({ sessionStart: new Date(NOW.getTime() + 3 * DAY) }),
    );
    expect(firedIds(result)).toEqual(['M5']);
  });
});

describe('day-of check', () => {
  it('an uneventful door check on an all-no intake is CLEAR', () => {
    const result = screenDayOf(dayOf(), intake(), ctx());
    expect(result.check).toBe('DAY_OF');
    expect(result.outcome).toBe('CLEAR');
    expect(result.pressurePlan.agreedCap).toBeNull();
  });

  it('asks the current state fresh, whatever the booking lead time', () => {
    const far = ctx({ now: SESSION, sessionStart: SESSION });
    const booked = { ...intake(), answeredAt: before(SESSION, 10 * DAY) };
    expect(firedIds(screenDayOf(dayOf({ inAttackNow: true }), booked, far))).toEqual(['D2']);
    expect(firedIds(screenDayOf(dayOf({ touchSensitivityNow: true }), booked, far))).toEqual(['D2']);
    expect(firedIds(screenDayOf(dayOf({ drankWaterInLast4Hours: false }), booked, far))).toEqual(['D9']);
    expect(firedIds(screenDayOf(dayOf({ ateInLast4Hours: false }), booked, far))).toEqual(['D9']);
  });

  it('replaces the booking-time current state with the door answers', () => {
    const sickAtBooking = intake({ currentState: { inAttackNow: true, temperatureCelsius: 38.5 } });
    expect(screenDayOf(dayOf(), sickAtBooking, ctx()).outcome).toBe('CLEAR');
  });

  it.each([
    [38.0, 0, ['D1']],
    [37.9, 0, []],
    [38.0, 4, ['R2', 'D1']],
  ])('fever %s °C with pain %s → %j', (temperatureCelsius, currentPain, ids) => {
    expect(firedIds(screenDayOf(dayOf({ temperatureCelsius, currentPain }), intake(), ctx()))).toEqual(ids);
  });

  it('a reported fever without a reading defers', () => {
    expect(firedIds(screenDayOf(dayOf({ feverReported: true }), intake(), ctx()))).toEqual(['D1']);
  });

  it('an aura now is D3 for a known aura and R3 for someone who never had one', () => {
    const known = intake({ headache: { hasUsualAura: true, auraDiagnosedByClinician: true } });
    expect(firedIds(screenDayOf(dayOf({ auraNow: true }), known, ctx()))).toEqual(['D3']);
    expect(firedIds(screenDayOf(dayOf({ auraNow: true }), intake(), ctx()))).toEqual(['R3', 'D3']);
  });

  const fifty = new Date('1970-01-01T00:00:00.000Z');
  const recentNeck = intake({
    redFlags: { neckTreatments: [{ kind: 'NECK_MASSAGE', at: before(NOW, 14 * DAY) }] },
  });
  const cases: [DayOfSymptom, IntakeAnswers, string, 'URGENT' | 'ROUTINE' | null][] = [
    ['THUNDERCLAP_HEADACHE', intake(), 'R1', 'URGENT'],
    ['HEADACHE_WITH_FEVER_STIFF_NECK_OR_RASH', intake(), 'R2', 'URGENT'],
    ['WEAKNESS', intake(), 'R3', 'URGENT'],
    ['CONFUSION', intake(), 'R3', 'URGENT'],
    ['SEIZURE', intake(), 'R3', 'URGENT'],
    ['FAINTING', intake(), 'R3', 'URGENT'],
    ['VISION_LOSS', intake(), 'R3', 'URGENT'],
    ['PATTERN_CHANGE', intake(), 'R5', 'ROUTINE'],
    ['HEADACHE_WITH_COUGH_STRAIN_OR_EXERTION', intake(), 'R5', 'ROUTINE'],
    ['HEADACHE_CHANGES_WITH_POSTURE', intake(), 'R5', 'ROUTINE'],
    ['HEADACHE_UNLIKE_USUAL', intake(), 'R5', 'ROUTINE'],
    ['HEAD_INJURY', intake(), 'R6', 'URGENT'],
    ['PAINFUL_RED_EYE', intake(), 'R9', 'URGENT'],
    ['HEADACHE_BEGAN_WITH_NEW_MEDICATION', intake(), 'R9', 'ROUTINE'],
    ['HEADACHE_BEGAN_WITH_PAINKILLER_OVERUSE', intake(), 'R9', 'ROUTINE'],
    ['CALF_PAIN_OR_SWELLING', intake(), 'R11', 'ROUTINE'],
    ['WHIPLASH_WITH_NEURO_DEFICIT', intake(), 'R13', 'URGENT'],
    ['SUSPECTED_FRACTURE_OR_INSTABILITY', intake(), 'R13', 'URGENT'],
    ['NEW_HEADACHE', intake({ conditions: { cancer: 'HISTORY' } }), 'R8', 'ROUTINE'],
    ['JAW_PAIN_ON_CHEWING', intake({ redFlags: { newHeadache: true } }), 'R4', 'URGENT'],
    ['SCALP_TENDERNESS', intake({ redFlags: { newHeadache: true } }), 'R4', 'URGENT'],
    ['VISION_CHANGE', intake({ pregnancy: { status: 'PREGNANT', weeksPregnant: 30 } }), 'R7', 'URGENT'],
    ['UPPER_ABDOMINAL_PAIN', intake({ pregnancy: { status: 'POSTPARTUM' } }), 'R7', 'URGENT'],
    ['DIZZINESS', recentNeck, 'R10', 'URGENT'],
    ['NYSTAGMUS', recentNeck, 'R10', 'URGENT'],
    ['DROP_ATTACKS', recentNeck, 'R10', 'URGENT'],
    ['LOSS_OF_BALANCE', recentNeck, 'R10', 'URGENT'],
    ['NEW_OR_UNUSUAL_NECK_PAIN', recentNeck, 'R10', 'URGENT'],
    ['DOUBLE_VISION', recentNeck, 'R10', 'URGENT'],
  ];

  it.each(cases)('new symptom %s → %s', (symptom, base, ruleId, urgency) => {
    const context = ruleId === 'R4' ? ctx({ dateOfBirth: fifty }) : ctx();
    const result = screenDayOf(dayOf({ newSymptomsSinceBooking: [symptom] }), base, context);
    expect(result.outcome).toBe('REFER');
    expect(fired(result, ruleId)?.urgency).toBe(urgency);
  });

  it('swelling alone in pregnancy does not refer; with a persistent headache it does', () => {
    const pregnant = intake({ pregnancy: { status: 'PREGNANT', weeksPregnant: 30 } });
    expect(screenDayOf(dayOf({ newSymptomsSinceBooking: ['SWELLING'] }), pregnant, ctx()).outcome).toBe(
      'CLEAR_WITH_MODIFICATIONS',
    );
    const withHeadache = {
      ...pregnant,
      pregnancy: { ...pregnant.pregnancy, newDifferentOrPersistentHeadache: true },
    };
    expect(
      firedIds(screenDayOf(dayOf({ newSymptomsSinceBooking: ['SWELLING'] }), withHeadache, ctx())),
    ).toEqual(['R7', 'M10']);
  });

  it('new numbness is R3 even when the intake said the neuro symptoms were the usual aura', () => {
    const auraIntake = intake({
      headache: { hasUsualAura: true, auraDiagnosedByClinician: true },
      redFlags: { newNeurologicalSymptoms: ['VISION_LOSS'], neuroSymptomsMatchUsualAura: true },
    });
    expect(screenDayOf(dayOf(), auraIntake, ctx()).outcome).toBe('CLEAR');
    const result = screenDayOf(dayOf({ newSymptomsSinceBooking: ['NUMBNESS'] }), auraIntake, ctx());
    expect(firedIds(result)).toEqual(['R3']);
  });

  it('a head injury since booking is urgent even if the intake had an old one', () => {
    const oldInjury = intake({
      redFlags: { headacheAfterHeadInjury: true, headInjuryAt: new Date('2020-01-01T00:00:00.000Z') },
    });
    expect(fired(screenDayOf(dayOf(), oldInjury, ctx()), 'R6')?.urgency).toBe('ROUTINE');
    const result = screenDayOf(dayOf({ newSymptomsSinceBooking: ['HEAD_INJURY'] }), oldInjury, ctx());
    expect(fired(result, 'R6')?.urgency).toBe('URGENT');
  });

  it('new calf symptoms override an earlier DVT clearance', () => {
    const cleared = intake({ redFlags: { dvtKnownOrSuspected: true, dvtMedicallyCleared: true } });
    expect(screenDayOf(dayOf(), cleared, ctx()).outcome).toBe('CLEAR');
    expect(
      firedIds(screenDayOf(dayOf({ newSymptomsSinceBooking: ['CALF_PAIN_OR_SWELLING'] }), cleared, ctx())),
    ).toEqual(['R11']);
  });

  it('a new medication with a new kind of headache today is R9', () => {
    const result = screenDayOf(
      dayOf({ newMedicationSinceIntake: true, newSymptomsSinceBooking: ['HEADACHE_UNLIKE_USUAL'] }),
      intake(),
      ctx(),
    );
    expect(firedIds(result)).toEqual(['R5', 'R9']);
    expect(screenDayOf(dayOf({ newMedicationSinceIntake: true }), intake(), ctx()).outcome).toBe('CLEAR');
  });

  it('medication taken today is checked for blood thinners (M1)', () => {
    const result = screenDayOf(dayOf({ medicationsTakenToday: ['rivaroxaban 20mg'] }), intake(), ctx());
    expect(firedIds(result)).toEqual(['M1']);
    expect(result.pressurePlan.sessionCap).toBe(5);
  });

  it('re-screens the updated intake in place of the stored one', () => {
    const stored = intake({ conditions: { osteoporosis: true } });
    const updated = intake({ conditions: { bloodPressure: 'UNCONTROLLED' } });
    expect(firedIds(screenDayOf(dayOf(), stored, ctx()))).toEqual(['M2', 'M7']);
    expect(firedIds(screenDayOf(dayOf({ updatedIntake: updated }), stored, ctx()))).toEqual(['R12']);
  });

  it('carries a stale illness answer until the client reports a change', () => {
    const ill = intake({ currentState: { acuteContagiousIllness: true, intoxicated: false } });
    expect(firedIds(screenDayOf(dayOf(), ill, ctx()))).toEqual(['D1']);
    expect(screenDayOf(dayOf({ updatedIntake: intake() }), ill, ctx()).outcome).toBe('CLEAR');
  });

  it('keeps avoid areas from the intake and adds the door ones; door focus areas replace the intake ones', () => {
    const knee = { area: 'LEGS' as const, side: 'RIGHT' as const, note: 'knee' };
    const feet = { area: 'FEET' as const, side: null, note: null };
    const neck = { area: 'NECK' as const, side: null, note: null };
    const jaw = { area: 'JAW' as const, side: null, note: null };
    const base = intake({ preferences: { avoidAreas: [knee], focusAreas: [neck] } });
    const result = screenDayOf(dayOf({ avoidAreas: [feet, knee], focusAreas: [jaw] }), base, ctx());
    expect(result.preferences.avoidAreas).toEqual([knee, feet]);
    expect(result.preferences.focusAreas).toEqual([jaw]);
    expect(screenDayOf(dayOf(), base, ctx()).preferences.focusAreas).toEqual([neck]);
  });

  it('takes oil consent from the door', () => {
    const consented = intake({ preferences: { essentialOilConsent: true } });
    expect(screenDayOf(dayOf(), consented, ctx()).preferences.essentialOilsAllowed).toBe(false);
    expect(
      screenDayOf(dayOf({ essentialOilConsent: true }), intake(), ctx()).preferences.essentialOilsAllowed,
    ).toBe(true);
  });

  it('projects pregnancy weeks from when the intake was answered', () => {
    const answered = intake({
      answeredAt: before(SESSION, 21 * DAY),
      pregnancy: { status: 'PREGNANT', weeksPregnant: 10 },
    });
    // 10 weeks three weeks ago is 13 at the door: no longer D7, and M10 from the second trimester.
    expect(firedIds(screenDayOf(dayOf(), answered, ctx()))).toEqual(['M10']);
  });
});

describe('input validation', () => {
  it('rejects invalid context dates', () => {
    const error = inputError(() =>
      screenIntake(intake(), ctx({ now: new Date('nope'), dateOfBirth: new Date(NaN) })),
    );
    expect(error.problems.map((p) => p.field)).toEqual(['ctx.now', 'ctx.dateOfBirth']);
    expect(error.message).toMatch(/ctx\.now: must be a valid date/);
  });

  it('rejects a Fahrenheit reading in the Celsius field', () => {
    const error = inputError(() =>
      screenIntake(intake({ currentState: { temperatureCelsius: 100.4 } }), ctx()),
    );
    expect(error.problems).toEqual([
      { field: 'answers.currentState.temperatureCelsius', message: 'must be in °C between 30 and 45' },
    ]);
  });

  it.each([
    ['answers.currentState.currentHeadachePain', intake({ currentState: { currentHeadachePain: 11 } })],
    ['answers.currentState.currentHeadachePain', intake({ currentState: { currentHeadachePain: 2.5 } })],
    ['answers.currentState.temperatureCelsius', intake({ currentState: { temperatureCelsius: Number.NaN } })],
    ['answers.pregnancy.weeksPregnant', intake({ pregnancy: { status: 'PREGNANT', weeksPregnant: 50 } })],
    ['answers.pregnancy.weeksPregnant', intake({ pregnancy: { status: 'PREGNANT', weeksPregnant: -1 } })],
    [
      'answers.pregnancy.weeksPregnant',
      intake({ pregnancy: { status: 'PREGNANT', weeksPregnant: Number.NaN } }),
    ],
    ['answers.answeredAt', intake({ answeredAt: new Date('x') })],
    ['answers.redFlags.headInjuryAt', intake({ redFlags: { headInjuryAt: new Date('x') } })],
    [
      'answers.redFlags.neckTreatments.0.at',
      intake({ redFlags: { neckTreatments: [{ kind: 'NECK_MASSAGE', at: new Date('x') }] } }),
    ],
    ['answers.recentEvents.whiplashAt', intake({ recentEvents: { whiplashAt: new Date('x') } })],
    [
      'answers.recentEvents.surgery.at',
      intake({
        recentEvents: {
          surgery: {
            at: new Date('x'),
            area: { area: 'HIPS', side: null, note: null },
            surgeonCleared: false,
          },
        },
      }),
    ],
    [
      'answers.recentEvents.lastChemotherapyAt',
      intake({ recentEvents: { lastChemotherapyAt: new Date('x') } }),
    ],
  ])('rejects %s', (field, answers) => {
    expect(inputError(() => screenIntake(answers, ctx())).problems.map((p) => p.field)).toEqual([field]);
  });

  it.each([0, 11, 2.5])('rejects a previous plan cap of %s', (lastPlanCap) => {
    const context = ctx({
      previousSession: { tooMuchPressure: true, postSessionMigraine: false, lastPlanCap },
    });
    expect(inputError(() => screenIntake(intake(), context)).problems[0]?.field).toBe(
      'ctx.previousSession.lastPlanCap',
    );
  });

  it('rejects bad day-of answers, including the updated intake', () => {
    const error = inputError(() =>
      screenDayOf(
        dayOf({
          currentPain: -1,
          temperatureCelsius: 20,
          agreedPressureCap: Number.POSITIVE_INFINITY,
          updatedIntake: intake({ recentEvents: { whiplashAt: new Date('x') } }),
        }),
        intake({ answeredAt: new Date('x') }),
        ctx(),
      ),
    );
    expect(error.problems.map((p) => p.field)).toEqual([
      'intake.answeredAt',
      'dayOf.currentPain',
      'dayOf.temperatureCelsius',
      'dayOf.agreedPressureCap',
      'dayOf.updatedIntake.recentEvents.whiplashAt',
    ]);
  });
});

describe('determinism', () => {
  it('gives the same result for the same input and never mutates the answers', () => {
    const answers = intake({
      conditions: {
        osteoporosis: true,
        localAreaIssues: [{ kind: 'RASH', area: { area: 'ARMS', side: 'LEFT', note: null } }],
      },
      currentState: { inAttackNow: true },
    });
    const snapshot = structuredClone(answers);
    const first: ScreeningResult = screenIntake(answers, ctx());
    const second: ScreeningResult = screenIntake(answers, ctx());
    expect(second).toEqual(first);
    expect(answers).toEqual(snapshot);
    const door = dayOf({
      newSymptomsSinceBooking: ['DIZZINESS'],
      avoidAreas: [{ area: 'FEET', side: null, note: null }],
    });
    const doorSnapshot = structuredClone(door);
    screenDayOf(door, answers, ctx());
    expect(door).toEqual(doorSnapshot);
    expect(answers).toEqual(snapshot);
  });

  it('depends on the dates passed in, not on the clock', () => {
    const answers = intake({ recentEvents: { whiplashAt: new Date('2000-01-01T00:00:00.000Z') } });
    const then = new Date('2000-01-02T00:00:00.000Z');
    expect(firedIds(screenIntake(answers, ctx({ now: then, sessionStart: then })))).toEqual(['D4']);
    expect(firedIds(screenIntake(answers, ctx()))).toEqual([]);
  });
});
