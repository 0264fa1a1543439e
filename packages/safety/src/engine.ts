// Evaluation: run every rule of a rule set over the answers, then combine.
// Pure and deterministic: the same answers, context and rule set always give
// the same result.

import { ScreeningInputError } from './errors.ts';
import { CONCEPT_SYMPTOMS, readFreeText } from './freetext.ts';
import { guidanceFor } from './guidance.ts';
import { addRedFlagSymptoms, mergeDayOf } from './intake.ts';
import { computePressurePlan, tightenPressurePlan } from './pressure.ts';
import { CURRENT_RULESET } from './ruleset.ts';
import { ageOn, hoursBetween, WEEK_MS } from './time.ts';
import type {
  AppliedModification,
  BodyArea,
  CheckKind,
  Confirmation,
  DayOfAnswers,
  DerivedFacts,
  FiredRule,
  FreeTextFinding,
  GentleOnly,
  GentleOnlyOption,
  IntakeAnswers,
  Modification,
  Outcome,
  PressureCapSource,
  Rule,
  RuleInput,
  RuleOutcome,
  RuleSet,
  ScreeningContext,
  ScreeningResult,
} from './types.ts';
import { contextProblems, dayOfProblems, intakeProblems } from './validate.ts';

function deriveFacts(
  check: CheckKind,
  answers: IntakeAnswers,
  ctx: ScreeningContext,
  ruleSet: RuleSet,
): DerivedFacts {
  const answeredAt = answers.answeredAt ?? ctx.now;
  const leadHours = hoursBetween(answeredAt, ctx.sessionStart);
  const { status, weeksPregnant } = answers.pregnancy;
  const weeksPregnantAtSession =
    status !== 'PREGNANT' || weeksPregnant === null
      ? null
      : weeksPregnant + Math.floor((ctx.sessionStart.getTime() - answeredAt.getTime()) / WEEK_MS);
  // At booking, "how are you now" answers only describe a session that starts soon;
  // the day-of check asks them again at the door.
  const dayOf = check === 'DAY_OF';
  return {
    answeredAt,
    ageAtSession: ageOn(ctx.dateOfBirth, ctx.sessionStart),
    weeksPregnantAtSession,
    currentStateApplies: dayOf || leadHours <= ruleSet.thresholds.currentStateWindowHours,
    hydrationApplies: dayOf || leadHours <= ruleSet.thresholds.hydrationWindowHours,
  };
}

function fire(rule: Rule, input: RuleInput): FiredRule {
  const resolved = rule.resolve?.(input) ?? {};
  return {
    id: rule.id,
    title: rule.title,
    outcome: rule.outcome,
    urgency: resolved.urgency ?? rule.urgency,
    reason: rule.reason,
    modifications: resolved.modifications ?? rule.modifications,
    pressureCap: resolved.pressureCap === undefined ? rule.pressureCap : resolved.pressureCap,
    gentleOnly: resolved.gentleOnly === undefined ? rule.gentleOnly : resolved.gentleOnly,
    standing: rule.standing,
  };
}

/** REFER > DEFER > CLEAR_WITH_MODIFICATIONS > CLEAR; standing precautions (M6) alone leave CLEAR. */
export function decideOutcome(fired: ReadonlyArray<{ outcome: RuleOutcome; standing: boolean }>): Outcome {
  if (fired.some((f) => f.outcome === 'REFER')) return 'REFER';
  if (fired.some((f) => f.outcome === 'DEFER')) return 'DEFER';
  if (fired.some((f) => f.outcome === 'MODIFY' && !f.standing)) return 'CLEAR_WITH_MODIFICATIONS';
  return 'CLEAR';
}

function modificationKey(m: Modification): string {
  return m.code === 'AVOID_AREA' ? `${m.code}|${m.area}|${m.side ?? ''}|${m.note ?? ''}` : m.code;
}

function dedupeModifications(modifications: readonly Modification[]): Modification[] {
  const byKey = new Map<string, Modification>();
  for (const m of modifications) if (!byKey.has(modificationKey(m))) byKey.set(modificationKey(m), m);
  return [...byKey.values()];
}

