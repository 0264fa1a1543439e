import type { ReminderItemSchedule } from '../reminders/reminders.policy.ts';
import { parseLocalTime } from '../shared/local-time.ts';
import {
  type DoseBound,
  type DoseParam,
  type DoseValue,
  findHomeworkItem,
  GLOBAL_HOMEWORK_LIMITS,
  HOMEWORK_PAIN_CAP,
  type HomeworkCatalogueItem,
  LIGHT_PRESSURE_CAP,
} from './homework.catalogue.ts';

export interface HomeworkPlanItem {
  readonly itemId: string;
  /** Overrides of the catalogue's default dose; each must stay within the catalogue bounds. */
  readonly dose?: Readonly<Partial<Record<DoseParam, DoseValue>>>;
  /** A lower cap for this item only. The client may always ask for less. */
  readonly painCap?: number;
  /** Reminder times in the client's local time (`HH:mm`), daily items only. */
  readonly times?: readonly string[];
}

export interface HomeworkPlan {
  /** 0–10 discomfort; defaults to 5, never above 6. */
  readonly painCap?: number;
  readonly items: readonly HomeworkPlanItem[];
}

export type PlanViolationCode =
  | 'EMPTY_PLAN'
  | 'UNKNOWN_ITEM'
  | 'DUPLICATE_ITEM'
  | 'PAIN_CAP_INVALID'
  | 'PAIN_CAP_ABOVE_MAX'
  | 'PAIN_CAP_ABOVE_CLIENT_CAP'
  | 'ITEM_PAIN_CAP_INVALID'
  | 'ITEM_PAIN_CAP_NOT_APPLICABLE'
  | 'ITEM_PAIN_CAP_ABOVE_PLAN_CAP'
  | 'ITEM_PAIN_CAP_ABOVE_LIGHT_LIMIT'
  | 'DOSE_NOT_APPLICABLE'
  | 'DOSE_INVALID'
  | 'DOSE_BELOW_MIN'
  | 'DOSE_ABOVE_MAX'
  | 'TIMES_NOT_APPLICABLE'
  | 'TIME_INVALID'
  | 'TIME_DUPLICATE'
  | 'TIMES_COUNT_OUT_OF_RANGE'
  | 'TIMES_COUNT_MISMATCH'
  | 'HEEL_HEIGHT_INVALID'
  | 'HEEL_STEP_TOO_LARGE'
  | 'HEEL_STRAIGHT_TO_FLAT'
  | 'HEEL_HELD_TOO_SHORT';

export interface PlanViolation {
  readonly code: PlanViolationCode;
  /** Plain words, safe to show to the therapist writing the plan. */
  readonly message: string;
  readonly itemId?: string;
  readonly param?: DoseParam | 'painCap' | 'times';
}

export class HomeworkPlanInvalidError extends Error {
  override readonly name = 'HomeworkPlanInvalidError';
  constructor(readonly violations: readonly PlanViolation[]) {
    super(`Homework plan is invalid: ${violations.map((v) => v.code).join(', ')}`);
  }
}

const EPSILON = 1e-9;

function isWhole(value: number): boolean {
  return Number.isInteger(value);
}

function isMultipleOf(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < EPSILON;
}

/**
 * What else limits this client's homework. `clientCap` is the self-care cap from the
 * client's latest screening (the homework cap never exceeds the session cap, and rules
 * such as fibromyalgia lower it).
 */
export interface PlanContext {
  readonly clientCap?: number;
}

/** The plan's cap: as set, else 5 — lowered to the client's cap when that is lower. */
export function planPainCap(plan: HomeworkPlan, context: PlanContext = {}): number {
  if (plan.painCap !== undefined) return plan.painCap;
  return Math.min(HOMEWORK_PAIN_CAP.default, context.clientCap ?? Number.POSITIVE_INFINITY);
}

/**
 * The cap a client should respect for one item, or null when the item involves no
 * pressure at all (pillows, shoes, habits).
 */
