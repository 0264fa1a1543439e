import { describe, expect, it } from 'vitest';
import {
  HIT6_ANSWER_POINTS,
  type Hit6Answer,
  hit6Band,
  type MidasAnswers,
  midasGrade,
  QUESTIONNAIRE_INTERVAL_DAYS,
  questionnairesDue,
  scoreHit6,
  scoreMidas,
} from './questionnaires.ts';

const ANSWERS = Object.keys(HIT6_ANSWER_POINTS) as Hit6Answer[];

describe('HIT-6', () => {
  it('uses the published item points', () => {
    expect(HIT6_ANSWER_POINTS).toEqual({ NEVER: 6, RARELY: 8, SOMETIMES: 10, VERY_OFTEN: 11, ALWAYS: 13 });
  });

  it.each<[string, Hit6Answer[], number, string]>([
    ['all "Never" (the minimum)', Array(6).fill('NEVER'), 36, 'LITTLE_OR_NO_IMPACT'],
    ['all "Always" (the maximum)', Array(6).fill('ALWAYS'), 78, 'SEVERE_IMPACT'],
    ['all "Sometimes"', Array(6).fill('SOMETIMES'), 60, 'SEVERE_IMPACT'],
    [
      'a mixed example',
      ['SOMETIMES', 'VERY_OFTEN', 'ALWAYS', 'RARELY', 'NEVER', 'SOMETIMES'],
      58,
      'SUBSTANTIAL_IMPACT',
    ],
    [
      '49, top of "little or no impact"',
      ['NEVER', 'NEVER', 'NEVER', 'RARELY', 'SOMETIMES', 'ALWAYS'],
      49,
      'LITTLE_OR_NO_IMPACT',
    ],
    [
      '50, bottom of "some impact"',
      ['NEVER', 'NEVER', 'RARELY', 'RARELY', 'VERY_OFTEN', 'VERY_OFTEN'],
      50,
      'SOME_IMPACT',
    ],
    [
      '55, top of "some impact"',
      ['RARELY', 'RARELY', 'RARELY', 'SOMETIMES', 'SOMETIMES', 'VERY_OFTEN'],
      55,
      'SOME_IMPACT',
    ],
    [
      '56, bottom of "substantial"',
      ['RARELY', 'RARELY', 'SOMETIMES', 'SOMETIMES', 'SOMETIMES', 'SOMETIMES'],
      56,
      'SUBSTANTIAL_IMPACT',
    ],
    [
      '59, top of "substantial"',
      ['RARELY', 'SOMETIMES', 'SOMETIMES', 'SOMETIMES', 'SOMETIMES', 'VERY_OFTEN'],
      59,
      'SUBSTANTIAL_IMPACT',
    ],
    [
      '60, bottom of "severe"',
      ['NEVER', 'NEVER', 'ALWAYS', 'ALWAYS', 'VERY_OFTEN', 'VERY_OFTEN'],
      60,
      'SEVERE_IMPACT',
    ],
  ])('%s', (_label, answers, total, band) => {
    const result = scoreHit6(answers);
    expect(result).toMatchObject({ ok: true, value: { total, band } });
  });

  it.each([
    [36, 'LITTLE_OR_NO_IMPACT', 'Little or no impact'],
    [49, 'LITTLE_OR_NO_IMPACT', 'Little or no impact'],
    [50, 'SOME_IMPACT', 'Some impact'],
    [55, 'SOME_IMPACT', 'Some impact'],
    [56, 'SUBSTANTIAL_IMPACT', 'Substantial impact'],
    [59, 'SUBSTANTIAL_IMPACT', 'Substantial impact'],
    [60, 'SEVERE_IMPACT', 'Severe impact'],
    [78, 'SEVERE_IMPACT', 'Severe impact'],
  ])('band for %i is %s', (total, band, label) => {
    expect(hit6Band(total)).toEqual({ band, label });
  });

  it.each([35, 79])('rejects an impossible total %i', (total) => {
    expect(() => hit6Band(total)).toThrow(RangeError);
  });

  it('scores every one of the 5^6 answer combinations as the sum of item points, within 36–78', () => {
    let checked = 0;
    const walk = (prefix: Hit6Answer[]): void => {
      if (prefix.length === 6) {
        const result = scoreHit6(prefix);
        const expected = prefix.reduce((sum, a) => sum + HIT6_ANSWER_POINTS[a], 0);
        if (!result.ok) throw new Error('unexpected failure');
        expect(result.value.total).toBe(expected);
        expect(result.value.total).toBeGreaterThanOrEqual(36);
        expect(result.value.total).toBeLessThanOrEqual(78);
        expect(result.value.itemPoints).toEqual(prefix.map((a) => HIT6_ANSWER_POINTS[a]));
        checked++;
        return;
      }
      for (const a of ANSWERS) walk([...prefix, a]);
    };
    walk([]);
    expect(checked).toBe(15_625);
  });

  it.each<[string, string[], string[]]>([
    ['five answers', Array(5).fill('NEVER'), ['WRONG_ITEM_COUNT']],
    ['seven answers', Array(7).fill('NEVER'), ['WRONG_ITEM_COUNT']],
    ['no answers', [], ['WRONG_ITEM_COUNT']],
    ['an unknown answer', ['NEVER', 'OFTEN', 'NEVER', 'NEVER', 'NEVER', 'NEVER'], ['INVALID_ANSWER']],
    ['a prototype key', ['toString', 'NEVER', 'NEVER', 'NEVER', 'NEVER', 'NEVER'], ['INVALID_ANSWER']],
    ['a lower-case answer', ['never', 'NEVER', 'NEVER', 'NEVER', 'NEVER', 'NEVER'], ['INVALID_ANSWER']],
  ])('rejects %s', (_label, answers, expected) => {
    const result = scoreHit6(answers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(expected);
  });

  it('names the item with the bad answer', () => {
    const result = scoreHit6(['NEVER', 'OFTEN', 'NEVER', 'NEVER', 'NEVER', 'NEVER']);
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'INVALID_ANSWER',
          item: 2,
          message: 'Item 2: "OFTEN" is not one of Never, Rarely, Sometimes, Very often, Always.',
        },
      ],
    });
  });
});

