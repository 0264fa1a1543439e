// Public types of the screening engine. The answer types mirror the GraphQL
// inputs one-to-one, so field names here are the names clients send.
// Every Date is an absolute instant; the engine never reads the clock.

import type { FreeTextMatch, FreeTextVocabulary } from './freetext-concepts.ts';

/** The single outcome of a check. Precedence: REFER > DEFER > CLEAR_WITH_MODIFICATIONS > CLEAR. */
export type Outcome = 'REFER' | 'DEFER' | 'CLEAR_WITH_MODIFICATIONS' | 'CLEAR';

/** What one rule does when it fires. */
export type RuleOutcome = 'REFER' | 'DEFER' | 'MODIFY';

/** Only REFER rules carry an urgency. */
export type Urgency = 'URGENT' | 'ROUTINE';

/** Which check produced a result. */
export type CheckKind = 'INTAKE' | 'DAY_OF';

// ---------------------------------------------------------------------------
// Body areas
// ---------------------------------------------------------------------------

export type BodyArea =
  | 'HEAD'
  | 'FACE'
  | 'JAW'
  | 'NECK'
  | 'SHOULDERS'
  | 'UPPER_BACK'
  | 'LOWER_BACK'
  | 'CHEST'
  | 'ABDOMEN'
  | 'ARMS'
  | 'HANDS'
  | 'HIPS'
  | 'LEGS'
  | 'FEET';

export type BodySide = 'LEFT' | 'RIGHT' | 'BOTH';

/** A body area as the client names it, e.g. `{ area: 'LEGS', side: 'LEFT', note: 'behind the knee' }`. */
export interface AreaRef {
  area: BodyArea;
  /** null when the area has no side (e.g. ABDOMEN) or the client did not say. */
  side: BodySide | null;
  /** The client's own words, shown to the therapist. */
  note: string | null;
}

// ---------------------------------------------------------------------------
// Intake answers
// ---------------------------------------------------------------------------

/** Where the usual headache starts. */
export type HeadacheOrigin = 'NECK' | 'TEMPLE' | 'FOREHEAD' | 'BEHIND_EYE' | 'JAW' | 'BACK_OF_HEAD' | 'OTHER';

/** When the usual headache starts. */
export type HeadacheOnset = 'ON_WAKING' | 'BUILDS_DURING_DAY' | 'VARIES';

/** The client's usual headache pattern (context for the therapist; R3 reads the aura fields). */
export interface HeadachePatternAnswers {
  /** Where the usual headache starts; several allowed. */
  startsAt: HeadacheOrigin[];
  /** Free text when `startsAt` includes OTHER. */
  startsAtOther: string | null;
  /** Starts on waking, builds through the day, or varies. */
  onset: HeadacheOnset;
  /** Often wakes up with the headache. */
  wakesWithHeadache: boolean;
  /** Usually on one side of the head. */
  oneSided: boolean;
  /** Usually has an aura before or with the headache. */
  hasUsualAura: boolean;
  /** A clinician has diagnosed the aura (migraine with aura). Needed for the R3 aura exception. */
  auraDiagnosedByClinician: boolean;
  /** The client's description of the usual aura. */
  auraDescription: string | null;
}

/** Known migraine triggers. `scents` also fires M8. */
export interface TriggerAnswers {
  barometricPressure: boolean;
  posture: boolean;
  footwearHeels: boolean;
  oneSidedChewing: boolean;
  pillow: boolean;
  screens: boolean;
  sleep: boolean;
  food: boolean;
  /** Scents or perfumes trigger migraines (M8). */
  scents: boolean;
  other: string | null;
}

/** New neurological symptoms (R3). */
export type NeuroSymptom =
  | 'WEAKNESS'
  | 'NUMBNESS'
  | 'SLURRED_SPEECH'
  | 'CONFUSION'
  | 'DOUBLE_VISION'
  | 'VISION_LOSS'
  | 'SEIZURE'
  | 'FAINTING';

