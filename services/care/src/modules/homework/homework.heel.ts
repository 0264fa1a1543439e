/** Heel height step-down: how fast a client may lower their heels (safety-rules.md, "Pressure plan"). */
import { findHomeworkItem } from './homework.catalogue.ts';
import { EPSILON, formatInches, type PlanViolation } from './homework.policy.ts';

const HEEL = {
  maxStep: findHomeworkItem('heel-height-step-down')?.dose.stepInches?.max ?? 0.5,
  minWeeks: findHomeworkItem('heel-height-step-down')?.dose.holdWeeks?.min ?? 2,
};

export interface HeelStepCheck {
  readonly currentInches: number;
  readonly nextInches: number;
  /** Whole weeks the client has worn the current height. */
  readonly weeksAtCurrent: number;
}

/** Checks one proposed heel change: at most 1/2 inch, after at least 2 weeks, never straight to flat. */
export function validateHeelStep(step: HeelStepCheck): PlanViolation[] {
  const { currentInches, nextInches, weeksAtCurrent } = step;
  const base = { itemId: 'heel-height-step-down' };
  if (![currentInches, nextInches, weeksAtCurrent].every((n) => Number.isFinite(n) && n >= 0)) {
    return [
      { code: 'HEEL_HEIGHT_INVALID', ...base, message: 'Heel heights and weeks must be zero or more.' },
    ];
  }
  const violations: PlanViolation[] = [];
  const drop = currentInches - nextInches;
  if (drop > HEEL.maxStep + EPSILON) {
    violations.push(
      nextInches === 0
        ? {
            code: 'HEEL_STRAIGHT_TO_FLAT',
            ...base,
            param: 'stepInches',
            message: `Going from ${formatInches(currentInches)} inch straight to flat is too big a step; lower by no more than ${formatInches(HEEL.maxStep)} inch at a time.`,
          }
        : {
            code: 'HEEL_STEP_TOO_LARGE',
            ...base,
            param: 'stepInches',
            message: `Lowering by ${formatInches(drop)} inch is too big a step; lower by no more than ${formatInches(HEEL.maxStep)} inch at a time.`,
          },
    );
  }
  if (drop > 0 && weeksAtCurrent < HEEL.minWeeks) {
    violations.push({
      code: 'HEEL_HELD_TOO_SHORT',
      ...base,
      param: 'holdWeeks',
      message: `Wear each height for at least ${HEEL.minWeeks} weeks; this one has been worn for ${weeksAtCurrent}.`,
    });
  }
  return violations;
}

export interface HeelStep {
  /** Weeks from the start of the step-down when this height begins. */
  readonly startsAtWeek: number;
  readonly heelInches: number;
}

/**
 * A full step-down from the current heel to flat. Works in eighths of an inch so
 * repeated subtraction cannot drift, and rounds up so no step is ever larger than allowed.
 */
export function heelStepDownPlan(
  fromInches: number,
  options: { stepInches?: number; holdWeeks?: number } = {},
): HeelStep[] {
  const stepInches = Math.min(options.stepInches ?? HEEL.maxStep, HEEL.maxStep);
  const holdWeeks = Math.max(options.holdWeeks ?? HEEL.minWeeks, HEEL.minWeeks);
  if (!Number.isFinite(fromInches) || fromInches <= 0 || !(stepInches > 0)) return [];
  const stepEighths = Math.max(1, Math.floor(stepInches * 8 + EPSILON));
  const steps: HeelStep[] = [];
  let eighths = fromInches * 8;
  while (eighths > 0) {
    eighths = Math.max(0, Math.ceil(eighths - stepEighths - EPSILON));
    steps.push({ startsAtWeek: steps.length * holdWeeks, heelInches: eighths / 8 });
  }
  return steps;
}
