import { describe, expect, it } from 'vitest';
import { applyGentleOnly, screenIntake } from './engine.ts';
import { UnknownRuleError, UnknownRuleSetVersionError } from './errors.ts';
import { explain } from './explain.ts';
import { GUIDANCE } from './guidance.ts';
import { createRuleSetRegistry, getRuleSet, RULESETS } from './registry.ts';
import { CURRENT_RULESET } from './ruleset.ts';
import { ctx, intake } from './test-fixtures.ts';
import type { RuleSet, StoredDecision } from './types.ts';

// A stand-in for an older published version: M13 had a cap of 5 and other wording.
const OLD: RuleSet = {
  ...CURRENT_RULESET,
  version: '2026-01-01.1',
  rules: CURRENT_RULESET.rules.map((r) =>
    r.id === 'M13' ? { ...r, reason: 'Old wording: first sessions stay at 5/10.', pressureCap: 5 } : r,
  ),
};
const registry = createRuleSetRegistry([OLD, CURRENT_RULESET]);

describe('rule-set registry', () => {
  it('finds every published version, the current one last, and nothing else', () => {
    expect(getRuleSet(CURRENT_RULESET.version)).toBe(CURRENT_RULESET);
    expect(getRuleSet('2026-11-21.1')?.version).toBe('2026-11-21.1');
    expect(getRuleSet('1999-01-01.1')).toBeUndefined();
    expect(RULESETS.current).toBe(CURRENT_RULESET);
    expect(RULESETS.versions).toEqual(['2026-11-21.1', CURRENT_RULESET.version]);
  });

  it('keeps every version, the last one current', () => {
    expect(registry.versions).toEqual(['2026-01-01.1', CURRENT_RULESET.version]);
    expect(registry.current).toBe(CURRENT_RULESET);
    expect(registry.get('2026-01-01.1')).toBe(OLD);
  });

  it('refuses an empty registry or a version published twice', () => {
    expect(() => createRuleSetRegistry([])).toThrow(/at least one rule set/);
    expect(() => createRuleSetRegistry([CURRENT_RULESET, CURRENT_RULESET])).toThrow(
      /duplicate rule-set version/,
    );
  });
});

describe('explain', () => {
  it('re-explains an old decision with the words and caps of its own version', () => {
    const oldResult = screenIntake(intake(), ctx({ isFirstSession: true }), OLD);
    expect(oldResult.ruleSetVersion).toBe('2026-01-01.1');
    expect(oldResult.pressurePlan.sessionCap).toBe(5);

    // Stored as JSON, as the platform does.
    const stored = JSON.parse(JSON.stringify(oldResult)) as StoredDecision;
    const old = explain(stored, registry);
    expect(old.ruleSetVersion).toBe('2026-01-01.1');
    expect(old.rules.map((r) => r.id)).toEqual(['M6', 'M13']);
    expect(old.rules[1]?.reason).toBe('Old wording: first sessions stay at 5/10.');
    expect(old.rules[1]?.pressureCap).toBe(5);
    expect(old.guidance).toBe(GUIDANCE.CLEAR_WITH_MODIFICATIONS);

    const now = explain(screenIntake(intake(), ctx({ isFirstSession: true })), registry);
    expect(now.rules[1]?.reason).toMatch(/6\/10/);
    expect(now.rules[1]?.pressureCap).toBe(6);
  });

  it('uses the answer-specific parts recorded with the decision', () => {
    const result = screenIntake(
      intake({
        redFlags: { newHeadache: true, jawPainOnChewing: true },
        conditions: {
          localAreaIssues: [{ kind: 'WOUND', area: { area: 'HANDS', side: 'LEFT', note: null } }],
        },
      }),
      ctx({ dateOfBirth: new Date('1960-01-01T00:00:00.000Z') }),
    );
    const explained = explain(result);
    const r4 = explained.rules.find((r) => r.id === 'R4');
    expect(r4?.urgency).toBe('URGENT');
    expect(r4?.condition).toMatch(/giant cell arteritis/);
    expect(explained.urgent).toBe(true);
    expect(explained.guidance).toBe(GUIDANCE.REFER_URGENT);
    expect(explained.rules.find((r) => r.id === 'M11')?.modifications).toEqual([
      {
        code: 'AVOID_AREA',
        area: 'HANDS',
        side: 'LEFT',
        note: null,
        text: 'Avoid the hands, left side: wound.',
      },
    ]);
  });

  it('falls back to the static rule for decisions stored as ids only', () => {
    const explained = explain({
      ruleSetVersion: CURRENT_RULESET.version,
      outcome: 'REFER',
      firedRules: ['R5', 'M6'],
    });
    expect(explained.rules.map((r) => [r.id, r.urgency])).toEqual([
      ['R5', 'ROUTINE'],
      ['M6', null],
    ]);
    expect(explained.urgent).toBe(false);
    expect(explained.guidance).toBe(GUIDANCE.REFER_ROUTINE);
    expect(explained.rules[1]?.modifications.map((m) => m.code)).toEqual(['CAROTID_ENDANGERMENT_SITE']);
  });

  it('explains a DEFER with the gentle-only option that was offered', () => {
    const result = screenIntake(intake({ currentState: { inAttackNow: true } }), ctx());
    const explained = explain(result);
    expect(explained.rules.find((r) => r.id === 'D2')?.gentleOnly?.pressureCap).toBe(2);
    expect(explained.guidance).toBe(result.guidance);
  });

  it('explains a DEFER without gentle-only as reschedule only', () => {
    const explained = explain({
      ruleSetVersion: CURRENT_RULESET.version,
      outcome: 'DEFER',
      firedRules: ['D1', 'D2'],
    });
    expect(explained.guidance).toBe(GUIDANCE.DEFER);
  });

  it('explains a chosen gentle-only session as such', () => {
    const applied = applyGentleOnly(screenIntake(intake({ currentState: { inAttackNow: true } }), ctx()));
    expect(applied).not.toBeNull();
    if (applied === null) return;
    expect(explain(applied).guidance).toBe(applied.guidance);
  });

  it('explains a REFER whose DEFER rules allow gentle-only without offering it', () => {
    const explained = explain({
      ruleSetVersion: CURRENT_RULESET.version,
      outcome: 'REFER',
      firedRules: ['R1', 'D2'],
    });
    expect(explained.guidance).toBe(GUIDANCE.REFER_URGENT);
  });

  it('explains a CLEAR result', () => {
    const explained = explain(screenIntake(intake(), ctx()));
    expect(explained.outcome).toBe('CLEAR');
    expect(explained.guidance).toBe(GUIDANCE.CLEAR);
    expect(explained.rules.map((r) => r.id)).toEqual(['M6']);
  });

  it('refuses unknown versions and rule ids', () => {
    expect(() => explain({ ruleSetVersion: 'nope', outcome: 'CLEAR', firedRules: [] })).toThrow(
      UnknownRuleSetVersionError,
    );
    expect(() =>
      explain({ ruleSetVersion: CURRENT_RULESET.version, outcome: 'REFER', firedRules: ['R99'] }),
    ).toThrow(UnknownRuleError);
  });
});