export function effectiveItemPainCap(
  plan: HomeworkPlan,
  itemId: string,
  context: PlanContext = {},
): number | null {
  const item = findHomeworkItem(itemId);
  if (!item) return null;
  const own = plan.items.find((p) => p.itemId === itemId)?.painCap ?? Number.POSITIVE_INFINITY;
  // Clamp to the global max and the client's cap too, so a stored plan written before a
  // stricter screening can never show a higher number.
  const planCap = Math.min(
    planPainCap(plan, context),
    HOMEWORK_PAIN_CAP.max,
    context.clientCap ?? Number.POSITIVE_INFINITY,
  );
  switch (item.pressure) {
    case 'PLAN_CAP':
      return Math.min(planCap, own);
    case 'LIGHT':
      return Math.min(LIGHT_PRESSURE_CAP, planCap, own);
    case 'PAIN_FREE':
      return 0;
    case 'NOT_APPLICABLE':
      return null;
  }
}

/** The catalogue default dose with the plan's overrides applied. */
export function resolveDose(
  item: HomeworkCatalogueItem,
  planItem?: HomeworkPlanItem,
): Partial<Record<DoseParam, DoseValue>> {
  const resolved: Partial<Record<DoseParam, DoseValue>> = {};
  for (const [param, bound] of Object.entries(item.dose) as [DoseParam, DoseBound][]) {
    resolved[param] = planItem?.dose?.[param] ?? bound.default;
  }
  return resolved;
}

function doseNumbers(value: DoseValue): number[] {
  if (typeof value === 'number') return [value];
  if ('upTo' in value) return [value.upTo];
  return [value.min, value.max];
}

function checkDose(itemId: string, param: DoseParam, value: DoseValue, bound: DoseBound): PlanViolation[] {
  const label = DOSE_LABEL[param];
  const numbers = doseNumbers(value);
  if (numbers.some((n) => !Number.isFinite(n) || n < 0 || !isMultipleOf(n, bound.multipleOf))) {
    return [
      {
        code: 'DOSE_INVALID',
        itemId,
        param,
        message: `${label} must be a number in steps of ${bound.multipleOf}.`,
      },
    ];
  }
  if (typeof value === 'object' && 'min' in value && value.min > value.max) {
    return [
      { code: 'DOSE_INVALID', itemId, param, message: `${label}: the range must go from low to high.` },
    ];
  }
  const violations: PlanViolation[] = [];
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  if (low < bound.min) {
    violations.push({
      code: 'DOSE_BELOW_MIN',
      itemId,
      param,
      message: `${label} is ${low}, below the catalogue minimum of ${bound.min}.`,
    });
  }
  if (bound.max !== null && high > bound.max) {
    violations.push({
      code: 'DOSE_ABOVE_MAX',
      itemId,
      param,
      message: `${label} is ${high}, above the catalogue maximum of ${bound.max}.`,
    });
  }
  return violations;
}

function checkPainCap(value: number, itemId?: string): PlanViolation[] {
  const where = itemId ? { itemId, param: 'painCap' as const } : { param: 'painCap' as const };
  if (!Number.isFinite(value) || !isWhole(value) || value < 0) {
    return [
      {
        code: itemId ? 'ITEM_PAIN_CAP_INVALID' : 'PAIN_CAP_INVALID',
        ...where,
        message: 'The pain cap must be a whole number from 0 to 10.',
      },
    ];
  }
  if (value > HOMEWORK_PAIN_CAP.max) {
    return [
      {
        code: 'PAIN_CAP_ABOVE_MAX',
        ...where,
        message: `The pain cap is ${value} out of 10, but homework can never go above ${HOMEWORK_PAIN_CAP.max} out of 10.`,
      },
    ];
  }
  return [];
}

function timesPerDayRange(value: DoseValue, bound: DoseBound): { min: number; max: number } {
  if (typeof value === 'number') return { min: value, max: value };
  if ('upTo' in value) return { min: bound.min, max: value.upTo };
  return value;
}

