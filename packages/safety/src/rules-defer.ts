// DEFER rules (D1–D9) of docs/safety-rules.md: not today, sometimes gentle-only.

import {
  avoidArea,
  current,
  D2_GENTLE,
  D4_GENTLE,
  D5_GENTLE,
  D9_GENTLE,
  hasFever,
  isPregnant,
  rule,
  surgeryNeedsDeferral,
  withinHoursBeforeSession,
} from './rule-support.ts';
import type { Modification, Rule } from './types.ts';

export const DEFER_RULES: Rule[] = [
  rule({
    id: 'D1',
    outcome: 'DEFER',
    title: 'Fever or contagious illness',
    condition: 'Fever of 38.0 °C / 100.4 °F or more, or an acute contagious illness.',
    reason:
      'You have a fever (38.0 °C / 100.4 °F or higher) or an illness that can spread, so massage is not a good idea today. Please rest; you can reschedule at no fee.',
    when: (i) => hasFever(i) || (i.derived.currentStateApplies && current(i).acuteContagiousIllness),
  }),
  rule({
    id: 'D2',
    outcome: 'DEFER',
    title: 'Attack or touch sensitivity now',
    condition: 'In the headache phase of an attack now, or touch sensitivity (allodynia) today.',
    reason:
      'You are in the headache phase of a migraine, or your skin is sensitive to touch today, and massage can make that worse. You can reschedule at no fee, or choose a gentle session on the hands and feet only.',
    gentleOnly: D2_GENTLE,
    when: (i) => i.derived.currentStateApplies && (current(i).inAttackNow || current(i).allodyniaNow),
  }),
  rule({
    id: 'D3',
    outcome: 'DEFER',
    title: 'Aura in progress',
    condition: "Aura in progress now (the client's known aura).",
    reason:
      'Your aura is happening now. It is best to wait until it has passed; you can reschedule at no fee.',
    when: (i) => i.derived.currentStateApplies && current(i).auraNow,
  }),
  rule({
    id: 'D4',
    outcome: 'DEFER',
    title: 'Acute whiplash',
    condition: 'Acute whiplash within 72 hours.',
    reason:
      'You had whiplash in the last 72 hours and the neck needs time to settle. You can reschedule at no fee, or choose a gentle session with no neck work.',
    gentleOnly: D4_GENTLE,
    when: (i) =>
      withinHoursBeforeSession(i, i.answers.recentEvents.whiplashAt, i.ruleSet.thresholds.whiplashDeferHours),
  }),
  rule({
    id: 'D5',
    outcome: 'DEFER',
    title: 'Open incision or recent surgery',
    condition: "Open incision, or invasive surgery within 6 weeks without the surgeon's clearance.",
    reason:
      "You have an open incision, or had surgery in the last 6 weeks without your surgeon's go-ahead. You can reschedule at no fee, or choose a gentle session that avoids that area.",
    gentleOnly: D5_GENTLE,
    when: (i) => i.answers.recentEvents.openIncision !== null || surgeryNeedsDeferral(i),
    resolve: (i) => {
      const events = i.answers.recentEvents;
      const areas: Modification[] = [];
      if (events.openIncision !== null) areas.push(avoidArea(events.openIncision, 'open incision'));
      if (events.surgery !== null && surgeryNeedsDeferral(i)) {
        areas.push(avoidArea(events.surgery.area, 'recent surgery'));
      }
      return { gentleOnly: { ...D5_GENTLE, modifications: areas } };
    },
  }),
  rule({
    id: 'D6',
    outcome: 'DEFER',
    title: 'Intoxicated or recent chemotherapy',
    condition: 'Intoxicated, or chemotherapy within 72 hours.',
    reason:
      'Massage is not safe today under the influence of alcohol or drugs, or within 72 hours of chemotherapy. You can reschedule at no fee.',
    when: (i) =>
      (i.derived.currentStateApplies && current(i).intoxicated) ||
      withinHoursBeforeSession(
        i,
        i.answers.recentEvents.lastChemotherapyAt,
        i.ruleSet.thresholds.chemotherapyDeferHours,
      ),
  }),
  rule({
    id: 'D7',
    outcome: 'DEFER',
    title: 'Early pregnancy without clearance',
    condition: 'Pregnant and under 12 weeks, without clearance from the prenatal care provider.',
    reason:
      'In the first 12 weeks of pregnancy we ask for a go-ahead from your midwife, obstetrician or doctor first. You can reschedule at no fee once you have it.',
    // Unknown weeks are treated as early pregnancy.
    when: (i) => {
      const weeks = i.derived.weeksPregnantAtSession;
      return (
        isPregnant(i) &&
        !i.answers.pregnancy.prenatalProviderClearance &&
        (weeks === null || weeks < i.ruleSet.thresholds.earlyPregnancyWeeks)
      );
    },
  }),
  rule({
    id: 'D8',
    outcome: 'DEFER',
    title: 'Fibromyalgia flare',
    condition: 'Fibromyalgia flare today.',
    reason: 'Your fibromyalgia is flaring today and massage may make it worse. You can reschedule at no fee.',
    when: (i) => i.derived.currentStateApplies && current(i).fibromyalgiaFlare,
  }),
  rule({
    id: 'D9',
    outcome: 'DEFER',
    title: 'Dehydrated or not eaten (soft hold)',
    condition: 'Dehydrated or nothing eaten in the last 4 hours (a soft hold).',
    reason:
      'You have not had water or food in the last 4 hours, and massage can then leave you light-headed or set off a migraine. Have some water and a snack; the session can start once you have.',
    gentleOnly: D9_GENTLE,
    when: (i) => i.derived.hydrationApplies && (current(i).dehydrated || current(i).nothingEatenInLast4Hours),
  }),
];
