// MODIFY rules (M1–M13) of docs/safety-rules.md: the session goes ahead, changed.

import {
  avoidArea,
  current,
  hasClotRisk,
  isPregnant,
  LOCAL_ISSUE_TEXT,
  medicationMatches,
  mod,
  onAnticoagulant,
  rule,
} from './rule-support.ts';
import type { Rule } from './types.ts';

export const MODIFY_RULES: Rule[] = [
  rule({
    id: 'M1',
    outcome: 'MODIFY',
    title: 'Bleeding risk',
    condition: 'Anticoagulant or antiplatelet drugs, bleeding disorder, low platelets.',
    reason:
      'Because of blood-thinning medicine or a bleeding problem, your therapist will keep pressure moderate and avoid deep work, to prevent bruising.',
    modifications: [mod('NO_DEEP_TISSUE'), mod('NO_TRIGGER_POINT'), mod('NO_CUPPING')],
    pressureCap: 5,
    when: (i) => {
      const c = i.answers.conditions;
      return (
        c.anticoagulants ||
        c.antiplatelets ||
        c.bleedingDisorder ||
        c.lowPlatelets ||
        onAnticoagulant(i) ||
        medicationMatches(i, i.ruleSet.medicationKeywords.antiplatelets)
      );
    },
  }),
  rule({
    id: 'M2',
    outcome: 'MODIFY',
    title: 'Osteoporosis',
    condition: 'Osteoporosis.',
    reason:
      'Because of osteoporosis, your therapist will use gentle pressure and avoid joint movements and forceful stretching.',
    modifications: [mod('GENTLE_PRESSURE_ONLY'), mod('NO_JOINT_MOBILISATION'), mod('NO_FORCEFUL_STRETCHING')],
    pressureCap: 4,
    when: (i) => i.answers.conditions.osteoporosis,
  }),
  rule({
    id: 'M3',
    outcome: 'MODIFY',
    title: 'Controlled high blood pressure',
    condition: 'High blood pressure controlled by medication.',
    reason:
      'Because you take medicine for high blood pressure, your therapist will keep the session calming and avoid painful deep work.',
    modifications: [mod('CALMING_WORK'), mod('NO_PAINFUL_DEEP_TECHNIQUES')],
    pressureCap: 6,
    when: (i) => i.answers.conditions.bloodPressure === 'CONTROLLED',
  }),
  rule({
    id: 'M4',
    outcome: 'MODIFY',
    title: 'Cancer, active or in history',
    condition:
      'Cancer, active or in history: no deep pressure over the tumour site or involved bone; cap 4/10 unless the oncologist has cleared it; with clot risk, still holds only (cap 1/10).',
    reason:
      'Because of cancer now or in the past, your therapist will avoid deep pressure over the affected area and keep pressure gentle unless your oncologist has cleared firmer work.',
    modifications: [mod('NO_DEEP_PRESSURE_OVER_TUMOUR_SITE')],
    pressureCap: 4,
    when: (i) => i.answers.conditions.cancer !== 'NONE',
    resolve: (i) => {
      // Clot risk limits to holds even after oncologist clearance.
      if (hasClotRisk(i)) {
        return {
          pressureCap: 1,
          modifications: [mod('NO_DEEP_PRESSURE_OVER_TUMOUR_SITE'), mod('HOLDS_ONLY')],
        };
      }
      return { pressureCap: i.answers.conditions.oncologistCleared ? null : 4 };
    },
  }),
  rule({
    id: 'M5',
    outcome: 'MODIFY',
    title: 'Fibromyalgia',
    condition: 'Fibromyalgia (not flaring).',
    reason: 'Because of fibromyalgia, your therapist will use broad, flat, gentle strokes.',
    modifications: [mod('BROAD_FLAT_GENTLE_WORK')],
    pressureCap: 3,
    when: (i) =>
      i.answers.conditions.fibromyalgia && !(i.derived.currentStateApplies && current(i).fibromyalgiaFlare),
  }),
  rule({
    id: 'M6',
    outcome: 'MODIFY',
    title: 'Carotid endangerment site',
    condition: 'Always.',
    reason:
      'The front and sides of the neck hold major blood vessels, so your therapist only ever uses light, broad pressure there.',
    modifications: [mod('CAROTID_ENDANGERMENT_SITE')],
    standing: true,
    when: () => true,
  }),
  rule({
    id: 'M7',
    outcome: 'MODIFY',
    title: 'Neck-work precaution',
    condition: 'Hypermobility, connective-tissue disease, long-term steroids, osteoporosis, cancer.',
    reason:
      'To protect your neck, your therapist will avoid moving the neck joints and strong neck stretches.',
    modifications: [mod('NO_NECK_MOBILISATION_OR_STRONG_STRETCHING')],
    when: (i) => {
      const c = i.answers.conditions;
      return (
        c.hypermobility ||
        c.connectiveTissueDisease ||
        c.longTermSteroids ||
        c.osteoporosis ||
        c.cancer !== 'NONE'
      );
    },
  }),
  rule({
    id: 'M8',
    outcome: 'MODIFY',
    title: 'Scent triggers or oil allergy',
    condition: 'Scent-triggered migraines (osmophobia), or a skin or nut allergy to oils.',
    reason:
      'Because scents can trigger your migraines, or you have an oil, nut or skin allergy, your therapist will use an unscented, hypoallergenic lubricant and no essential oils.',
    modifications: [mod('NO_ESSENTIAL_OILS'), mod('UNSCENTED_HYPOALLERGENIC_LUBRICANT')],
    when: (i) => {
      const a = i.answers.allergies;
      return (
        i.answers.triggers.scents || i.answers.conditions.osmophobia || a.essentialOil || a.nut || a.skin
      );
    },
  }),
  rule({
    id: 'M9',
    outcome: 'MODIFY',
    title: 'Intra-oral or TMJ work',
    condition:
      'Intra-oral or TMJ work requested: only by a therapist holding an intra-oral endorsement where required; gloves (nitrile if latex allergy); signed consent; otherwise external jaw work only.',
    reason:
      'Work inside the mouth needs a therapist with the right endorsement, gloves and your signed consent; otherwise your therapist works on the outside of the jaw only.',
    modifications: [
      mod('REQUIRES_INTRA_ORAL_ENDORSEMENT'),
      mod('GLOVES_REQUIRED'),
      mod('SIGNED_INTRA_ORAL_CONSENT'),
    ],
    when: (i) => i.answers.preferences.intraOralOrTmjWorkRequested || i.ctx.requestedIntraOral,
    resolve: (i) => {
      if (i.ctx.therapistHasIntraOralEndorsement === false) {
        return { modifications: [mod('EXTERNAL_JAW_WORK_ONLY')] };
      }
      // Unknown therapist (booking time) or endorsed therapist: matching and the door check honour these.
      const gloves = i.answers.allergies.latex
        ? [mod('GLOVES_REQUIRED'), mod('NITRILE_GLOVES_ONLY')]
        : [mod('GLOVES_REQUIRED')];
      return {
        modifications: [mod('REQUIRES_INTRA_ORAL_ENDORSEMENT'), ...gloves, mod('SIGNED_INTRA_ORAL_CONSENT')],
      };
    },
  }),
  rule({
    id: 'M10',
    outcome: 'MODIFY',
    title: 'Pregnancy',
    condition:
      'Pregnant, second or third trimester, uncomplicated: side-lying after 20 weeks; no deep leg pressure; no abdominal work.',
    reason:
      'For your pregnancy, your therapist will avoid the abdomen and deep pressure on the legs, and position you on your side from 20 weeks.',
    modifications: [mod('NO_DEEP_LEG_PRESSURE'), mod('NO_ABDOMINAL_WORK'), mod('SIDE_LYING_POSITIONING')],
    // Applied to every pregnancy that is not deferred: the precautions protect in early weeks too.
    when: (i) => isPregnant(i),
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
  }),
  rule({
    id: 'M11',
    outcome: 'MODIFY',
    title: 'Local areas to avoid',
    condition: 'Local wound, rash, recent scar, varicose veins: avoid the area the client names.',
    reason: 'Your therapist will avoid the areas you told us about.',
    when: (i) => i.answers.conditions.localAreaIssues.length > 0,
    resolve: (i) => ({
      modifications: i.answers.conditions.localAreaIssues.map((issue) =>
        avoidArea(issue.area, LOCAL_ISSUE_TEXT[issue.kind]),
      ),
    }),
  }),
  rule({
    id: 'M12',
    outcome: 'MODIFY',
    title: 'Too much pressure or migraine after last session',
    condition:
      'The client reported "too much pressure" or a post-session migraine after an earlier session: start one level below the last cap; check in every 10 minutes.',
    reason:
      'Last time the pressure was too much, or you had a migraine afterwards, so your therapist will start a little lighter and check in with you on pressure every 10 minutes.',
    modifications: [mod('START_BELOW_LAST_CAP'), mod('PRESSURE_CHECK_IN_EVERY_10_MIN')],
    when: (i) => {
      const prev = i.ctx.previousSession;
      return prev !== null && (prev.tooMuchPressure || prev.postSessionMigraine);
    },
    // One level below the last plan's cap, never below 1.
    resolve: (i) => {
      const prev = i.ctx.previousSession;
      return { pressureCap: prev === null ? null : Math.max(1, prev.lastPlanCap - 1) };
    },
  }),
  rule({
    id: 'M13',
    outcome: 'MODIFY',
    title: 'First session',
    condition: 'First session on the platform: cap 6/10 until the client has rated a session.',
    reason:
      'As this is your first session with us, pressure stays at 6/10 or lighter until you have rated a session.',
    modifications: [mod('FIRST_SESSION_CAP')],
    pressureCap: 6,
    when: (i) => i.ctx.isFirstSession,
  }),
];
