import { describe, expect, it } from 'vitest';
import { screenIntake } from './engine.ts';
import { CURRENT_RULESET, RULESET_2026_11_21_1 } from './ruleset.ts';
import {
  before,
  ctx,
  DAY,
  fired,
  firedIds,
  HOUR,
  type IntakePatch,
  intake,
  modificationCodes,
  NOW,
  SESSION,
} from './test-fixtures.ts';
import type { RuleInput, ScreeningContext, Urgency } from './types.ts';

interface Case {
  id: string;
  name: string;
  answers?: IntakePatch;
  context?: Partial<ScreeningContext>;
  fires: boolean;
  urgency?: Urgency;
}

const AGE_50 = new Date('1976-11-21T00:00:00.000Z'); // 50th birthday on the session date
const AGE_49 = new Date('1976-11-22T00:00:00.000Z'); // turns 50 the day after the session
const diagnosedAura = { hasUsualAura: true, auraDiagnosedByClinician: true };
const neckMassage = (daysAgo: number) => [{ kind: 'NECK_MASSAGE' as const, at: before(NOW, daysAgo * DAY) }];

const REFER_CASES: Case[] = [
  {
    id: 'R1',
    name: 'thunderclap onset',
    answers: { redFlags: { thunderclapOnset: true } },
    fires: true,
    urgency: 'URGENT',
  },
  { id: 'R1', name: 'no thunderclap', fires: false },

  {
    id: 'R2',
    name: 'history: headache with fever, stiff neck or rash',
    answers: { redFlags: { headacheWithFeverStiffNeckOrRash: true } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R2',
    name: '38.0 °C while in an attack',
    answers: { currentState: { temperatureCelsius: 38.0, inAttackNow: true } },
    fires: true,
  },
  {
    id: 'R2',
    name: 'reported fever with pain 3/10 now',
    answers: { currentState: { feverReported: true, currentHeadachePain: 3 } },
    fires: true,
  },
  {
    id: 'R2',
    name: '37.9 °C while in an attack (boundary)',
    answers: { currentState: { temperatureCelsius: 37.9, inAttackNow: true } },
    fires: false,
  },
  {
    id: 'R2',
    name: '38.0 °C with no headache now',
    answers: { currentState: { temperatureCelsius: 38.0, currentHeadachePain: 0 } },
    fires: false,
  },
  {
    id: 'R2',
    name: 'fever reported, headache pain not asked',
    answers: { currentState: { feverReported: true } },
    fires: false,
  },

  {
    id: 'R3',
    name: 'new numbness, no aura history',
    answers: { redFlags: { newNeurologicalSymptoms: ['NUMBNESS'] } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R3',
    name: 'numbness matching a diagnosed usual aura',
    answers: {
      headache: diagnosedAura,
      redFlags: { newNeurologicalSymptoms: ['NUMBNESS'], neuroSymptomsMatchUsualAura: true },
    },
    fires: false,
  },
  {
    id: 'R3',
    name: 'numbness matching an undiagnosed aura',
    answers: {
      headache: { hasUsualAura: true },
      redFlags: { newNeurologicalSymptoms: ['NUMBNESS'], neuroSymptomsMatchUsualAura: true },
    },
    fires: true,
  },
  {
    id: 'R3',
    name: 'numbness unlike the diagnosed aura',
    answers: { headache: diagnosedAura, redFlags: { newNeurologicalSymptoms: ['NUMBNESS'] } },
    fires: true,
  },
  {
    id: 'R3',
    name: 'weakness is never explained by the usual aura',
    answers: {
      headache: diagnosedAura,
      redFlags: { newNeurologicalSymptoms: ['VISION_LOSS', 'WEAKNESS'], neuroSymptomsMatchUsualAura: true },
    },
    fires: true,
  },
  {
    id: 'R3',
    name: 'aura now without a diagnosed aura',
    answers: { currentState: { auraNow: true } },
    fires: true,
  },
  {
    id: 'R3',
    name: 'aura now with a diagnosed aura (D3 instead)',
    answers: { headache: diagnosedAura, currentState: { auraNow: true } },
    fires: false,
  },

  {
    id: 'R4',
    name: 'new headache at 50',
    answers: { redFlags: { newHeadache: true } },
    context: { dateOfBirth: AGE_50 },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R4',
    name: 'new headache at 49 (boundary)',
    answers: { redFlags: { newHeadache: true } },
    context: { dateOfBirth: AGE_49 },
    fires: false,
  },
  {
    id: 'R4',
    name: 'new pattern at 50 with jaw pain on chewing',
    answers: { redFlags: { patternChange: true, jawPainOnChewing: true } },
    context: { dateOfBirth: AGE_50 },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R4',
    name: 'new headache at 50 with scalp tenderness',
    answers: { redFlags: { newHeadache: true, scalpTenderness: true } },
    context: { dateOfBirth: AGE_50 },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R4',
    name: 'new headache at 50 with vision change',
    answers: { redFlags: { newHeadache: true, visionChange: true } },
    context: { dateOfBirth: AGE_50 },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R4',
    name: 'usual headache at 70',
    context: { dateOfBirth: new Date('1956-01-01T00:00:00.000Z') },
    fires: false,
  },

  {
    id: 'R5',
    name: 'pattern change',
    answers: { redFlags: { patternChange: true } },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R5',
    name: 'cough, strain or exertion',
    answers: { redFlags: { headacheWithCoughStrainOrExertion: true } },
    fires: true,
  },
  {
    id: 'R5',
    name: 'changes with posture',
    answers: { redFlags: { headacheChangesWithPosture: true } },
    fires: true,
  },
  {
    id: 'R5',
    name: 'headache unlike the usual one',
    answers: { redFlags: { neckWarningSymptoms: ['HEADACHE_UNLIKE_USUAL'] } },
    fires: true,
  },
  {
    id: 'R5',
    name: 'a new headache under 50, nothing else',
    answers: { redFlags: { newHeadache: true } },
    fires: false,
  },

  {
    id: 'R6',
    name: 'head injury 28 days ago',
    answers: { redFlags: { headacheAfterHeadInjury: true, headInjuryAt: before(NOW, 28 * DAY) } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R6',
    name: 'head injury 29 days ago',
    answers: { redFlags: { headacheAfterHeadInjury: true, headInjuryAt: before(NOW, 29 * DAY) } },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R6',
    name: 'head injury, date unknown',
    answers: { redFlags: { headacheAfterHeadInjury: true } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R6',
    name: 'injury date without the headache answer',
    answers: { redFlags: { headInjuryAt: before(NOW, DAY) } },
    fires: false,
  },

  {
    id: 'R7',
    name: 'pregnant with a persistent headache',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 30, newDifferentOrPersistentHeadache: true } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R7',
    name: 'postpartum with a new headache',
    answers: { pregnancy: { status: 'POSTPARTUM' }, redFlags: { newHeadache: true } },
    fires: true,
  },
  {
    id: 'R7',
    name: 'pregnant with a pattern change',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 30 }, redFlags: { patternChange: true } },
    fires: true,
  },
  {
    id: 'R7',
    name: 'pregnant with vision change',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 30 }, redFlags: { visionChange: true } },
    fires: true,
  },
  {
    id: 'R7',
    name: 'pregnant with upper-abdominal pain',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 30, upperAbdominalPain: true } },
    fires: true,
  },
  {
    id: 'R7',
    name: 'pregnant with swelling alone',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 30, swelling: true } },
    fires: false,
  },
  {
    id: 'R7',
    name: 'not pregnant, persistent headache answer',
    answers: { pregnancy: { newDifferentOrPersistentHeadache: true } },
    fires: false,
  },

  {
    id: 'R8',
    name: 'new headache with cancer history',
    answers: { redFlags: { newHeadache: true }, conditions: { cancer: 'HISTORY' } },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R8',
    name: 'new headache with immunosuppression',
    answers: { redFlags: { newHeadache: true }, conditions: { immunosuppressed: true } },
    fires: true,
  },
  {
    id: 'R8',
    name: 'cancer without a new headache',
    answers: { conditions: { cancer: 'ACTIVE' } },
    fires: false,
  },
  {
    id: 'R8',
    name: 'new headache without cancer or immunosuppression',
    answers: { redFlags: { newHeadache: true } },
    fires: false,
  },

  {
    id: 'R9',
    name: 'painful red eye',
    answers: { redFlags: { painfulRedEye: true } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R9',
    name: 'headache began with a new medication',
    answers: { redFlags: { headacheBeganWithNewMedication: true } },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R9',
    name: 'headache began with painkiller overuse',
    answers: { redFlags: { headacheBeganWithPainkillerOveruse: true } },
    fires: true,
    urgency: 'ROUTINE',
  },
  { id: 'R9', name: 'none of them', fires: false },

  {
    id: 'R10',
    name: 'neck massage 6 weeks (42 days) ago, dizzy now',
    answers: { redFlags: { neckTreatments: neckMassage(42), neckWarningSymptoms: ['DIZZINESS'] } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R10',
    name: 'neck massage 43 days ago, dizzy now (boundary)',
    answers: { redFlags: { neckTreatments: neckMassage(43), neckWarningSymptoms: ['DIZZINESS'] } },
    fires: false,
  },
  {
    id: 'R10',
    name: 'neck massage 7 weeks ago, dizzy now',
    answers: { redFlags: { neckTreatments: neckMassage(49), neckWarningSymptoms: ['DIZZINESS'] } },
    fires: false,
  },
  {
    id: 'R10',
    name: 'manipulation last week, new headache',
    answers: {
      redFlags: {
        neckTreatments: [{ kind: 'NECK_MANIPULATION', at: before(NOW, 7 * DAY) }],
        newHeadache: true,
      },
    },
    fires: true,
  },
  {
    id: 'R10',
    name: 'neck device last week, new numbness',
    answers: {
      redFlags: {
        neckTreatments: [{ kind: 'NECK_MASSAGE_DEVICE', at: before(NOW, 7 * DAY) }],
        newNeurologicalSymptoms: ['NUMBNESS'],
      },
    },
    fires: true,
  },
  {
    id: 'R10',
    name: 'minor neck injury last week, weakness only (R3, not R10)',
    answers: {
      redFlags: {
        neckTreatments: [{ kind: 'MINOR_NECK_INJURY', at: before(NOW, 7 * DAY) }],
        newNeurologicalSymptoms: ['WEAKNESS'],
      },
    },
    fires: false,
  },
  {
    id: 'R10',
    name: 'recent neck massage, no symptoms now',
    answers: { redFlags: { neckTreatments: neckMassage(3) } },
    fires: false,
  },
  {
    id: 'R10',
    name: 'symptoms now, no neck treatment',
    answers: { redFlags: { neckWarningSymptoms: ['NAUSEA', 'DIZZINESS'] } },
    fires: false,
  },

  {
    id: 'R11',
    name: 'suspected DVT',
    answers: { redFlags: { dvtKnownOrSuspected: true } },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R11',
    name: 'calf pain or swelling',
    answers: { redFlags: { calfPainOrSwelling: true } },
    fires: true,
  },
  {
    id: 'R11',
    name: 'DVT medically cleared',
    answers: { redFlags: { dvtKnownOrSuspected: true, dvtMedicallyCleared: true } },
    fires: false,
  },

  {
    id: 'R12',
    name: 'uncontrolled blood pressure',
    answers: { conditions: { bloodPressure: 'UNCONTROLLED' } },
    fires: true,
    urgency: 'ROUTINE',
  },
  {
    id: 'R12',
    name: 'severe blood pressure',
    answers: { conditions: { bloodPressure: 'SEVERE' } },
    fires: true,
  },
  { id: 'R12', name: 'pre-eclampsia', answers: { pregnancy: { preEclampsia: true } }, fires: true },
  {
    id: 'R12',
    name: 'high-risk pregnancy',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 25, highRisk: true } },
    fires: true,
  },
  {
    id: 'R12',
    name: 'high-risk answer while not pregnant',
    answers: { pregnancy: { highRisk: true } },
    fires: false,
  },
  {
    id: 'R12',
    name: 'blood pressure controlled by medication (M3)',
    answers: { conditions: { bloodPressure: 'CONTROLLED' } },
    fires: false,
  },

  {
    id: 'R13',
    name: 'whiplash with neurological deficit',
    answers: { redFlags: { whiplashWithNeuroDeficit: true } },
    fires: true,
    urgency: 'URGENT',
  },
  {
    id: 'R13',
    name: 'suspected fracture or instability',
    answers: { redFlags: { suspectedFractureOrInstability: true } },
    fires: true,
    urgency: 'URGENT',
  },
  { id: 'R13', name: 'neither', fires: false },
];

