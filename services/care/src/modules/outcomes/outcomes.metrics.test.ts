import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/local-time.ts';
import {
  adherence,
  baselineWindow,
  countDays,
  type DiaryEntry,
  diaryTrend,
  entryLocalDates,
  type HomeworkLogRecord,
  type OutcomeInput,
  outcomeSeries,
  responder,
  validateDiaryEntry,
} from './outcomes.metrics.ts';

const NY = 'America/New_York';

function entry(start: string, end: string | null, isMigraine = true, medicated = false): DiaryEntry {
  return {
    start: new Date(start),
    end: end === null ? null : new Date(end),
    peakIntensity: 6,
    isMigraine,
    aura: false,
    triggers: [],
    medications: medicated ? [{ name: 'ibuprofen', relief: 'PARTIAL' }] : [],
    wokeWithIt: false,
  };
}

/** A two-hour afternoon headache on a local New York date (EDT from mid-March on). */
const onDay = (date: string, isMigraine = true): DiaryEntry =>
  entry(`${date}T14:00:00-04:00`, `${date}T16:00:00-04:00`, isMigraine);

/** n headaches, one every `step` days from a start date. */
const spaced = (from: string, n: number, isMigraine = true, step = 3): DiaryEntry[] =>
  Array.from({ length: n }, (_, k) => onDay(addDays(from, step * k), isMigraine));

// First session 2026-04-01 14:00 EDT. Baseline 2026-03-02..03-31; window 0 = 04-01..04-30; window 1 = 05-01..05-30.
const FIRST = new Date('2026-04-01T14:00:00-04:00');
const input = (entries: DiaryEntry[], asOf: string, extra: Partial<OutcomeInput> = {}): OutcomeInput => ({
  entries,
  timeZone: NY,
  firstSessionAt: FIRST,
  asOf: new Date(asOf),
  ...extra,
});

describe('validateDiaryEntry', () => {
  it.each<[string, DiaryEntry, string[]]>([
    ['a normal entry', entry('2026-06-10T09:00:00Z', '2026-06-10T12:00:00Z'), []],
    ['an ongoing entry', entry('2026-06-10T09:00:00Z', null), []],
    ['end before start', entry('2026-06-10T09:00:00Z', '2026-06-10T08:00:00Z'), ['END_BEFORE_START']],
    ['an invalid date', entry('not a date', null), ['INVALID_DATE']],
    [
      'intensity 11',
      { ...entry('2026-06-10T09:00:00Z', null), peakIntensity: 11 },
      ['INTENSITY_OUT_OF_RANGE'],
    ],
    [
      'intensity -1',
      { ...entry('2026-06-10T09:00:00Z', null), peakIntensity: -1 },
      ['INTENSITY_OUT_OF_RANGE'],
    ],
    [
      'intensity 6.5',
      { ...entry('2026-06-10T09:00:00Z', null), peakIntensity: 6.5 },
      ['INTENSITY_OUT_OF_RANGE'],
    ],
    ['intensity 0', { ...entry('2026-06-10T09:00:00Z', null), peakIntensity: 0 }, []],
    ['intensity 10', { ...entry('2026-06-10T09:00:00Z', null), peakIntensity: 10 }, []],
  ])('%s → %j', (_label, e, expected) => {
    expect(validateDiaryEntry(e).map((i) => i.code)).toEqual(expected);
  });

  const now = new Date('2026-06-10T12:00:00Z');
  it.each<[string, DiaryEntry, string[]]>([
    ['starting 5 days ahead', entry('2026-06-15T12:00:00Z', null), ['IN_THE_FUTURE']],
    ['ending an hour ahead', entry('2026-06-10T09:00:00Z', '2026-06-10T13:00:00Z'), ['IN_THE_FUTURE']],
    ['starting 2 minutes ahead (clock skew)', entry('2026-06-10T12:02:00Z', null), []],
    ['lasting 40 days', entry('2026-04-01T09:00:00Z', '2026-05-11T09:00:00Z'), ['TOO_LONG']],
    ['ending now', entry('2026-06-10T09:00:00Z', '2026-06-10T12:00:00Z'), []],
  ])('with now: %s → %j', (_label, e, expected) => {
    expect(validateDiaryEntry(e, now).map((i) => i.code)).toEqual(expected);
  });
});

