// Baseline answers and the day-of merge. The day-of check does not have rules
// of its own: it folds the door answers into the intake and re-runs the same
// rule table, so a rule can never be forgotten on one of the two checks.

import type {
  AreaRef,
  ConditionAnswers,
  CurrentStateAnswers,
  DayOfAnswers,
  DayOfSymptom,
  HeadachePatternAnswers,
  IntakeAnswers,
  NeckWarningSymptom,
  NeuroSymptom,
  PregnancyAnswers,
  RedFlagAnswers,
  TriggerAnswers,
} from './types.ts';

export const NEURO_SYMPTOMS: readonly NeuroSymptom[] = [
  'WEAKNESS',
  'NUMBNESS',
  'SLURRED_SPEECH',
  'CONFUSION',
  'DOUBLE_VISION',
  'VISION_LOSS',
  'SEIZURE',
  'FAINTING',
];

export const NECK_WARNING_SYMPTOMS: readonly NeckWarningSymptom[] = [
  'NEW_OR_UNUSUAL_NECK_PAIN',
  'HEADACHE_UNLIKE_USUAL',
  'DIZZINESS',
  'DOUBLE_VISION',
  'SLURRED_SPEECH',
  'TROUBLE_SWALLOWING',
  'DROP_ATTACKS',
  'NAUSEA',
  'NYSTAGMUS',
  'NUMBNESS',
  'LOSS_OF_BALANCE',
];

/** The all-"no" intake: no red flags, no conditions, no preference, oils not consented. */
export function emptyIntakeAnswers(): IntakeAnswers {
  return {
    answeredAt: null,
    headache: usualHeadache(),
    triggers: noTriggers(),
    redFlags: noRedFlags(),
    pregnancy: notPregnant(),
    recentEvents: { whiplashAt: null, surgery: null, openIncision: null, lastChemotherapyAt: null },
    currentState: wellToday(),
    conditions: noConditions(),
    allergies: { essentialOil: false, nut: false, skin: false, latex: false },
    medications: [],
    preferences: {
      pressure: null,
      focusAreas: [],
      avoidAreas: [],
      essentialOilConsent: false,
      intraOralOrTmjWorkRequested: false,
    },
  };
}

/** The usual headache, with nothing notable. */
function usualHeadache(): HeadachePatternAnswers {
  return {
    startsAt: [],
    startsAtOther: null,
    onset: 'VARIES',
    wakesWithHeadache: false,
    oneSided: false,
    hasUsualAura: false,
    auraDiagnosedByClinician: false,
    auraDescription: null,
  };
}

/** No red flag. */
function noRedFlags(): RedFlagAnswers {
  return {
    thunderclapOnset: false,
    headacheWithFeverStiffNeckOrRash: false,
    newNeurologicalSymptoms: [],
    neuroSymptomsMatchUsualAura: false,
    newHeadache: false,
    patternChange: false,
    headacheWithCoughStrainOrExertion: false,
    headacheChangesWithPosture: false,
    jawPainOnChewing: false,
    scalpTenderness: false,
    visionChange: false,
    headacheAfterHeadInjury: false,
    headInjuryAt: null,
    painfulRedEye: false,
    headacheBeganWithNewMedication: false,
    headacheBeganWithPainkillerOveruse: false,
    neckTreatments: [],
    neckWarningSymptoms: [],
    dvtKnownOrSuspected: false,
    calfPainOrSwelling: false,
    dvtMedicallyCleared: false,
    whiplashWithNeuroDeficit: false,
    suspectedFractureOrInstability: false,
  };
}

/** Not pregnant, so no pregnancy rule applies. */
function notPregnant(): PregnancyAnswers {
  return {
    status: 'NOT_PREGNANT',
    weeksPregnant: null,
    prenatalProviderClearance: false,
    highRisk: false,
    preEclampsia: false,
    newDifferentOrPersistentHeadache: false,
    swelling: false,
    upperAbdominalPain: false,
  };
}