const DEFER_CASES: Case[] = [
  { id: 'D1', name: '38.0 °C', answers: { currentState: { temperatureCelsius: 38.0 } }, fires: true },
  {
    id: 'D1',
    name: '37.9 °C (boundary)',
    answers: { currentState: { temperatureCelsius: 37.9 } },
    fires: false,
  },
  {
    id: 'D1',
    name: 'fever reported, no thermometer',
    answers: { currentState: { feverReported: true } },
    fires: true,
  },
  {
    id: 'D1',
    name: 'fever reported but measured 37.2 °C',
    answers: { currentState: { feverReported: true, temperatureCelsius: 37.2 } },
    fires: false,
  },
  {
    id: 'D1',
    name: 'acute contagious illness',
    answers: { currentState: { acuteContagiousIllness: true } },
    fires: true,
  },

  { id: 'D2', name: 'in an attack now', answers: { currentState: { inAttackNow: true } }, fires: true },
  {
    id: 'D2',
    name: 'touch sensitivity today',
    answers: { currentState: { allodyniaNow: true } },
    fires: true,
  },
  {
    id: 'D2',
    name: 'mild pain, not an attack',
    answers: { currentState: { currentHeadachePain: 2 } },
    fires: false,
  },

  {
    id: 'D3',
    name: 'known aura in progress',
    answers: { headache: diagnosedAura, currentState: { auraNow: true } },
    fires: true,
  },
  { id: 'D3', name: 'known aura, not now', answers: { headache: diagnosedAura }, fires: false },

  {
    id: 'D4',
    name: 'whiplash 72 h before the session',
    answers: { recentEvents: { whiplashAt: before(SESSION, 72 * HOUR) } },
    fires: true,
  },
  {
    id: 'D4',
    name: 'whiplash 73 h before the session (boundary)',
    answers: { recentEvents: { whiplashAt: before(SESSION, 73 * HOUR) } },
    fires: false,
  },

  {
    id: 'D5',
    name: 'open incision',
    answers: { recentEvents: { openIncision: { area: 'ABDOMEN', side: null, note: null } } },
    fires: true,
  },
  {
    id: 'D5',
    name: 'surgery 42 days before, no clearance',
    answers: {
      recentEvents: {
        surgery: {
          at: before(SESSION, 42 * DAY),
          area: { area: 'SHOULDERS', side: 'LEFT', note: null },
          surgeonCleared: false,
        },
      },
    },
    fires: true,
  },
  {
    id: 'D5',
    name: 'surgery 43 days before (boundary)',
    answers: {
      recentEvents: {
        surgery: {
          at: before(SESSION, 43 * DAY),
          area: { area: 'SHOULDERS', side: 'LEFT', note: null },
          surgeonCleared: false,
        },
      },
    },
    fires: false,
  },
  {
    id: 'D5',
    name: 'recent surgery with the surgeon’s clearance',
    answers: {
      recentEvents: {
        surgery: {
          at: before(SESSION, 10 * DAY),
          area: { area: 'SHOULDERS', side: 'LEFT', note: null },
          surgeonCleared: true,
        },
      },
    },
    fires: false,
  },

  { id: 'D6', name: 'intoxicated', answers: { currentState: { intoxicated: true } }, fires: true },
  {
    id: 'D6',
    name: 'chemotherapy 72 h before',
    answers: { recentEvents: { lastChemotherapyAt: before(SESSION, 72 * HOUR) } },
    fires: true,
  },
  {
    id: 'D6',
    name: 'chemotherapy 73 h before (boundary)',
    answers: { recentEvents: { lastChemotherapyAt: before(SESSION, 73 * HOUR) } },
    fires: false,
  },

  {
    id: 'D7',
    name: 'pregnant, 11 weeks, no clearance',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 11 } },
    fires: true,
  },
  {
    id: 'D7',
    name: 'pregnant, 12 weeks (boundary)',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 12 } },
    fires: false,
  },
  { id: 'D7', name: 'pregnant, weeks unknown', answers: { pregnancy: { status: 'PREGNANT' } }, fires: true },
  {
    id: 'D7',
    name: 'pregnant, 11 weeks, prenatal clearance',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 11, prenatalProviderClearance: true } },
    fires: false,
  },
  {
    id: 'D7',
    name: '11 weeks when answered, 12 weeks by the session',
    answers: { answeredAt: before(NOW, 7 * DAY), pregnancy: { status: 'PREGNANT', weeksPregnant: 11 } },
    fires: false,
  },

  {
    id: 'D8',
    name: 'fibromyalgia flare',
    answers: { conditions: { fibromyalgia: true }, currentState: { fibromyalgiaFlare: true } },
    fires: true,
  },
  {
    id: 'D8',
    name: 'fibromyalgia, not flaring',
    answers: { conditions: { fibromyalgia: true } },
    fires: false,
  },

  { id: 'D9', name: 'dehydrated', answers: { currentState: { dehydrated: true } }, fires: true },
  {
    id: 'D9',
    name: 'nothing eaten in 4 h',
    answers: { currentState: { nothingEatenInLast4Hours: true } },
    fires: true,
  },
  { id: 'D9', name: 'ate and drank', fires: false },
];

