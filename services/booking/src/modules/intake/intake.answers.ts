// Validation of the intake answers (GraphQL input and sealed JSON alike). The
// shape is @mm/safety's IntakeAnswers; dates arrive as Date from the DateTime
// scalar and as ISO strings from sealed JSON, so both are accepted.

import { badInput } from '@mm/graphql-kit';
import {
  type DayOfAnswers,
  type IntakeAnswers,
  NECK_WARNING_SYMPTOMS,
  NEURO_SYMPTOMS,
  type NeckWarningSymptom,
  type NeuroSymptom,
} from '@mm/safety';
import { z } from 'zod';
import { intakeDateProblems } from './intake.policy.ts';

const instant = z.preprocess(
  (v) => (typeof v === 'string' ? new Date(v) : v),
  z.date().refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date'),
);
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const bodyArea = z.enum([
  'HEAD',
  'FACE',
  'JAW',
  'NECK',
  'SHOULDERS',
  'UPPER_BACK',
  'LOWER_BACK',
  'CHEST',
  'ABDOMEN',
  'ARMS',
  'HANDS',
  'HIPS',
  'LEGS',
  'FEET',
]);

export const areaRef = z.object({
  area: bodyArea,
  side: z
    .enum(['LEFT', 'RIGHT', 'BOTH'])
    .nullish()
    .transform((v) => v ?? null),
  note: optionalText(200),
});

// The symptom vocabularies are the engine's own, so input and rules cannot drift apart.
const neuro = z.enum(NEURO_SYMPTOMS as [NeuroSymptom, ...NeuroSymptom[]]);
const neckWarning = z.enum(NECK_WARNING_SYMPTOMS as [NeckWarningSymptom, ...NeckWarningSymptom[]]);

const nullableInstant = instant.nullish().transform((v) => v ?? null);
const uniqueList = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);

