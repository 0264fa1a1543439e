import { describe, expect, it } from 'vitest';
import {
  computeReminders,
  DEFAULT_QUIET_HOURS,
  isQuietTime,
  nextFireAfter,
  placeReminder,
  type QuietHours,
  type ReminderItemSchedule,
  reminderJobId,
  spreadTimes,
} from './reminders.policy.ts';

const NY = 'America/New_York';
const LONDON = 'Europe/London';

const iso = (d: Date): string => d.toISOString();
const at = (s: string): Date => new Date(s);

describe('isQuietTime', () => {
  it('defaults to 21:00–08:00', () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: '21:00', end: '08:00' });
  });

  it.each([
    ['20:59', false],
    ['21:00', true],
    ['23:59', true],
    ['00:00', true],
    ['07:59', true],
    ['08:00', false],
    ['12:00', false],
  ])('default quiet hours: %s → %s', (time, quiet) => {
    expect(isQuietTime(time)).toBe(quiet);
  });

  it.each([
    ['12:59', false],
    ['13:00', true],
    ['14:59', true],
    ['15:00', false],
  ])('non-wrapping 13:00–15:00: %s → %s', (time, quiet) => {
    expect(isQuietTime(time, { start: '13:00', end: '15:00' })).toBe(quiet);
  });

  it.each([
    ['21:59', false],
    ['22:00', true],
    ['06:29', true],
    ['06:30', false],
  ])('custom wrapping 22:00–06:30: %s → %s', (time, quiet) => {
    expect(isQuietTime(time, { start: '22:00', end: '06:30' })).toBe(quiet);
  });

  it('treats null and an empty window (start = end) as no quiet hours', () => {
    expect(isQuietTime('03:00', null)).toBe(false);
    expect(isQuietTime('21:00', { start: '21:00', end: '21:00' })).toBe(false);
  });

  it('rejects malformed times', () => {
    expect(() => isQuietTime('9pm')).toThrow(RangeError);
    expect(() => isQuietTime('09:00', { start: '25:00', end: '08:00' })).toThrow(RangeError);
  });
});