describe('entryLocalDates', () => {
  it.each<[string, string, string | null, string, string, string]>([
    [
      'spans midnight: both days',
      '2026-06-10T23:00:00-04:00',
      '2026-06-11T02:00:00-04:00',
      NY,
      '2026-06-10',
      '2026-06-11',
    ],
    [
      'ends exactly at midnight: one day',
      '2026-06-10T22:00:00-04:00',
      '2026-06-11T00:00:00-04:00',
      NY,
      '2026-06-10',
      '2026-06-10',
    ],
    [
      'ends one minute after midnight',
      '2026-06-10T22:00:00-04:00',
      '2026-06-11T00:01:00-04:00',
      NY,
      '2026-06-10',
      '2026-06-11',
    ],
    ['no end: start day only', '2026-06-10T22:00:00-04:00', null, NY, '2026-06-10', '2026-06-10'],
    ['zero length', '2026-06-10T22:00:00-04:00', '2026-06-10T22:00:00-04:00', NY, '2026-06-10', '2026-06-10'],
    [
      'end before start: start day only',
      '2026-06-10T22:00:00-04:00',
      '2026-06-09T22:00:00-04:00',
      NY,
      '2026-06-10',
      '2026-06-10',
    ],
    ['three days', '2026-06-10T20:00:00-04:00', '2026-06-12T08:00:00-04:00', NY, '2026-06-10', '2026-06-12'],
    [
      'late evening in New York',
      '2026-06-11T02:00:00Z',
      '2026-06-11T03:00:00Z',
      NY,
      '2026-06-10',
      '2026-06-10',
    ],
    [
      'the same instants in UTC',
      '2026-06-11T02:00:00Z',
      '2026-06-11T03:00:00Z',
      'UTC',
      '2026-06-11',
      '2026-06-11',
    ],
    [
      'through the fall-back hour',
      '2026-11-01T00:30:00-04:00',
      '2026-11-01T01:30:00-05:00',
      NY,
      '2026-11-01',
      '2026-11-01',
    ],
    [
      'over midnight into spring forward',
      '2026-03-07T23:00:00-05:00',
      '2026-03-08T03:30:00-04:00',
      NY,
      '2026-03-07',
      '2026-03-08',
    ],
  ])('%s', (_label, start, end, zone, first, last) => {
    expect(entryLocalDates(entry(start, end), zone)).toEqual({ first, last });
  });
});

describe('countDays', () => {
  const count = (entries: DiaryEntry[], start = '2026-06-01', days = 30) =>
    countDays(entries, NY, start, days);

  it('counts a day once however many headaches it had', () => {
    const day = '2026-06-10';
    const result = count([
      entry(`${day}T08:00:00-04:00`, `${day}T09:00:00-04:00`),
      entry(`${day}T18:00:00-04:00`, `${day}T20:00:00-04:00`),
      entry(`${day}T21:00:00-04:00`, `${day}T22:00:00-04:00`, false),
    ]);
    expect(result).toMatchObject({ headacheDays: 1, migraineDays: 1 });
  });

  it('separates headache days from migraine days', () => {
    expect(
      count([onDay('2026-06-10'), onDay('2026-06-11', false), onDay('2026-06-12', false)]),
    ).toMatchObject({
      headacheDays: 3,
      migraineDays: 1,
    });
  });

  it('counts a headache over midnight on both days', () => {
    expect(count([entry('2026-06-10T23:00:00-04:00', '2026-06-11T02:00:00-04:00')])).toMatchObject({
      headacheDays: 2,
      migraineDays: 2,
    });
  });

  it('includes both edge days of the window and nothing outside it', () => {
    const result = count([
      onDay('2026-05-31'),
      onDay('2026-06-01'),
      onDay('2026-06-30'),
      onDay('2026-07-01'),
    ]);
    expect(result).toMatchObject({
      startDate: '2026-06-01',
      endDate: '2026-06-30',
      days: 30,
      migraineDays: 2,
    });
  });

  it('clips a multi-day headache to the window', () => {
    const result = count([entry('2026-05-30T20:00:00-04:00', '2026-06-02T08:00:00-04:00')]);
    expect(result.headacheDays).toBe(2);
  });

  it('uses the client’s local date, not the UTC date', () => {
    // 23:30 EDT on 31 May is already 1 June in UTC.
    expect(count([entry('2026-05-31T23:30:00-04:00', '2026-05-31T23:45:00-04:00')]).headacheDays).toBe(0);
    expect(
      countDays([entry('2026-05-31T23:30:00-04:00', '2026-05-31T23:45:00-04:00')], 'UTC', '2026-06-01', 30),
    ).toMatchObject({ headacheDays: 1 });
  });

  it('counts medication days', () => {
    expect(
      count([
        entry('2026-06-10T08:00:00-04:00', '2026-06-10T09:00:00-04:00', true, true),
        entry('2026-06-11T08:00:00-04:00', '2026-06-11T09:00:00-04:00', true, false),
      ]).medicationDays,
    ).toBe(1);
  });

  it('skips entries with unusable dates', () => {
    expect(count([entry('garbage', null), onDay('2026-06-10')]).headacheDays).toBe(1);
  });
});

