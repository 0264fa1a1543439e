import type { ReminderItemSchedule } from '../reminders/reminders.policy.ts';
import { parseLocalTime } from '../shared/local-time.ts';
import {
  type DoseBound,
  type DoseParam,
  type DoseValue,
  findHomeworkItem,
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

export const EPSILON = 1e-9;

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
  const violations: PlanViolation[] = [...checkPlanCap(plan, context)];
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
    if (planItem.painCap !== undefined) violations.push(...checkItemCap(item, planItem.painCap, planCap));
    violations.push(...checkItemDoses(item, planItem), ...checkTimes(item, planItem));
  }
  return violations;
}

type CatalogueItem = NonNullable<ReturnType<typeof findHomeworkItem>>;

/** The plan's own cap: in range, and not above the client's self-care cap from screening. */
function checkPlanCap(plan: HomeworkPlan, context: PlanContext): PlanViolation[] {
  if (plan.painCap === undefined) return [];
  const violations = checkPainCap(plan.painCap);
  if (violations.length === 0 && context.clientCap !== undefined && plan.painCap > context.clientCap) {
    violations.push({
      code: 'PAIN_CAP_ABOVE_CLIENT_CAP',
      param: 'painCap',
      message: `The pain cap is ${plan.painCap} out of 10, above this client's self-care cap of ${context.clientCap} from their screening.`,
    });
  }
  return violations;
}

/** An item's cap: only where pressure applies, in range, within the plan's cap and light work's limit. */
function checkItemCap(item: CatalogueItem, painCap: number, planCap: number): PlanViolation[] {
  if (item.pressure === 'PAIN_FREE' || item.pressure === 'NOT_APPLICABLE') {
    return [
      {
        code: 'ITEM_PAIN_CAP_NOT_APPLICABLE',
        itemId: item.id,
        param: 'painCap',
        message:
          item.pressure === 'PAIN_FREE'
            ? `${item.title} must be pain-free, so it cannot have a pain cap.`
            : `${item.title} involves no pressure, so it cannot have a pain cap.`,
      },
    ];
  }
  const violations = checkPainCap(painCap, item.id);
  if (violations.length > 0) return violations;
  if (painCap > planCap) {
    violations.push({
      code: 'ITEM_PAIN_CAP_ABOVE_PLAN_CAP',
      itemId: item.id,
      param: 'painCap',
      message: `${item.title} has a cap of ${painCap}, above the plan's cap of ${planCap}.`,
    });
  }
  if (item.pressure === 'LIGHT' && painCap > LIGHT_PRESSURE_CAP) {
    violations.push({
      code: 'ITEM_PAIN_CAP_ABOVE_LIGHT_LIMIT',
      itemId: item.id,
      param: 'painCap',
      message: `${item.title} is light work: its cap cannot go above ${LIGHT_PRESSURE_CAP} out of 10.`,
    });
  }
  return violations;
}

function checkItemDoses(item: CatalogueItem, planItem: HomeworkPlan['items'][number]): PlanViolation[] {
  const violations: PlanViolation[] = [];
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

export function describeDoseValue(value: DoseValue, format: (n: number) => string = String): string {
  if (typeof value === 'number') return format(value);
  if ('upTo' in value) return `up to ${format(value.upTo)}`;
  return value.min === value.max ? format(value.min) : `${format(value.min)}–${format(value.max)}`;
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