describe('spreadTimes', () => {
  it.each<[number, QuietHours | null, string[]]>([
    [1, DEFAULT_QUIET_HOURS, ['14:30']],
    [2, DEFAULT_QUIET_HOURS, ['11:15', '17:45']],
    [3, DEFAULT_QUIET_HOURS, ['10:10', '14:30', '18:50']],
    [1, null, ['12:00']],
    [2, null, ['06:00', '18:00']],
    [1, { start: '22:00', end: '07:00' }, ['14:30']],
    [3, { start: '22:00', end: '07:00' }, ['09:30', '14:30', '19:30']],
    // Waking window that wraps midnight: allowed 20:00–04:00 for a night-shift worker.
    [2, { start: '04:00', end: '20:00' }, ['22:00', '02:00']],
  ])('%i a day with quiet hours %j → %j', (n, quiet, expected) => {
    expect(spreadTimes(n, quiet)).toEqual(expected);
  });

  it('never puts a spread time inside quiet hours', () => {
    const configs: (QuietHours | null)[] = [
      DEFAULT_QUIET_HOURS,
      { start: '22:00', end: '07:00' },
      { start: '00:00', end: '23:58' },
      { start: '13:00', end: '15:00' },
      null,
    ];
    for (const quiet of configs) {
      for (let n = 1; n <= 12; n++) {
        for (const time of spreadTimes(n, quiet)) expect(isQuietTime(time, quiet)).toBe(false);
      }
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects timesPerDay %d', (n) => {
    expect(() => spreadTimes(n)).toThrow(RangeError);
  });
});

describe('computeReminders: quiet hours', () => {
  // 2026-06-10 00:00 EDT; no DST change nearby.
  const dayStart = at('2026-06-10T04:00:00Z');

  it.each([
    ['20:59', '2026-06-10', '20:59', '2026-06-11T00:59:00.000Z', []],
    ['21:00', '2026-06-11', '08:00', '2026-06-11T12:00:00.000Z', ['QUIET_HOURS']],
    ['23:30', '2026-06-11', '08:00', '2026-06-11T12:00:00.000Z', ['QUIET_HOURS']],
    ['00:00', '2026-06-10', '08:00', '2026-06-10T12:00:00.000Z', ['QUIET_HOURS']],
    ['07:59', '2026-06-10', '08:00', '2026-06-10T12:00:00.000Z', ['QUIET_HOURS']],
    ['08:00', '2026-06-10', '08:00', '2026-06-10T12:00:00.000Z', []],
  ])('the 2026-06-10 %s reminder fires on %s at %s local (%s)', (time, date, shown, instant, adjustments) => {
    expect(placeReminder('2026-06-10', time, NY)).toEqual({
      fireAt: new Date(instant),
      localDate: date,
      localTime: shown,
      adjustments,
    });
  });

  it('collapses times pushed onto the same end-of-quiet minute into one reminder', () => {
    const reminders = computeReminders({
      schedule: [{ itemId: 'chin-tucks', times: ['07:59', '08:00', '20:59', '21:00'] }],
      timeZone: NY,
      from: dayStart,
      horizonDays: 2,
    });
    expect(reminders.map((r) => [iso(r.fireAt), r.localTime, r.scheduledTimes])).toEqual([
      // The evening before's 21:00 lands here too.
      ['2026-06-10T12:00:00.000Z', '08:00', ['07:59', '08:00', '21:00']],
      ['2026-06-11T00:59:00.000Z', '20:59', ['20:59']],
      // Day 1's 21:00 joins day 2's 07:59 and 08:00.
      ['2026-06-11T12:00:00.000Z', '08:00', ['07:59', '08:00', '21:00']],
      ['2026-06-12T00:59:00.000Z', '20:59', ['20:59']],
    ]);
  });

  it('keeps reminders of different items at the same minute apart, ordered by item', () => {
    const reminders = computeReminders({
      schedule: [
        { itemId: 'temple-scalp-circles', times: ['07:00'] },
        { itemId: 'chin-tucks', times: ['08:00'] },
      ],
      timeZone: NY,
      from: dayStart,
      horizonDays: 1,
    });
    expect(reminders.map((r) => [r.itemId, iso(r.fireAt)])).toEqual([
      ['chin-tucks', '2026-06-10T12:00:00.000Z'],
      ['temple-scalp-circles', '2026-06-10T12:00:00.000Z'],
    ]);
  });

  it('honours configurable non-wrapping quiet hours', () => {
    const [first] = computeReminders({
      schedule: [{ itemId: 'chin-tucks', times: ['13:00'] }],
      timeZone: NY,
      quietHours: { start: '12:00', end: '14:00' },
      from: dayStart,
      horizonDays: 1,
    });
    expect(first?.localTime).toBe('14:00');
    expect(first?.localDate).toBe('2026-06-10');
  });

  it('fires through the night when quiet hours are off', () => {
    const [first] = computeReminders({
      schedule: [{ itemId: 'chin-tucks', times: ['23:30'] }],
      timeZone: NY,
      quietHours: null,
      from: dayStart,
      horizonDays: 1,
    });
    expect(iso(first?.fireAt ?? new Date(0))).toBe('2026-06-11T03:30:00.000Z');
  });
});

describe('computeReminders: schedule shapes and window', () => {
  const from = at('2026-06-10T04:00:00Z');

  it('spreads timesPerDay over the waking day', () => {
    const reminders = computeReminders({
      schedule: [{ itemId: 'chin-tucks', timesPerDay: 2 }],
      timeZone: NY,
      from,
      horizonDays: 1,
    });
    expect(reminders.map((r) => r.localTime)).toEqual(['11:15', '17:45']);
  });

  it('prefers explicit times over timesPerDay, and skips items with neither', () => {
    const reminders = computeReminders({
      schedule: [{ itemId: 'a', times: ['09:00'], timesPerDay: 3 }, { itemId: 'b' }],
      timeZone: NY,
      from,
      horizonDays: 1,
    });
    expect(reminders.map((r) => [r.itemId, r.localTime])).toEqual([['a', '09:00']]);
  });

  it('uses the client zone: 09:00 in Kolkata is 03:30 UTC', () => {
    const [first] = computeReminders({
      schedule: [{ itemId: 'a', times: ['09:00'] }],
      timeZone: 'Asia/Kolkata',
      from: at('2026-06-10T00:00:00Z'),
      horizonDays: 1,
    });
    expect(iso(first?.fireAt ?? new Date(0))).toBe('2026-06-10T03:30:00.000Z');
  });

  it('treats the window as [from, from + horizon)', () => {
    const schedule = [{ itemId: 'a', times: ['09:00'] }];
    const nine = at('2026-06-10T13:00:00Z');
    const startsAtFire = computeReminders({ schedule, timeZone: NY, from: nine, horizonDays: 1 });
    expect(startsAtFire.map((r) => iso(r.fireAt))).toEqual(['2026-06-10T13:00:00.000Z']);
    const endsAtFire = computeReminders({
      schedule,
      timeZone: NY,
      from: at('2026-06-09T13:00:00.001Z'),
      horizonDays: (24 * 3_600_000 - 1) / (24 * 3_600_000),
    });
    expect(endsAtFire).toEqual([]);
    expect(computeReminders({ schedule, timeZone: NY, from: nine, horizonDays: 0 })).toEqual([]);
  });

  it('chained windows neither drop nor repeat reminders', () => {
    const schedule: ReminderItemSchedule[] = [
      { itemId: 'a', times: ['07:00', '12:00', '22:00'] },
      { itemId: 'b', timesPerDay: 3 },
    ];
    const base = { schedule, timeZone: NY };
    const whole = computeReminders({ ...base, from, horizonDays: 6 });
    const parts = [0, 2, 4].flatMap((d) =>
      computeReminders({ ...base, from: new Date(from.getTime() + d * 86_400_000), horizonDays: 2 }),
    );
    expect(parts).toEqual(whole);
    expect(whole).toHaveLength(6 * 2 + 6 * 3);
  });

  it('rejects bad input loudly', () => {
    const base = { timeZone: NY, from, horizonDays: 1 };
    expect(() => computeReminders({ ...base, schedule: [{ itemId: 'a', times: ['9am'] }] })).toThrow(
      RangeError,
    );
    expect(() => computeReminders({ ...base, schedule: [], timeZone: 'Nowhere/Else' })).toThrow(RangeError);
    expect(() => computeReminders({ ...base, schedule: [], horizonDays: -1 })).toThrow(RangeError);
    expect(() => computeReminders({ ...base, schedule: [], from: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe('computeReminders: DST', () => {
  const fires = (zone: string, time: string, fromIso: string, quietHours: QuietHours | null = null) =>
    computeReminders({
      schedule: [{ itemId: 'a', times: [time] }],
      timeZone: zone,
      quietHours,
      from: at(fromIso),
      horizonDays: 3,
    }).map((r) => [iso(r.fireAt), r.localDate, r.localTime, r.adjustments]);

  it('New York spring forward: 02:30 does not exist on 2026-03-08 and fires at 03:00 EDT', () => {
    expect(fires(NY, '02:30', '2026-03-07T05:00:00Z')).toEqual([
      ['2026-03-07T07:30:00.000Z', '2026-03-07', '02:30', []],
      ['2026-03-08T07:00:00.000Z', '2026-03-08', '03:00', ['DST_GAP']],
      ['2026-03-09T06:30:00.000Z', '2026-03-09', '02:30', []],
    ]);
  });

  it('New York fall back: 01:30 happens twice on 2026-11-01 and fires once, at the first', () => {
    expect(fires(NY, '01:30', '2026-10-31T04:00:00Z')).toEqual([
      ['2026-10-31T05:30:00.000Z', '2026-10-31', '01:30', []],
      ['2026-11-01T05:30:00.000Z', '2026-11-01', '01:30', ['DST_OVERLAP']],
      ['2026-11-02T06:30:00.000Z', '2026-11-02', '01:30', []],
    ]);
  });

  it('London spring forward: 01:30 does not exist on 2026-03-29 and fires at 02:00 BST', () => {
    expect(fires(LONDON, '01:30', '2026-03-28T00:00:00Z')).toEqual([
      ['2026-03-28T01:30:00.000Z', '2026-03-28', '01:30', []],
      ['2026-03-29T01:00:00.000Z', '2026-03-29', '02:00', ['DST_GAP']],
      ['2026-03-30T00:30:00.000Z', '2026-03-30', '01:30', []],
    ]);
  });

  it('London fall back: 01:30 happens twice on 2026-10-25 and fires once', () => {
    expect(fires(LONDON, '01:30', '2026-10-24T00:00:00Z')).toEqual([
      ['2026-10-24T00:30:00.000Z', '2026-10-24', '01:30', []],
      ['2026-10-25T00:30:00.000Z', '2026-10-25', '01:30', ['DST_OVERLAP']],
      ['2026-10-26T01:30:00.000Z', '2026-10-26', '01:30', []],
    ]);
  });

  it.each([
    [
      NY,
      '2026-03-07T05:00:00Z',
      ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ],
    [
      NY,
      '2026-10-31T04:00:00Z',
      ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    ],
    [
      LONDON,
      '2026-03-28T00:00:00Z',
      ['2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-03-30T08:00:00.000Z'],
    ],
    [
      LONDON,
      '2026-10-24T00:00:00Z',
      ['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-10-26T09:00:00.000Z'],
    ],
  ])(
    '%s: a 09:00 reminder stays at 09:00 on the wall clock across the change (from %s)',
    (zone, fromIso, expected) => {
      expect(fires(zone, '09:00', fromIso, DEFAULT_QUIET_HOURS).map((f) => f[0])).toEqual(expected);
    },
  );

  it('with default quiet hours, a 02:30 reminder moves to 08:00 local with the right offset on both sides', () => {
    expect(fires(NY, '02:30', '2026-03-07T05:00:00Z', DEFAULT_QUIET_HOURS).map((f) => [f[0], f[2]])).toEqual([
      ['2026-03-07T13:00:00.000Z', '08:00'],
      ['2026-03-08T12:00:00.000Z', '08:00'],
      ['2026-03-09T12:00:00.000Z', '08:00'],
    ]);
  });

  it('a gap shift that lands in quiet hours moves on to the end of quiet hours', () => {
    expect(fires(NY, '02:30', '2026-03-08T05:00:00Z', { start: '03:00', end: '06:00' })[0]).toEqual([
      '2026-03-08T10:00:00.000Z',
      '2026-03-08',
      '06:00',
      ['DST_GAP', 'QUIET_HOURS'],
    ]);
  });

  it('quiet hours ending inside the gap end at the first valid minute', () => {
    expect(placeReminder('2026-03-07', '23:00', NY, { start: '22:00', end: '02:30' })).toEqual({
      fireAt: new Date('2026-03-08T07:00:00.000Z'),
      localDate: '2026-03-08',
      localTime: '03:00',
      adjustments: ['DST_GAP', 'QUIET_HOURS'],
    });
  });

  it.each([
    [NY, '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z', '03:00', ['DST_GAP']],
    [NY, '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', '01:30', ['DST_OVERLAP']],
    [LONDON, '2026-03-29', '01:30', '2026-03-29T01:00:00.000Z', '02:00', ['DST_GAP']],
    [LONDON, '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', '01:30', ['DST_OVERLAP']],
    [LONDON, '2026-10-25', '21:00', '2026-10-26T08:00:00.000Z', '08:00', ['QUIET_HOURS']],
    [NY, '2026-03-07', '21:00', '2026-03-08T12:00:00.000Z', '08:00', ['QUIET_HOURS']],
  ])('placeReminder %s %s %s → %s (%s local)', (zone, date, time, instant, shown, adjustments) => {
    const quiet = time === '21:00' ? DEFAULT_QUIET_HOURS : null;
    const placed = placeReminder(date, time, zone, quiet);
    expect(placed.fireAt.toISOString()).toBe(instant);
    expect(placed.localTime).toBe(shown);
    expect(placed.adjustments).toEqual(adjustments);
  });
});

describe('nextFireAfter', () => {
  const schedule = [{ itemId: 'a', times: ['20:59', '21:00'] }];

  it('is strictly after the instant', () => {
    const fired = at('2026-06-11T00:59:00Z'); // 20:59 EDT
    expect(iso(nextFireAfter(schedule, NY, undefined, fired)?.fireAt ?? new Date(0))).toBe(
      '2026-06-11T12:00:00.000Z',
    );
    const justBefore = at('2026-06-11T00:58:59.999Z');
    expect(iso(nextFireAfter(schedule, NY, undefined, justBefore)?.fireAt ?? new Date(0))).toBe(
      '2026-06-11T00:59:00.000Z',
    );
  });

  it('does not fire the repeated 01:30 after fall back', () => {
    const next = nextFireAfter([{ itemId: 'a', times: ['01:30'] }], NY, null, at('2026-11-01T05:30:00Z'));
    expect(iso(next?.fireAt ?? new Date(0))).toBe('2026-11-02T06:30:00.000Z');
  });

  it('finds the shifted time on the spring-forward day', () => {
    const next = nextFireAfter([{ itemId: 'a', times: ['02:30'] }], NY, null, at('2026-03-07T07:30:00Z'));
    expect(iso(next?.fireAt ?? new Date(0))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('returns null for an empty schedule', () => {
    expect(nextFireAfter([], NY, undefined, at('2026-06-10T00:00:00Z'))).toBeNull();
    expect(nextFireAfter([{ itemId: 'a', times: [] }], NY, undefined, at('2026-06-10T00:00:00Z'))).toBeNull();
  });
});

describe('reminderJobId', () => {
  const fireAt = at('2026-03-08T07:00:00Z');

  it('is deterministic and readable', () => {
    expect(reminderJobId('plan-1', 'chin-tucks', fireAt)).toBe('reminder_plan-1_chin-tucks_20260308T070000Z');
    expect(reminderJobId('plan-1', 'chin-tucks', new Date(fireAt))).toBe(
      reminderJobId('plan-1', 'chin-tucks', fireAt),
    );
  });

  it('never contains ":" and is never all digits (both rejected by BullMQ custom ids)', () => {
    for (const [planId, itemId] of [
      ['a:b', 'c:d'],
      ['12', '34'],
      ['plan:1:2', 'x'],
    ] as const) {
      const id = reminderJobId(planId, itemId, fireAt);
      expect(id).not.toContain(':');
      expect(`${Number.parseInt(id, 10)}`).not.toBe(id);
    }
  });

  it.each([
    [
      ['a_b', 'c'],
      ['a', 'b_c'],
    ],
    [
      ['a.5fb', 'c'],
      ['a_b', 'c'],
    ],
    [
      ['x:y', 'z'],
      ['x.3ay', 'z'],
    ],
    [
      ['é', 'z'],
      ['e', 'z'],
    ],
  ])('cannot collide: %j vs %j', ([p1, i1], [p2, i2]) => {
    expect(reminderJobId(p1 ?? '', i1 ?? '', fireAt)).not.toBe(reminderJobId(p2 ?? '', i2 ?? '', fireAt));
  });

  it('differs per instant, and ignores sub-second noise', () => {
    expect(reminderJobId('p', 'i', fireAt)).not.toBe(reminderJobId('p', 'i', at('2026-03-08T07:01:00Z')));
    expect(reminderJobId('p', 'i', at('2026-03-08T07:00:00.999Z'))).toBe(reminderJobId('p', 'i', fireAt));
  });

  it('rejects empty ids and invalid dates', () => {
    expect(() => reminderJobId('', 'i', fireAt)).toThrow(RangeError);
    expect(() => reminderJobId('p', '', fireAt)).toThrow(RangeError);
    expect(() => reminderJobId('p', 'i', new Date(Number.NaN))).toThrow(RangeError);
  });
});
