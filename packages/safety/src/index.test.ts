import { describe, expect, it } from 'vitest';
import * as safety from './index.ts';

describe('public API', () => {
  it('exports the entry points and data, and nothing internal', () => {
    expect(Object.keys(safety).sort()).toEqual([
      'CURRENT_FREE_TEXT_VOCABULARY',
      'CURRENT_RULESET',
      'FREE_TEXT_CONCEPTS',
      'FREE_TEXT_URGENT_GUIDANCE',
      'GUIDANCE',
      'HOMEWORK_ESCALATION_GUIDANCE',
      'NECK_WARNING_SYMPTOMS',
      'NEURO_SYMPTOMS',
      'PRESSURE_SCALE',
      'RULESETS',
      'RuleSetDefinitionError',
      'ScreeningInputError',
      'UnknownRuleError',
      'UnknownRuleSetVersionError',
      'applyGentleOnly',
      'checkHomeworkSymptoms',
      'clampAgreedCap',
      'createRuleSetRegistry',
      'defineRuleSet',
      'emptyDayOfAnswers',
      'emptyIntakeAnswers',
      'explain',
      'getRuleSet',
      'isPassing',
      'readFreeText',
      'redFlagSymptoms',
      'screenDayOf',
      'screenIntake',
    ]);
  });

  it('runs a booking and a door check end to end', () => {
    const now = new Date('2026-11-21T09:00:00.000Z');
    const sessionStart = new Date('2026-11-24T09:00:00.000Z');
    const context: safety.ScreeningContext = {
      now,
      sessionStart,
      dateOfBirth: new Date('1985-03-14T00:00:00.000Z'),
      isFirstSession: true,
      previousSession: null,
      requestedIntraOral: false,
    };
    const answers = safety.emptyIntakeAnswers();
    answers.answeredAt = now;
    answers.triggers.scents = true;
    answers.preferences.pressure = 'FIRM';

    const booking = safety.screenIntake(answers, context);
    expect(booking.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(booking.firedRules.map((f) => f.id)).toEqual(['M6', 'M8', 'M13']);
    expect(booking.pressurePlan.sessionCap).toBe(6);

    const door = safety.emptyDayOfAnswers();
    door.inAttackNow = true;
    door.agreedPressureCap = 4;
    const atDoor = safety.screenDayOf(door, answers, { ...context, now: sessionStart });
    expect(atDoor.outcome).toBe('DEFER');
    expect(safety.isPassing(atDoor)).toBe(false);

    const gentle = safety.applyGentleOnly(atDoor);
    expect(gentle && safety.isPassing(gentle)).toBe(true);
    expect(gentle?.pressurePlan.sessionCap).toBe(2);
    expect(gentle && safety.explain(gentle).rules.map((r) => r.id)).toEqual(['D2', 'M6', 'M8', 'M13']);
  });
});