describe('MIDAS', () => {
  const midas = (items: number[], headacheDays = 10, averagePain = 5): MidasAnswers => ({
    items,
    headacheDays,
    averagePain,
  });

  it.each<[number[], number, string, string]>([
    [[0, 0, 0, 0, 0], 0, 'I', 'Little or no disability'],
    [[1, 1, 1, 1, 1], 5, 'I', 'Little or no disability'],
    [[0, 1, 1, 1, 3], 6, 'II', 'Mild disability'],
    [[2, 2, 2, 2, 2], 10, 'II', 'Mild disability'],
    [[2, 2, 2, 2, 3], 11, 'III', 'Moderate disability'],
    [[4, 4, 4, 4, 4], 20, 'III', 'Moderate disability'],
    [[4, 4, 4, 4, 5], 21, 'IV', 'Severe disability'],
    [[3, 5, 2, 6, 8], 24, 'IV', 'Severe disability'],
    [[45, 45, 45, 45, 90], 270, 'IV', 'Severe disability'],
  ])('items %j → %i, grade %s', (items, total, grade, label) => {
    expect(scoreMidas(midas(items, 30, 6))).toEqual({
      ok: true,
      value: { total, grade, label, headacheDays: 30, averagePain: 6 },
    });
  });

  it.each([
    [0, 'I'],
    [5, 'I'],
    [6, 'II'],
    [10, 'II'],
    [11, 'III'],
    [20, 'III'],
    [21, 'IV'],
    [450, 'IV'],
  ])('grade boundary: %i → %s', (total, grade) => {
    expect(midasGrade(total).grade).toBe(grade);
  });

  it.each([-1, 2.5])('midasGrade rejects %d', (total) => {
    expect(() => midasGrade(total)).toThrow(RangeError);
  });

  it('does not let items A and B change the score', () => {
    const a = scoreMidas(midas([1, 2, 3, 4, 5], 0, 0));
    const b = scoreMidas(midas([1, 2, 3, 4, 5], 90, 10));
    expect(a.ok && b.ok && a.value.total === b.value.total).toBe(true);
  });

  it.each<[string, MidasAnswers, string[]]>([
    ['four items', midas([1, 1, 1, 1]), ['WRONG_ITEM_COUNT']],
    ['six items', midas([1, 1, 1, 1, 1, 1]), ['WRONG_ITEM_COUNT']],
    ['a negative day count', midas([-1, 0, 0, 0, 0]), ['OUT_OF_RANGE']],
    ['91 days', midas([0, 0, 0, 0, 91]), ['OUT_OF_RANGE']],
    ['90 days (the limit)', midas([0, 0, 0, 0, 90]), []],
    ['half a day', midas([0, 2.5, 0, 0, 0]), ['NOT_INTEGER']],
    ['NaN', midas([0, 0, Number.NaN, 0, 0]), ['NOT_INTEGER']],
    ['headache days (A) over 90', midas([0, 0, 0, 0, 0], 91), ['OUT_OF_RANGE']],
    ['headache days (A) negative', midas([0, 0, 0, 0, 0], -1), ['OUT_OF_RANGE']],
    ['average pain (B) over 10', midas([0, 0, 0, 0, 0], 10, 11), ['OUT_OF_RANGE']],
    ['average pain (B) not whole', midas([0, 0, 0, 0, 0], 10, 7.5), ['NOT_INTEGER']],
    ['items 1 + 2 over 90 days', midas([60, 31, 0, 0, 0]), ['DAYS_DOUBLE_COUNTED']],
    ['items 1 + 2 exactly 90 days', midas([60, 30, 0, 0, 0]), []],
    ['items 3 + 4 over 90 days', midas([0, 0, 45, 46, 0]), ['DAYS_DOUBLE_COUNTED']],
  ])('validates %s', (_label, answers, expected) => {
    const result = scoreMidas(answers);
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toEqual(expected);
  });

  it('names the unscored items A and B in issues', () => {
    const result = scoreMidas(midas([0, 0, 0, 0, 0], 91, 11));
    expect(result.ok ? [] : result.issues.map((i) => i.item)).toEqual(['A', 'B']);
  });
});

