import type { FreeTextConcept } from './freetext-concepts.ts';
import type { DayOfSymptom } from './types.ts';

/**
 * What a concept means for screening: the door-check symptoms it stands for, so a red flag in
 * the intake's free text fires the same rule as the structured answer.
 */
export const CONCEPT_SYMPTOMS: Readonly<Record<FreeTextConcept, readonly DayOfSymptom[]>> = {
  SUDDEN_SEVERE_HEADACHE: ['THUNDERCLAP_HEADACHE'],
  FEVER_WITH_STIFF_NECK: ['HEADACHE_WITH_FEVER_STIFF_NECK_OR_RASH'],
  WEAKNESS: ['WEAKNESS'],
  NUMBNESS: ['NUMBNESS'],
  SLURRED_SPEECH: ['SLURRED_SPEECH'],
  // The reader does not tell blurred from lost or double vision: the aura-compatible one, plus R4/R7's.
  VISION_CHANGE: ['VISION_LOSS', 'VISION_CHANGE'],
  CONFUSION: ['CONFUSION'],
  SEIZURE: ['SEIZURE'],
  FAINTING: ['FAINTING'],
  HEAD_INJURY: ['HEAD_INJURY'],
  DIZZINESS: ['DIZZINESS'],
  TROUBLE_SWALLOWING: ['TROUBLE_SWALLOWING'],
  LOSS_OF_BALANCE: ['LOSS_OF_BALANCE'],
  DROP_ATTACK: ['DROP_ATTACKS'],
  UNUSUAL_NECK_PAIN: ['NEW_OR_UNUSUAL_NECK_PAIN'],
  PAINFUL_RED_EYE: ['PAINFUL_RED_EYE'],
  CALF_PAIN_OR_SWELLING: ['CALF_PAIN_OR_SWELLING'],
};
