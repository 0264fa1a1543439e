import { describe, expect, it } from 'vitest';
import { defineRuleSet } from './define.ts';
import { RuleSetDefinitionError } from './errors.ts';
import { CURRENT_RULESET } from './ruleset.ts';
import type { Rule, RuleSet } from './types.ts';

const base: Rule = {
  id: 'X1',
  outcome: 'MODIFY',
  title: 't',
  condition: 'c',
  reason: 'r',
  urgency: null,
  modifications: [],
  pressureCap: null,
  gentleOnly: null,
  standing: false,
  when: () => false,
};

function ruleSet(rules: Rule[], patch: Partial<RuleSet> = {}): RuleSet {
  return { ...CURRENT_RULESET, version: 'test', rules, ...patch };
}

const gentle = {
  description: '',
  allowedAreas: null,
  pressureCap: 2,
  modifications: [],
  confirmationsRequired: [],
};

describe('defineRuleSet', () => {
  it('accepts a valid rule set and freezes it', () => {
    const defined = defineRuleSet(ruleSet([{ ...base }]));
    expect(Object.isFrozen(defined)).toBe(true);
    expect(Object.isFrozen(defined.rules[0])).toBe(true);
  });

  it.each([
    ['an empty version', ruleSet([base], { version: ' ' }), /needs a version/],
    ['an empty rule id', ruleSet([{ ...base, id: '' }]), /needs an id/],
    ['duplicate ids', ruleSet([base, { ...base }]), /duplicate rule id X1/],
    ['REFER without urgency', ruleSet([{ ...base, outcome: 'REFER' }]), /needs an urgency/],
    ['urgency outside REFER', ruleSet([{ ...base, urgency: 'URGENT' }]), /only REFER rules carry an urgency/],
    [
      'gentle-only outside DEFER',
      ruleSet([{ ...base, gentleOnly: gentle }]),
      /only DEFER rules offer gentle-only/,
    ],
    [
      'a standing DEFER rule',
      ruleSet([{ ...base, outcome: 'DEFER', standing: true }]),
      /standing precautions/,
    ],
    [
      'a rule cap of 11',
      ruleSet([{ ...base, pressureCap: 11 }]),
      /pressureCap must be an integer from 0 to 10/,
    ],
    ['a fractional rule cap', ruleSet([{ ...base, pressureCap: 2.5 }]), /pressureCap/],
    [
      'a negative gentle cap',
      ruleSet([{ ...base, outcome: 'DEFER', gentleOnly: { ...gentle, pressureCap: -1 } }]),
      /gentleOnly\.pressureCap/,
    ],
    [
      'a hard cap above 8',
      ruleSet([base], { caps: { ...CURRENT_RULESET.caps, hardCap: 9 } }),
      /hardCap.*0 to 8/,
    ],
    [
      'a homework cap above 6',
      ruleSet([base], { caps: { ...CURRENT_RULESET.caps, selfCareCap: 7 } }),
      /selfCareCap.*0 to 6/,
    ],
    [
      'a preference cap above 8',
      ruleSet([base], {
        caps: { ...CURRENT_RULESET.caps, preferenceCaps: { LIGHT: 3, MEDIUM: 5, FIRM: 7, DEEP: 9 } },
      }),
      /preferenceCaps\.DEEP/,
    ],
  ])('refuses %s', (_name, rs, message) => {
    expect(() => defineRuleSet(rs)).toThrow(RuleSetDefinitionError);
    expect(() => defineRuleSet(rs)).toThrow(message);
  });

  it('accepts a DEFER rule with a gentle option without a cap', () => {
    expect(() =>
      defineRuleSet(ruleSet([{ ...base, outcome: 'DEFER', gentleOnly: { ...gentle, pressureCap: null } }])),
    ).not.toThrow();
  });
});
