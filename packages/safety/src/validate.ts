// Input checks. An invalid date or a Fahrenheit reading in a Celsius field
// would quietly switch a rule off, so the engine refuses them instead.

import type { InputProblem } from './errors.ts';
import { isValidDate } from './time.ts';
import type { DayOfAnswers, IntakeAnswers, ScreeningContext } from './types.ts';

/** Plausible body temperatures in °C; outside this range it is probably °F or a typo. */
const TEMPERATURE_RANGE_C = { min: 30, max: 45 } as const;
const MAX_PREGNANCY_WEEKS = 45;

type Sink = (field: string, message: string) => void;

function collector(): { problems: InputProblem[]; add: Sink } {
  const problems: InputProblem[] = [];
  return { problems, add: (field, message) => problems.push({ field, message }) };
}

function date(add: Sink, field: string, value: Date | null | undefined): void {
  if (value != null && !isValidDate(value)) add(field, 'must be a valid date');
}

function integerIn(add: Sink, field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    add(field, `must be a whole number from ${min} to ${max}`);
  }
}

function temperature(add: Sink, field: string, value: number | null): void {
  if (value === null) return;
  if (!Number.isFinite(value) || value < TEMPERATURE_RANGE_C.min || value > TEMPERATURE_RANGE_C.max) {
    add(field, `must be in °C between ${TEMPERATURE_RANGE_C.min} and ${TEMPERATURE_RANGE_C.max}`);
  }
}

export function contextProblems(ctx: ScreeningContext): InputProblem[] {
  const { problems, add } = collector();
  for (const key of ['now', 'sessionStart', 'dateOfBirth'] as const) {
    if (!isValidDate(ctx[key])) add(`ctx.${key}`, 'must be a valid date');
  }
  if (ctx.previousSession !== null) {
    integerIn(add, 'ctx.previousSession.lastPlanCap', ctx.previousSession.lastPlanCap, 1, 10);
  }
  return problems;
}

export function intakeProblems(answers: IntakeAnswers, prefix: string): InputProblem[] {
  const { problems, add } = collector();
  const at = (field: string) => `${prefix}.${field}`;
  date(add, at('answeredAt'), answers.answeredAt);
  date(add, at('redFlags.headInjuryAt'), answers.redFlags.headInjuryAt);
  answers.redFlags.neckTreatments.forEach((t, n) => {
    date(add, at(`redFlags.neckTreatments.${n}.at`), t.at);
  });
  date(add, at('recentEvents.whiplashAt'), answers.recentEvents.whiplashAt);
  date(add, at('recentEvents.surgery.at'), answers.recentEvents.surgery?.at);
  date(add, at('recentEvents.lastChemotherapyAt'), answers.recentEvents.lastChemotherapyAt);
  const pain = answers.currentState.currentHeadachePain;
  if (pain !== null) integerIn(add, at('currentState.currentHeadachePain'), pain, 0, 10);
  temperature(add, at('currentState.temperatureCelsius'), answers.currentState.temperatureCelsius);
  const weeks = answers.pregnancy.weeksPregnant;
  if (weeks !== null && (!Number.isFinite(weeks) || weeks < 0 || weeks > MAX_PREGNANCY_WEEKS)) {
    add(at('pregnancy.weeksPregnant'), `must be from 0 to ${MAX_PREGNANCY_WEEKS}`);
  }
  return problems;
}

export function dayOfProblems(dayOf: DayOfAnswers): InputProblem[] {
  const { problems, add } = collector();
  integerIn(add, 'dayOf.currentPain', dayOf.currentPain, 0, 10);
  temperature(add, 'dayOf.temperatureCelsius', dayOf.temperatureCelsius);
  if (dayOf.agreedPressureCap !== null && !Number.isFinite(dayOf.agreedPressureCap)) {
    add('dayOf.agreedPressureCap', 'must be a number');
  }
  if (dayOf.updatedIntake !== null)
    problems.push(...intakeProblems(dayOf.updatedIntake, 'dayOf.updatedIntake'));
  return problems;
}
