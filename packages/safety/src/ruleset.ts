// The rule table: docs/safety-rules.md as data. Every clinical number lives
// in `caps` or `thresholds` so a stored decision keeps the numbers of its own
// version. Predicates are small and read only the answers, the context and
// the derived facts; they never read the clock.

import { defineRuleSet } from './define.ts';
import { CURRENT_FREE_TEXT_VOCABULARY } from './freetext.ts';
import { daysBetween, hoursBetween } from './time.ts';
import type {
  AreaRef,
  GentleOnly,
  Modification,
  NeuroSymptom,
  Rule,
  RuleInput,
  SimpleModification,
  SimpleModificationCode,
} from './types.ts';

// ---------------------------------------------------------------------------
// Modification catalogue (therapist-facing text)
// ---------------------------------------------------------------------------

const MODIFICATION_TEXT: Record<SimpleModificationCode, string> = {
  NO_DEEP_TISSUE: 'No deep-tissue work.',
  NO_TRIGGER_POINT: 'No trigger-point work.',
  NO_CUPPING: 'No cupping.',
  GENTLE_PRESSURE_ONLY: 'Gentle pressure only.',
  NO_JOINT_MOBILISATION: 'No joint mobilisation.',
  NO_FORCEFUL_STRETCHING: 'No forceful stretching.',
  CALMING_WORK: 'Keep the work calming.',
  NO_PAINFUL_DEEP_TECHNIQUES: 'No painful deep techniques.',
  NO_DEEP_PRESSURE_OVER_TUMOUR_SITE: 'No deep pressure over the tumour site or any involved bone.',
  HOLDS_ONLY: 'Still holds only (clot risk): no stroking, kneading or friction.',
  BROAD_FLAT_GENTLE_WORK: 'Broad, flat, gentle work.',
  CAROTID_ENDANGERMENT_SITE:
    'Anterior and lateral neck (carotid area) is an endangerment site: light, broad pressure only; no deep work, no manipulation.',
  NO_NECK_MOBILISATION_OR_STRONG_STRETCHING: 'No neck mobilisation or strong neck stretching.',
  NO_ESSENTIAL_OILS: 'No essential oils.',
  UNSCENTED_HYPOALLERGENIC_LUBRICANT: 'Unscented, hypoallergenic, nut-free lubricant only.',
  REQUIRES_INTRA_ORAL_ENDORSEMENT:
    'Intra-oral work only by a therapist holding an intra-oral endorsement where their jurisdiction requires one; otherwise external jaw work only.',
  GLOVES_REQUIRED: 'Gloves for intra-oral work.',
  NITRILE_GLOVES_ONLY: 'Latex allergy: nitrile gloves only.',
  SIGNED_INTRA_ORAL_CONSENT: 'Signed intra-oral consent before any intra-oral work.',
  EXTERNAL_JAW_WORK_ONLY: 'External jaw work only; no intra-oral work.',
  SIDE_LYING_POSITIONING: 'Side-lying positioning (after 20 weeks of pregnancy).',
  NO_DEEP_LEG_PRESSURE: 'No deep pressure on the legs.',
  NO_ABDOMINAL_WORK: 'No abdominal work.',
  START_BELOW_LAST_CAP: "Start one level below the last plan's cap.",
  PRESSURE_CHECK_IN_EVERY_10_MIN: 'Check in with the client on pressure every 10 minutes.',
  FIRST_SESSION_CAP: 'First session: pressure at most 6/10 until the client has rated a session.',
  NO_NECK_WORK: 'No neck work.',
  NO_HEAD_OR_NECK_PRESSURE: 'No pressure on the head or neck.',
  HANDS_AND_FEET_ONLY: 'Hands and feet only.',
  CONFIRM_WATER_AND_SNACK: 'Start only once the client confirms they have had water and a snack.',
};

function mod(code: SimpleModificationCode): SimpleModification {
  return { code, text: MODIFICATION_TEXT[code] };
}