/** Accumulates modifications in order, de-duplicated, remembering every rule that asked for each. */
export function accumulateModifications(
  groups: ReadonlyArray<{ ruleId: string; modifications: readonly Modification[] }>,
  into: readonly AppliedModification[] = [],
): AppliedModification[] {
  const byKey = new Map<string, AppliedModification>();
  for (const m of into) byKey.set(modificationKey(m), { ...m, sources: [...m.sources] });
  for (const { ruleId, modifications } of groups) {
    for (const m of modifications) {
      const key = modificationKey(m);
      const existing = byKey.get(key);
      if (existing === undefined) byKey.set(key, { ...m, sources: [ruleId] });
      else if (!existing.sources.includes(ruleId)) existing.sources.push(ruleId);
    }
  }
  return [...byKey.values()];
}

function intersectAreas(a: BodyArea[] | null, b: BodyArea[] | null): BodyArea[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((area) => b.includes(area));
}

/**
 * The gentle-only option for a DEFER: offered only when every fired DEFER rule
 * allows one. Constraints combine: allowed areas intersect, caps take the
 * minimum, modifications and confirmations accumulate. If the allowed areas
 * intersect to nothing there is no session left to offer.
 */
export function combineGentleOnly(
  fired: ReadonlyArray<{ id: string; outcome: RuleOutcome; gentleOnly: GentleOnly | null }>,
): GentleOnlyOption | null {
  const defers = fired.filter((f) => f.outcome === 'DEFER');
  if (defers.length === 0) return null;
  let allowedAreas: BodyArea[] | null = null;
  let pressureCap: number | null = null;
  const descriptions: string[] = [];
  const confirmations = new Set<Confirmation>();
  const modifications: Modification[] = [];
  for (const f of defers) {
    const g = f.gentleOnly;
    if (g === null) return null;
    allowedAreas = intersectAreas(allowedAreas, g.allowedAreas);
    if (g.pressureCap !== null)
      pressureCap = pressureCap === null ? g.pressureCap : Math.min(pressureCap, g.pressureCap);
    descriptions.push(g.description);
    for (const c of g.confirmationsRequired) confirmations.add(c);
    modifications.push(...g.modifications);
  }
  if (allowedAreas !== null && allowedAreas.length === 0) return null;
  return {
    ruleIds: defers.map((f) => f.id),
    description: descriptions.join(' '),
    allowedAreas,
    pressureCap,
    modifications: dedupeModifications(modifications),
    confirmationsRequired: [...confirmations],
  };
}

// The intake answers written in the client's own words. The aura description is left
// out on purpose: it describes the usual aura, which R3's exception already handles.
function freeTextFields(answers: IntakeAnswers): [string, string][] {
  const fields: [string, string | null][] = [
    ['triggers.other', answers.triggers.other],
    ['headache.startsAtOther', answers.headache.startsAtOther],
  ];
  return fields.filter((f): f is [string, string] => typeof f[1] === 'string' && f[1].trim() !== '');
}

/** Folds red flags read in the free text into the answers, so the same rules fire as for the boxes. */
function readFreeTextAnswers(
  answers: IntakeAnswers,
  ruleSet: RuleSet,
): { answers: IntakeAnswers; findings: FreeTextFinding[] | undefined } {
  if (ruleSet.freeText === undefined) return { answers, findings: undefined };
  const findings = freeTextFields(answers).flatMap(([field, text]) =>
    readFreeText(text, ruleSet.freeText).matches.map((m) => ({ ...m, field })),
  );
  const symptoms = findings.flatMap((f) => CONCEPT_SYMPTOMS[f.concept]);
  return {
    answers: addRedFlagSymptoms(answers, symptoms, { newSinceBooking: false, newMedication: false }),
    findings,
  };
}

