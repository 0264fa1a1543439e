// The free-text reader's vocabulary shape and what it reports: types and the concept list only,
// so the engine's types can name them without importing the reader.

/** The red-flag concepts; the names match care's homework symptoms where one exists. */
export const FREE_TEXT_CONCEPTS = [
  'SUDDEN_SEVERE_HEADACHE',
  'FEVER_WITH_STIFF_NECK',
  'WEAKNESS',
  'NUMBNESS',
  'SLURRED_SPEECH',
  'VISION_CHANGE',
  'CONFUSION',
  'SEIZURE',
  'FAINTING',
  'HEAD_INJURY',
  'DIZZINESS',
  'TROUBLE_SWALLOWING',
  'LOSS_OF_BALANCE',
  'DROP_ATTACK',
  'UNUSUAL_NECK_PAIN',
  'PAINFUL_RED_EYE',
  'CALF_PAIN_OR_SWELLING',
] as const;
export type FreeTextConcept = (typeof FREE_TEXT_CONCEPTS)[number];

/**
 * One way of saying a concept: every group must be present in the same sentence
 * (any order, within `span` tokens); a group is a list of alternatives, each a word
 * or a phrase of consecutive words. Words are written naturally and stemmed on load.
 */
export type Pattern = readonly (readonly string[])[];

export interface ConceptSpec {
  ruleId: string;
  urgency: 'URGENT' | 'ROUTINE';
  patterns: readonly Pattern[];
  /** A combination that counts anywhere in one field ("Fever. Neck stiff."), not just in one sentence. */
  acrossSentences?: boolean;
}

export interface FreeTextVocabulary {
  version: string;
  concepts: Readonly<Record<FreeTextConcept, ConceptSpec>>;
  /**
   * Words that alone are not a red flag but mean the text is about a body symptom or
   * a worry the reader cannot place: the text goes to review.
   */
  reviewCues: readonly string[];
  /** Words that negate what follows them ("no", "without", "didn't"). */
  negations: readonly string[];
  /** Words a negation reaches across ("no sign of any numbness"). */
  negationFillers: readonly string[];
  /** Most tokens between the first and last word of one match. */
  span: number;
}

export interface FreeTextMatch {
  concept: FreeTextConcept;
  ruleId: string;
  urgency: 'URGENT' | 'ROUTINE';
  /** The client's words that matched, as written. */
  words: string[];
}

export interface FreeTextReading {
  vocabularyVersion: string;
  /** RED_FLAG: an urgent concept; REVIEW: a routine concept or a cue the reader cannot place; HARMLESS: neither. */
  verdict: 'RED_FLAG' | 'REVIEW' | 'HARMLESS';
  /** Concepts found, in vocabulary order. */
  matches: FreeTextMatch[];
  /** Concepts found but negated ("no numbness"): kept to explain why nothing fired. */
  negated: FreeTextMatch[];
  /** Review cues found, as written. */
  reviewWords: string[];
}