/** Neck treatments that start the R10 six-week window. */
export type NeckTreatmentKind =
  | 'NECK_MASSAGE'
  | 'NECK_MANIPULATION'
  | 'NECK_MASSAGE_DEVICE'
  | 'MINOR_NECK_INJURY';

/** Warning symptoms of cervical artery dissection (R10). */
export type NeckWarningSymptom =
  | 'NEW_OR_UNUSUAL_NECK_PAIN'
  | 'HEADACHE_UNLIKE_USUAL'
  | 'DIZZINESS'
  | 'DOUBLE_VISION'
  | 'SLURRED_SPEECH'
  | 'TROUBLE_SWALLOWING'
  | 'DROP_ATTACKS'
  | 'NAUSEA'
  | 'NYSTAGMUS'
  | 'NUMBNESS'
  | 'LOSS_OF_BALANCE';

export interface NeckTreatment {
  kind: NeckTreatmentKind;
  /** When it happened. */
  at: Date;
}

/** Red-flag history for the REFER rules R1–R13 (blood pressure is in `conditions`, pregnancy in `pregnancy`). */
export interface RedFlagAnswers {
  /** R1: a headache that came on suddenly, peaking within seconds to a minute ("thunderclap", "worst ever"). */
  thunderclapOnset: boolean;
  /** R2: headache together with fever, stiff neck or rash. */
  headacheWithFeverStiffNeckOrRash: boolean;
  /** R3: new neurological symptoms. */
  newNeurologicalSymptoms: NeuroSymptom[];
  /** R3 exception: the symptoms above are the client's usual, diagnosed aura (see `headache`). */
  neuroSymptomsMatchUsualAura: boolean;
  /** R4, R7, R8: a new kind of headache, not the usual migraine. */
  newHeadache: boolean;
  /** R4, R5, R7: more frequent, more severe, new features, or steadily worsening. */
  patternChange: boolean;
  /** R5: headache brought on by cough, sneeze, strain or exertion. */
  headacheWithCoughStrainOrExertion: boolean;
  /** R5: headache that changes with posture (sitting up, lying down). */
  headacheChangesWithPosture: boolean;
  /** R4 (giant cell arteritis): jaw pain on chewing. */
  jawPainOnChewing: boolean;
  /** R4 (giant cell arteritis): scalp tenderness. */
  scalpTenderness: boolean;
  /** R4 (giant cell arteritis) and R7 (pre-eclampsia): a change in vision. */
  visionChange: boolean;
  /** R6: the headache began after a head injury. */
  headacheAfterHeadInjury: boolean;
  /** R6: when the head injury happened; null when unknown (treated as recent, so urgent). */
  headInjuryAt: Date | null;
  /** R9 (urgent): painful red eye. */
  painfulRedEye: boolean;
  /** R9: a new headache that began with a new medication. */
  headacheBeganWithNewMedication: boolean;
  /** R9: a new headache that began with overuse of painkillers. */
  headacheBeganWithPainkillerOveruse: boolean;
  /** R10: neck massage, manipulation, massage device on the neck or minor neck injury (any date; the engine applies the window). */
  neckTreatments: NeckTreatment[];
  /** R10: symptoms the client has now. */
  neckWarningSymptoms: NeckWarningSymptom[];
  /** R11: known or suspected deep-vein thrombosis. */
  dvtKnownOrSuspected: boolean;
  /** R11: calf pain or swelling. */
  calfPainOrSwelling: boolean;
  /** R11: a doctor has cleared the DVT / calf symptoms for massage. */
  dvtMedicallyCleared: boolean;
  /** R13: whiplash with a neurological deficit. */
  whiplashWithNeuroDeficit: boolean;
  /** R13: suspected fracture or instability. */
  suspectedFractureOrInstability: boolean;
}

export type PregnancyStatus = 'NOT_PREGNANT' | 'PREGNANT' | 'POSTPARTUM';

