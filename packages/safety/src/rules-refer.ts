// REFER rules (R1–R13) of docs/safety-rules.md: seek care before any massage.

import {
  current,
  DISSECTION_NEURO_SYMPTOMS,
  feverWithHeadacheNow,
  hasDiagnosedUsualAura,
  hasGcaSigns,
  isPregnant,
  mod,
  recentNeckTreatment,
  rule,
  unexplainedNeuroSymptoms,
} from './rule-support.ts';
import { daysBetween } from './time.ts';
import type { Rule } from './types.ts';

export const REFER_RULES: Rule[] = [
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