/** Well today: no pain reported, no fever, not in an attack. */
function wellToday(): CurrentStateAnswers {
  return {
    currentHeadachePain: null,
    temperatureCelsius: null,
    feverReported: false,
    acuteContagiousIllness: false,
    inAttackNow: false,
    allodyniaNow: false,
    auraNow: false,
    intoxicated: false,
    fibromyalgiaFlare: false,
    dehydrated: false,
    nothingEatenInLast4Hours: false,
  };
}

/** No condition that changes the session. */
function noConditions(): ConditionAnswers {
  return {
    anticoagulants: false,
    antiplatelets: false,
    bleedingDisorder: false,
    lowPlatelets: false,
    clotRisk: false,
    osteoporosis: false,
    bloodPressure: 'NONE',
    cancer: 'NONE',
    oncologistCleared: false,
    immunosuppressed: false,
    fibromyalgia: false,
    hypermobility: false,
    connectiveTissueDisease: false,
    longTermSteroids: false,
    osmophobia: false,
    localAreaIssues: [],
  };
}

/** No known trigger. */
function noTriggers(): TriggerAnswers {
  return {
    barometricPressure: false,
    posture: false,
    footwearHeels: false,
    oneSidedChewing: false,
    pillow: false,
    screens: false,
    sleep: false,
    food: false,
    scents: false,
    other: null,
  };
}

