// What the rule table is written with: the modification catalogue, the shared predicates,
// the gentle-only templates and `rule()`. Pure; predicates never read the clock.

import { daysBetween, hoursBetween } from './time.ts';
import type {
  AreaRef,
  GentleOnly,
  Modification,
  NeuroSymptom,
  Rule,
  RuleInput,
  SimpleModification,
  SimpleModificationCode,
} from './types.ts';

// ---------------------------------------------------------------------------
// Modification catalogue (therapist-facing text)
// ---------------------------------------------------------------------------

export const MODIFICATION_TEXT: Record<SimpleModificationCode, string> = {
  NO_DEEP_TISSUE: 'No deep-tissue work.',
  NO_TRIGGER_POINT: 'No trigger-point work.',
  NO_CUPPING: 'No cupping.',
  GENTLE_PRESSURE_ONLY: 'Gentle pressure only.',
  NO_JOINT_MOBILISATION: 'No joint mobilisation.',
  NO_FORCEFUL_STRETCHING: 'No forceful stretching.',
  CALMING_WORK: 'Keep the work calming.',
  NO_PAINFUL_DEEP_TECHNIQUES: 'No painful deep techniques.',
  NO_DEEP_PRESSURE_OVER_TUMOUR_SITE: 'No deep pressure over the tumour site or any involved bone.',
  HOLDS_ONLY: 'Still holds only (clot risk): no stroking, kneading or friction.',
  BROAD_FLAT_GENTLE_WORK: 'Broad, flat, gentle work.',
  CAROTID_ENDANGERMENT_SITE:
    'Anterior and lateral neck (carotid area) is an endangerment site: light, broad pressure only; no deep work, no manipulation.',
  NO_NECK_MOBILISATION_OR_STRONG_STRETCHING: 'No neck mobilisation or strong neck stretching.',
  NO_ESSENTIAL_OILS: 'No essential oils.',
  UNSCENTED_HYPOALLERGENIC_LUBRICANT: 'Unscented, hypoallergenic, nut-free lubricant only.',
  REQUIRES_INTRA_ORAL_ENDORSEMENT:
    'Intra-oral work only by a therapist holding an intra-oral endorsement where their jurisdiction requires one; otherwise external jaw work only.',
  GLOVES_REQUIRED: 'Gloves for intra-oral work.',
  NITRILE_GLOVES_ONLY: 'Latex allergy: nitrile gloves only.',
  SIGNED_INTRA_ORAL_CONSENT: 'Signed intra-oral consent before any intra-oral work.',
  EXTERNAL_JAW_WORK_ONLY: 'External jaw work only; no intra-oral work.',
  SIDE_LYING_POSITIONING: 'Side-lying positioning (after 20 weeks of pregnancy).',
  NO_DEEP_LEG_PRESSURE: 'No deep pressure on the legs.',
  NO_ABDOMINAL_WORK: 'No abdominal work.',
  START_BELOW_LAST_CAP: "Start one level below the last plan's cap.",
  PRESSURE_CHECK_IN_EVERY_10_MIN: 'Check in with the client on pressure every 10 minutes.',
  FIRST_SESSION_CAP: 'First session: pressure at most 6/10 until the client has rated a session.',
  NO_NECK_WORK: 'No neck work.',
  NO_HEAD_OR_NECK_PRESSURE: 'No pressure on the head or neck.',
  HANDS_AND_FEET_ONLY: 'Hands and feet only.',
  CONFIRM_WATER_AND_SNACK: 'Start only once the client confirms they have had water and a snack.',
};

export function mod(code: SimpleModificationCode): SimpleModification {
  return { code, text: MODIFICATION_TEXT[code] };
}

export const SIDE_TEXT = { LEFT: ', left side', RIGHT: ', right side', BOTH: ', both sides' } as const;

export function avoidArea(ref: AreaRef, why: string): Modification {
  const side = ref.side === null ? '' : SIDE_TEXT[ref.side];
  const note = ref.note === null ? '' : ` (${ref.note})`;
  const area = ref.area.toLowerCase().replaceAll('_', ' ');
  return {
    code: 'AVOID_AREA',
    area: ref.area,
    side: ref.side,
    note: ref.note,
    text: `Avoid the ${area}${side}${note}: ${why}.`,
  };
}

export const LOCAL_ISSUE_TEXT = {
  WOUND: 'wound',
  RASH: 'rash',
  RECENT_SCAR: 'recent scar',
  VARICOSE_VEINS: 'varicose veins',
} as const;

// ---------------------------------------------------------------------------
// Shared predicates
// ---------------------------------------------------------------------------

/** Aura symptoms a diagnosed usual aura can explain (visual, sensory, speech). Others always refer. */
export const AURA_COMPATIBLE_SYMPTOMS: readonly NeuroSymptom[] = [
  'VISION_LOSS',
  'NUMBNESS',
  'SLURRED_SPEECH',
];

/** R10 counts these R3 symptoms as dissection warnings too. */
export const DISSECTION_NEURO_SYMPTOMS: readonly NeuroSymptom[] = [
  'NUMBNESS',
  'SLURRED_SPEECH',
  'DOUBLE_VISION',
];