function checkTimes(item: HomeworkCatalogueItem, planItem: HomeworkPlanItem): PlanViolation[] {
  const times = planItem.times;
  if (times === undefined) return [];
  const base = { itemId: item.id, param: 'times' as const };
  const bound = item.dose.timesPerDay;
  if (item.cadence !== 'daily' || !bound) {
    return [{ code: 'TIMES_NOT_APPLICABLE', ...base, message: `${item.title} has no daily reminders.` }];
  }
  const violations: PlanViolation[] = [];
  const seen = new Set<number>();
  for (const time of times) {
    const minute = parseLocalTime(time);
    if (minute === null) {
      violations.push({
        code: 'TIME_INVALID',
        ...base,
        message: `"${time}" is not a time of day like 09:00.`,
      });
    } else if (seen.has(minute)) {
      violations.push({ code: 'TIME_DUPLICATE', ...base, message: `${time} is listed twice.` });
    } else {
      seen.add(minute);
    }
  }
  const count = times.length;
  if (count < bound.min || (bound.max !== null && count > bound.max)) {
    violations.push({
      code: 'TIMES_COUNT_OUT_OF_RANGE',
      ...base,
      message: `${item.title} can be done ${bound.min} to ${bound.max} times a day; the plan lists ${count} times.`,
    });
  }
  const prescribed = planItem.dose?.timesPerDay;
  if (prescribed !== undefined) {
    const range = timesPerDayRange(prescribed, bound);
    if (count < range.min || count > range.max) {
      violations.push({
        code: 'TIMES_COUNT_MISMATCH',
        ...base,
        message: `The plan lists ${count} reminder times but prescribes ${describeDoseValue(prescribed)} times a day.`,
      });
    }
  }
  return violations;
}

/** Checks a plan against the catalogue and the global caps. Never throws; an empty list means valid. */
export function validatePlan(plan: HomeworkPlan, context: PlanContext = {}): PlanViolation[] {
  const violations: PlanViolation[] = [];
  if (plan.painCap !== undefined) {
    const capViolations = checkPainCap(plan.painCap);
    violations.push(...capViolations);
    if (capViolations.length === 0 && context.clientCap !== undefined && plan.painCap > context.clientCap) {
      violations.push({
        code: 'PAIN_CAP_ABOVE_CLIENT_CAP',
        param: 'painCap',
        message: `The pain cap is ${plan.painCap} out of 10, above this client's self-care cap of ${context.clientCap} from their screening.`,
      });
    }
  }
  if (plan.items.length === 0) {
    violations.push({ code: 'EMPTY_PLAN', message: 'The plan has no homework items.' });
  }
  const planCap = planPainCap(plan, context);
  const seen = new Set<string>();
  for (const planItem of plan.items) {
    const item = findHomeworkItem(planItem.itemId);
    if (!item) {
      violations.push({
        code: 'UNKNOWN_ITEM',
        itemId: planItem.itemId,
        message: `"${planItem.itemId}" is not in the homework catalogue.`,
      });
      continue;
    }
    if (seen.has(item.id)) {
      violations.push({
        code: 'DUPLICATE_ITEM',
        itemId: item.id,
        message: `${item.title} is in the plan twice.`,
      });
    }
    seen.add(item.id);

    if (planItem.painCap !== undefined) {
      if (item.pressure === 'PAIN_FREE' || item.pressure === 'NOT_APPLICABLE') {
        violations.push({
          code: 'ITEM_PAIN_CAP_NOT_APPLICABLE',
          itemId: item.id,
          param: 'painCap',
          message:
            item.pressure === 'PAIN_FREE'
              ? `${item.title} must be pain-free, so it cannot have a pain cap.`
              : `${item.title} involves no pressure, so it cannot have a pain cap.`,
        });
      } else {
        const capViolations = checkPainCap(planItem.painCap, item.id);
        violations.push(...capViolations);
        if (capViolations.length === 0 && planItem.painCap > planCap) {
          violations.push({
            code: 'ITEM_PAIN_CAP_ABOVE_PLAN_CAP',
            itemId: item.id,
            param: 'painCap',
            message: `${item.title} has a cap of ${planItem.painCap}, above the plan's cap of ${planCap}.`,
          });
        }
        if (
          capViolations.length === 0 &&
          item.pressure === 'LIGHT' &&
          planItem.painCap > LIGHT_PRESSURE_CAP
        ) {
          violations.push({
            code: 'ITEM_PAIN_CAP_ABOVE_LIGHT_LIMIT',
            itemId: item.id,
            param: 'painCap',
            message: `${item.title} is light work: its cap cannot go above ${LIGHT_PRESSURE_CAP} out of 10.`,
          });
        }
      }
    }

    for (const [param, value] of Object.entries(planItem.dose ?? {}) as [DoseParam, DoseValue][]) {
      const bound = item.dose[param];
      if (!bound) {
        violations.push({
          code: 'DOSE_NOT_APPLICABLE',
          itemId: item.id,
          param,
          message: `${item.title} has no ${DOSE_LABEL[param].toLowerCase()} setting.`,
        });
        continue;
      }
      violations.push(...checkDose(item.id, param, value, bound));
    }
    violations.push(...checkTimes(item, planItem));
  }
  return violations;
}