/** A day-of check with nothing to report: no pain, no symptoms, has eaten and drunk, no cap agreed yet. */
export function emptyDayOfAnswers(): DayOfAnswers {
  return {
    currentPain: 0,
    inAttackNow: false,
    auraNow: false,
    touchSensitivityNow: false,
    newSymptomsSinceBooking: [],
    feverReported: false,
    temperatureCelsius: null,
    drankWaterInLast4Hours: true,
    ateInLast4Hours: true,
    medicationsTakenToday: [],
    newMedicationSinceIntake: false,
    updatedIntake: null,
    agreedPressureCap: null,
    focusAreas: [],
    avoidAreas: [],
    essentialOilConsent: false,
  };
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function areaKey(ref: AreaRef): string {
  return `${ref.area}|${ref.side ?? ''}|${ref.note ?? ''}`;
}

function unionAreas(a: readonly AreaRef[], b: readonly AreaRef[]): AreaRef[] {
  const seen = new Map<string, AreaRef>();
  for (const ref of [...a, ...b]) if (!seen.has(areaKey(ref))) seen.set(areaKey(ref), ref);
  return [...seen.values()];
}

/**
 * Adds reported red-flag symptoms to the intake's answers, never removing any.
 * `newSinceBooking`: symptoms reported at the door are by definition not the usual aura.
 */
export function addRedFlagSymptoms(
  base: IntakeAnswers,
  reported: readonly DayOfSymptom[],
  options: { newSinceBooking: boolean; newMedication: boolean },
): IntakeAnswers {
  const symptoms = new Set<DayOfSymptom>(reported);
  const has = (s: DayOfSymptom): boolean => symptoms.has(s);
  const newNeuro = NEURO_SYMPTOMS.filter(has);
  const newNeck = NECK_WARNING_SYMPTOMS.filter(has);
  const newHeadacheToday = has('NEW_HEADACHE') || has('PATTERN_CHANGE') || has('HEADACHE_UNLIKE_USUAL');
  const rf = base.redFlags;

  return {
    ...base,
    redFlags: {
      ...rf,
      thunderclapOnset: rf.thunderclapOnset || has('THUNDERCLAP_HEADACHE'),
      headacheWithFeverStiffNeckOrRash:
        rf.headacheWithFeverStiffNeckOrRash || has('HEADACHE_WITH_FEVER_STIFF_NECK_OR_RASH'),
      newNeurologicalSymptoms: union(rf.newNeurologicalSymptoms, newNeuro),
      neuroSymptomsMatchUsualAura:
        rf.neuroSymptomsMatchUsualAura && !(options.newSinceBooking && newNeuro.length > 0),
      newHeadache: rf.newHeadache || has('NEW_HEADACHE'),
      patternChange: rf.patternChange || has('PATTERN_CHANGE'),
      headacheWithCoughStrainOrExertion:
        rf.headacheWithCoughStrainOrExertion || has('HEADACHE_WITH_COUGH_STRAIN_OR_EXERTION'),
      headacheChangesWithPosture: rf.headacheChangesWithPosture || has('HEADACHE_CHANGES_WITH_POSTURE'),
      jawPainOnChewing: rf.jawPainOnChewing || has('JAW_PAIN_ON_CHEWING'),
      scalpTenderness: rf.scalpTenderness || has('SCALP_TENDERNESS'),
      visionChange: rf.visionChange || has('VISION_CHANGE'),
      headacheAfterHeadInjury: rf.headacheAfterHeadInjury || has('HEAD_INJURY'),
      // An injury since booking is recent; an unknown date is treated as recent (urgent).
      headInjuryAt: has('HEAD_INJURY') ? null : rf.headInjuryAt,
      painfulRedEye: rf.painfulRedEye || has('PAINFUL_RED_EYE'),
      // A new medication plus a new kind of headache today is R9's "began with a new medication".
      headacheBeganWithNewMedication:
        rf.headacheBeganWithNewMedication ||
        has('HEADACHE_BEGAN_WITH_NEW_MEDICATION') ||
        (options.newMedication && newHeadacheToday),
      headacheBeganWithPainkillerOveruse:
        rf.headacheBeganWithPainkillerOveruse || has('HEADACHE_BEGAN_WITH_PAINKILLER_OVERUSE'),
      neckWarningSymptoms: union(rf.neckWarningSymptoms, newNeck),
      calfPainOrSwelling: rf.calfPainOrSwelling || has('CALF_PAIN_OR_SWELLING'),
      // An earlier clearance does not cover calf symptoms that are new since booking.
      dvtMedicallyCleared: rf.dvtMedicallyCleared && !has('CALF_PAIN_OR_SWELLING'),
      whiplashWithNeuroDeficit: rf.whiplashWithNeuroDeficit || has('WHIPLASH_WITH_NEURO_DEFICIT'),
      suspectedFractureOrInstability:
        rf.suspectedFractureOrInstability || has('SUSPECTED_FRACTURE_OR_INSTABILITY'),
    },
    pregnancy: {
      ...base.pregnancy,
      swelling: base.pregnancy.swelling || has('SWELLING'),
      upperAbdominalPain: base.pregnancy.upperAbdominalPain || has('UPPER_ABDOMINAL_PAIN'),
    },
  };
}

/**
 * Folds the day-of answers into the intake (or the updated intake, when the
 * client reports a change). Door answers replace the current state; new
 * symptoms are added to the red flags, never the other way round.
 */
export function mergeDayOf(intake: IntakeAnswers, dayOf: DayOfAnswers): IntakeAnswers {
  const base = addRedFlagSymptoms(dayOf.updatedIntake ?? intake, dayOf.newSymptomsSinceBooking, {
    newSinceBooking: true,
    newMedication: dayOf.newMedicationSinceIntake,
  });
  return {
    ...base,
    currentState: {
      currentHeadachePain: dayOf.currentPain,
      temperatureCelsius: dayOf.temperatureCelsius,
      feverReported: dayOf.feverReported,
      inAttackNow: dayOf.inAttackNow,
      allodyniaNow: dayOf.touchSensitivityNow,
      auraNow: dayOf.auraNow,
      dehydrated: !dayOf.drankWaterInLast4Hours,
      nothingEatenInLast4Hours: !dayOf.ateInLast4Hours,
      // Not asked at the door: a stale "yes" is carried so it gets re-asked, never silently dropped.
      // The client clears it by reporting a change (updatedIntake).
      acuteContagiousIllness: base.currentState.acuteContagiousIllness,
      intoxicated: base.currentState.intoxicated,
      fibromyalgiaFlare: base.currentState.fibromyalgiaFlare,
    },
    medications: union(base.medications, dayOf.medicationsTakenToday),
    preferences: {
      ...base.preferences,
      focusAreas: dayOf.focusAreas.length > 0 ? dayOf.focusAreas : base.preferences.focusAreas,
      // Avoid areas only ever accumulate.
      avoidAreas: unionAreas(base.preferences.avoidAreas, dayOf.avoidAreas),
      essentialOilConsent: dayOf.essentialOilConsent,
    },
  };
}
