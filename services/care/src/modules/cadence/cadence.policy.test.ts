import { describe, expect, it } from 'vitest';
import type { DiaryTrend, TrendDirection } from '../outcomes/outcomes.metrics.ts';
import { addDays } from '../shared/local-time.ts';
import { type CadenceInput, EXPECTATION_TEXT, suggestCadence } from './cadence.policy.ts';

const NY = 'America/New_York';
const START = '2026-01-05';

const trend = (
  direction: TrendDirection,
  baselineMigraineDays = 4,
  recentMigraineDaysPer30: number | null = 4,
): Pick<DiaryTrend, 'direction' | 'baselineMigraineDays' | 'recentMigraineDaysPer30'> => ({
  direction,
  baselineMigraineDays,
  recentMigraineDaysPer30,
});

/** Sessions at 10:00 New York time, separated by the given gaps in days. */
function history(gaps: number[]): { sessions: Date[]; last: string } {
  let date = START;
  const dates = [date];
  for (const gap of gaps) {
    date = addDays(date, gap);
    dates.push(date);
  }
  // 15:00Z is 10:00 EST / 11:00 EDT: the same local date either way.
  return { sessions: dates.map((d) => new Date(`${d}T15:00:00Z`)), last: date };
}

/** Gaps a client would have had on the standard plan before session n. */
const standardGaps = (n: number): number[] =>
  Array.from({ length: n - 1 }, (_, i) => (i + 1 <= 4 ? 7 : i + 1 <= 8 ? 14 : 28));

const plan = (sessions: Date[], t: CadenceInput['trend'], count?: number) =>
  suggestCadence({ sessions, timeZone: NY, trend: t, ...(count === undefined ? {} : { count }) });

describe('suggestCadence: intervals', () => {
  it.each<[number, number, string]>([
    [1, 7, 'WEEKLY'],
    [2, 7, 'WEEKLY'],
    [3, 7, 'WEEKLY'],
    [4, 7, 'WEEKLY'],
    [5, 14, 'EVERY_OTHER_WEEK'],
    [6, 14, 'EVERY_OTHER_WEEK'],
    [8, 14, 'EVERY_OTHER_WEEK'],
    [9, 28, 'MONTHLY'],
    [12, 28, 'MONTHLY'],
  ])('stable diary, after session %i → +%i days (%s)', (n, interval, stage) => {
    const { sessions, last } = history(standardGaps(n));
    const [next] = plan(sessions, trend('STABLE')).suggestions;
    expect(next).toMatchObject({ date: addDays(last, interval), intervalDays: interval, stage });
  });

  it.each<[number, number, RegExp]>([
    [3, 7, /^Weekly to start/],
    [4, 14, /fewer migraine days than before you started, so sessions can be spaced out sooner/],
    [6, 14, /^Every other week/],
    [7, 28, /spaced out sooner/],
  ])('improving diary, after session %i → +%i days', (n, interval, reason) => {
    const { sessions } = history(standardGaps(n));
    const [next] = plan(sessions, trend('IMPROVING', 4, 2)).suggestions;
    expect(next?.intervalDays).toBe(interval);
    expect(next?.reason).toMatch(reason);
  });

  it.each([2, 6, 10])('worsening diary keeps sessions weekly (after session %i)', (n) => {
    const { sessions } = history(standardGaps(n));
    const [next] = plan(sessions, trend('WORSENING', 4, 6)).suggestions;
    expect(next?.intervalDays).toBe(7);
    expect(next?.reason).toMatch(/more migraine days/);
  });

  it('steps out one stage at a time, even when the diary improves after a weekly stretch', () => {
    const { sessions } = history(Array(9).fill(7));
    const suggestions = plan(sessions, trend('IMPROVING', 4, 1)).suggestions;
    expect(suggestions.map((s) => s.intervalDays)).toEqual([14, 28, 28]);
    expect(suggestions[0]?.reason).toMatch(/one step at a time/);
  });

  it('asks for the diary when there is not enough data, and follows the standard plan', () => {
    const { sessions } = history([7]);
    const [next] = plan(sessions, trend('INSUFFICIENT_DATA', 0, null)).suggestions;
    expect(next?.intervalDays).toBe(7);
    expect(next?.reason).toMatch(/Keep your diary/);
  });
});

