import {
  CURRENT_FREE_TEXT_VOCABULARY,
  FREE_TEXT_CONCEPTS,
  HOMEWORK_ESCALATION_GUIDANCE,
  redFlagSymptoms,
} from '@mm/safety';
import { describe, expect, it } from 'vitest';
import { GLOBAL_HOMEWORK_LIMITS, HOMEWORK_RED_FLAG_SYMPTOMS } from '../homework/homework.catalogue.ts';
import type { HomeworkPlan } from '../homework/homework.policy.ts';
import {
  type AdherenceDecision,
  decisionSeverity,
  evaluateHomeworkLog,
  type HomeworkLogInput,
  type HomeworkSymptom,
  RED_FLAG_SYMPTOMS,
  ROUTINE_SYMPTOMS,
  URGENT_GUIDANCE,
} from './adherence.policy.ts';

const PLAN: HomeworkPlan = {
  items: [
    { itemId: 'tennis-ball-upper-back' },
    { itemId: 'suboccipital-release' },
    { itemId: 'masseter-circles' },
    { itemId: 'chin-tucks' },
    { itemId: 'pillow-check' },
  ],
};

const log = (over: Partial<HomeworkLogInput> = {}): HomeworkLogInput => ({
  itemId: 'tennis-ball-upper-back',
  status: 'done',
  painFelt: 3,
  symptoms: [],
  ...over,
});

const summary = (decisions: AdherenceDecision[]) =>
  decisions.map((d) => (d.type === 'NOTIFY_THERAPIST' ? `${d.type}:${d.reason}:${d.priority}` : d.type));

describe('evaluateHomeworkLog: nothing to do', () => {
  it('returns no decisions for a comfortable, symptom-free log', () => {
    expect(evaluateHomeworkLog(log(), PLAN)).toEqual([]);
    expect(evaluateHomeworkLog(log({ painFelt: null }), PLAN)).toEqual([]);
    expect(evaluateHomeworkLog(log({ status: 'skipped', painFelt: null }), PLAN)).toEqual([]);
  });
});

describe('evaluateHomeworkLog: pain above the cap', () => {
  it.each<[string, string, number | undefined, number | undefined, number, boolean]>([
    ['pressure item at the default cap', 'tennis-ball-upper-back', undefined, undefined, 5, false],
    ['pressure item above the default cap', 'tennis-ball-upper-back', undefined, undefined, 6, true],
    ['pressure item at a cap of 6', 'tennis-ball-upper-back', 6, undefined, 6, false],
    ['pressure item above a cap of 6', 'tennis-ball-upper-back', 6, undefined, 7, true],
    ['pressure item above its own lower cap', 'tennis-ball-upper-back', 5, 4, 5, true],
    ['pressure item at its own lower cap', 'tennis-ball-upper-back', 5, 4, 4, false],
    ['stored plan cap of 8 still caps at 6', 'tennis-ball-upper-back', 8, undefined, 7, true],
    ['light item at 3', 'masseter-circles', undefined, undefined, 3, false],
    ['light item at 4', 'masseter-circles', undefined, undefined, 4, true],
    ['pain-free item at 0', 'chin-tucks', undefined, undefined, 0, false],
    ['pain-free item at 1', 'chin-tucks', undefined, undefined, 1, true],
    ['no-pressure item at the plan cap', 'pillow-check', undefined, undefined, 5, false],
    ['no-pressure item above the plan cap', 'pillow-check', undefined, undefined, 6, true],
    ['item not in the catalogue, above the plan cap', 'neck-crack', undefined, undefined, 6, true],
  ])('%s → notify %s', (_label, itemId, planCap, itemCap, pain, notify) => {
    const plan: HomeworkPlan = {
      ...(planCap === undefined ? {} : { painCap: planCap }),
      items: [itemCap === undefined ? { itemId } : { itemId, painCap: itemCap }],
    };
    const decisions = evaluateHomeworkLog(log({ itemId, painFelt: pain }), plan);
    expect(summary(decisions)).toEqual(
      notify ? ['NOTIFY_THERAPIST:PAIN_ABOVE_CAP:ROUTINE', 'ADVISE_CLIENT'] : [],
    );
  });

  it.each([
    ['tennis-ball-upper-back', 3, false],
    ['tennis-ball-upper-back', 4, true],
    ['pillow-check', 4, true],
  ])('with a screening self-care cap of 3: %s at %i → notify %s', (itemId, pain, notify) => {
    const decisions = evaluateHomeworkLog(log({ itemId, painFelt: pain }), PLAN, { clientCap: 3 });
    expect(decisions.some((d) => d.type === 'NOTIFY_THERAPIST' && d.reason === 'PAIN_ABOVE_CAP')).toBe(
      notify,
    );
  });

  it('tells the therapist the number and the cap, and the client to ease off', () => {
    expect(evaluateHomeworkLog(log({ painFelt: 7 }), PLAN)).toEqual([
      {
        type: 'NOTIFY_THERAPIST',
        reason: 'PAIN_ABOVE_CAP',
        priority: 'ROUTINE',
        message: 'Your client felt 7/10 during "Tennis ball on the upper back", above the cap of 5/10.',
      },
      {
        type: 'ADVISE_CLIENT',
        message:
          'That is more than your limit. Ease off and keep pressure at or below 5 out of 10; your therapist will check in.',
      },
    ]);
  });

  it('says "pain-free" for items that must not hurt', () => {
    const [notify] = evaluateHomeworkLog(log({ itemId: 'chin-tucks', painFelt: 2 }), PLAN);
    expect(notify).toMatchObject({
      message: 'Your client felt 2/10 during "Chin tucks", which should be pain-free.',
    });
  });

  it('ignores an unusable pain number', () => {
    expect(evaluateHomeworkLog(log({ painFelt: Number.NaN }), PLAN)).toEqual([]);
  });
});