function evaluate(
  check: CheckKind,
  written: IntakeAnswers,
  ctx: ScreeningContext,
  ruleSet: RuleSet,
  agreedRequest: number | null,
): ScreeningResult {
  const { answers, findings } = readFreeTextAnswers(written, ruleSet);
  const input: RuleInput = {
    check,
    answers,
    ctx,
    ruleSet,
    derived: deriveFacts(check, answers, ctx, ruleSet),
  };
  const firedRules = ruleSet.rules.filter((r) => r.when(input)).map((r) => fire(r, input));
  const outcome = decideOutcome(firedRules);
  const modifications = accumulateModifications(
    firedRules.map((f) => ({ ruleId: f.id, modifications: f.modifications })),
  );
  const ruleCaps: PressureCapSource[] = firedRules.flatMap((f) =>
    f.pressureCap === null ? [] : [{ kind: 'RULE' as const, ruleId: f.id, cap: f.pressureCap }],
  );
  const gentleOnly = outcome === 'DEFER' ? combineGentleOnly(firedRules) : null;
  const urgent = firedRules.some((f) => f.outcome === 'REFER' && f.urgency === 'URGENT');
  return {
    check,
    outcome,
    ruleSetVersion: ruleSet.version,
    evaluatedAt: ctx.now,
    firedRules,
    modifications,
    pressurePlan: computePressurePlan(ruleSet.caps, answers.preferences.pressure, ruleCaps, agreedRequest),
    gentleOnly,
    gentleOnlyApplied: false,
    urgent,
    guidance: guidanceFor(outcome, urgent, gentleOnly),
    preferences: {
      focusAreas: answers.preferences.focusAreas,
      avoidAreas: answers.preferences.avoidAreas,
      essentialOilsAllowed:
        answers.preferences.essentialOilConsent && !modifications.some((m) => m.code === 'NO_ESSENTIAL_OILS'),
    },
    ...(findings === undefined ? {} : { freeText: findings }),
  };
}

function assertValid(problems: ReturnType<typeof contextProblems>): void {
  if (problems.length > 0) throw new ScreeningInputError(problems);
}

/** Booking-time screening over the client's intake. Throws ScreeningInputError on invalid input. */
export function screenIntake(
  answers: IntakeAnswers,
  ctx: ScreeningContext,
  ruleSet: RuleSet = CURRENT_RULESET,
): ScreeningResult {
  assertValid([...contextProblems(ctx), ...intakeProblems(answers, 'answers')]);
  return evaluate('INTAKE', answers, ctx, ruleSet, null);
}

/**
 * The therapist's at-the-door check. The door answers are folded into the
 * intake (or the updated intake, if anything changed) and the whole rule table
 * runs again; the agreed cap is clamped to the effective cap.
 */
export function screenDayOf(
  dayOf: DayOfAnswers,
  intake: IntakeAnswers,
  ctx: ScreeningContext,
  ruleSet: RuleSet = CURRENT_RULESET,
): ScreeningResult {
  assertValid([...contextProblems(ctx), ...intakeProblems(intake, 'intake'), ...dayOfProblems(dayOf)]);
  return evaluate('DAY_OF', mergeDayOf(intake, dayOf), ctx, ruleSet, dayOf.agreedPressureCap);
}

/** CLEAR or CLEAR_WITH_MODIFICATIONS: the session may go ahead. */
export function isPassing(result: Pick<ScreeningResult, 'outcome'>): boolean {
  return result.outcome === 'CLEAR' || result.outcome === 'CLEAR_WITH_MODIFICATIONS';
}

/**
 * The client chose gentle-only on a DEFER. Returns a passing result carrying
 * the gentle constraints (modifications, allowed areas, lower cap), or null
 * when gentle-only is not allowed for this result.
 */
export function applyGentleOnly(result: ScreeningResult): ScreeningResult | null {
  const option = result.gentleOnly;
  if (result.outcome !== 'DEFER' || option === null || result.gentleOnlyApplied) return null;
  // An option exists only when every fired DEFER rule has one.
  const gentle = result.firedRules.flatMap((f) =>
    f.outcome === 'DEFER' && f.gentleOnly !== null ? [{ ruleId: f.id, option: f.gentleOnly }] : [],
  );
  const modifications = accumulateModifications(
    gentle.map((g) => ({ ruleId: g.ruleId, modifications: g.option.modifications })),
    result.modifications,
  );
  const gentleCaps: PressureCapSource[] = gentle.flatMap((g) =>
    g.option.pressureCap === null
      ? []
      : [{ kind: 'GENTLE_ONLY' as const, ruleId: g.ruleId, cap: g.option.pressureCap }],
  );
  return {
    ...result,
    outcome: 'CLEAR_WITH_MODIFICATIONS',
    modifications,
    pressurePlan: tightenPressurePlan(result.pressurePlan, gentleCaps),
    gentleOnlyApplied: true,
    guidance: guidanceFor('CLEAR_WITH_MODIFICATIONS', false, option),
  };
}