describe('suggestCadence: projected dates', () => {
  it('projects the next dates assuming the trend holds', () => {
    const { sessions, last } = history(standardGaps(4));
    const { suggestions } = plan(sessions, trend('STABLE'));
    expect(suggestions.map((s) => [s.date, s.stage])).toEqual([
      [addDays(last, 7), 'WEEKLY'],
      [addDays(last, 21), 'EVERY_OTHER_WEEK'],
      [addDays(last, 35), 'EVERY_OTHER_WEEK'],
    ]);
    expect(suggestions[0]?.reason).not.toMatch(/^If things stay/);
    expect(suggestions[1]?.reason).toMatch(/^If things stay as they are: every other week/);
  });

  it('honours count', () => {
    const { sessions } = history([]);
    expect(plan(sessions, trend('STABLE'), 1).suggestions).toHaveLength(1);
    expect(plan(sessions, trend('STABLE'), 5).suggestions.map((s) => s.intervalDays)).toEqual([
      7, 7, 7, 7, 14,
    ]);
  });

  it('uses the client’s local date for the last session', () => {
    // 03:30Z on 8 March is 22:30 on 7 March in New York.
    const { suggestions } = plan([new Date('2026-03-08T03:30:00Z')], trend('STABLE'), 1);
    expect(suggestions[0]?.date).toBe('2026-03-14');
  });

  it('accepts sessions in any order', () => {
    const { sessions, last } = history(standardGaps(5));
    const [next] = plan([...sessions].reverse(), trend('STABLE')).suggestions;
    expect(next?.date).toBe(addDays(last, 14));
  });

  it('suggests nothing before the first session', () => {
    expect(plan([], trend('STABLE'))).toEqual({
      suggestions: [],
      physicianReview: null,
      expectation: EXPECTATION_TEXT,
    });
  });
});

describe('suggestCadence: physician review', () => {
  it.each<[number, TrendDirection, number, number | null, RegExp | null]>([
    [5, 'STABLE', 4, 4, null],
    [6, 'STABLE', 4, 4, /After 6 sessions your migraine days are not falling \(4 in the 30 days before/],
    [6, 'WORSENING', 4, 6, /are rising/],
    [6, 'IMPROVING', 4, 2, null],
    [6, 'INSUFFICIENT_DATA', 4, null, null],
    [6, 'STABLE', 0, 0, null],
    [9, 'STABLE', 3, 3, /After 9 sessions/],
  ])(
    'after %i sessions with a %s diary (baseline %i, recent %s)',
    (n, direction, baseline, recent, reason) => {
      const { sessions } = history(standardGaps(n));
      const review = plan(sessions, trend(direction, baseline, recent)).physicianReview;
      if (reason === null) {
        expect(review).toBeNull();
      } else {
        expect(review).toMatchObject({
          suggested: true,
          sessionsCompleted: n,
          baselineMigraineDays: baseline,
          recentMigraineDaysPer30: recent,
        });
        expect(review?.reason).toMatch(reason);
        expect(review?.reason).toMatch(/physician/);
      }
    },
  );
});

describe('expectations', () => {
  it('sets expectations from the trials without promising anything', () => {
    expect(EXPECTATION_TEXT).toContain('not a cure');
    expect(EXPECTATION_TEXT).toContain('Lawler & Cameron 2006');
    expect(EXPECTATION_TEXT).toContain('Hernandez-Reif 1998');
    expect(EXPECTATION_TEXT.replace('not a cure', '')).not.toMatch(/\bcures?\b/i);
  });

  it('no text the plan produces promises an outcome', () => {
    const texts: string[] = [];
    for (const direction of ['IMPROVING', 'STABLE', 'WORSENING', 'INSUFFICIENT_DATA'] as const) {
      for (const n of [1, 4, 6, 9]) {
        const result = plan(history(standardGaps(n)).sessions, trend(direction, 4, 4));
        texts.push(result.expectation, ...result.suggestions.map((s) => s.reason));
        if (result.physicianReview) texts.push(result.physicianReview.reason);
      }
    }
    for (const text of texts) {
      expect(text).not.toMatch(/\bwill\b|guarantee|promise|\beliminate|\bstop your migraines/i);
    }
  });
});