const SIDE_TEXT = { LEFT: ', left side', RIGHT: ', right side', BOTH: ', both sides' } as const;

function avoidArea(ref: AreaRef, why: string): Modification {
  const side = ref.side === null ? '' : SIDE_TEXT[ref.side];
  const note = ref.note === null ? '' : ` (${ref.note})`;
  const area = ref.area.toLowerCase().replaceAll('_', ' ');
  return {
    code: 'AVOID_AREA',
    area: ref.area,
    side: ref.side,
    note: ref.note,
    text: `Avoid the ${area}${side}${note}: ${why}.`,
  };
}

const LOCAL_ISSUE_TEXT = {
  WOUND: 'wound',
  RASH: 'rash',
  RECENT_SCAR: 'recent scar',
  VARICOSE_VEINS: 'varicose veins',
} as const;

// ---------------------------------------------------------------------------
// Shared predicates
// ---------------------------------------------------------------------------

/** Aura symptoms a diagnosed usual aura can explain (visual, sensory, speech). Others always refer. */
export const AURA_COMPATIBLE_SYMPTOMS: readonly NeuroSymptom[] = [
  'VISION_LOSS',
  'NUMBNESS',
  'SLURRED_SPEECH',
];

/** R10 counts these R3 symptoms as dissection warnings too. */
const DISSECTION_NEURO_SYMPTOMS: readonly NeuroSymptom[] = ['NUMBNESS', 'SLURRED_SPEECH', 'DOUBLE_VISION'];

function current(i: RuleInput) {
  return i.answers.currentState;
}

/** A measured temperature wins over a reported fever. Only counts for the session's own state. */
export function hasFever(i: RuleInput): boolean {
  if (!i.derived.currentStateApplies) return false;
  const { temperatureCelsius, feverReported } = current(i);
  return temperatureCelsius === null
    ? feverReported
    : temperatureCelsius >= i.ruleSet.thresholds.feverCelsius;
}

/** R2 from the current state: a fever (which already implies the state applies) plus a headache now. */
function feverWithHeadacheNow(i: RuleInput): boolean {
  if (!hasFever(i)) return false;
  const { inAttackNow, currentHeadachePain } = current(i);
  return inAttackNow || (currentHeadachePain ?? 0) > 0;
}

function medicationMatches(i: RuleInput, keywords: readonly string[]): boolean {
  return i.answers.medications.some((name) => {
    const lower = name.toLowerCase();
    return keywords.some((k) => lower.includes(k));
  });
}

function onAnticoagulant(i: RuleInput): boolean {
  return (
    i.answers.conditions.anticoagulants || medicationMatches(i, i.ruleSet.medicationKeywords.anticoagulants)
  );
}

/** M4's clot risk: a stated risk, anticoagulation, or a known/suspected DVT (even once cleared). */
export function hasClotRisk(i: RuleInput): boolean {
  return i.answers.conditions.clotRisk || onAnticoagulant(i) || i.answers.redFlags.dvtKnownOrSuspected;
}

function hasDiagnosedUsualAura(i: RuleInput): boolean {
  return i.answers.headache.hasUsualAura && i.answers.headache.auraDiagnosedByClinician;
}

/** R3 symptoms left after the usual-aura exception. */
export function unexplainedNeuroSymptoms(i: RuleInput): NeuroSymptom[] {
  const rf = i.answers.redFlags;
  const auraExplains = hasDiagnosedUsualAura(i) && rf.neuroSymptomsMatchUsualAura;
  return rf.newNeurologicalSymptoms.filter((s) => !(auraExplains && AURA_COMPATIBLE_SYMPTOMS.includes(s)));
}

function hasGcaSigns(i: RuleInput): boolean {
  const rf = i.answers.redFlags;
  return rf.jawPainOnChewing || rf.scalpTenderness || rf.visionChange;
}