export const intakeAnswersSchema = z.object({
  headache: z.object({
    startsAt: uniqueList(
      z.enum(['NECK', 'TEMPLE', 'FOREHEAD', 'BEHIND_EYE', 'JAW', 'BACK_OF_HEAD', 'OTHER']),
      7,
    ),
    startsAtOther: optionalText(200),
    onset: z.enum(['ON_WAKING', 'BUILDS_DURING_DAY', 'VARIES']),
    wakesWithHeadache: z.boolean(),
    oneSided: z.boolean(),
    hasUsualAura: z.boolean(),
    auraDiagnosedByClinician: z.boolean(),
    auraDescription: optionalText(500),
  }),
  triggers: z.object({
    barometricPressure: z.boolean(),
    posture: z.boolean(),
    footwearHeels: z.boolean(),
    oneSidedChewing: z.boolean(),
    pillow: z.boolean(),
    screens: z.boolean(),
    sleep: z.boolean(),
    food: z.boolean(),
    scents: z.boolean(),
    other: optionalText(300),
  }),
  redFlags: z.object({
    thunderclapOnset: z.boolean(),
    headacheWithFeverStiffNeckOrRash: z.boolean(),
    newNeurologicalSymptoms: uniqueList(neuro, 8),
    neuroSymptomsMatchUsualAura: z.boolean(),
    newHeadache: z.boolean(),
    patternChange: z.boolean(),
    headacheWithCoughStrainOrExertion: z.boolean(),
    headacheChangesWithPosture: z.boolean(),
    jawPainOnChewing: z.boolean(),
    scalpTenderness: z.boolean(),
    visionChange: z.boolean(),
    headacheAfterHeadInjury: z.boolean(),
    headInjuryAt: nullableInstant,
    painfulRedEye: z.boolean(),
    headacheBeganWithNewMedication: z.boolean(),
    headacheBeganWithPainkillerOveruse: z.boolean(),
    neckTreatments: z
      .array(
        z.object({
          kind: z.enum(['NECK_MASSAGE', 'NECK_MANIPULATION', 'NECK_MASSAGE_DEVICE', 'MINOR_NECK_INJURY']),
          at: instant,
        }),
      )
      .max(20),
    neckWarningSymptoms: uniqueList(neckWarning, 11),
    dvtKnownOrSuspected: z.boolean(),
    calfPainOrSwelling: z.boolean(),
    dvtMedicallyCleared: z.boolean(),
    whiplashWithNeuroDeficit: z.boolean(),
    suspectedFractureOrInstability: z.boolean(),
  }),
  pregnancy: z.object({
    status: z.enum(['NOT_PREGNANT', 'PREGNANT', 'POSTPARTUM']),
    weeksPregnant: z
      .number()
      .int()
      .min(0)
      .max(45)
      .nullish()
      .transform((v) => v ?? null),
    prenatalProviderClearance: z.boolean(),
    highRisk: z.boolean(),
    preEclampsia: z.boolean(),
    newDifferentOrPersistentHeadache: z.boolean(),
    swelling: z.boolean(),
    upperAbdominalPain: z.boolean(),
  }),
  recentEvents: z.object({
    whiplashAt: nullableInstant,
    surgery: z
      .object({ at: instant, area: areaRef, surgeonCleared: z.boolean() })
      .nullish()
      .transform((v) => v ?? null),
    openIncision: areaRef.nullish().transform((v) => v ?? null),
    lastChemotherapyAt: nullableInstant,
  }),
  currentState: z.object({
    currentHeadachePain: z
      .number()
      .int()
      .min(0)
      .max(10)
      .nullish()
      .transform((v) => v ?? null),
    temperatureCelsius: z
      .number()
      .min(30, 'must be in °C (30–45)')
      .max(45, 'must be in °C (30–45)')
      .nullish()
      .transform((v) => v ?? null),
    feverReported: z.boolean(),
    acuteContagiousIllness: z.boolean(),
    inAttackNow: z.boolean(),
    allodyniaNow: z.boolean(),
    auraNow: z.boolean(),
    intoxicated: z.boolean(),
    fibromyalgiaFlare: z.boolean(),
    dehydrated: z.boolean(),
    nothingEatenInLast4Hours: z.boolean(),
  }),
  conditions: z.object({
    anticoagulants: z.boolean(),
    antiplatelets: z.boolean(),
    bleedingDisorder: z.boolean(),
    lowPlatelets: z.boolean(),
    clotRisk: z.boolean(),
    osteoporosis: z.boolean(),
    bloodPressure: z.enum(['NONE', 'CONTROLLED', 'UNCONTROLLED', 'SEVERE']),
    cancer: z.enum(['NONE', 'ACTIVE', 'HISTORY']),
    oncologistCleared: z.boolean(),
    immunosuppressed: z.boolean(),
    fibromyalgia: z.boolean(),
    hypermobility: z.boolean(),
    connectiveTissueDisease: z.boolean(),
    longTermSteroids: z.boolean(),
    osmophobia: z.boolean(),
    localAreaIssues: z
      .array(z.object({ kind: z.enum(['WOUND', 'RASH', 'RECENT_SCAR', 'VARICOSE_VEINS']), area: areaRef }))
      .max(20),
  }),
  allergies: z.object({
    essentialOil: z.boolean(),
    nut: z.boolean(),
    skin: z.boolean(),
    latex: z.boolean(),
  }),
  medications: z.array(text(100).min(1)).max(50),
  preferences: z.object({
    pressure: z
      .enum(['LIGHT', 'MEDIUM', 'FIRM', 'DEEP'])
      .nullish()
      .transform((v) => v ?? null),
    focusAreas: z.array(areaRef).max(14),
    avoidAreas: z.array(areaRef).max(14),
    essentialOilConsent: z.boolean(),
    intraOralOrTmjWorkRequested: z.boolean(),
  }),
}) satisfies z.ZodType<Omit<IntakeAnswers, 'answeredAt'>, unknown>;

export const dateOfBirth = z.iso
  .date('must be a date as YYYY-MM-DD')
  .refine((d) => d >= '1900-01-01', 'must be after 1900');