describe('evaluateHomeworkLog: red flags', () => {
  it('treats the spec’s four symptoms, and the other R10/R3 neurological signs, as red flags', () => {
    expect(RED_FLAG_SYMPTOMS.slice(0, 4)).toEqual([
      'DIZZINESS',
      'NUMBNESS',
      'VISION_CHANGE',
      'SLURRED_SPEECH',
    ]);
    for (const s of HOMEWORK_RED_FLAG_SYMPTOMS) expect(RED_FLAG_SYMPTOMS).toContain(s);
    // One source of truth: the catalogue's list is @mm/safety's.
    expect(HOMEWORK_RED_FLAG_SYMPTOMS).toBe(redFlagSymptoms);
    const globalStop = GLOBAL_HOMEWORK_LIMITS.find((l) => l.code === 'STOP_AND_SEEK_CARE');
    expect(globalStop && 'symptoms' in globalStop ? globalStop.symptoms : []).toEqual(
      HOMEWORK_RED_FLAG_SYMPTOMS,
    );
    expect(ROUTINE_SYMPTOMS).not.toContain('DIZZINESS');
  });

  it.each(RED_FLAG_SYMPTOMS)('%s → URGENT, admin alert, pause, urgent therapist notice', (symptom) => {
    const decisions = evaluateHomeworkLog(log({ itemId: 'suboccipital-release', symptoms: [symptom] }), PLAN);
    expect(summary(decisions)).toEqual([
      'URGENT',
      'OPEN_ADMIN_ALERT',
      'PAUSE_HOMEWORK',
      'NOTIFY_THERAPIST:RED_FLAG_SYMPTOM:URGENT',
    ]);
    expect(decisions[0]).toEqual({
      type: 'URGENT',
      guidance: URGENT_GUIDANCE,
      symptoms: [symptom],
      screeningRuleId: 'R10',
    });
    expect(decisions[1]).toMatchObject({ type: 'OPEN_ADMIN_ALERT', severity: 'URGENT', symptoms: [symptom] });
    expect(decisionSeverity(decisions)).toBe('URGENT');
  });

  it("gives @mm/safety's urgent guidance, word for word", () => {
    expect(URGENT_GUIDANCE).toBe(HOMEWORK_ESCALATION_GUIDANCE);
    expect(URGENT_GUIDANCE).toMatch(/^Stop the exercise now\..*medical care now/);
  });

  it('escalates even when the client skipped the item', () => {
    const decisions = evaluateHomeworkLog(
      log({ status: 'skipped', painFelt: null, symptoms: ['NUMBNESS'] }),
      PLAN,
    );
    expect(decisions[0]?.type).toBe('URGENT');
  });

  it('escalates for an item not in the catalogue', () => {
    const decisions = evaluateHomeworkLog(log({ itemId: 'massage-gun', symptoms: ['SLURRED_SPEECH'] }), PLAN);
    expect(decisions[1]).toMatchObject({
      reason: 'Red-flag symptom after homework "massage-gun": slurred speech.',
    });
  });

  it('groups several red flags into one alert and keeps every other decision, most urgent first', () => {
    const decisions = evaluateHomeworkLog(
      log({ painFelt: 8, symptoms: ['DIZZINESS', 'VISION_CHANGE', 'DIZZINESS', 'NAUSEA'] }),
      PLAN,
    );
    expect(summary(decisions)).toEqual([
      'URGENT',
      'OPEN_ADMIN_ALERT',
      'PAUSE_HOMEWORK',
      'NOTIFY_THERAPIST:RED_FLAG_SYMPTOM:URGENT',
      'NOTIFY_THERAPIST:PAIN_ABOVE_CAP:ROUTINE',
      'NOTIFY_THERAPIST:SYMPTOM_REPORTED:ROUTINE',
      'ADVISE_CLIENT',
    ]);
    expect(decisions[0]).toMatchObject({ symptoms: ['DIZZINESS', 'VISION_CHANGE'] });
  });
});