function recentNeckTreatment(i: RuleInput): boolean {
  const window = i.ruleSet.thresholds.neckTreatmentWindowDays;
  // Measured to "now", when the current symptoms are reported; a future date counts as recent.
  return i.answers.redFlags.neckTreatments.some((t) => daysBetween(t.at, i.ctx.now) <= window);
}

function surgeryNeedsDeferral(i: RuleInput): boolean {
  const surgery = i.answers.recentEvents.surgery;
  if (surgery === null || surgery.surgeonCleared) return false;
  return daysBetween(surgery.at, i.ctx.sessionStart) <= i.ruleSet.thresholds.surgeryWindowDays;
}

function withinHoursBeforeSession(i: RuleInput, at: Date | null, hours: number): boolean {
  return at !== null && hoursBetween(at, i.ctx.sessionStart) <= hours;
}

function isPregnant(i: RuleInput): boolean {
  return i.answers.pregnancy.status === 'PREGNANT';
}

// ---------------------------------------------------------------------------
// Gentle-only templates
// ---------------------------------------------------------------------------

const D2_GENTLE: GentleOnly = {
  description: 'Hands and feet only, no head or neck pressure, pressure at most 2/10.',
  allowedAreas: ['HANDS', 'FEET'],
  pressureCap: 2,
  modifications: [mod('HANDS_AND_FEET_ONLY'), mod('NO_HEAD_OR_NECK_PRESSURE')],
  confirmationsRequired: [],
};

const D4_GENTLE: GentleOnly = {
  description: 'No neck work.',
  allowedAreas: null,
  pressureCap: null,
  modifications: [mod('NO_NECK_WORK')],
  confirmationsRequired: [],
};

const D5_GENTLE: GentleOnly = {
  description: 'The surgical area is avoided.',
  allowedAreas: null,
  pressureCap: null,
  modifications: [],
  confirmationsRequired: [],
};

const D9_GENTLE: GentleOnly = {
  description: 'The session can start once you have had water and a snack.',
  allowedAreas: null,
  pressureCap: null,
  modifications: [mod('CONFIRM_WATER_AND_SNACK')],
  confirmationsRequired: ['WATER_AND_SNACK'],
};

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

type RuleSpec = Omit<Rule, 'urgency' | 'modifications' | 'pressureCap' | 'gentleOnly' | 'standing'> &
  Partial<Pick<Rule, 'urgency' | 'modifications' | 'pressureCap' | 'gentleOnly' | 'standing'>>;

function rule(spec: RuleSpec): Rule {
  return { urgency: null, modifications: [], pressureCap: null, gentleOnly: null, standing: false, ...spec };
}

