// The answers the screening engine reads: the intake (the door check is in day-of-types.ts). They mirror the
// GraphQL inputs one-to-one, so field names here are the names clients send.
// Every Date is an absolute instant; the engine never reads the clock.

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