export function current(i: RuleInput) {
  return i.answers.currentState;
}

/** A measured temperature wins over a reported fever. Only counts for the session's own state. */
export function hasFever(i: RuleInput): boolean {
  if (!i.derived.currentStateApplies) return false;
  const { temperatureCelsius, feverReported } = current(i);
  return temperatureCelsius === null
    ? feverReported
    : temperatureCelsius >= i.ruleSet.thresholds.feverCelsius;
}

/** R2 from the current state: a fever (which already implies the state applies) plus a headache now. */
export function feverWithHeadacheNow(i: RuleInput): boolean {
  if (!hasFever(i)) return false;
  const { inAttackNow, currentHeadachePain } = current(i);
  return inAttackNow || (currentHeadachePain ?? 0) > 0;
}

export function medicationMatches(i: RuleInput, keywords: readonly string[]): boolean {
  return i.answers.medications.some((name) => {
    const lower = name.toLowerCase();
    return keywords.some((k) => lower.includes(k));
  });
}

export function onAnticoagulant(i: RuleInput): boolean {
  return (
    i.answers.conditions.anticoagulants || medicationMatches(i, i.ruleSet.medicationKeywords.anticoagulants)
  );
}

/** M4's clot risk: a stated risk, anticoagulation, or a known/suspected DVT (even once cleared). */
export function hasClotRisk(i: RuleInput): boolean {
  return i.answers.conditions.clotRisk || onAnticoagulant(i) || i.answers.redFlags.dvtKnownOrSuspected;
}

export function hasDiagnosedUsualAura(i: RuleInput): boolean {
  return i.answers.headache.hasUsualAura && i.answers.headache.auraDiagnosedByClinician;
}

/** R3 symptoms left after the usual-aura exception. */
export function unexplainedNeuroSymptoms(i: RuleInput): NeuroSymptom[] {
  const rf = i.answers.redFlags;
  const auraExplains = hasDiagnosedUsualAura(i) && rf.neuroSymptomsMatchUsualAura;
  return rf.newNeurologicalSymptoms.filter((s) => !(auraExplains && AURA_COMPATIBLE_SYMPTOMS.includes(s)));
}

export function hasGcaSigns(i: RuleInput): boolean {
  const rf = i.answers.redFlags;
  return rf.jawPainOnChewing || rf.scalpTenderness || rf.visionChange;
}

export function recentNeckTreatment(i: RuleInput): boolean {
  const window = i.ruleSet.thresholds.neckTreatmentWindowDays;
  // Measured to "now", when the current symptoms are reported; a future date counts as recent.
  return i.answers.redFlags.neckTreatments.some((t) => daysBetween(t.at, i.ctx.now) <= window);
}

export function surgeryNeedsDeferral(i: RuleInput): boolean {
  const surgery = i.answers.recentEvents.surgery;
  if (surgery === null || surgery.surgeonCleared) return false;
  return daysBetween(surgery.at, i.ctx.sessionStart) <= i.ruleSet.thresholds.surgeryWindowDays;
}

export function withinHoursBeforeSession(i: RuleInput, at: Date | null, hours: number): boolean {
  return at !== null && hoursBetween(at, i.ctx.sessionStart) <= hours;
}

export function isPregnant(i: RuleInput): boolean {
  return i.answers.pregnancy.status === 'PREGNANT';
}

// ---------------------------------------------------------------------------
// Gentle-only templates
// ---------------------------------------------------------------------------

export const D2_GENTLE: GentleOnly = {
  description: 'Hands and feet only, no head or neck pressure, pressure at most 2/10.',
  allowedAreas: ['HANDS', 'FEET'],
  pressureCap: 2,
  modifications: [mod('HANDS_AND_FEET_ONLY'), mod('NO_HEAD_OR_NECK_PRESSURE')],
  confirmationsRequired: [],
};

export const D4_GENTLE: GentleOnly = {
  description: 'No neck work.',
  allowedAreas: null,
  pressureCap: null,
  modifications: [mod('NO_NECK_WORK')],
  confirmationsRequired: [],
};

export const D5_GENTLE: GentleOnly = {
  description: 'The surgical area is avoided.',
  allowedAreas: null,
  pressureCap: null,
  modifications: [],
  confirmationsRequired: [],
};

export const D9_GENTLE: GentleOnly = {
  description: 'The session can start once you have had water and a snack.',
  allowedAreas: null,
  pressureCap: null,
  modifications: [mod('CONFIRM_WATER_AND_SNACK')],
  confirmationsRequired: ['WATER_AND_SNACK'],
};

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

export type RuleSpec = Omit<Rule, 'urgency' | 'modifications' | 'pressureCap' | 'gentleOnly' | 'standing'> &
  Partial<Pick<Rule, 'urgency' | 'modifications' | 'pressureCap' | 'gentleOnly' | 'standing'>>;

export function rule(spec: RuleSpec): Rule {
  return { urgency: null, modifications: [], pressureCap: null, gentleOnly: null, standing: false, ...spec };
}
