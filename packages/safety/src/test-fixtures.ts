// Builders for the tests: the all-"no" intake with a section-level patch, a
// context four hours before the session, and small result accessors.

import { emptyDayOfAnswers, emptyIntakeAnswers } from './intake.ts';
import type { DayOfAnswers, IntakeAnswers, ScreeningContext, ScreeningResult } from './types.ts';

export const NOW = new Date('2026-11-21T10:00:00.000Z');
/** Four hours after NOW: current-state and hydration answers at booking still apply. */
export const SESSION = new Date('2026-11-21T14:00:00.000Z');

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function before(date: Date, ms: number): Date {
  return new Date(date.getTime() - ms);
}

export function ctx(patch: Partial<ScreeningContext> = {}): ScreeningContext {
  return {
    now: NOW,
    sessionStart: SESSION,
    dateOfBirth: new Date('1990-05-01T00:00:00.000Z'),
    isFirstSession: false,
    previousSession: null,
    requestedIntraOral: false,
    ...patch,
  };
}

export interface IntakePatch {
  answeredAt?: Date | null;
  headache?: Partial<IntakeAnswers['headache']>;
  triggers?: Partial<IntakeAnswers['triggers']>;
  redFlags?: Partial<IntakeAnswers['redFlags']>;
  pregnancy?: Partial<IntakeAnswers['pregnancy']>;
  recentEvents?: Partial<IntakeAnswers['recentEvents']>;
  currentState?: Partial<IntakeAnswers['currentState']>;
  conditions?: Partial<IntakeAnswers['conditions']>;
  allergies?: Partial<IntakeAnswers['allergies']>;
  medications?: string[];
  preferences?: Partial<IntakeAnswers['preferences']>;
}

export function intake(patch: IntakePatch = {}): IntakeAnswers {
  const base = emptyIntakeAnswers();
  return {
    answeredAt: patch.answeredAt === undefined ? base.answeredAt : patch.answeredAt,
    headache: { ...base.headache, ...patch.headache },
    triggers: { ...base.triggers, ...patch.triggers },
    redFlags: { ...base.redFlags, ...patch.redFlags },
    pregnancy: { ...base.pregnancy, ...patch.pregnancy },
    recentEvents: { ...base.recentEvents, ...patch.recentEvents },
    currentState: { ...base.currentState, ...patch.currentState },
    conditions: { ...base.conditions, ...patch.conditions },
    allergies: { ...base.allergies, ...patch.allergies },
    medications: patch.medications ?? base.medications,
    preferences: { ...base.preferences, ...patch.preferences },
  };
}

export function dayOf(patch: Partial<DayOfAnswers> = {}): DayOfAnswers {
  return { ...emptyDayOfAnswers(), ...patch };
}

/** Ids of the fired rules, without the standing M6 precaution. */
export function firedIds(result: ScreeningResult): string[] {
  return result.firedRules.filter((f) => !f.standing).map((f) => f.id);
}

export function fired(result: ScreeningResult, id: string) {
  return result.firedRules.find((f) => f.id === id);
}

export function modificationCodes(result: ScreeningResult): string[] {
  return result.modifications.map((m) => m.code);
}