describe('evaluateHomeworkLog: other symptoms and limits', () => {
  it.each<[string, HomeworkSymptom]>(
    ROUTINE_SYMPTOMS.filter((s) => s !== 'JAW_PAIN_INCREASED').map((s) => [s, s]),
  )('%s is a routine therapist notice, not urgent', (_label, symptom) => {
    const decisions = evaluateHomeworkLog(log({ symptoms: [symptom] }), PLAN);
    expect(summary(decisions)).toEqual(['NOTIFY_THERAPIST:SYMPTOM_REPORTED:ROUTINE']);
    expect(decisionSeverity(decisions)).toBe('ROUTINE');
  });

  it('more jaw pain during masseter circles hits its stop condition', () => {
    const decisions = evaluateHomeworkLog(
      log({ itemId: 'masseter-circles', symptoms: ['JAW_PAIN_INCREASED'] }),
      PLAN,
    );
    expect(summary(decisions)).toEqual(['NOTIFY_THERAPIST:STOP_CONDITION:ROUTINE', 'ADVISE_CLIENT']);
    expect(decisions[1]).toMatchObject({
      message: 'Stop "Masseter circles" until your therapist has checked in with you.',
    });
  });

  it('more jaw pain after another item is just a reported symptom', () => {
    const decisions = evaluateHomeworkLog(log({ symptoms: ['JAW_PAIN_INCREASED'] }), PLAN);
    expect(summary(decisions)).toEqual(['NOTIFY_THERAPIST:SYMPTOM_REPORTED:ROUTINE']);
  });

  it.each<[string, 'done' | 'skipped', boolean, string[]]>([
    [
      'tennis-ball-upper-back',
      'done',
      true,
      ['NOTIFY_THERAPIST:DONE_DURING_ATTACK:ROUTINE', 'ADVISE_CLIENT'],
    ],
    ['tennis-ball-upper-back', 'skipped', true, []],
    ['tennis-ball-upper-back', 'done', false, []],
    ['chin-tucks', 'done', true, []],
  ])('%s %s during an attack (%s) → %j', (itemId, status, duringAttack, expected) => {
    expect(summary(evaluateHomeworkLog(log({ itemId, status, duringAttack, painFelt: 0 }), PLAN))).toEqual(
      expected,
    );
  });

  it('decisionSeverity is NONE for an empty list', () => {
    expect(decisionSeverity([])).toBe('NONE');
  });
});

describe('evaluateHomeworkLog: free text', () => {
  it('every urgent concept of the free-text reader is a red-flag symptom here', () => {
    for (const c of FREE_TEXT_CONCEPTS) {
      const urgent = CURRENT_FREE_TEXT_VOCABULARY.concepts[c].urgency === 'URGENT';
      expect((RED_FLAG_SYMPTOMS as readonly string[]).includes(c), c).toBe(urgent);
    }
  });

  it('free text that needs a read opens a therapist review and a routine notice', () => {
    const decisions = evaluateHomeworkLog(log({ freeTextForReview: true }), PLAN);
    expect(summary(decisions)).toEqual([
      'OPEN_THERAPIST_REVIEW',
      'NOTIFY_THERAPIST:FREE_TEXT_REVIEW:ROUTINE',
    ]);
    expect(decisionSeverity(decisions)).toBe('ROUTINE');
  });

  it('no review on top of a red flag: the urgent path already reaches the therapist', () => {
    const decisions = evaluateHomeworkLog(log({ symptoms: ['NUMBNESS'], freeTextForReview: true }), PLAN);
    expect(summary(decisions)).not.toContain('OPEN_THERAPIST_REVIEW');
    expect(summary(decisions)[0]).toBe('URGENT');
  });
});
