/** The plan and its items in plain words, for the client's screen and their reminders. */
import {
  type DoseParam,
  type DoseValue,
  findHomeworkItem,
  GLOBAL_HOMEWORK_LIMITS,
  type HomeworkCatalogueItem,
} from './homework.catalogue.ts';
import {
  describeDoseValue,
  effectiveItemPainCap,
  formatInches,
  type HomeworkPlan,
  HomeworkPlanInvalidError,
  type PlanContext,
  planPainCap,
  resolveDose,
  validatePlan,
} from './homework.policy.ts';

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