/** What one intake version seals: the answers plus the date of birth the age rules need. */
export const sealedIntakeSchema = z.object({
  dateOfBirth,
  answers: intakeAnswersSchema,
});
export type SealedIntake = z.infer<typeof sealedIntakeSchema>;

export const intakeInputSchema = intakeAnswersSchema.extend({ dateOfBirth });

/** Parses the input and refuses dates that cannot be true at `now` (BAD_USER_INPUT naming each field). */
export function toSealedIntake(raw: unknown, now: Date): SealedIntake {
  const { dateOfBirth: dob, ...answers } = intakeInputSchema.parse(raw);
  const sealed = { dateOfBirth: dob, answers };
  const problems = intakeDateProblems({ dateOfBirth: dob, ...answers }, now);
  if (problems.length > 0) {
    throw badInput(
      `Some dates cannot be right: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  }
  return sealed;
}

/** The engine's IntakeAnswers, answered at `answeredAt`. */
export const engineAnswers = (sealed: SealedIntake, answeredAt: Date): IntakeAnswers => ({
  ...sealed.answers,
  answeredAt,
});

export const dobDate = (dob: string): Date => new Date(`${dob}T00:00:00Z`);

// ── day-of answers (the spec's minimum door questions) ────────────────────
const dayOfSymptom = z.enum([
  'THUNDERCLAP_HEADACHE',
  'HEADACHE_WITH_FEVER_STIFF_NECK_OR_RASH',
  'WEAKNESS',
  'NUMBNESS',
  'SLURRED_SPEECH',
  'CONFUSION',
  'DOUBLE_VISION',
  'VISION_LOSS',
  'SEIZURE',
  'FAINTING',
  'NEW_HEADACHE',
  'PATTERN_CHANGE',
  'HEADACHE_WITH_COUGH_STRAIN_OR_EXERTION',
  'HEADACHE_CHANGES_WITH_POSTURE',
  'JAW_PAIN_ON_CHEWING',
  'SCALP_TENDERNESS',
  'VISION_CHANGE',
  'HEAD_INJURY',
  'SWELLING',
  'UPPER_ABDOMINAL_PAIN',
  'PAINFUL_RED_EYE',
  'HEADACHE_BEGAN_WITH_NEW_MEDICATION',
  'HEADACHE_BEGAN_WITH_PAINKILLER_OVERUSE',
  'NEW_OR_UNUSUAL_NECK_PAIN',
  'HEADACHE_UNLIKE_USUAL',
  'DIZZINESS',
  'TROUBLE_SWALLOWING',
  'DROP_ATTACKS',
  'NAUSEA',
  'NYSTAGMUS',
  'LOSS_OF_BALANCE',
  'CALF_PAIN_OR_SWELLING',
  'WHIPLASH_WITH_NEURO_DEFICIT',
  'SUSPECTED_FRACTURE_OR_INSTABILITY',
]);

export const dayOfAnswersSchema = z.object({
  currentPain: z.number().int().min(0).max(10),
  inAttackNow: z.boolean(),
  auraNow: z.boolean(),
  touchSensitivityNow: z.boolean(),
  newSymptomsSinceBooking: z.array(dayOfSymptom).max(40),
  feverReported: z.boolean(),
  temperatureCelsius: z
    .number()
    .min(30, 'must be in °C (30–45)')
    .max(45, 'must be in °C (30–45)')
    .nullish()
    .transform((v) => v ?? null),
  drankWaterInLast4Hours: z.boolean(),
  ateInLast4Hours: z.boolean(),
  medicationsTakenToday: z.array(text(100).min(1)).max(50),
  newMedicationSinceIntake: z.boolean(),
  agreedPressureCap: z.number().int().min(0).max(10),
  focusAreas: z.array(areaRef).max(14),
  avoidAreas: z.array(areaRef).max(14),
  essentialOilConsent: z.boolean(),
});
export type DayOfCore = z.infer<typeof dayOfAnswersSchema>;

export const toEngineDayOf = (core: DayOfCore, updatedIntake: IntakeAnswers | null): DayOfAnswers => ({
  ...core,
  updatedIntake,
});
