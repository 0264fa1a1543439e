// Rule sets are data; this guards the invariants the engine relies on, so a
// bad edit to the table fails at import time rather than in a booking.

import { RuleSetDefinitionError } from './errors.ts';
import { PRESSURE_SCALE } from './pressure.ts';
import type { Rule, RuleSet } from './types.ts';

function checkCap(label: string, cap: number, ceiling: number): void {
  if (!Number.isInteger(cap) || cap < PRESSURE_SCALE.min || cap > ceiling) {
    throw new RuleSetDefinitionError(`${label} must be an integer from ${PRESSURE_SCALE.min} to ${ceiling}`);
  }
}

function checkRule(rule: Rule): void {
  const where = `rule ${rule.id}`;
  if (rule.outcome === 'REFER' && rule.urgency === null) {
    throw new RuleSetDefinitionError(`${where}: a REFER rule needs an urgency`);
  }
  if (rule.outcome !== 'REFER' && rule.urgency !== null) {
    throw new RuleSetDefinitionError(`${where}: only REFER rules carry an urgency`);
  }
  if (rule.gentleOnly !== null && rule.outcome !== 'DEFER') {
    throw new RuleSetDefinitionError(`${where}: only DEFER rules offer gentle-only`);
  }
  if (rule.standing && rule.outcome !== 'MODIFY') {
    throw new RuleSetDefinitionError(`${where}: only MODIFY rules can be standing precautions`);
  }
  if (rule.pressureCap !== null) checkCap(`${where} pressureCap`, rule.pressureCap, PRESSURE_SCALE.max);
  if (rule.gentleOnly?.pressureCap != null) {
    checkCap(`${where} gentleOnly.pressureCap`, rule.gentleOnly.pressureCap, PRESSURE_SCALE.max);
  }
}

/** Validates and freezes a rule set. Throws RuleSetDefinitionError on a broken invariant. */
export function defineRuleSet(ruleSet: RuleSet): Readonly<RuleSet> {
  if (ruleSet.version.trim() === '') throw new RuleSetDefinitionError('a rule set needs a version');
  const seen = new Set<string>();
  for (const rule of ruleSet.rules) {
    if (rule.id.trim() === '') throw new RuleSetDefinitionError('every rule needs an id');
    if (seen.has(rule.id)) throw new RuleSetDefinitionError(`duplicate rule id ${rule.id}`);
    seen.add(rule.id);
    checkRule(rule);
  }
  checkCap('caps.hardCap', ruleSet.caps.hardCap, PRESSURE_SCALE.sessionCapCeiling);
  checkCap('caps.selfCareCap', ruleSet.caps.selfCareCap, PRESSURE_SCALE.selfCareCapCeiling);
  for (const [level, cap] of Object.entries(ruleSet.caps.preferenceCaps)) {
    checkCap(`caps.preferenceCaps.${level}`, cap, PRESSURE_SCALE.sessionCapCeiling);
  }
  for (const rule of ruleSet.rules) Object.freeze(rule);
  Object.freeze(ruleSet.rules);
  return Object.freeze(ruleSet);
}
