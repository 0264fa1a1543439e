// The rule table: docs/safety-rules.md as data. Every clinical number lives
// in `caps` or `thresholds` so a stored decision keeps the numbers of its own
// version. Predicates are small and read only the answers, the context and
// the derived facts; they never read the clock.

import { defineRuleSet } from './define.ts';
import { CURRENT_FREE_TEXT_VOCABULARY } from './freetext.ts';
import { isPregnant, mod, rule } from './rule-support.ts';
import { DEFER_RULES } from './rules-defer.ts';
import { MODIFY_RULES } from './rules-modify.ts';
import { REFER_RULES } from './rules-refer.ts';
import type { Rule } from './types.ts';

/** Published 2026-11-21; M10 fired for every pregnancy that was not deferred, the first trimester included. */
export const RULESET_2026_11_21_1 = defineRuleSet({
  version: '2026-11-21.1',
  rules: [...REFER_RULES, ...DEFER_RULES, ...MODIFY_RULES],
  caps: {
    hardCap: 7,
    selfCareCap: 5,
    preferenceCaps: { LIGHT: 3, MEDIUM: 5, FIRM: 7, DEEP: 8 },
  },
  thresholds: {
    feverCelsius: 38.0,
    newHeadacheAge: 50,
    recentHeadInjuryDays: 28,
    neckTreatmentWindowDays: 42,
    whiplashDeferHours: 72,
    surgeryWindowDays: 42,
    chemotherapyDeferHours: 72,
    earlyPregnancyWeeks: 12,
    sideLyingFromWeeks: 20,
    // Not read by this version's M10; listed because every version carries the full thresholds.
    secondTrimesterFromWeeks: 13,
    currentStateWindowHours: 24,
    hydrationWindowHours: 4,
  },
  medicationKeywords: {
    anticoagulants: [
      'warfarin',
      'coumadin',
      'jantoven',
      'acenocoumarol',
      'phenprocoumon',
      'apixaban',
      'eliquis',
      'rivaroxaban',
      'xarelto',
      'dabigatran',
      'pradaxa',
      'edoxaban',
      'lixiana',
      'savaysa',
      'heparin',
      'enoxaparin',
      'lovenox',
      'clexane',
      'dalteparin',
      'fragmin',
      'tinzaparin',
      'fondaparinux',
    ],
    // Aspirin is left out on purpose: it is a common acute migraine painkiller; daily low-dose
    // aspirin is caught by the explicit antiplatelet question.
    antiplatelets: [
      'clopidogrel',
      'plavix',
      'ticagrelor',
      'brilinta',
      'brilique',
      'prasugrel',
      'effient',
      'dipyridamole',
      'persantine',
      'aggrenox',
      'cilostazol',
      'ticlopidine',
    ],
  },
});

// M10 as the specification says: second or third trimester only (from week 13). Weeks
// unknown still fire it: the precautions only restrict, and D7 already treats the pregnancy as early.
const M10_FROM_SECOND_TRIMESTER: Rule = rule({
  id: 'M10',
  outcome: 'MODIFY',
  title: 'Pregnancy',
  condition:
    'Pregnant, second or third trimester (from week 13), uncomplicated: side-lying after 20 weeks; no deep leg pressure; no abdominal work.',
  reason:
    'For your pregnancy, your therapist will avoid the abdomen and deep pressure on the legs, and position you on your side from 20 weeks.',
  modifications: [mod('NO_DEEP_LEG_PRESSURE'), mod('NO_ABDOMINAL_WORK'), mod('SIDE_LYING_POSITIONING')],
  when: (i) => {
    const weeks = i.derived.weeksPregnantAtSession;
    return isPregnant(i) && (weeks === null || weeks >= i.ruleSet.thresholds.secondTrimesterFromWeeks);
  },
  resolve: (i) => {
    const weeks = i.derived.weeksPregnantAtSession;
    const sideLying = weeks === null || weeks >= i.ruleSet.thresholds.sideLyingFromWeeks;
    return {
      modifications: [
        mod('NO_DEEP_LEG_PRESSURE'),
        mod('NO_ABDOMINAL_WORK'),
        ...(sideLying ? [mod('SIDE_LYING_POSITIONING')] : []),
      ],
    };
  },
});

/**
 * The current table: 2026-11-21.1 with M10 limited to the second and third trimester, and the
 * intake's free text (triggers "other", where headaches start "other") read for red flags.
 */
export const CURRENT_RULESET = defineRuleSet({
  ...RULESET_2026_11_21_1,
  version: '2026-12-02.1',
  freeText: CURRENT_FREE_TEXT_VOCABULARY,
  rules: RULESET_2026_11_21_1.rules.map((r) => (r.id === 'M10' ? M10_FROM_SECOND_TRIMESTER : r)),
});
