// Re-explains a stored decision with the rule set it was made under, so the
// client and support see the reasons that applied at the time, not today's.

import { combineGentleOnly } from './engine.ts';
import { UnknownRuleError, UnknownRuleSetVersionError } from './errors.ts';
import { guidanceFor } from './guidance.ts';
import { RULESETS, type RuleSetRegistry } from './registry.ts';
import type { ExplainedRule, Explanation, StoredDecision, StoredFiredRule } from './types.ts';

/**
 * Reasons, modifications and guidance for every stored rule id, from the
 * stored version. Answer-specific parts (urgency, caps, areas) come from the
 * stored fired rule when recorded, else the rule's static values.
 * Throws UnknownRuleSetVersionError / UnknownRuleError for data the registry does not know.
 */
export function explain(decision: StoredDecision, registry: RuleSetRegistry = RULESETS): Explanation {
  const ruleSet = registry.get(decision.ruleSetVersion);
  if (ruleSet === undefined) throw new UnknownRuleSetVersionError(decision.ruleSetVersion);

  const rules: ExplainedRule[] = decision.firedRules.map((stored: StoredFiredRule) => {
    const recorded = typeof stored === 'string' ? { id: stored } : stored;
    const rule = ruleSet.rules.find((r) => r.id === recorded.id);
    if (rule === undefined) throw new UnknownRuleError(ruleSet.version, recorded.id);
    return {
      id: rule.id,
      title: rule.title,
      outcome: rule.outcome,
      condition: rule.condition,
      urgency: recorded.urgency === undefined ? rule.urgency : recorded.urgency,
      reason: rule.reason,
      modifications: recorded.modifications ?? rule.modifications,
      pressureCap: recorded.pressureCap === undefined ? rule.pressureCap : recorded.pressureCap,
      gentleOnly: recorded.gentleOnly === undefined ? rule.gentleOnly : recorded.gentleOnly,
    };
  });

  const urgent =
    decision.outcome === 'REFER' && rules.some((r) => r.outcome === 'REFER' && r.urgency === 'URGENT');
  // DEFER: the option that was offered. CLEAR_WITH_MODIFICATIONS with DEFER rules: the option that was chosen.
  const gentleOnly =
    decision.outcome === 'DEFER' || decision.outcome === 'CLEAR_WITH_MODIFICATIONS'
      ? combineGentleOnly(rules)
      : null;
  return {
    ruleSetVersion: ruleSet.version,
    outcome: decision.outcome,
    urgent,
    guidance: guidanceFor(decision.outcome, urgent, gentleOnly),
    rules,
  };
}