// ---------------------------------------------------------------- plain words

const DOSE_LABEL: Record<DoseParam, string> = {
  holdSeconds: 'Hold time',
  minutes: 'Minutes',
  reps: 'Repetitions',
  timesPerDay: 'Times a day',
  stepInches: 'Heel step',
  holdWeeks: 'Weeks at each height',
};

const FRACTIONS = ['', '1/8', '1/4', '3/8', '1/2', '5/8', '3/4', '7/8'];

/** 0.5 → "1/2", 1.5 → "1 1/2": shoe heights are talked about in fractions. */
export function formatInches(inches: number): string {
  const eighths = Math.round(inches * 8);
  const whole = Math.floor(eighths / 8);
  const fraction = FRACTIONS[eighths % 8] ?? '';
  if (whole === 0) return fraction === '' ? '0' : fraction;
  return fraction === '' ? String(whole) : `${whole} ${fraction}`;
}

function describeDoseValue(value: DoseValue, format: (n: number) => string = String): string {
  if (typeof value === 'number') return format(value);
  if ('upTo' in value) return `up to ${format(value.upTo)}`;
  return value.min === value.max ? format(value.min) : `${format(value.min)}–${format(value.max)}`;
}

function plural(value: DoseValue, one: string, many: string): string {
  return typeof value === 'number' && value === 1 ? one : many;
}

function describeTimesPerDay(value: DoseValue): string {
  if (value === 1) return 'Once a day.';
  if (value === 2) return 'Twice a day.';
  const text = describeDoseValue(value);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} times a day.`;
}

function describeDose(item: HomeworkCatalogueItem, dose: Partial<Record<DoseParam, DoseValue>>): string[] {
  const lines: string[] = [];
  const { holdSeconds, minutes, reps, timesPerDay, stepInches, holdWeeks } = dose;
  if (holdSeconds !== undefined) {
    const per = item.dose.holdSeconds?.per === 'side' ? ' on each side' : ' on each tender spot';
    lines.push(
      `Hold for ${describeDoseValue(holdSeconds)} ${plural(holdSeconds, 'second', 'seconds')}${per}.`,
    );
  }
  if (minutes !== undefined) {
    const text = `${describeDoseValue(minutes)} ${plural(minutes, 'minute', 'minutes')}`;
    const sentence = item.dose.minutes?.per === 'spot' ? `${text} per spot` : text;
    lines.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
  }
  if (reps !== undefined)
    lines.push(`${describeDoseValue(reps)} ${plural(reps, 'repetition', 'repetitions')}.`);
  if (stepInches !== undefined) {
    const text =
      typeof stepInches === 'object' && 'upTo' in stepInches
        ? `no more than ${formatInches(stepInches.upTo)}`
        : describeDoseValue(stepInches, formatInches);
    lines.push(`Lower the heel by ${text} inch at a time.`);
  }
  if (holdWeeks !== undefined) {
    lines.push(`Wear each height for at least ${describeDoseValue(holdWeeks)} weeks before the next step.`);
  }
  if (timesPerDay !== undefined) {
    const text = describeTimesPerDay(timesPerDay);
    // Habits aren't "done" n times a day; the count is how often we check in.
    lines.push(item.category === 'habit' ? `Check in ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text);
  }
  return lines;
}