const MODIFY_CASES: Case[] = [
  { id: 'M1', name: 'anticoagulants', answers: { conditions: { anticoagulants: true } }, fires: true },
  { id: 'M1', name: 'antiplatelets', answers: { conditions: { antiplatelets: true } }, fires: true },
  { id: 'M1', name: 'bleeding disorder', answers: { conditions: { bleedingDisorder: true } }, fires: true },
  { id: 'M1', name: 'low platelets', answers: { conditions: { lowPlatelets: true } }, fires: true },
  {
    id: 'M1',
    name: 'Eliquis in the medication list',
    answers: { medications: ['Eliquis 5 mg'] },
    fires: true,
  },
  {
    id: 'M1',
    name: 'clopidogrel in the medication list',
    answers: { medications: ['Clopidogrel'] },
    fires: true,
  },
  {
    id: 'M1',
    name: 'aspirin and a triptan only',
    answers: { medications: ['aspirin', 'sumatriptan'] },
    fires: false,
  },

  { id: 'M2', name: 'osteoporosis', answers: { conditions: { osteoporosis: true } }, fires: true },
  { id: 'M2', name: 'no osteoporosis', fires: false },

  {
    id: 'M3',
    name: 'blood pressure controlled by medication',
    answers: { conditions: { bloodPressure: 'CONTROLLED' } },
    fires: true,
  },
  { id: 'M3', name: 'no high blood pressure', fires: false },

  { id: 'M4', name: 'active cancer', answers: { conditions: { cancer: 'ACTIVE' } }, fires: true },
  { id: 'M4', name: 'cancer in history', answers: { conditions: { cancer: 'HISTORY' } }, fires: true },
  { id: 'M4', name: 'no cancer', fires: false },

  {
    id: 'M5',
    name: 'fibromyalgia, not flaring',
    answers: { conditions: { fibromyalgia: true } },
    fires: true,
  },
  {
    id: 'M5',
    name: 'fibromyalgia flaring (D8 instead)',
    answers: { conditions: { fibromyalgia: true }, currentState: { fibromyalgiaFlare: true } },
    fires: false,
  },

  { id: 'M6', name: 'always, even with nothing to report', fires: true },

  { id: 'M7', name: 'hypermobility', answers: { conditions: { hypermobility: true } }, fires: true },
  {
    id: 'M7',
    name: 'connective-tissue disease',
    answers: { conditions: { connectiveTissueDisease: true } },
    fires: true,
  },
  { id: 'M7', name: 'long-term steroids', answers: { conditions: { longTermSteroids: true } }, fires: true },
  { id: 'M7', name: 'osteoporosis', answers: { conditions: { osteoporosis: true } }, fires: true },
  { id: 'M7', name: 'cancer', answers: { conditions: { cancer: 'HISTORY' } }, fires: true },
  { id: 'M7', name: 'none of them', fires: false },

  { id: 'M8', name: 'scent trigger', answers: { triggers: { scents: true } }, fires: true },
  { id: 'M8', name: 'osmophobia', answers: { conditions: { osmophobia: true } }, fires: true },
  { id: 'M8', name: 'essential-oil allergy', answers: { allergies: { essentialOil: true } }, fires: true },
  { id: 'M8', name: 'nut allergy', answers: { allergies: { nut: true } }, fires: true },
  { id: 'M8', name: 'skin allergy', answers: { allergies: { skin: true } }, fires: true },
  { id: 'M8', name: 'latex allergy only', answers: { allergies: { latex: true } }, fires: false },

  {
    id: 'M9',
    name: 'client asks for intra-oral / TMJ work',
    answers: { preferences: { intraOralOrTmjWorkRequested: true } },
    fires: true,
  },
  {
    id: 'M9',
    name: 'booked service includes intra-oral work',
    context: { requestedIntraOral: true },
    fires: true,
  },
  { id: 'M9', name: 'not requested', fires: false },

  {
    id: 'M10',
    name: 'pregnant, 24 weeks',
    answers: { pregnancy: { status: 'PREGNANT', weeksPregnant: 24 } },
    fires: true,
  },
  { id: 'M10', name: 'postpartum', answers: { pregnancy: { status: 'POSTPARTUM' } }, fires: false },

  {
    id: 'M11',
    name: 'varicose veins',
    answers: {
      conditions: {
        localAreaIssues: [{ kind: 'VARICOSE_VEINS', area: { area: 'LEGS', side: 'LEFT', note: 'calf' } }],
      },
    },
    fires: true,
  },
  { id: 'M11', name: 'no local issues', fires: false },

  {
    id: 'M12',
    name: 'too much pressure last time',
    context: { previousSession: { tooMuchPressure: true, postSessionMigraine: false, lastPlanCap: 5 } },
    fires: true,
  },
  {
    id: 'M12',
    name: 'migraine after last session',
    context: { previousSession: { tooMuchPressure: false, postSessionMigraine: true, lastPlanCap: 5 } },
    fires: true,
  },
  {
    id: 'M12',
    name: 'last session went fine',
    context: { previousSession: { tooMuchPressure: false, postSessionMigraine: false, lastPlanCap: 5 } },
    fires: false,
  },
  { id: 'M12', name: 'no earlier session', fires: false },

  { id: 'M13', name: 'first session', context: { isFirstSession: true }, fires: true },
  { id: 'M13', name: 'has rated a session', fires: false },
];

