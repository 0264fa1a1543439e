// Every rule set the platform has ever used stays here, so a decision stored
// under an old version can still be explained with that version's words.
// Publishing a new version: add it to RULESET_HISTORY and point CURRENT_RULESET at it.

import { RuleSetDefinitionError } from './errors.ts';
import { CURRENT_RULESET, RULESET_2026_11_21_1 } from './ruleset.ts';
import type { RuleSet } from './types.ts';

export interface RuleSetRegistry {
  readonly current: RuleSet;
  /** Versions, oldest first. */
  readonly versions: readonly string[];
  get(version: string): RuleSet | undefined;
}

/** Builds a registry; the last rule set is the current one. */
export function createRuleSetRegistry(ruleSets: readonly RuleSet[]): RuleSetRegistry {
  const current = ruleSets.at(-1);
  if (current === undefined) throw new RuleSetDefinitionError('a registry needs at least one rule set');
  const byVersion = new Map<string, RuleSet>();
  for (const rs of ruleSets) {
    if (byVersion.has(rs.version))
      throw new RuleSetDefinitionError(`duplicate rule-set version ${rs.version}`);
    byVersion.set(rs.version, rs);
  }
  return {
    current,
    versions: [...byVersion.keys()],
    get: (version) => byVersion.get(version),
  };
}

/** All published rule sets, oldest first. */
const RULESET_HISTORY: readonly RuleSet[] = [RULESET_2026_11_21_1, CURRENT_RULESET];

export const RULESETS: RuleSetRegistry = createRuleSetRegistry(RULESET_HISTORY);

/** The rule set of a stored version, or undefined if the version was never published. */
export function getRuleSet(version: string): RuleSet | undefined {
  return RULESETS.get(version);
}