describe('questionnairesDue', () => {
  const now = new Date('2026-06-30T12:00:00Z');
  const daysAgo = (days: number, ms = 0) => new Date(now.getTime() - days * 86_400_000 + ms);

  it('prompts HIT-6 every 4 weeks and MIDAS every 12 weeks', () => {
    expect(QUESTIONNAIRE_INTERVAL_DAYS).toEqual({ HIT6: 28, MIDAS: 84 });
  });

  it('is due now when never taken', () => {
    expect(questionnairesDue({}, now)).toEqual({
      HIT6: { due: true, dueAt: now },
      MIDAS: { due: true, dueAt: now },
      dueNow: ['HIT6', 'MIDAS'],
    });
    expect(questionnairesDue({ HIT6: null, MIDAS: null }, now).dueNow).toEqual(['HIT6', 'MIDAS']);
  });

  it.each<[string, Date, boolean]>([
    ['27 days ago', daysAgo(27), false],
    ['1 ms short of 28 days', daysAgo(28, 1), false],
    ['exactly 28 days ago', daysAgo(28), true],
    ['40 days ago', daysAgo(40), true],
    ['in the future (clock skew)', daysAgo(-1), false],
  ])('HIT-6 last taken %s → due %s', (_label, last, due) => {
    const result = questionnairesDue({ HIT6: last, MIDAS: now }, now);
    expect(result.HIT6.due).toBe(due);
    expect(result.HIT6.dueAt).toEqual(new Date(last.getTime() + 28 * 86_400_000));
    expect(result.dueNow).toEqual(due ? ['HIT6'] : []);
  });

  it.each<[string, Date, boolean]>([
    ['83 days ago', daysAgo(83), false],
    ['1 ms short of 84 days', daysAgo(84, 1), false],
    ['exactly 84 days ago', daysAgo(84), true],
  ])('MIDAS last taken %s → due %s', (_label, last, due) => {
    const result = questionnairesDue({ HIT6: now, MIDAS: last }, now);
    expect(result.MIDAS.due).toBe(due);
    expect(result.dueNow).toEqual(due ? ['MIDAS'] : []);
  });
});