export interface PregnancyAnswers {
  /** POSTPARTUM means gave birth in the last 6 weeks. */
  status: PregnancyStatus;
  /** Completed weeks of pregnancy on `answeredAt`; the engine projects it to the session date. null = unknown. */
  weeksPregnant: number | null;
  /** D7: the prenatal care provider has cleared massage before 12 weeks. */
  prenatalProviderClearance: boolean;
  /** R12: high-risk pregnancy. */
  highRisk: boolean;
  /** R12: pre-eclampsia diagnosed (this pregnancy or postpartum). */
  preEclampsia: boolean;
  /** R7: a new, different or persistent headache while pregnant or postpartum. */
  newDifferentOrPersistentHeadache: boolean;
  /** R7 aggravator: swelling of face, hands or feet. */
  swelling: boolean;
  /** R7: pain under the ribs / upper abdomen. */
  upperAbdominalPain: boolean;
}

export interface Surgery {
  /** When the surgery happened. */
  at: Date;
  area: AreaRef;
  /** The surgeon has cleared massage. */
  surgeonCleared: boolean;
}

/** Dated events for time-windowed DEFER rules (windows are measured to the session start). */
export interface RecentEventAnswers {
  /** D4: when whiplash happened, if any. */
  whiplashAt: Date | null;
  /** D5: the most recent invasive surgery, if any. */
  surgery: Surgery | null;
  /** D5: an open incision, if any. */
  openIncision: AreaRef | null;
  /** D6: the last chemotherapy dose, if any. */
  lastChemotherapyAt: Date | null;
}

/**
 * How the client is at `answeredAt`. At booking these count only when the
 * session starts soon after (see the rule set's thresholds); the day-of check
 * asks them again at the door.
 */
export interface CurrentStateAnswers {
  /** Current headache pain 0–10; null when not asked. */
  currentHeadachePain: number | null;
  /** D1: measured temperature in °C; when given it overrides `feverReported`. */
  temperatureCelsius: number | null;
  /** D1: the client reports a fever but has no reading. */
  feverReported: boolean;
  /** D1: an acute contagious illness (flu, cold, stomach bug, COVID...). */
  acuteContagiousIllness: boolean;
  /** D2: in the headache phase of an attack now. */
  inAttackNow: boolean;
  /** D2: touch sensitivity (allodynia) today. */
  allodyniaNow: boolean;
  /** D3: aura in progress now. */
  auraNow: boolean;
  /** D6: under the influence of alcohol or drugs. */
  intoxicated: boolean;
  /** D8: fibromyalgia flare today. */
  fibromyalgiaFlare: boolean;
  /** D9: dehydrated (no water in the last 4 hours). */
  dehydrated: boolean;
  /** D9: nothing eaten in the last 4 hours. */
  nothingEatenInLast4Hours: boolean;
}

/** High blood pressure: CONTROLLED means controlled by medication (M3); UNCONTROLLED or SEVERE refer (R12). */
export type BloodPressureStatus = 'NONE' | 'CONTROLLED' | 'UNCONTROLLED' | 'SEVERE';

export type CancerStatus = 'NONE' | 'ACTIVE' | 'HISTORY';

export type LocalIssueKind = 'WOUND' | 'RASH' | 'RECENT_SCAR' | 'VARICOSE_VEINS';

/** M11: a local issue the therapist must avoid. */
export interface LocalAreaIssue {
  kind: LocalIssueKind;
  area: AreaRef;
}

/** Conditions for the MODIFY rules (and R8, R12). */
export interface ConditionAnswers {
  /** M1 */
  anticoagulants: boolean;
  /** M1 */
  antiplatelets: boolean;
  /** M1 */
  bleedingDisorder: boolean;
  /** M1 */
  lowPlatelets: boolean;
  /** M4: a doctor has said the client has a raised risk of blood clots (previous clot, immobility...). */
  clotRisk: boolean;
  /** M2, M7 */
  osteoporosis: boolean;
  /** M3 / R12 */
  bloodPressure: BloodPressureStatus;
  /** M4, M7, R8 */
  cancer: CancerStatus;
  /** M4: the oncologist has cleared firmer pressure. */
  oncologistCleared: boolean;
  /** R8: immunosuppressed (medication or illness). */
  immunosuppressed: boolean;
  /** M5 (D8 when flaring). */
  fibromyalgia: boolean;
  /** M7 */
  hypermobility: boolean;
  /** M7 */
  connectiveTissueDisease: boolean;
  /** M7 */
  longTermSteroids: boolean;
  /** M8: smells trigger or worsen migraines (osmophobia). */
  osmophobia: boolean;
  /** M11: wounds, rashes, recent scars, varicose veins. */
  localAreaIssues: LocalAreaIssue[];
}