function pressureLine(item: HomeworkCatalogueItem, cap: number | null): string | null {
  if (cap === null) return null;
  if (item.pressure === 'PLAN_CAP') return `Keep pressure at or below ${cap} out of 10.`;
  if (item.pressure === 'LIGHT') return `Keep pressure light: at or below ${cap} out of 10.`;
  return null; // PAIN_FREE items carry their own "pain-free" limit text.
}

/**
 * The plan in plain words for the client, with every limit spelled out.
 * Throws HomeworkPlanInvalidError for an invalid plan: a client must never be shown one.
 */
export function describePlan(plan: HomeworkPlan, context: PlanContext = {}): string {
  const violations = validatePlan(plan, context);
  if (violations.length > 0) throw new HomeworkPlanInvalidError(violations);

  const cap = planPainCap(plan, context);
  const out: string[] = [
    'Your home care plan',
    '',
    `Keep pressure at or below ${cap} out of 10 (0 is no discomfort, 10 is the worst you can imagine). If anything hurts more than that, ease off.`,
  ];
  plan.items.forEach((planItem, index) => {
    const item = findHomeworkItem(planItem.itemId);
    if (!item) return; // unreachable after validation
    out.push('', `${index + 1}. ${item.title}`, item.instructions);
    const doseLines = describeDose(item, resolveDose(item, planItem));
    if (planItem.times && planItem.times.length > 0) {
      doseLines.push(`Reminders at ${planItem.times.join(', ')}.`);
    }
    if (doseLines.length > 0) out.push(`How much: ${doseLines.join(' ')}`);
    const limits = [
      pressureLine(item, effectiveItemPainCap(plan, item.id, context)),
      ...item.limits.map((l) => l.text),
    ].filter((line): line is string => line !== null);
    for (const limit of limits) out.push(`- ${limit}`);
  });
  out.push('', 'Always:');
  for (const limit of GLOBAL_HOMEWORK_LIMITS) out.push(`- ${limit.text}`);
  out.push(
    '- Massage and self-care are complementary care, not a cure. Keep taking your treatment as prescribed.',
  );
  return out.join('\n');
}

/** One item of a plan in plain words, for a reminder: what it is, how much, the cap and its limits. */
export interface ItemDescription {
  readonly title: string;
  readonly instructions: string;
  readonly dose: string[];
  /** 0 = pain-free; null = no pressure involved. */
  readonly painCap: number | null;
  readonly limits: string[];
}

export function describeItem(
  plan: HomeworkPlan,
  itemId: string,
  context: PlanContext = {},
): ItemDescription | null {
  const item = findHomeworkItem(itemId);
  if (!item) return null;
  const planItem = plan.items.find((p) => p.itemId === itemId);
  const safety = GLOBAL_HOMEWORK_LIMITS.filter((l) => l.code === 'STOP_AND_SEEK_CARE').map((l) => l.text);
  return {
    title: item.title,
    instructions: item.instructions,
    dose: describeDose(item, resolveDose(item, planItem)),
    painCap: effectiveItemPainCap(plan, itemId, context),
    limits: [...item.limits.map((l) => l.text), ...safety],
  };
}

/** The daily reminder schedule for a plan; one-off and progression items get no daily reminders. */
export function reminderItemsFor(plan: HomeworkPlan): ReminderItemSchedule[] {
  const result: ReminderItemSchedule[] = [];
  for (const planItem of plan.items) {
    const item = findHomeworkItem(planItem.itemId);
    const bound = item?.dose.timesPerDay;
    if (item?.cadence !== 'daily' || !bound) continue;
    if (planItem.times && planItem.times.length > 0) {
      result.push({ itemId: item.id, times: planItem.times });
      continue;
    }
    const value = planItem.dose?.timesPerDay ?? bound.default;
    // For a range, remind for the lower end: reminders nudge, they don't push the dose up.
    result.push({ itemId: item.id, timesPerDay: timesPerDayRange(value, bound).min });
  }
  return result;
}

// ---------------------------------------------------------------- heel height step-down

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