describe('baselineWindow', () => {
  it.each([
    ['2026-04-01T18:00:00Z', NY, '2026-03-02', '2026-03-31'],
    // 22:00 on 31 March in New York: the first-session day is 31 March there.
    ['2026-04-01T02:00:00Z', NY, '2026-03-01', '2026-03-30'],
    ['2026-04-01T02:00:00Z', 'UTC', '2026-03-02', '2026-03-31'],
    ['2026-03-30T00:30:00Z', 'Europe/London', '2026-02-28', '2026-03-29'],
  ])('first session %s in %s → %s..%s', (first, zone, startDate, endDate) => {
    expect(baselineWindow(new Date(first), zone)).toEqual({ startDate, endDate });
  });

  it('counts the baseline edges, not the day before it nor the first-session day', () => {
    const series = outcomeSeries(
      input(
        [onDay('2026-03-01'), onDay('2026-03-02'), onDay('2026-03-31'), onDay('2026-04-01')],
        '2026-05-01T12:00:00-04:00',
      ),
    );
    expect(series[0]).toMatchObject({
      kind: 'BASELINE',
      startDate: '2026-03-02',
      endDate: '2026-03-31',
      migraineDays: 2,
    });
    expect(series[1]).toMatchObject({ kind: 'WINDOW', index: 0, startDate: '2026-04-01', migraineDays: 1 });
  });
});

describe('outcomeSeries', () => {
  const entries = [...spaced('2026-03-02', 6), ...spaced('2026-04-01', 4), ...spaced('2026-05-01', 3)];

  it('gives the baseline and each 30-day window, marking the one in progress', () => {
    const series = outcomeSeries(input(entries, '2026-05-15T12:00:00-04:00'));
    expect(
      series.map((p) => [
        p.index,
        p.startDate,
        p.endDate,
        p.complete,
        p.daysElapsed,
        p.migraineDays,
        p.migraineDaysPer30,
      ]),
    ).toEqual([
      [-1, '2026-03-02', '2026-03-31', true, 30, 6, 6],
      [0, '2026-04-01', '2026-04-30', true, 30, 4, 4],
      [1, '2026-05-01', '2026-05-30', false, 15, 3, 6],
    ]);
  });

  it.each([
    ['23:59 on the window’s last day', '2026-04-30T23:59:00-04:00', [false], [30]],
    ['00:00 the day after', '2026-05-01T00:00:00-04:00', [true, false], [30, 1]],
  ])('a window completes once its last local day is over (%s)', (_label, asOf, complete, elapsed) => {
    const windows = outcomeSeries(input(entries, asOf)).filter((p) => p.kind === 'WINDOW');
    expect(windows.map((p) => p.complete)).toEqual(complete);
    expect(windows.map((p) => p.daysElapsed)).toEqual(elapsed);
  });

  it('is empty before the baseline starts and only the baseline during it', () => {
    expect(outcomeSeries(input(entries, '2026-03-01T12:00:00-05:00'))).toEqual([]);
    const during = outcomeSeries(input(entries, '2026-03-20T12:00:00-04:00'));
    expect(during.map((p) => [p.kind, p.complete, p.daysElapsed])).toEqual([['BASELINE', false, 19]]);
  });
});