/** Allergies (M8, M9). */
export interface AllergyAnswers {
  essentialOil: boolean;
  nut: boolean;
  skin: boolean;
  latex: boolean;
}

export type PressurePreference = 'LIGHT' | 'MEDIUM' | 'FIRM' | 'DEEP';

export interface PreferenceAnswers {
  /** Preferred pressure; maps to a cap (LIGHT 3, MEDIUM 5, FIRM 7, DEEP 8). null = no preference. */
  pressure: PressurePreference | null;
  focusAreas: AreaRef[];
  avoidAreas: AreaRef[];
  /** Essential oils are opt-in only; false unless the client says yes. */
  essentialOilConsent: boolean;
  /** M9: the client wants intra-oral or TMJ work. */
  intraOralOrTmjWorkRequested: boolean;
}

/** The client's migraine intake. `emptyIntakeAnswers()` gives the all-no baseline. */
export interface IntakeAnswers {
  /** When the client gave or re-confirmed these answers; defaults to `ctx.now`. Set by the server. */
  answeredAt?: Date | null;
  headache: HeadachePatternAnswers;
  triggers: TriggerAnswers;
  redFlags: RedFlagAnswers;
  pregnancy: PregnancyAnswers;
  recentEvents: RecentEventAnswers;
  currentState: CurrentStateAnswers;
  conditions: ConditionAnswers;
  allergies: AllergyAnswers;
  /** Current medication names as typed; matched against the rule set's anticoagulant list (M1). */
  medications: string[];
  preferences: PreferenceAnswers;
}

// ---------------------------------------------------------------------------
// Day-of check
// ---------------------------------------------------------------------------

/** Symptoms a therapist asks about at the door: the symptom set of every R rule. */
export type DayOfSymptom =
  | 'THUNDERCLAP_HEADACHE'
  | 'HEADACHE_WITH_FEVER_STIFF_NECK_OR_RASH'
  | NeuroSymptom
  | 'NEW_HEADACHE'
  | 'PATTERN_CHANGE'
  | 'HEADACHE_WITH_COUGH_STRAIN_OR_EXERTION'
  | 'HEADACHE_CHANGES_WITH_POSTURE'
  | 'JAW_PAIN_ON_CHEWING'
  | 'SCALP_TENDERNESS'
  | 'VISION_CHANGE'
  | 'HEAD_INJURY'
  | 'SWELLING'
  | 'UPPER_ABDOMINAL_PAIN'
  | 'PAINFUL_RED_EYE'
  | 'HEADACHE_BEGAN_WITH_NEW_MEDICATION'
  | 'HEADACHE_BEGAN_WITH_PAINKILLER_OVERUSE'
  | NeckWarningSymptom
  | 'CALF_PAIN_OR_SWELLING'
  | 'WHIPLASH_WITH_NEURO_DEFICIT'
  | 'SUSPECTED_FRACTURE_OR_INSTABILITY';

/** The therapist's at-the-door questions (the spec's minimum set). */
export interface DayOfAnswers {
  /** Current headache pain 0–10. */
  currentPain: number;
  inAttackNow: boolean;
  auraNow: boolean;
  touchSensitivityNow: boolean;
  /** New or different symptoms since booking. */
  newSymptomsSinceBooking: DayOfSymptom[];
  feverReported: boolean;
  /** Measured temperature in °C, if taken; overrides `feverReported`. */
  temperatureCelsius: number | null;
  drankWaterInLast4Hours: boolean;
  ateInLast4Hours: boolean;
  /** Medication taken today, including anything new. */
  medicationsTakenToday: string[];
  /** A medication started since the intake. */
  newMedicationSinceIntake: boolean;
  /** Any change since the last intake: the full re-confirmed intake, re-screened in place of the stored one. null = no change. */
  updatedIntake: IntakeAnswers | null;
  /** The pressure cap agreed at the door; clamped so it is never above the effective cap. */
  agreedPressureCap: number | null;
  focusAreas: AreaRef[];
  avoidAreas: AreaRef[];
  /** Consent to essential oils today (opt-in). */
  essentialOilConsent: boolean;
}