const ALL_CASES = [...REFER_CASES, ...DEFER_CASES, ...MODIFY_CASES];

describe('the rule table', () => {
  it('encodes every rule of the specification, and nothing else', () => {
    const expected = [
      ...Array.from({ length: 13 }, (_, n) => `R${n + 1}`),
      ...Array.from({ length: 9 }, (_, n) => `D${n + 1}`),
      ...Array.from({ length: 13 }, (_, n) => `M${n + 1}`),
    ];
    expect(CURRENT_RULESET.rules.map((r) => r.id)).toEqual(expected);
    expect(CURRENT_RULESET.version).toBe('2026-12-02.1');
  });

  it('has a firing and a non-firing case for every rule (M6 always fires)', () => {
    for (const rule of CURRENT_RULESET.rules) {
      const cases = ALL_CASES.filter((c) => c.id === rule.id);
      expect(
        cases.some((c) => c.fires),
        `${rule.id} fires`,
      ).toBe(true);
      if (rule.id !== 'M6')
        expect(
          cases.some((c) => !c.fires),
          `${rule.id} does not fire`,
        ).toBe(true);
    }
  });

  it('is frozen so a caller cannot change a published version', () => {
    expect(Object.isFrozen(CURRENT_RULESET)).toBe(true);
    expect(Object.isFrozen(CURRENT_RULESET.rules)).toBe(true);
    expect(() => {
      (CURRENT_RULESET.rules as unknown[]).push({});
    }).toThrow(TypeError);
  });
});