describe('responder', () => {
  const afterWindow0 = '2026-05-01T12:00:00-04:00';

  it.each<[number, number, string, number | null]>([
    [4, 2, 'RESPONDER', 50],
    [4, 3, 'NON_RESPONDER', 25],
    [5, 3, 'NON_RESPONDER', 40],
    [5, 2, 'RESPONDER', 60],
    [2, 1, 'RESPONDER', 50],
    [3, 2, 'NON_RESPONDER', 33.3],
    [1, 0, 'RESPONDER', 100],
    [4, 6, 'NON_RESPONDER', -50],
    [0, 0, 'NOT_EVALUABLE', null],
    [0, 3, 'NOT_EVALUABLE', null],
  ])('baseline %i migraine days, then %i → %s (%s%)', (baseline, after, status, reduction) => {
    const result = responder(
      input([...spaced('2026-03-02', baseline), ...spaced('2026-04-01', after)], afterWindow0),
    );
    expect(result.status).toBe(status);
    expect(result.reductionPercent).toBe(reduction);
    expect(result.baselineMigraineDays).toBe(baseline);
    if (status === 'NOT_EVALUABLE') expect(result.reason).toBe('BASELINE_ZERO');
  });

  it('counts migraine days, not all headache days', () => {
    const entries = [
      ...spaced('2026-03-02', 4),
      ...spaced('2026-04-01', 2),
      ...spaced('2026-04-20', 3, false),
    ];
    expect(responder(input(entries, afterWindow0)).status).toBe('RESPONDER');
  });

  it('is not evaluable until a window after the first session is complete', () => {
    const result = responder(input(spaced('2026-03-02', 4), '2026-04-30T23:59:00-04:00'));
    expect(result).toMatchObject({ status: 'NOT_EVALUABLE', reason: 'NO_COMPLETE_WINDOW', window: null });
  });

  it.each([
    ['2026-03-02T00:00:00-05:00', 'RESPONDER', null],
    ['2026-03-03T00:00:00-05:00', 'NOT_EVALUABLE', 'BASELINE_INCOMPLETE'],
  ])('with the diary started %s → %s', (started, status, reason) => {
    const entries = [...spaced('2026-03-03', 4), ...spaced('2026-04-01', 1)];
    const result = responder(input(entries, afterWindow0, { diaryStartedAt: new Date(started) }));
    expect([result.status, result.reason]).toEqual([status, reason]);
  });

  it('judges the latest complete window', () => {
    const entries = [...spaced('2026-03-02', 4), ...spaced('2026-04-01', 1), ...spaced('2026-05-01', 4)];
    const result = responder(input(entries, '2026-06-05T12:00:00-04:00'));
    expect(result.window?.index).toBe(1);
    expect(result.status).toBe('NON_RESPONDER');
  });
});

describe('diaryTrend', () => {
  const endOfWindow0 = '2026-04-30T20:00:00-04:00'; // 30 days since the first session

  it.each([
    ['13 days in', '2026-04-13T20:00:00-04:00', 'INSUFFICIENT_DATA', 13],
    ['14 days in', '2026-04-14T20:00:00-04:00', 'STABLE', 14],
  ])('needs at least 14 days after the first session (%s)', (_label, asOf, direction, recentDays) => {
    // Baseline 2 days; 1 day in the first two weeks ≈ 2.1 per 30 → stable.
    const result = diaryTrend(input([...spaced('2026-03-02', 2), onDay('2026-04-05')], asOf));
    expect(result.direction).toBe(direction);
    expect(result.recentDays).toBe(recentDays);
  });

  it.each<[number, number, string]>([
    [5, 4, 'IMPROVING'],
    [5, 5, 'STABLE'],
    [5, 6, 'WORSENING'],
    [10, 9, 'STABLE'],
    [10, 8, 'IMPROVING'],
    [10, 11, 'STABLE'],
    [10, 12, 'WORSENING'],
    [1, 0, 'IMPROVING'],
    [0, 0, 'STABLE'],
    [0, 1, 'WORSENING'],
  ])('baseline %i, last 30 days %i → %s', (baseline, recent, direction) => {
    const result = diaryTrend(
      input([...spaced('2026-03-02', baseline), ...spaced('2026-04-01', recent, true, 2)], endOfWindow0),
    );
    expect(result).toEqual({
      direction,
      baselineMigraineDays: baseline,
      recentMigraineDaysPer30: recent,
      recentDays: 30,
    });
  });

  it('scales a shorter recent window to 30 days', () => {
    const result = diaryTrend(
      input([...spaced('2026-03-02', 6), ...spaced('2026-04-01', 2)], '2026-04-15T20:00:00-04:00'),
    );
    expect(result).toMatchObject({ recentDays: 15, recentMigraineDaysPer30: 4, direction: 'IMPROVING' });
  });

  it('looks only at the last 30 days once more time has passed', () => {
    const entries = [...spaced('2026-03-02', 6), ...spaced('2026-04-01', 9), ...spaced('2026-05-20', 2)];
    const result = diaryTrend(input(entries, '2026-06-15T20:00:00-04:00'));
    expect(result).toMatchObject({ recentDays: 30, recentMigraineDaysPer30: 2, direction: 'IMPROVING' });
  });

  it('is insufficient when the baseline diary was incomplete', () => {
    const result = diaryTrend(
      input(spaced('2026-03-20', 2), endOfWindow0, { diaryStartedAt: new Date('2026-03-20T00:00:00-04:00') }),
    );
    expect(result.direction).toBe('INSUFFICIENT_DATA');
    expect(result.recentMigraineDaysPer30).toBeNull();
  });
});