// ---------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------

export interface PreviousSessionFeedback {
  /** The client reported too much pressure (or an over-pressure incident was logged). */
  tooMuchPressure: boolean;
  /** The client reported a migraine after the session. */
  postSessionMigraine: boolean;
  /** The session cap of the last plan (1–10). */
  lastPlanCap: number;
}

export interface ScreeningContext {
  /** When the check runs. */
  now: Date;
  /** When the session starts; age, pregnancy weeks and DEFER windows are measured to it. */
  sessionStart: Date;
  dateOfBirth: Date;
  /** No rated session on the platform yet (M13). */
  isFirstSession: boolean;
  /** Feedback from the last session, if any (M12). */
  previousSession: PreviousSessionFeedback | null;
  /** The booked service includes intra-oral / TMJ work (M9). */
  requestedIntraOral: boolean;
  /**
   * The assigned therapist may do intra-oral work in their jurisdiction (holds the
   * endorsement or none is required). Unknown at booking time: leave undefined.
   */
  therapistHasIntraOralEndorsement?: boolean;
}

// ---------------------------------------------------------------------------
// Modifications, gentle-only, pressure
// ---------------------------------------------------------------------------

export type ModificationCode =
  | 'NO_DEEP_TISSUE'
  | 'NO_TRIGGER_POINT'
  | 'NO_CUPPING'
  | 'GENTLE_PRESSURE_ONLY'
  | 'NO_JOINT_MOBILISATION'
  | 'NO_FORCEFUL_STRETCHING'
  | 'CALMING_WORK'
  | 'NO_PAINFUL_DEEP_TECHNIQUES'
  | 'NO_DEEP_PRESSURE_OVER_TUMOUR_SITE'
  | 'HOLDS_ONLY'
  | 'BROAD_FLAT_GENTLE_WORK'
  | 'CAROTID_ENDANGERMENT_SITE'
  | 'NO_NECK_MOBILISATION_OR_STRONG_STRETCHING'
  | 'NO_ESSENTIAL_OILS'
  | 'UNSCENTED_HYPOALLERGENIC_LUBRICANT'
  | 'REQUIRES_INTRA_ORAL_ENDORSEMENT'
  | 'GLOVES_REQUIRED'
  | 'NITRILE_GLOVES_ONLY'
  | 'SIGNED_INTRA_ORAL_CONSENT'
  | 'EXTERNAL_JAW_WORK_ONLY'
  | 'SIDE_LYING_POSITIONING'
  | 'NO_DEEP_LEG_PRESSURE'
  | 'NO_ABDOMINAL_WORK'
  | 'AVOID_AREA'
  | 'START_BELOW_LAST_CAP'
  | 'PRESSURE_CHECK_IN_EVERY_10_MIN'
  | 'FIRST_SESSION_CAP'
  | 'NO_NECK_WORK'
  | 'NO_HEAD_OR_NECK_PRESSURE'
  | 'HANDS_AND_FEET_ONLY'
  | 'CONFIRM_WATER_AND_SNACK';

export type SimpleModificationCode = Exclude<ModificationCode, 'AVOID_AREA'>;

export interface SimpleModification {
  code: SimpleModificationCode;
  /** Therapist-facing instruction. */
  text: string;
}

export interface AvoidAreaModification {
  code: 'AVOID_AREA';
  area: BodyArea;
  side: BodySide | null;
  note: string | null;
  text: string;
}

export type Modification = SimpleModification | AvoidAreaModification;

/** A modification in a result, with the rules (or GENTLE_ONLY) that asked for it. */
export type AppliedModification = Modification & { sources: string[] };

/** Something the client must confirm before a gentle-only / soft-hold session starts. */
export type Confirmation = 'WATER_AND_SNACK';