describe.each([
  ['REFER', REFER_CASES],
  ['DEFER', DEFER_CASES],
  ['MODIFY', MODIFY_CASES],
] as const)('%s rules', (_kind, cases) => {
  it.each(cases)('$id $name → fires: $fires', ({ id, answers, context, fires, urgency }) => {
    const result = screenIntake(intake(answers), ctx(context));
    const ids = result.firedRules.map((f) => f.id);
    expect(ids.includes(id)).toBe(fires);
    if (urgency !== undefined) expect(fired(result, id)?.urgency).toBe(urgency);
  });
});

describe('rule details', () => {
  it('R10 forbids neck work and is urgent', () => {
    const result = screenIntake(
      intake({ redFlags: { neckTreatments: neckMassage(10), neckWarningSymptoms: ['TROUBLE_SWALLOWING'] } }),
      ctx(),
    );
    expect(result.outcome).toBe('REFER');
    expect(result.urgent).toBe(true);
    expect(fired(result, 'R10')?.modifications.map((m) => m.code)).toEqual(['NO_NECK_WORK']);
    expect(modificationCodes(result)).toContain('NO_NECK_WORK');
  });

  it('only REFER rules carry an urgency', () => {
    const result = screenIntake(
      intake({ conditions: { osteoporosis: true }, currentState: { inAttackNow: true } }),
      ctx(),
    );
    for (const f of result.firedRules) {
      expect(f.urgency).toBeNull();
    }
  });

  it('M1 stops deep tissue, trigger-point and cupping work and caps at 5', () => {
    const m1 = fired(screenIntake(intake({ conditions: { anticoagulants: true } }), ctx()), 'M1');
    expect(m1?.modifications.map((m) => m.code)).toEqual([
      'NO_DEEP_TISSUE',
      'NO_TRIGGER_POINT',
      'NO_CUPPING',
    ]);
    expect(m1?.pressureCap).toBe(5);
  });

  it('M2 is gentle, cap 4, no joint mobilisation or forceful stretching', () => {
    const m2 = fired(screenIntake(intake({ conditions: { osteoporosis: true } }), ctx()), 'M2');
    expect(m2?.modifications.map((m) => m.code)).toEqual([
      'GENTLE_PRESSURE_ONLY',
      'NO_JOINT_MOBILISATION',
      'NO_FORCEFUL_STRETCHING',
    ]);
    expect(m2?.pressureCap).toBe(4);
  });

  it('M3 is calming, no painful deep techniques, cap 6', () => {
    const m3 = fired(screenIntake(intake({ conditions: { bloodPressure: 'CONTROLLED' } }), ctx()), 'M3');
    expect(m3?.modifications.map((m) => m.code)).toEqual(['CALMING_WORK', 'NO_PAINFUL_DEEP_TECHNIQUES']);
    expect(m3?.pressureCap).toBe(6);
  });

  it.each([
    ['active, not cleared', { cancer: 'ACTIVE' as const }, [], 4, false],
    [
      'history, cleared by the oncologist',
      { cancer: 'HISTORY' as const, oncologistCleared: true },
      [],
      null,
      false,
    ],
    ['with a stated clot risk', { cancer: 'ACTIVE' as const, clotRisk: true }, [], 1, true],
    [
      'cleared, but on anticoagulants',
      { cancer: 'HISTORY' as const, oncologistCleared: true, anticoagulants: true },
      [],
      1,
      true,
    ],
    ['with warfarin in the medication list', { cancer: 'ACTIVE' as const }, ['Warfarin'], 1, true],
  ])('M4 %s → cap %s', (_name, conditions, medications, cap, holdsOnly) => {
    const result = screenIntake(intake({ conditions, medications }), ctx());
    const m4 = fired(result, 'M4');
    expect(m4?.pressureCap).toBe(cap);
    expect(m4?.modifications.map((m) => m.code).includes('HOLDS_ONLY')).toBe(holdsOnly);
    expect(m4?.modifications.map((m) => m.code)).toContain('NO_DEEP_PRESSURE_OVER_TUMOUR_SITE');
  });

  it('M4 counts a cleared DVT as clot risk', () => {
    const result = screenIntake(
      intake({
        conditions: { cancer: 'HISTORY' },
        redFlags: { dvtKnownOrSuspected: true, dvtMedicallyCleared: true },
      }),
      ctx(),
    );
    expect(result.outcome).toBe('CLEAR_WITH_MODIFICATIONS');
    expect(fired(result, 'M4')?.pressureCap).toBe(1);
  });

  it('M5 is broad and flat, cap 3', () => {
    const m5 = fired(screenIntake(intake({ conditions: { fibromyalgia: true } }), ctx()), 'M5');
    expect(m5?.modifications.map((m) => m.code)).toEqual(['BROAD_FLAT_GENTLE_WORK']);
    expect(m5?.pressureCap).toBe(3);
  });

  it('M6 marks the carotid area as an endangerment site on every check', () => {
    const m6 = fired(screenIntake(intake(), ctx()), 'M6');
    expect(m6?.standing).toBe(true);
    expect(m6?.modifications).toEqual([
      { code: 'CAROTID_ENDANGERMENT_SITE', text: expect.stringMatching(/light, broad pressure only/) },
    ]);
  });

  it('M8 switches to an unscented hypoallergenic lubricant and no oils', () => {
    const m8 = fired(screenIntake(intake({ conditions: { osmophobia: true } }), ctx()), 'M8');
    expect(m8?.modifications.map((m) => m.code)).toEqual([
      'NO_ESSENTIAL_OILS',
      'UNSCENTED_HYPOALLERGENIC_LUBRICANT',
    ]);
  });

  it.each([
    [
      'therapist unknown (booking)',
      undefined,
      false,
      ['REQUIRES_INTRA_ORAL_ENDORSEMENT', 'GLOVES_REQUIRED', 'SIGNED_INTRA_ORAL_CONSENT'],
    ],
    [
      'therapist unknown, latex allergy',
      undefined,
      true,
      [
        'REQUIRES_INTRA_ORAL_ENDORSEMENT',
        'GLOVES_REQUIRED',
        'NITRILE_GLOVES_ONLY',
        'SIGNED_INTRA_ORAL_CONSENT',
      ],
    ],
    [
      'endorsed therapist',
      true,
      false,
      ['REQUIRES_INTRA_ORAL_ENDORSEMENT', 'GLOVES_REQUIRED', 'SIGNED_INTRA_ORAL_CONSENT'],
    ],
    ['therapist without endorsement', false, true, ['EXTERNAL_JAW_WORK_ONLY']],
  ])('M9 with %s', (_name, endorsed, latex, codes) => {
    const context: Partial<ScreeningContext> = { requestedIntraOral: true };
    if (endorsed !== undefined) context.therapistHasIntraOralEndorsement = endorsed;
    const result = screenIntake(intake({ allergies: { latex } }), ctx(context));
    expect(fired(result, 'M9')?.modifications.map((m) => m.code)).toEqual(codes);
  });

  it.each([
    [19, false],
    [20, true],
    [null, true],
  ])('M10 at %s weeks → side-lying %s', (weeksPregnant, sideLying) => {
    const result = screenIntake(
      intake({ pregnancy: { status: 'PREGNANT', weeksPregnant, prenatalProviderClearance: true } }),
      ctx(),
    );
    const codes = fired(result, 'M10')?.modifications.map((m) => m.code) ?? [];
    expect(codes).toContain('NO_DEEP_LEG_PRESSURE');
    expect(codes).toContain('NO_ABDOMINAL_WORK');
    expect(codes.includes('SIDE_LYING_POSITIONING')).toBe(sideLying);
  });

  // The second trimester starts at week 13 (safety-rules.md M10); earlier, with clearance, nothing fires.
  it.each([
    [10, false, false],
    [12, false, false],
    [13, true, false],
    [14, true, false],
    [20, true, true],
    [28, true, true],
  ])('M10 at %s weeks (cleared) fires %s, side-lying %s', (weeksPregnant, fires, sideLying) => {
    const result = screenIntake(
      intake({ pregnancy: { status: 'PREGNANT', weeksPregnant, prenatalProviderClearance: true } }),
      ctx(),
    );
    const m10 = fired(result, 'M10');
    expect(m10 !== undefined).toBe(fires);
    expect(result.outcome).toBe(fires ? 'CLEAR_WITH_MODIFICATIONS' : 'CLEAR');
    expect(m10?.modifications.some((m) => m.code === 'SIDE_LYING_POSITIONING') ?? false).toBe(sideLying);
  });

  it('M10 at 10 weeks without clearance: D7 defers and M10 stays out', () => {
    const result = screenIntake(intake({ pregnancy: { status: 'PREGNANT', weeksPregnant: 10 } }), ctx());
    expect(firedIds(result)).toEqual(['D7']);
  });

  it('the published 2026-11-21.1 table keeps its old M10, so its decisions are explained as they were', () => {
    const early = intake({
      pregnancy: { status: 'PREGNANT', weeksPregnant: 10, prenatalProviderClearance: true },
    });
    expect(firedIds(screenIntake(early, ctx(), RULESET_2026_11_21_1))).toEqual(['M10']);
    expect(firedIds(screenIntake(early, ctx()))).toEqual([]);
  });

  it('M11 avoids each named area', () => {
    const result = screenIntake(
      intake({
        conditions: {
          localAreaIssues: [
            { kind: 'VARICOSE_VEINS', area: { area: 'LEGS', side: 'LEFT', note: 'calf' } },
            { kind: 'RECENT_SCAR', area: { area: 'LOWER_BACK', side: null, note: null } },
            { kind: 'RASH', area: { area: 'ARMS', side: 'BOTH', note: null } },
          ],
        },
      }),
      ctx(),
    );
    expect(fired(result, 'M11')?.modifications).toEqual([
      {
        code: 'AVOID_AREA',
        area: 'LEGS',
        side: 'LEFT',
        note: 'calf',
        text: 'Avoid the legs, left side (calf): varicose veins.',
      },
      {
        code: 'AVOID_AREA',
        area: 'LOWER_BACK',
        side: null,
        note: null,
        text: 'Avoid the lower back: recent scar.',
      },
      {
        code: 'AVOID_AREA',
        area: 'ARMS',
        side: 'BOTH',
        note: null,
        text: 'Avoid the arms, both sides: rash.',
      },
    ]);
  });

  it.each([
    [5, 4],
    [2, 1],
    [1, 1],
  ])('M12 after a plan capped at %s starts at %s and checks in every 10 minutes', (lastPlanCap, cap) => {
    const result = screenIntake(
      intake(),
      ctx({ previousSession: { tooMuchPressure: true, postSessionMigraine: false, lastPlanCap } }),
    );
    const m12 = fired(result, 'M12');
    expect(m12?.pressureCap).toBe(cap);
    expect(m12?.modifications.map((m) => m.code)).toEqual([
      'START_BELOW_LAST_CAP',
      'PRESSURE_CHECK_IN_EVERY_10_MIN',
    ]);
  });

  it('M12 resolves to no cap if called without an earlier session', () => {
    const m12 = CURRENT_RULESET.rules.find((r) => r.id === 'M12');
    const input = { ctx: ctx({ previousSession: null }) } as unknown as RuleInput;
    expect(m12?.resolve?.(input)).toEqual({ pressureCap: null });
  });

  it('M13 caps a first session at 6 until rated', () => {
    const m13 = fired(screenIntake(intake(), ctx({ isFirstSession: true })), 'M13');
    expect(m13?.pressureCap).toBe(6);
    expect(m13?.modifications.map((m) => m.code)).toEqual(['FIRST_SESSION_CAP']);
  });
});
