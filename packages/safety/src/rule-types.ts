// What the screening engine works with and returns: the context of a check, modifications,
// pressure plans, rules and rule sets, results, stored decisions and their explanations.

import type {
  AreaRef,
  BodyArea,
  BodySide,
  CheckKind,
  IntakeAnswers,
  Outcome,
  PressurePreference,
  RuleOutcome,
  Urgency,
} from './answer-types.ts';
import type { PreviousSessionFeedback } from './day-of-types.ts';
import type { FreeTextMatch, FreeTextVocabulary } from './freetext-concepts.ts';

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