/** What a DEFER rule permits instead of rescheduling. */
export interface GentleOnly {
  /** Client-facing description. */
  description: string;
  /** Only these areas may be worked; null = no area restriction. */
  allowedAreas: BodyArea[] | null;
  pressureCap: number | null;
  modifications: Modification[];
  confirmationsRequired: Confirmation[];
}

/** The combined gentle-only option of every fired DEFER rule. */
export interface GentleOnlyOption extends GentleOnly {
  ruleIds: string[];
}

export type CapSourceKind = 'HARD_CAP' | 'PREFERENCE' | 'RULE' | 'GENTLE_ONLY' | 'AGREED';

export interface PressureCapSource {
  kind: CapSourceKind;
  /** The rule that set this cap (RULE, GENTLE_ONLY); null otherwise. */
  ruleId: string | null;
  cap: number;
}

export interface PressurePlan {
  /** The minimum of the hard cap, every fired rule's cap and the preference cap. */
  effectiveCap: number;
  /** The agreed day-of cap after clamping; null until agreed. */
  agreedCap: number | null;
  /** The cap for the session: the agreed cap if any, else the effective cap. */
  sessionCap: number;
  /** Self-massage homework cap: default 5, never above 6, never above the session cap. */
  selfCareCap: number;
  /** The cap the client's pressure preference maps to; null without a preference. */
  preferenceCap: number | null;
  /** Every cap that took part in the minimum. */
  sources: PressureCapSource[];
  /** The sources equal to the session cap (what is binding). */
  limitedBy: PressureCapSource[];
}

// ---------------------------------------------------------------------------
// Rules and rule sets
// ---------------------------------------------------------------------------

/** Facts computed once per evaluation, so rules stay small. */
export interface DerivedFacts {
  /** `answers.answeredAt ?? ctx.now`. */
  answeredAt: Date;
  /** Completed years at the session start. */
  ageAtSession: number;
  /** Weeks pregnant projected to the session start; null when not pregnant or unknown. */
  weeksPregnantAtSession: number | null;
  /** Current-state answers describe the session (always on the day-of check). */
  currentStateApplies: boolean;
  /** Water and food answers describe the session (always on the day-of check). */
  hydrationApplies: boolean;
}

/** Everything a rule predicate may read. */
export interface RuleInput {
  check: CheckKind;
  /** The intake; on the day-of check, merged with the day-of answers. */
  answers: IntakeAnswers;
  ctx: ScreeningContext;
  ruleSet: RuleSet;
  derived: DerivedFacts;
}

/** The answer-dependent parts of a fired rule; each present field replaces the rule's static value. */
export interface RuleResolution {
  urgency?: Urgency;
  pressureCap?: number | null;
  modifications?: Modification[];
  gentleOnly?: GentleOnly | null;
}

export interface Rule {
  /** Stable id from the specification (R1, D2, M6...). */
  id: string;
  outcome: RuleOutcome;
  /** Short staff-facing label. */
  title: string;
  /** The specification's condition, for audit. */
  condition: string;
  /** Plain-language, client-facing reason. */
  reason: string;
  /** Base urgency (REFER only); `resolve` may raise it. */
  urgency: Urgency | null;
  /** Static modifications; `resolve` may replace them with answer-specific ones. */
  modifications: Modification[];
  /** Static cap; `resolve` may replace it. */
  pressureCap: number | null;
  /** What the rule allows instead of rescheduling (DEFER only); null = reschedule only. */
  gentleOnly: GentleOnly | null;
  /** A standing precaution that fires on every check but does not by itself change a CLEAR outcome. */
  standing: boolean;
  /** Does the rule fire? */
  when: (input: RuleInput) => boolean;
  /** Answer-dependent urgency, cap, modifications or gentle-only option. */
  resolve?: (input: RuleInput) => RuleResolution;
}

export interface RuleSetCaps {
  /** In-session hard cap (default 7; the engine never lets any cap above 8). */
  hardCap: number;
  /** Self-massage homework cap (default 5; the engine never lets it above 6). */
  selfCareCap: number;
  preferenceCaps: Record<PressurePreference, number>;
}

