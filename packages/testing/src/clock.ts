import { DateTime } from 'luxon';

// The suite can run as if it were any moment: `TEST_NOW` (an ISO instant) sets
// where the clock starts, and `TEST_NOW_ANCHOR` (epoch ms, set once per run by
// the runner) says when that was, so every process of one run agrees.
const fakeStart = process.env.TEST_NOW ? Date.parse(process.env.TEST_NOW) : undefined;
if (fakeStart !== undefined && Number.isNaN(fakeStart)) {
  throw new Error(`TEST_NOW must be an ISO-8601 instant, got "${process.env.TEST_NOW}"`);
}
const anchor = Number(process.env.TEST_NOW_ANCHOR) || Date.now();

/** The suite's present: the real clock, or TEST_NOW moving forward in real time. */
export function suiteNow(): Date {
  return fakeStart === undefined ? new Date() : new Date(fakeStart + (Date.now() - anchor));
}

/**
 * A clock tests move by hand; pass `clock.now` wherever a service takes `now`.
 * A fixed clock stands still between moves; a running one (`TestClock.running()`)
 * also follows real time, for flows whose workers wait on real timers.
 */
export class TestClock {
  private current: number;
  private readonly since: number | undefined;

  constructor(start: Date | string = '2026-11-23T15:00:00.000Z', opts: { running?: boolean } = {}) {
    this.current = new Date(start).getTime();
    this.since = opts.running ? Date.now() : undefined;
  }

  /** A clock that starts at the suite's present (see TEST_NOW) and keeps running. */
  static running(start: Date | string = suiteNow()): TestClock {
    return new TestClock(start, { running: true });
  }

  private elapsed(): number {
    return this.since === undefined ? 0 : Date.now() - this.since;
  }

  readonly now = (): Date => new Date(this.current + this.elapsed());

  set(to: Date | string): void {
    this.current = new Date(to).getTime() - this.elapsed();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  advanceMinutes(minutes: number): Date {
    return this.advance(minutes * 60_000);
  }

  advanceDays(days: number): Date {
    return this.advance(days * 86_400_000);
  }
}

/**
 * The first `hh:mm` wall-clock time in `zone` at least `minLeadMs` after `from`:
 * "tomorrow 10:00 in New York" without reading the machine's zone or hour.
 */
export function nextLocalTime(from: Date, zone: string, hhmm: string, minLeadMs = 0): Date {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  const earliest = from.getTime() + minLeadMs;
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
    const at = day.set({ hour, minute });
    if (at.toMillis() >= earliest) return at.toJSDate();
  }
  throw new Error(`no ${hhmm} in ${zone} within 400 days of ${from.toISOString()}`);
}