const REFER_RULES: Rule[] = [
  rule({
    id: 'R1',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'Thunderclap headache',
    condition: 'Headache came on suddenly, peaking within seconds to a minute ("thunderclap", "worst ever").',
    reason:
      'You described a headache that came on suddenly and peaked within about a minute. A sudden "worst ever" headache needs a doctor straight away.',
    when: (i) => i.answers.redFlags.thunderclapOnset,
  }),
  rule({
    id: 'R2',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'Headache with fever, stiff neck or rash',
    condition: 'Headache with fever, stiff neck or rash.',
    reason:
      'A headache together with a fever, a stiff neck or a rash can be a sign of an infection that needs a doctor straight away.',
    // A measured fever plus a headache right now is the same red flag as the history answer.
    when: (i) => i.answers.redFlags.headacheWithFeverStiffNeckOrRash || feverWithHeadacheNow(i),
  }),
  rule({
    id: 'R3',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'New neurological symptoms',
    condition:
      'New neurological symptoms: weakness, numbness, slurred speech, confusion, double or lost vision, seizure, fainting. A diagnosed aura matching the usual pattern is not R3 (see D3).',
    reason:
      'New symptoms such as weakness, numbness, slurred speech, confusion, double or lost vision, a seizure or fainting need a doctor straight away.',
    // An aura now, in someone with no diagnosed aura, is itself a new neurological symptom.
    when: (i) =>
      unexplainedNeuroSymptoms(i).length > 0 ||
      (i.derived.currentStateApplies && current(i).auraNow && !hasDiagnosedUsualAura(i)),
  }),
  rule({
    id: 'R4',
    outcome: 'REFER',
    urgency: 'ROUTINE',
    title: 'New headache at 50 or over',
    condition:
      'New headache or new pattern starting at age 50 or over; urgent with jaw pain on chewing, scalp tenderness or vision change (giant cell arteritis).',
    reason:
      'A new headache, or a change in your headaches, that starts at age 50 or over should be checked by a doctor first. With jaw pain when chewing, a tender scalp or a change in vision, please get checked today.',
    when: (i) =>
      i.derived.ageAtSession >= i.ruleSet.thresholds.newHeadacheAge &&
      (i.answers.redFlags.newHeadache || i.answers.redFlags.patternChange),
    resolve: (i) => ({ urgency: hasGcaSigns(i) ? 'URGENT' : 'ROUTINE' }),
  }),
  rule({
    id: 'R5',
    outcome: 'REFER',
    urgency: 'ROUTINE',
    title: 'Pattern change or provoked headache',
    condition:
      'Pattern change (more frequent, more severe, new features, steadily worsening), or headache triggered by cough, sneeze, strain or exertion, or that changes with posture.',
    reason:
      'Your headaches have changed (more often, more severe, new features or steadily worse), or they come on with coughing, straining or exercise, or change when you sit up or lie down. A doctor should check this before massage.',
    when: (i) => {
      const rf = i.answers.redFlags;
      return (
        rf.patternChange ||
        rf.headacheWithCoughStrainOrExertion ||
        rf.headacheChangesWithPosture ||
        rf.neckWarningSymptoms.includes('HEADACHE_UNLIKE_USUAL')
      );
    },
  }),
  rule({
    id: 'R6',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'Headache after head injury',
    condition: 'Headache that began after a head injury; urgent if recent.',
    reason:
      'Your headache began after a head injury, so a doctor should check it before massage. If the injury was recent, please get checked today.',
    when: (i) => i.answers.redFlags.headacheAfterHeadInjury,
    resolve: (i) => {
      const at = i.answers.redFlags.headInjuryAt;
      const recent = at === null || daysBetween(at, i.ctx.now) <= i.ruleSet.thresholds.recentHeadInjuryDays;
      return { urgency: recent ? 'URGENT' : 'ROUTINE' };
    },
  }),
  rule({
    id: 'R7',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'Headache in pregnancy or postpartum',
    condition:
      'Pregnant or postpartum with a new, different or persistent headache, especially with vision change, swelling or upper-abdominal pain (pre-eclampsia).',
    reason:
      'A new, different or lasting headache during pregnancy or after giving birth, especially with changes in vision, swelling or pain under the ribs, can be a sign of pre-eclampsia. Please contact your maternity team or doctor now.',
    when: (i) => {
      const p = i.answers.pregnancy;
      const rf = i.answers.redFlags;
      if (p.status === 'NOT_PREGNANT') return false;
      // Vision change or upper-abdominal pain alone are pre-eclampsia warning signs; swelling alone is common.
      return (
        p.newDifferentOrPersistentHeadache ||
        rf.newHeadache ||
        rf.patternChange ||
        rf.visionChange ||
        p.upperAbdominalPain
      );
    },
  }),
  rule({
    id: 'R8',
    outcome: 'REFER',
    urgency: 'ROUTINE',
    title: 'New headache with cancer or immunosuppression',
    condition: 'New headache with a history of cancer or immunosuppression.',
    reason:
      'A new headache with a history of cancer, or with a weakened immune system, should be checked by your doctor before massage.',
    when: (i) =>
      i.answers.redFlags.newHeadache &&
      (i.answers.conditions.cancer !== 'NONE' || i.answers.conditions.immunosuppressed),
  }),
  rule({
    id: 'R9',
    outcome: 'REFER',
    urgency: 'ROUTINE',
    title: 'Red eye, or medication-related headache',
    condition:
      'Painful red eye (urgent), or a new headache that began with a new medication or with overuse of painkillers (routine).',
    reason:
      'A painful red eye needs to be seen today. A new headache that started with a new medicine, or with frequent painkiller use, should be reviewed by your doctor before massage.',
    when: (i) => {
      const rf = i.answers.redFlags;
      return rf.painfulRedEye || rf.headacheBeganWithNewMedication || rf.headacheBeganWithPainkillerOveruse;
    },
    resolve: (i) => ({ urgency: i.answers.redFlags.painfulRedEye ? 'URGENT' : 'ROUTINE' }),
  }),
  rule({
    id: 'R10',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'Possible cervical artery dissection',
    condition:
      'Within the last 6 weeks: neck massage, neck manipulation, a massage device on the neck, or a minor neck injury, and now new or unusual neck pain, a headache unlike the usual migraine, dizziness, double vision, slurred speech, trouble swallowing, drop attacks, nausea, nystagmus, numbness or loss of balance.',
    reason:
      'You had neck massage, neck manipulation, a massage device on your neck or a minor neck injury in the last 6 weeks, and now have new symptoms. Together these can be a sign of an injury to an artery in the neck. Please seek medical care now.',
    modifications: [mod('NO_NECK_WORK')],
    when: (i) => {
      if (!recentNeckTreatment(i)) return false;
      const rf = i.answers.redFlags;
      return (
        rf.neckWarningSymptoms.length > 0 ||
        rf.newHeadache ||
        rf.newNeurologicalSymptoms.some((s) => DISSECTION_NEURO_SYMPTOMS.includes(s))
      );
    },
  }),
  rule({
    id: 'R11',
    outcome: 'REFER',
    urgency: 'ROUTINE',
    title: 'Known or suspected DVT',
    condition: 'Known or suspected DVT (calf pain or swelling), until medically cleared.',
    reason:
      'Calf pain or swelling, or a known or suspected blood clot (DVT), must be cleared by a doctor before massage, because massage could move a clot.',
    when: (i) => {
      const rf = i.answers.redFlags;
      return (rf.dvtKnownOrSuspected || rf.calfPainOrSwelling) && !rf.dvtMedicallyCleared;
    },
  }),
  rule({
    id: 'R12',
    outcome: 'REFER',
    urgency: 'ROUTINE',
    title: 'Uncontrolled blood pressure, pre-eclampsia or high-risk pregnancy',
    condition: 'Severe or uncontrolled high blood pressure, pre-eclampsia, high-risk pregnancy.',
    reason:
      "High blood pressure that is severe or not under control, pre-eclampsia, or a high-risk pregnancy needs your doctor's go-ahead before massage.",
    when: (i) => {
      const bp = i.answers.conditions.bloodPressure;
      const p = i.answers.pregnancy;
      return bp === 'UNCONTROLLED' || bp === 'SEVERE' || p.preEclampsia || (isPregnant(i) && p.highRisk);
    },
  }),
  rule({
    id: 'R13',
    outcome: 'REFER',
    urgency: 'URGENT',
    title: 'Whiplash with neurological deficit, or suspected fracture',
    condition: 'Whiplash with neurological deficit, or a suspected fracture or instability.',
    reason:
      'Whiplash with numbness, weakness or other nerve symptoms, or a possible fracture or unstable neck or spine, needs a doctor straight away.',
    when: (i) =>
      i.answers.redFlags.whiplashWithNeuroDeficit || i.answers.redFlags.suspectedFractureOrInstability,
  }),
];

const DEFER_RULES: Rule[] = [
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

const MODIFY_RULES: Rule[] = [
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