export interface RuleSetThresholds {
  /** D1 */
  feverCelsius: number;
  /** R4 */
  newHeadacheAge: number;
  /** R6: a head injury this many days ago or fewer is "recent" (urgent). */
  recentHeadInjuryDays: number;
  /** R10 */
  neckTreatmentWindowDays: number;
  /** D4 */
  whiplashDeferHours: number;
  /** D5 */
  surgeryWindowDays: number;
  /** D6 */
  chemotherapyDeferHours: number;
  /** D7 */
  earlyPregnancyWeeks: number;
  /** M10 */
  sideLyingFromWeeks: number;
  /** M10 (from 2026-12-02.1): the second trimester starts at this week. */
  secondTrimesterFromWeeks: number;
  /** At booking, current-state answers count only if the session starts within this many hours of answering. */
  currentStateWindowHours: number;
  /** At booking, water/food answers count only if the session starts within this many hours of answering. */
  hydrationWindowHours: number;
}

export interface RuleSet {
  version: string;
  /** From 2026-12-02.1: the free-text vocabulary screening reads the intake's own words with. */
  freeText?: FreeTextVocabulary;
  rules: Rule[];
  caps: RuleSetCaps;
  thresholds: RuleSetThresholds;
  /** Lower-case name fragments recognised in medication lists. */
  medicationKeywords: {
    /** Anticoagulants: M1 and clot risk for M4. */
    anticoagulants: string[];
    /** Antiplatelets: M1. */
    antiplatelets: string[];
  };
}

// ---------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------

export interface FiredRule {
  id: string;
  title: string;
  outcome: RuleOutcome;
  urgency: Urgency | null;
  reason: string;
  modifications: Modification[];
  pressureCap: number | null;
  gentleOnly: GentleOnly | null;
  standing: boolean;
}

export interface SessionPreferences {
  focusAreas: AreaRef[];
  avoidAreas: AreaRef[];
  /** Consent given and no rule forbids oils. */
  essentialOilsAllowed: boolean;
}

export interface ScreeningResult {
  check: CheckKind;
  outcome: Outcome;
  ruleSetVersion: string;
  evaluatedAt: Date;
  /** Every rule that fired, in rule-table order (including lower-precedence ones). */
  firedRules: FiredRule[];
  /** Modifications of every fired rule, de-duplicated. */
  modifications: AppliedModification[];
  pressurePlan: PressurePlan;
  /** Offered only on DEFER when every fired DEFER rule allows it. */
  gentleOnly: GentleOnlyOption | null;
  /** True once `applyGentleOnly` turned a DEFER into a gentle-only session. */
  gentleOnlyApplied: boolean;
  /** A fired REFER rule is urgent. */
  urgent: boolean;
  /** Client-facing next step. */
  guidance: string;
  preferences: SessionPreferences;
  /** Red flags read in the intake's free text (rule sets with a vocabulary): which field and words. */
  freeText?: FreeTextFinding[];
}

export interface FreeTextFinding extends FreeTextMatch {
  /** The answer the words came from, e.g. "triggers.other". */
  field: string;
}

/** A fired rule as stored: an id alone, or with the answer-specific parts recorded at the time. */
export type StoredFiredRule =
  | string
  | {
      id: string;
      urgency?: Urgency | null;
      modifications?: Modification[];
      pressureCap?: number | null;
      gentleOnly?: GentleOnly | null;
    };

/** What the platform stores per evaluation (a ScreeningResult fits). */
export interface StoredDecision {
  ruleSetVersion: string;
  outcome: Outcome;
  firedRules: readonly StoredFiredRule[];
}

export interface ExplainedRule {
  id: string;
  title: string;
  outcome: RuleOutcome;
  condition: string;
  urgency: Urgency | null;
  reason: string;
  modifications: Modification[];
  pressureCap: number | null;
  gentleOnly: GentleOnly | null;
}

export interface Explanation {
  ruleSetVersion: string;
  outcome: Outcome;
  urgent: boolean;
  guidance: string;
  rules: ExplainedRule[];
}
