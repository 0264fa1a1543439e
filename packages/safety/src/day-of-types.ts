// The door check's answers and what the engine knows of the previous session.
// The day-of check folds these into the intake (intake.ts) and re-runs the same rules.

import type { AreaRef, IntakeAnswers, NeckWarningSymptom, NeuroSymptom } from './answer-types.ts';

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