describe('adherence', () => {
  const t = (hour: number) => new Date(Date.UTC(2026, 5, 10, hour));
  const asOf = new Date(Date.UTC(2026, 5, 12, 12));
  const log = (
    itemId: string,
    scheduledFor: Date | null,
    status: 'done' | 'skipped',
    loggedAt = scheduledFor ?? t(0),
  ): HomeworkLogRecord => ({ itemId, scheduledFor, status, loggedAt });

  it('is done / (done + skipped + missed), ignoring pending and future reminders', () => {
    const scheduled = [
      { itemId: 'a', scheduledFor: t(9) }, // done
      { itemId: 'a', scheduledFor: t(19) }, // skipped
      { itemId: 'b', scheduledFor: t(9) }, // missed (over 24 h ago, no log)
      { itemId: 'b', scheduledFor: new Date(Date.UTC(2026, 5, 12, 9)) }, // pending (3 h ago)
      { itemId: 'b', scheduledFor: new Date(Date.UTC(2026, 5, 13, 9)) }, // future
    ];
    const logs = [log('a', t(9), 'done'), log('a', t(19), 'skipped')];
    expect(adherence({ scheduled, logs, asOf })).toEqual({
      done: 1,
      skipped: 1,
      missed: 1,
      pending: 1,
      unscheduledDone: 0,
      percent: 33,
    });
  });

  it.each([
    ['exactly 24 h ago', 0, 'missed'],
    ['24 h minus 1 ms ago', 1, 'pending'],
  ])('an unlogged reminder %s is %s', (_label, ms, bucket) => {
    const scheduledFor = new Date(asOf.getTime() - 24 * 3_600_000 + ms);
    const result = adherence({ scheduled: [{ itemId: 'a', scheduledFor }], logs: [], asOf });
    expect(bucket === 'missed' ? result.missed : result.pending).toBe(1);
  });

  it('honours a custom grace period', () => {
    const result = adherence({
      scheduled: [{ itemId: 'a', scheduledFor: t(9) }],
      logs: [],
      asOf: t(11),
      missedAfterHours: 2,
    });
    expect(result.missed).toBe(1);
  });

  it('lets the latest log for a reminder win', () => {
    const logs = [log('a', t(9), 'skipped', t(9)), log('a', t(9), 'done', t(12))];
    expect(adherence({ scheduled: [{ itemId: 'a', scheduledFor: t(9) }], logs, asOf })).toMatchObject({
      done: 1,
      skipped: 0,
      percent: 100,
    });
  });

  it('keeps logs without a reminder out of the percentage', () => {
    const result = adherence({
      scheduled: [{ itemId: 'a', scheduledFor: t(9) }],
      logs: [log('a', t(9), 'skipped'), log('a', null, 'done', t(15)), log('a', null, 'skipped', t(16))],
      asOf,
    });
    expect(result).toMatchObject({ done: 0, skipped: 1, unscheduledDone: 1, percent: 0 });
  });

  it('still counts a log for a reminder no longer in the schedule', () => {
    expect(adherence({ scheduled: [], logs: [log('a', t(9), 'done')], asOf })).toMatchObject({
      done: 1,
      percent: 100,
    });
  });

  it('limits to [from, to)', () => {
    const scheduled = [t(8), t(9), t(10)].map((scheduledFor) => ({ itemId: 'a', scheduledFor }));
    const logs = scheduled.map((s) => log('a', s.scheduledFor, 'done'));
    expect(adherence({ scheduled, logs, asOf, from: t(9), to: t(10) })).toMatchObject({
      done: 1,
      percent: 100,
    });
  });

  it('has no percentage when nothing was due yet', () => {
    expect(adherence({ scheduled: [], logs: [], asOf }).percent).toBeNull();
    expect(
      adherence({ scheduled: [{ itemId: 'a', scheduledFor: new Date(asOf.getTime() + 1) }], logs: [], asOf })
        .percent,
    ).toBeNull();
  });

  it('rounds to a whole percent', () => {
    const scheduled = [t(1), t(2), t(3)].map((scheduledFor) => ({ itemId: 'a', scheduledFor }));
    const logs = [log('a', t(1), 'done'), log('a', t(2), 'done')];
    expect(adherence({ scheduled, logs, asOf }).percent).toBe(67);
  });
});
