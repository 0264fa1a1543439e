export { defineRuleSet } from './define.ts';
export { applyGentleOnly, isPassing, screenDayOf, screenIntake } from './engine.ts';
export {
  type InputProblem,
  RuleSetDefinitionError,
  ScreeningInputError,
  UnknownRuleError,
  UnknownRuleSetVersionError,
} from './errors.ts';
export { explain } from './explain.ts';
export {
  CURRENT_FREE_TEXT_VOCABULARY,
  FREE_TEXT_CONCEPTS,
  FREE_TEXT_URGENT_GUIDANCE,
  type FreeTextConcept,
  type FreeTextMatch,
  type FreeTextReading,
  type FreeTextVocabulary,
  readFreeText,
} from './freetext.ts';
export { GUIDANCE } from './guidance.ts';
export {
  checkHomeworkSymptoms,
  HOMEWORK_ESCALATION_GUIDANCE,
  type HomeworkEscalation,
  type HomeworkRedFlag,
  redFlagSymptoms,
} from './homework.ts';
export { emptyDayOfAnswers, emptyIntakeAnswers, NECK_WARNING_SYMPTOMS, NEURO_SYMPTOMS } from './intake.ts';
export { clampAgreedCap, PRESSURE_SCALE } from './pressure.ts';
export { createRuleSetRegistry, getRuleSet, RULESETS, type RuleSetRegistry } from './registry.ts';
export { CURRENT_RULESET } from './ruleset.ts';
export type * from './types.ts';
