export interface InputProblem {
  /** Dotted path of the offending field, e.g. `answers.currentState.temperatureCelsius`. */
  field: string;
  message: string;
}

/** Answers or context the engine refuses to guess about (an invalid date would silently switch a rule off). */
export class ScreeningInputError extends Error {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[]) {
    super(`Invalid screening input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'ScreeningInputError';
    this.problems = problems;
  }
}

/** A rule set that breaks the engine's invariants (duplicate ids, caps off the scale...). */
export class RuleSetDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleSetDefinitionError';
  }
}

export class UnknownRuleSetVersionError extends Error {
  readonly version: string;

  constructor(version: string) {
    super(`Unknown rule-set version "${version}"`);
    this.name = 'UnknownRuleSetVersionError';
    this.version = version;
  }
}

export class UnknownRuleError extends Error {
  readonly version: string;
  readonly ruleId: string;

  constructor(version: string, ruleId: string) {
    super(`Rule "${ruleId}" does not exist in rule-set version "${version}"`);
    this.name = 'UnknownRuleError';
    this.version = version;
    this.ruleId = ruleId;
  }
}
